"""Values from files shown as text, never as markup: one rule for HTML, one for Markdown.

An experiment file, ``postlab.yml`` and an export are written by people and
tools postlab does not control: a title holding ``<script>``, a learning
holding ``<img onerror=...>`` or ``[x](javascript:...)``, an account name
holding ``|`` must read as those characters in a report, the record and a
notebook, and do nothing. Every page and Markdown file postlab writes puts
such values through ``html_text`` or ``md_text`` (``md_code`` inside
backticks); a link's address goes through ``web_address`` first, so only
``http(s)`` addresses ever become links.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

# Markdown's inline syntax: emphasis, code, links and images, raw HTML, tables, strike, math
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$])")
_SPACE = re.compile(r"\s+")
_TICKS = re.compile(r"`+")
# a number and its unit: "+42 %", "3 points"; the space becomes a no-break space in pages
_NUMBER_UNIT = re.compile(r"(?<=\d) (?=%|points?\b)")
_TAG_OR_RAW = re.compile(r"(<script\b.*?</script>|<style\b.*?</style>|<[^>]*>)", re.S | re.I)
WEB_SCHEMES = ("https://", "http://")


def html_text(value) -> str:
    """``value`` as HTML text or attribute value: ``<``, ``>``, ``&`` and quotes escaped."""
    return html.escape(str(value), quote=True)


def keep_units(page: str) -> str:
    """``page`` with each number joined to its unit by a no-break space (``42&nbsp;%``), in
    its text only (tags, scripts and styles untouched): a narrow screen never wraps "+42"
    away from its "%"."""
    pieces = _TAG_OR_RAW.split(page)
    pieces[::2] = [_NUMBER_UNIT.sub("&nbsp;", text) for text in pieces[::2]]
    return "".join(pieces)


def md_text(value) -> str:
    """``value`` as one line of Markdown text that renders as written.

    Markdown's inline syntax is backslash-escaped (CommonMark and GitHub honour
    it, and nbconvert's renderer too) and line breaks become spaces, so a value
    can start no heading, list, quote, table row or HTML block.
    """
    return _MD_SPECIAL.sub(r"\\\1", _SPACE.sub(" ", str(value)))


def md_code(value) -> str:
    """``value`` as an inline code span: fenced by more backticks than it holds."""
    text = _SPACE.sub(" ", str(value)).strip()
    fence = "`" * (1 + max((len(run) for run in _TICKS.findall(text)), default=0))
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def web_address(url) -> str | None:
    """``url`` if it is an http(s) address a link may point to, else None (``javascript:``...)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    return url if url.lower().startswith(WEB_SCHEMES) and not _SPACE.search(url) else None


def md_link(text, url) -> str:
    """A Markdown link to a web address, or the text alone when ``url`` is not one."""
    address = web_address(url)
    if address is None:
        return md_text(text)
    return f"[{md_text(text)}](<{quote(address, safe=':/?#@!$&*+,;=%-._~')}>)"


def md_file_link(text, path) -> str:
    """A Markdown link to a file beside the page (a relative path; no scheme can slip in)."""
    return f"[{md_text(text)}](<{quote(str(path), safe='/-._~')}>)"
