"""The workbench page (``postlab app``): the team's loop in forms, rendered by Voilà.

``show()`` is all the page's notebook calls. The widgets' library (pandas,
the loaders, the statistics) is imported only then, so the command that
starts the page answers at once; the title is displayed before the
workspace's posts are read.
"""

from __future__ import annotations

import html
import os

LOADING = "<p>Reading the workspace's exports…</p>"


def show(workspace: str | None = None, files: str | None = None) -> None:
    """Display the page for ``workspace`` (default: the one ``postlab app`` named).

    ``files`` is where Voilà serves the workspace's reports (default: as ``postlab app`` set).
    """
    import ipywidgets as widgets
    from IPython.display import display

    from postlab.app.server import FILES_ENV, WORKSPACE_ENV
    from postlab.project import Project

    root = workspace or os.environ.get(WORKSPACE_ENV) or "."
    os.chdir(root)  # the kernel is the page's own: paths read as inside the workspace
    project = Project.find(".")
    title = f"<h2>postlab · {html.escape(project.team or 'demo')}</h2>"
    page = widgets.VBox([widgets.HTML(title + LOADING)])
    display(page)

    from postlab.app.page import Workbench

    bench = Workbench(project, files if files is not None else os.environ.get(FILES_ENV, ""))
    page.children = bench.show().children
