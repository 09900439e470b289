"""The workbench page: the team's loop as five tabs of forms, for Voilà.

Each tab is a thin skin over the library functions the commands use
(``uploads``, ``draft``, ``plan_schedule``, ``LabellingWidget``, ``rerun``,
``decision``): the page adds no second implementation. Every value from a
file or an export is escaped before it is shown; post text is only shown by
the labelling widget, which scrubs it.

This module holds the page and its first tab, Exports, and imports only what
they need (the loaders), so the page is up in seconds; ``Workbench.open_all``
then builds the other four tabs (``postlab.app.tabs``: the statistics, the
record, the labelling widget), while the officer reads the first.
"""

from __future__ import annotations

import html
import traceback
import warnings
from pathlib import Path

import ipywidgets as widgets

from postlab.app.uploads import Upload, receive
from postlab.commands.load import summary as accounts_summary
from postlab.exceptions import PostlabError
from postlab.loaders.cache import load_posts
from postlab.loaders.readers import EXPORT_SUFFIXES
from postlab.project import EXPORTS_FOLDER, Project
from postlab.words import plural

NO_EXPORTS = "No exports yet: add the files the platforms let you download."
LATER = {  # the tabs after Exports: title -> class in postlab.app.tabs
    "New experiment": "ExperimentForm",
    "Schedule": "ScheduleTab",
    "Label posts": "LabelTab",
    "Run and read": "RunTab",
}
WIDE = widgets.Layout(width="28em", max_width="100%")
ROW = widgets.Layout(flex_flow="row wrap", align_items="flex-start")
STYLE = {"description_width": "11em"}
CSS = """<style>
.postlab-msg { color: #8a1c1c; max-width: 32em; font-size: 90%; padding-left: 1em;
  line-height: 1.4; margin: 0.2em 0; overflow-wrap: anywhere }
.postlab-ok { color: #1d5e2a; max-width: 32em; font-size: 90%; padding-left: 1em;
  line-height: 1.4; margin: 0.2em 0; overflow-wrap: anywhere }
.postlab-wide .postlab-msg, .postlab-wide .postlab-ok { max-width: 60em }
.postlab-card { border: 1px solid #bbb; border-radius: 6px; padding: 0.4em 1em;
  margin: 0.6em 0; max-width: 46em }
.postlab-card a, .postlab-links a { color: #1a5fb4; text-decoration: underline }
.postlab-pre { white-space: pre-wrap; font-family: monospace; font-size: 85%; max-width: 60em;
  line-height: 1.4; overflow-wrap: anywhere }
.postlab-links { overflow-wrap: anywhere }
.jupyter-widgets.jupyter-widget-tab > .lm-TabBar > .lm-TabBar-content { flex-wrap: wrap }
.jupyter-widgets.jupyter-widget-tab > .lm-TabBar .lm-TabBar-tab { flex: 0 0 auto }
</style>"""  # tab titles whole, on two rows on a phone, never cut short


def escaped(text: str) -> str:
    return html.escape(str(text))


def pre(text: str) -> str:
    return f'<div class="postlab-pre">{escaped(text)}</div>'


def messages(lines: list[str], css: str = "postlab-msg") -> str:
    return "".join(f'<div class="{css}">{escaped(line)}</div>' for line in lines)


def failure(error: Exception) -> str:
    """A PostlabError in its own words; anything else named as a bug, without the traceback."""
    if isinstance(error, PostlabError):
        return messages([str(error)])
    traceback.print_exc()  # into the server's log, not the page
    return messages([f"internal error: {type(error).__name__}: {error}"])


