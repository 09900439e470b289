"""Open postlab's pages in a real headless Chromium, offline, and say what is wrong.

The reports and the record are read in a browser, so they are checked in
one: Playwright drives the system's Chromium (Debian's ``chromium``, or the
one named by ``POSTLAB_CHROMIUM``) with a fresh profile and every request
intercepted; only ``file:`` and ``data:`` addresses load. A rendered page
lists its console errors, the requests it tried to make elsewhere, images
that did not load and links that lead nowhere, and measures its layout.
The browser tests and ``postlab screenshots`` share this module.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from postlab.exceptions import ReportError

CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome")
LOCAL_SCHEMES = ("file", "data", "blob", "about")
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")  # a page object, not the page tree


def find_chromium() -> str | None:
    """The Chromium to drive: ``$POSTLAB_CHROMIUM``, else the first one on the PATH."""
    named = os.environ.get("POSTLAB_CHROMIUM")
    if named:
        return named if Path(named).is_file() else None
    return next(filter(None, map(shutil.which, BROWSER_NAMES)), None)


def unavailable() -> str | None:
    """Why pages cannot be rendered here (None when they can)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -r requirements.lock)"
    if find_chromium() is None:
        return (
            "no Chromium found (install Debian's chromium package, "
            "or set POSTLAB_CHROMIUM to a Chromium executable)"
        )
    return None


@dataclass
class RenderedPage:
    """One page as Chromium showed it, with what went wrong while loading it."""

    path: Path
    page: object = field(repr=False)
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)  # alert(), confirm(): a script ran

    def broken_images(self) -> list[str]:
        """Images that did not load (no natural width), by the start of their address."""
        return self.page.evaluate(
            "() => Array.from(document.images)"
            ".filter(img => !img.complete || img.naturalWidth === 0)"
            ".map(img => img.getAttribute('src').slice(0, 80))"
        )

    def broken_links(self) -> list[str]:
        """Links to a missing file or a missing anchor; web links are not followed."""
        links = self.page.evaluate(
            "() => Array.from(document.querySelectorAll('a[href]'))"
            ".map(a => [a.getAttribute('href'), a.href])"
        )
        anchors = set(
            self.page.evaluate(
                "() => Array.from(document.querySelectorAll('[id], a[name]'))"
                ".map(e => e.id || e.getAttribute('name'))"
            )
        )
        here = self.path.resolve()
        broken = []
        for written, absolute in links:
            parts = urlsplit(absolute)
            if parts.scheme != "file":
                continue
            target = Path(unquote(parts.path))
            if not target.exists():
                broken.append(f"{written}: no such file")
            elif target == here and parts.fragment and unquote(parts.fragment) not in anchors:
                broken.append(f"{written}: no such anchor on the page")
        return broken

    def problems(self) -> list[str]:
        """Everything that makes the page wrong, one line each (empty: all is well)."""
        return (
            [f"a script opened a dialog: {text}" for text in self.dialogs]
            + [f"console error: {text}" for text in self.console_errors]
            + [f"request to another host: {url}" for url in self.foreign_requests]
            + [f"image did not load: {src}" for src in self.broken_images()]
            + [f"broken link {link}" for link in self.broken_links()]
        )

    def live_markup(self) -> list[str]:
        """Elements that could run code: scripts, ``on...`` handlers, ``javascript:`` links.

        The record's own filter script is not one of them when it is exactly postlab's
        (``record.render.FILTER_SCRIPT``): a page's content can only add others."""
        from postlab.record.render import FILTER_SCRIPT

        return self.page.evaluate(
            "own => Array.from(document.querySelectorAll('*')).filter(e => (e.tagName === 'SCRIPT'"
            " && !(e.attributes.length === 0 && e.textContent === own))"
            " || Array.from(e.attributes).some(a => /^on/i.test(a.name)"
            " || /^\\s*javascript:/i.test(a.value))).map(e => e.outerHTML.slice(0, 80))",
            FILTER_SCRIPT,
        )

    def top(self, selector: str) -> float | None:
        """The y (px from the top of the page) of the first element ``selector`` matches.

        ``selector`` is a Playwright selector (CSS, or ``text=...``); None if absent.
        """
        found = self.page.locator(selector)
        if found.count() == 0:
            return None
        return found.first.evaluate("e => e.getBoundingClientRect().top + window.scrollY")

    def horizontal_overflow(self) -> int:
        """How many px the page scrolls sideways (0: it fits the window's width)."""
        return self.page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )

    def screenshot(self, path: str | Path, height: int | None = None) -> Path:
        """A PNG of the window, or of the page's top ``height`` px (the whole page if shorter)."""
        if height is None:
            self.page.screenshot(path=str(path))
        else:
            size = self.page.evaluate(
                "() => [document.documentElement.clientWidth, document.documentElement.scrollHeight]"
            )
            clip = {"x": 0, "y": 0, "width": size[0], "height": min(size[1], height)}
            self.page.screenshot(path=str(path), full_page=True, clip=clip)
        return Path(path)

    def pdf(self, path: str | Path, *, max_pages: int = 1, smallest: float = 0.6) -> int:
        """Print the page (its print stylesheet) to an A4 PDF at ``path``, shrinking it down to
        ``smallest`` of its size to fit ``max_pages``; the number of pages written."""
        self.page.emulate_media(media="print")
        scale = 1.0
        while True:
            data = self.page.pdf(format="A4", print_background=True, scale=scale)
            pages = len(PDF_PAGE.findall(data))
            if pages <= max_pages or scale <= smallest:
                Path(path).write_bytes(data)
                return pages
            scale = round(scale - 0.1, 2)


