"""postlab: test social-media post styles the way a scientist would.

Heavy modules (pandas, scipy, statsmodels) load on first use, so that
``import postlab`` stays cheap in every notebook kernel and CLI call.
"""

from __future__ import annotations

import importlib

# public name -> module that defines it
_LAZY = {
    "load": "postlab.loaders",
    "load_with_report": "postlab.loaders",
    "compare": "postlab.stats",
    "power": "postlab.stats",
    "Experiment": "postlab.experiment",
    "load_experiment": "postlab.experiment",
    "scrub": "postlab.privacy",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str):
    if name == "__version__":  # importlib.metadata costs every process 0.04 s to import
        return _version()
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'postlab' has no attribute {name!r}")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("postlab")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


def __dir__() -> list[str]:
    return sorted(__all__)
