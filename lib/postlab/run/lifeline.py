"""Processes that die with the rerun that started them, even when it is SIGKILLed.

A killed rerun cannot clean up: its pool workers and their kernels would go
on running and writing reports into runs/ without the rerun's lock. So a
worker asks Linux to kill it when its parent dies (``PR_SET_PDEATHSIG``),
elsewhere it polls its parent's pid; a kernel polls the pid of the process
that started it, a worker or a rerun running one notebook itself (the kernel
may be started from a thread that ends early, which would fire a
parent-death signal too soon). And a worker checks that its parent is alive
before it moves anything into runs/.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

PARENT_ENV = "POSTLAB_PARENT_PID"  # set for a kernel: the worker it must not outlive
PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.25

_parent: int | None = None


def die_with_parent(parent: int) -> None:
    """Called first in a worker: end when ``parent`` (the rerun) ends, however it ends."""
    global _parent
    _parent = parent
    if not (sys.platform.startswith("linux") and _death_signal()):
        watch(parent)
    if os.getppid() != parent:  # the rerun died before the signal was asked for
        os._exit(1)
    os.environ[PARENT_ENV] = str(os.getpid())  # the kernels this worker starts watch it


def _death_signal() -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def watch(parent: int) -> threading.Thread:
    """A daemon thread that ends this process as soon as ``parent`` is no longer its parent."""

    def poll() -> None:
        while os.getppid() == parent:
            time.sleep(POLL_SECONDS)
        os._exit(1)

    thread = threading.Thread(target=poll, name="postlab-lifeline", daemon=True)
    thread.start()
    return thread


def parent_alive() -> bool:
    """Whether the rerun that started this worker still runs (and so still holds the lock)."""
    return _parent is None or os.getppid() == _parent


def stop_if_orphaned() -> None:
    """Before writing into runs/: a worker whose rerun died writes nothing, it ends."""
    if not parent_alive():
        os._exit(1)


# Run by every kernel a worker starts (an IPython startup file): plain Python, no imports
# of postlab, so it costs nothing. A kernel whose worker is gone ends at once.
KERNEL_STARTUP = f"""\
def _postlab_lifeline():
    import os, threading, time
    parent = os.environ.get({PARENT_ENV!r}, "")
    if not parent.isdigit():
        return
    parent = int(parent)
    if os.getppid() != parent:
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)  # the worker died before this kernel started
        return  # started by someone else in a worker's environment
    def poll():
        while os.getppid() == parent:
            time.sleep({POLL_SECONDS})
        os._exit(1)
    threading.Thread(target=poll, name="postlab-lifeline", daemon=True).start()
_postlab_lifeline()
del _postlab_lifeline
"""