class Chromium:
    """A headless Chromium with a fresh profile that opens local pages, offline."""

    def __init__(self, context) -> None:
        self._context = context

    def open(self, path: str | Path, width: int = 1280, height: int = 800) -> RenderedPage:
        """Load ``path`` in a window ``width`` x ``height``; nothing but local files loads."""
        path = Path(path)
        if not path.is_file():
            raise ReportError("no such page", path=path)
        rendered = self._page(path, width, height, hosts=())
        rendered.page.goto(path.resolve().as_uri(), wait_until="load")
        return rendered

    def open_served(self, url: str, width: int = 1280, height: int = 800) -> RenderedPage:
        """A page served on this machine (the workbench page of ``postlab app``): requests
        to its own host and port load, any other host is refused and listed."""
        parts = urlsplit(url)
        rendered = self._page(Path(parts.path), width, height, hosts=(parts.netloc,))
        rendered.page.goto(url, wait_until="commit")  # Voilà streams the page as it runs
        return rendered

    def _page(self, path: Path, width: int, height: int, hosts: tuple[str, ...]) -> RenderedPage:
        page = self._context.new_page()
        page.set_viewport_size({"width": width, "height": height})
        rendered = RenderedPage(path=path, page=page)

        def route(request_route) -> None:
            url = urlsplit(request_route.request.url)
            if url.scheme in LOCAL_SCHEMES or (
                url.scheme in ("http", "ws") and url.netloc in hosts
            ):
                request_route.continue_()
            else:
                rendered.foreign_requests.append(request_route.request.url)
                request_route.abort()

        def console(message) -> None:
            if message.type == "error":
                rendered.console_errors.append(message.text)

        def websocket(socket) -> None:  # not routed: listed when it leaves the page's host
            url = urlsplit(socket.url)
            if url.netloc not in hosts:
                rendered.foreign_requests.append(socket.url)

        page.route("**/*", route)
        page.on("websocket", websocket)
        page.on("console", console)

        def dialog(opened) -> None:
            rendered.dialogs.append(opened.message)
            opened.dismiss()

        page.on("pageerror", lambda error: rendered.console_errors.append(str(error)))
        page.on("dialog", dialog)
        return rendered


@contextlib.contextmanager
def chromium():
    """A ``Chromium`` for the duration of the block; a ReportError if none can start."""
    reason = unavailable()
    if reason:
        raise ReportError(f"cannot open pages in a browser: {reason}")
    from playwright.sync_api import sync_playwright

    with (
        tempfile.TemporaryDirectory(prefix="postlab-chromium-") as profile,
        sync_playwright() as playwright,
    ):
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=find_chromium(),
            headless=True,
            args=list(CHROMIUM_ARGS),
        )
        try:
            yield Chromium(context)
        finally:
            context.close()


@contextlib.contextmanager
def served(server: subprocess.Popen, link: str, timeout: float = 120):
    """A page server started by the caller, once it accepts connections at ``link``; it is
    stopped when the block ends (killed if it has not ended 20 s after being asked).

    A ReportError if it exits first or does not listen within ``timeout`` seconds.
    """
    try:
        address = urlsplit(link)
        deadline = time.monotonic() + timeout
        while not _accepts(address.hostname, address.port):
            if server.poll() is not None:
                raise ReportError(f"the page server at {link} exited ({server.returncode})")
            if time.monotonic() > deadline:
                raise ReportError(f"the page server at {link} did not listen in {timeout:.0f} s")
            time.sleep(0.05)
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _accepts(host: str | None, port: int | None) -> bool:
    try:
        socket.create_connection((host, port), timeout=1).close()
    except OSError:
        return False
    return True
