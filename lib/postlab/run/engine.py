"""papermill's nbclient engine, writing the notebook when the run starts and when it ends.

papermill writes (and validates) the whole notebook as each cell starts and again as
it ends: some 30 writes of a growing notebook for one analysis, each on the way to
the next cell. Nobody reads a run's notebook before it ends (it is written beside its
final name and moved into place when done), and a failed, timed-out or interrupted
run still ends with the notebook as far as it got.
"""

from __future__ import annotations

from papermill.engines import NBClientEngine, papermill_engines

NAME = "postlab"


class SaveAtEnd(NBClientEngine):
    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
        output, nb_man.output_path = nb_man.output_path, None  # no write per cell
        try:
            return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)
        finally:
            nb_man.output_path = output  # papermill's last write, whatever happened


papermill_engines.register(NAME, SaveAtEnd)
