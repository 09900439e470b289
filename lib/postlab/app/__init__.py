"""The workbench page (``postlab app``): the team's loop in forms, rendered by Voilà.

The page's notebook calls ``show()``, which displays the page with its
Exports tab, then (a cell later, so that Voilà shows the page meanwhile)
``open_all()`` on what it returned, which builds the other tabs. The widgets'
libraries (pandas, the loaders, the statistics) are imported only then, so the
command that starts the page answers at once.
"""

from __future__ import annotations

import html
import os

LOADING = "<p>Reading the workspace's exports…</p>"


def show(workspace: str | None = None, files: str | None = None):
    """Display the page for ``workspace`` (default: the one ``postlab app`` named);
    return its ``Workbench``.

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
    return bench
