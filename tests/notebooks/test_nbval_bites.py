"""The nbval check bites: a change in how the library rounds or words a result fails it.

nbval runs the stored analysis notebook in a kernel whose ``sitecustomize``
patches one formatting function of postlab; the stored outputs were made
without the patch, so nbval must report a mismatch (not an error).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = "notebooks/analyse_experiment.ipynb"

PATCHES = {
    "rounding": (
        "import postlab.display as display\n"
        "display.round_significant.__defaults__ = (4,)  # four significant figures, not three\n"
    ),
    "wording": (
        "import postlab.stats.verdict as verdict\n"
        "_whole = verdict._whole\n"
        "verdict._whole = lambda share, sign=True: _whole(share, sign).replace(' %', ' percent')\n"
    ),
}

pytestmark = pytest.mark.slow


def nbval(tmp_path: Path, patch: str | None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if patch:
        (tmp_path / "sitecustomize.py").write_text(patch)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tmp_path), env.get("PYTHONPATH")]))
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "--nbval",
            "--nbval-current-env",
            "--nbval-sanitize-with",
            "tests/nbval_sanitize.cfg",
            NOTEBOOK,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.parametrize("change", sorted(PATCHES))
def test_a_changed_result_format_fails_nbval_on_the_stored_notebook(tmp_path, change):
    run = nbval(tmp_path, PATCHES[change])
    assert run.returncode == 1, run.stdout[-2000:]
    assert "Cell outputs differ" in run.stdout
    assert "Cell execution caused an exception" not in run.stdout  # a mismatch, not a crash