class Workbench:
    """The page's state: the workspace and its posts table, shared by the tabs."""

    def __init__(self, project: Project, link_base: str = "") -> None:
        self.project = project
        self.link_base = link_base  # the workspace's folder as Voilà's file route sees it
        self.posts = None
        self.report = None
        self.reload()

    def reload(self) -> None:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                self.posts, self.report = load_posts(self.project.data_folder())
            except PostlabError as error:
                self.posts, self.report = None, None
                exports = self.project.data / EXPORTS_FOLDER
                empty = not any(exports.iterdir()) if exports.is_dir() else False
                self.load_error = NO_EXPORTS if empty else str(error)
        self.load_warnings = [str(w.message) for w in caught]
        for panel in getattr(self, "panels", {}).values():
            if hasattr(panel, "refresh"):
                panel.refresh()

    def link(self, relative: str) -> str:
        """The page's address of a file of the workspace (served through Voilà's allowlist)."""
        return f"{self.link_base}{relative}"

    def experiment_files(self) -> list[Path]:
        return sorted(self.project.experiments.glob("*.yml"))

    def tabs(self) -> widgets.Tab:
        """The tabs, Exports built and the others waiting for ``open_all``."""
        self.panels = {"Exports": ExportsTab(self)}
        self.slots = {
            name: widgets.VBox([widgets.HTML(messages(["Loading…"], "postlab-ok"))])
            for name in LATER
        }
        tab = widgets.Tab(children=[self.panels["Exports"].box, *self.slots.values()])
        for index, name in enumerate(["Exports", *LATER]):
            tab.set_title(index, name)
        return tab

    def open_all(self) -> None:
        """Build the tabs after Exports (their libraries take seconds to import)."""
        from postlab.app import tabs

        for name, kind in LATER.items():
            if name not in self.panels:
                self.panels[name] = getattr(tabs, kind)(self)
                self.slots[name].children = [self.panels[name].box]

    def show(self) -> widgets.VBox:
        team = self.project.team or "demo"
        title = widgets.HTML(
            f"{CSS}<h2>postlab · {escaped(team)}</h2>"
            f"<p>From exports to a recorded decision. Workspace: {escaped(self.project.root.name)}"
            "</p>"
        )
        return widgets.VBox([title, self.tabs()])


class ExportsTab:
    def __init__(self, bench: Workbench) -> None:
        self.bench = bench
        self.upload = widgets.FileUpload(
            accept=",".join(EXPORT_SUFFIXES), multiple=True, description="Choose exports"
        )
        self.add = widgets.Button(description="Add to the exports", button_style="primary")
        self.add.on_click(lambda _: self.receive())
        self.result = widgets.HTML()
        self.summary = widgets.HTML()
        self.box = widgets.VBox(
            [
                widgets.HTML(
                    "<p>Drop the files the platforms let you download. Each is read alone "
                    "first and kept only if it holds posts.</p>"
                ),
                widgets.HBox([self.upload, self.add], layout=ROW),
                self.result,
                self.summary,
            ]
        )
        self.show_summary()

    def receive(self) -> None:
        uploads = [
            Upload(item["name"], bytes(item["content"]), item.get("last_modified"))
            for item in self.upload.value
        ]
        if not uploads:
            self.result.value = messages(["Choose one or more export files first."])
            return
        try:
            received = receive(uploads, self.bench.project)
        except Exception as error:
            self.result.value = failure(error)
            return
        self.upload.value = ()
        kept = [f"kept {name}: {plural(posts, 'post')}" for name, posts in received.kept]
        refused = [f"refused {name}: {reason}" for name, reason in received.refused]
        self.result.value = '<div class="postlab-wide">' + (
            messages(kept, "postlab-ok")
            + messages(refused)
            + ("<p><b>Warnings</b></p>" + messages(received.notes) if received.notes else "")
            + "</div>"
        )
        self.bench.reload()
        self.show_summary()

    def show_summary(self) -> None:
        bench = self.bench
        if bench.posts is None:
            self.summary.value = messages([bench.load_error])
            return
        notes = bench.report.notes() + bench.load_warnings
        self.summary.value = (
            "<h4>Posts per account</h4>"
            + pre(accounts_summary(bench.posts))
            + (
                '<h4>Warnings of the load</h4><div class="postlab-wide">'
                + messages(notes)
                + "</div>"
                if notes
                else ""
            )
        )
