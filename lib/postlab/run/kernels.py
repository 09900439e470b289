"""Kernels started ahead of need, one fresh kernel per notebook.

Starting a kernel and importing pandas, scipy, statsmodels' tests, matplotlib
and postlab costs about 2 s per notebook. A local rerun's worker therefore
starts a kernel as soon as it starts (``execute.start_worker``), a rerun of
one notebook starts it first thing, and a worker starts the *next*
notebook's kernel while the current notebook runs: the kernel imports
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
import time
from dataclasses import dataclass
from pathlib import Path
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from traitlets import Type

from postlab.run.execute import quiet_ipython_dir
from postlab.run.lifeline import PARENT_ENV

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


class ReadyClient(AsyncKernelClient):
    """jupyter_client's client, ready as soon as the kernel answers.

    Its own wait ends by reading IOPub until 0.2 s pass without a message: a pause on
    every notebook's path (6 % of a force's rerun). What is on IOPub then belongs to no
    cell (nbclient reads only the replies to its own requests), so it is drained without
    waiting for more.
    """

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while not await self._kernel_info_answered():
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")
        while True:
            try:
                await self.iopub_channel.get_msg(timeout=0)
            except Empty:
                return

    async def _kernel_info_answered(self) -> bool:
        """Ask once; answered when the reply came and IOPub is connected (as jupyter_client)."""
        self.kernel_info()
        try:
            reply = await self.shell_channel.get_msg(timeout=1)
            if reply["msg_type"] != "kernel_info_reply":
                return False
            await self.iopub_channel.get_msg(timeout=0.2)
        except Empty:
            return False
        self._handle_kernel_info_reply(reply)
        return True


# ipykernel's launcher, without the debugger: debugpy costs every kernel 0.1 s to import,
# and nobody steps through a rerun's notebook (JupyterLab's kernels keep it)
LAUNCHER = (
    "import sys\n"
    "from pathlib import Path\n"
    "if sys.path[0] == '' or Path(sys.path[0]) == Path.cwd():\n"
    "    del sys.path[0]\n"
    "sys.modules['debugpy'] = None\n"
    "from ipykernel import kernelapp\n"
    "kernelapp.launch_new_instance()\n"
)


class _Manager(AsyncKernelManager):
    """Keeps the clients nbclient makes: it leaves them open on a kernel it does not own."""

    client_factory = Type(ReadyClient, klass=AsyncKernelClient)

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        command = super().format_kernel_cmd(extra_arguments)
        if command[1:3] == ["-m", "ipykernel_launcher"]:
            return [command[0], "-c", LAUNCHER, *command[3:]]
        return command

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
    # the kernel ends when this process (a worker, or a rerun of one notebook) ends
    env = {
        **os.environ,
        "IPYTHONDIR": ipython,
        "JUPYTER_RUNTIME_DIR": scratch,
        PARENT_ENV: str(os.getpid()),
    }
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


_retiring: list[threading.Thread] = []


def retire(kernel: WarmKernel) -> None:
    """Shut ``kernel`` down in the background (about 0.1 s): its notebook is done, and the
    report and the record need not wait. ``wait_retired`` (or the process's end) joins it."""
    thread = threading.Thread(target=shutdown, args=(kernel,), name="postlab-kernel-shutdown")
    thread.start()
    with _lock:
        _retiring.append(thread)


def wait_retired() -> None:
    """Every kernel this process retired has ended."""
    with _lock:
        threads = list(_retiring)
        _retiring.clear()
    for thread in threads:
        thread.join()


def shutdown_spare() -> None:
    """At the end of a worker's life: no kernel outlives the rerun."""
    global _spare
    with _lock:
        kernel, _spare = _spare, None
    if kernel is not None:
        shutdown(kernel)


atexit.register(shutdown_spare)
