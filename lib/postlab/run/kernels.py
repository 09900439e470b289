"""Kernels started ahead of need, one fresh kernel per notebook.

Starting a kernel and importing pandas, scipy, statsmodels' tests, matplotlib
and postlab costs about 2 s per notebook. A local rerun's worker therefore
starts a kernel as soon as it starts (``execute.start_worker``) and the
*next* notebook's kernel while the current notebook runs: the kernel imports
those libraries and loads the scrubber's word lists as it boots (an IPython
startup file that leaves no name behind), so the notebook finds it ready. Each kernel still serves
one notebook only, in its own IPython and runtime directories, and is shut
down after it; only imported library modules are shared with nothing.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

from postlab.run.execute import quiet_ipython_dir

# What the analysis and explore notebooks import, and no more (statsmodels.api would load
# every model; its meta-analysis is imported only for a non-default tau² method); loaded
# while the worker starts or the previous notebook runs.
WARM_IMPORTS = (
    "wordfreq",  # first: it finds its data through inspect.stack(), slower with every module loaded
    "pandas",
    "scipy.stats",
    "statsmodels.stats.multitest",
    "matplotlib.pyplot",
    "matplotlib_inline.backend_inline",
    "postlab.analysis",
    "postlab.plots",
)
STARTUP = (
    "for _postlab_module in {modules!r}:\n    __import__(_postlab_module)\ndel _postlab_module\n"
    "__import__('wordfreq').zipf_frequency('the', 'en')\n"  # the word lists the scrubber reads
    "__import__('postlab.privacy.names', fromlist=['_']).vocabulary()\n"  # on first use
)


class _Manager(AsyncKernelManager):
    """Keeps the clients nbclient makes: it leaves them open on a kernel it does not own."""

    def client(self, **kwargs):
        made = super().client(**kwargs)
        self.clients = [*getattr(self, "clients", []), made]
        return made


@dataclass
class WarmKernel:
    """A started kernel waiting for one notebook of ``name`` run in ``cwd``."""

    manager: object  # jupyter_client AsyncKernelManager
    name: str
    cwd: str
    scratch: str


_spare: WarmKernel | None = None
_lock = threading.Lock()


def start(name: str, cwd: str) -> WarmKernel:
    """Start kernel ``name`` in ``cwd``, importing ``WARM_IMPORTS`` as it boots."""
    scratch = tempfile.mkdtemp(prefix="postlab-warm-kernel-")
    ipython = quiet_ipython_dir(os.path.join(scratch, "ipython"))
    startup = Path(ipython) / "profile_default" / "startup"
    startup.mkdir(parents=True, exist_ok=True)
    (startup / "00-postlab-warm.py").write_text(STARTUP.format(modules=WARM_IMPORTS))
    manager = _Manager(kernel_name=name, connection_file=os.path.join(scratch, "kernel.json"))
    env = {**os.environ, "IPYTHONDIR": ipython, "JUPYTER_RUNTIME_DIR": scratch}
    asyncio.run(manager.start_kernel(cwd=cwd, env=env, stderr=subprocess.DEVNULL))
    return WarmKernel(manager, name, cwd, scratch)


def take(name: str, cwd: str) -> WarmKernel | None:
    """The spare kernel if it suits this notebook and is still alive (else it is discarded)."""
    global _spare
    with _lock:
        kernel, _spare = _spare, None
    if kernel is None:
        return None
    if kernel.name == name and kernel.cwd == cwd and asyncio.run(kernel.manager.is_alive()):
        return kernel
    shutdown(kernel)
    return None


def prepare(name: str, cwd: str) -> None:
    """Start the spare kernel for the next notebook of this process."""
    global _spare
    kernel = start(name, cwd)
    with _lock:
        previous, _spare = _spare, kernel
    if previous is not None:
        shutdown(previous)


def shutdown(kernel: WarmKernel) -> None:
    """Stop the kernel at once (its notebook is written) and remove its directories."""
    try:
        for client in getattr(kernel.manager, "clients", []):
            client.stop_channels()
        asyncio.run(kernel.manager.shutdown_kernel(now=True))
    finally:
        shutil.rmtree(kernel.scratch, ignore_errors=True)


def shutdown_spare() -> None:
    """At the end of a worker's life: no kernel outlives the rerun."""
    global _spare
    with _lock:
        kernel, _spare = _spare, None
    if kernel is not None:
        shutdown(kernel)


atexit.register(shutdown_spare)
