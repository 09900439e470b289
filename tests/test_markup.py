"""The escaping helpers: a value from a file renders as written in HTML and in Markdown."""

import re

from nbconvert.filters.markdown_mistune import markdown2html_mistune

from postlab.markup import (
    html_text,
    keep_units,
    md_code,
    md_file_link,
    md_link,
    md_text,
    web_address,
)

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[x](javascript:alert(3))",
    "![x](javascript:alert(4))",
    "<javascript:alert(5)>",
    "a `code` | cell *b* _c_ ~~d~~ $e$",
    "line\n\n# heading\n> quote\n<div onclick=alert(6)>",
]
LIVE = re.compile(r"<(?!/?(?:p|code|em|strong|a href=\"https?:)\b)|javascript:[^<]*</a>", re.I)


def test_markdown_text_renders_as_written_with_no_markup():
    for value in PAYLOADS:
        rendered = markdown2html_mistune(f"- **Learning**: {md_text(value)}")
        inner = re.sub(r"^<ul>\s*<li><strong>Learning</strong>: |</li>\s*</ul>\s*$", "", rendered)
        assert not LIVE.search(inner), (value, rendered)
        assert html_text(" ".join(value.split())) == inner, (value, rendered)


def test_table_cells_stay_in_their_column():
    row = "| " + " | ".join(md_text(v) for v in ("a | b", "c")) + " |"
    rendered = markdown2html_mistune(f"| x | y |\n|---|---|\n{row}")
    assert rendered.count("<td>") == 2 and "a | b" in rendered


def test_code_spans_hold_any_backticks():
    assert markdown2html_mistune(md_code("a``b<i>")).strip() == "<p><code>a``b&lt;i&gt;</code></p>"


def test_links_only_to_web_addresses():
    assert web_address("javascript:alert(1)") is None
    assert web_address(" JavaScript:alert(1)") is None
    assert web_address("https://x.com/a b") is None
    assert web_address("https://x.com/status/1") == "https://x.com/status/1"
    assert md_link("1", "javascript:alert(1)") == "1"
    page = markdown2html_mistune(md_link("1", 'https://x.com/")onmouseover=alert(1)'))
    assert "onmouseover=alert" in page and '"' + ")onmouseover" not in page
    assert md_file_link("report", "../runs/a b.html") == "[report](<../runs/a%20b.html>)"
    assert html_text("\"'<>&") == "&quot;&#x27;&lt;&gt;&amp;"


def test_a_number_keeps_its_unit_on_a_narrow_screen():
    page = (
        "<style>td { width: 50 %; }</style><p title='+42 %'>+42 % (+25 % to +74 %); "
        "a gap of 3 points</p><script>var x = '1 %';</script>"
    )
    assert keep_units(page) == (
        "<style>td { width: 50 %; }</style><p title='+42 %'>+42&nbsp;% (+25&nbsp;% to "
        "+74&nbsp;%); a gap of 3&nbsp;points</p><script>var x = '1 %';</script>"
    )
