"""Voilà as ``postlab app`` runs it: the workspace's files only to the page's own browser.

Voilà serves files of its root on ``voila/files/`` to anyone who asks, token
or not; here that route asks for the page's token (or the login cookie the
page's first request set), so another user of the machine cannot read a report
by guessing its address. ``python -m postlab.app.serve`` takes Voilà's options.
"""

from __future__ import annotations

import sys

# jsonschema builds the grammar of its optional IRI format check when imported
# (1.5 s at start); the server's event schemas never check that format.
sys.modules.setdefault("rfc3987_syntax", None)

from jupyter_server.base.handlers import JupyterHandler  # noqa: E402
from tornado import web  # noqa: E402
from voila.app import Voila  # noqa: E402
from voila.static_file_handler import AllowListFileHandler  # noqa: E402


class TokenFileHandler(JupyterHandler, AllowListFileHandler):
    """Voilà's allowlisted files, refused (403) to a request without the token."""

    async def prepare(self) -> None:
        await super().prepare(_redirect_to_login=False)  # 403, not the login form
        if self.current_user is None:
            raise web.HTTPError(403, "the page's token is needed")

    # Jupyter's error page needs templates Voilà's server has not: tornado's plain one
    write_error = web.RequestHandler.write_error


class PostlabVoila(Voila):
    """Voilà with its file route behind the token."""

    def init_handlers(self) -> list:
        return [
            (route[0], TokenFileHandler, *route[2:]) if route[1] is AllowListFileHandler else route
            for route in super().init_handlers()
        ]


main = PostlabVoila.launch_instance

if __name__ == "__main__":
    main()
