"""Keep every test run (pytest and nbval) inside the repo and a temp dir.

Jupyter, IPython and matplotlib write to their own directories under a
per-run temporary folder, so tests never touch the home directory.
"""

import os
import sys
import tempfile

import pytest

from postlab.run.execute import quiet_ipython_dir

# tests/demo_copy.py: every test's own copy of the demo
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests"))

_RUN_DIR = tempfile.mkdtemp(prefix="postlab-test-")
for _name, _sub in {
    "JUPYTER_CONFIG_DIR": "jupyter/config",
    "JUPYTER_DATA_DIR": "jupyter/data",
    "JUPYTER_RUNTIME_DIR": "jupyter/runtime",
    "IPYTHONDIR": "ipython",
    "MPLCONFIGDIR": "matplotlib",
}.items():
    os.environ[_name] = os.path.join(_RUN_DIR, _sub)
    os.makedirs(os.environ[_name], exist_ok=True)
os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
quiet_ipython_dir(os.environ["IPYTHONDIR"])


@pytest.fixture(scope="session")
def planted_run(tmp_path_factory):
    """One rerun of a demo copy with payloads and canaries planted (``tests/planted.py``),
    built once for the browser and the privacy tests of every worker; read only."""
    from demo_copy import built_once
    from planted import rerun_planted

    return built_once(tmp_path_factory, "planted", rerun_planted)
