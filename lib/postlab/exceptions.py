"""The small family of errors postlab raises.

Every error a user can cause is a ``PostlabError``: the CLI prints it as one
line naming the file (and line or field) and exits non-zero, never a traceback.
"""

from __future__ import annotations

from pathlib import Path


class PostlabError(Exception):
    """An error the user can fix; ``str()`` is the one line the CLI prints."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field

    def __str__(self) -> str:
        where = " ".join(
            part
            for part in (self.path, f"line {self.line}" if self.line is not None else None)
            if part
        )
        what = self.message
        if self.field and not what.startswith(self.field):
            what = f"{self.field}: {what}"
        return f"{where}: {what}" if where else what


class WorkspaceError(PostlabError):
    """A team workspace or a data folder is missing, or cannot be made as asked."""


class ExportError(PostlabError):
    """An engagement export cannot be read as it is."""


class ExperimentError(PostlabError):
    """An experiment or labels file is invalid, or does not fit the data."""


class AnalysisError(PostlabError):
    """The data cannot support the requested analysis (e.g. an empty arm)."""


class ExecutionError(PostlabError):
    """A notebook run failed; the message names the notebook to open."""


class PrivacyError(PostlabError):
    """Personal data was found in something postlab writes or is about to write."""


class PostlabWarning(UserWarning):
    """Something was loaded or computed with a caveat the user must see."""


class ReportError(PostlabError):
    """A report page cannot be made as asked (it would fetch from the internet, a page is missing)."""


class EnvironmentProblem(PostlabError):
    """The machine refused (disk full, permission, read-only, a name too long); not postlab's bug."""
