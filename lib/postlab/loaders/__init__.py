"""Loaders: platform exports, as downloaded, into one tidy posts table.

``load(paths)`` returns the table; ``load_with_report(paths)`` also returns
the LoadReport that accounts for every file and row.
"""

from postlab.loaders.pipeline import load, load_with_report
from postlab.loaders.report import LoadReport

__all__ = ["LoadReport", "load", "load_with_report"]
