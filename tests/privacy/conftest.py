"""The labelled sets live beside the tests: make them importable (``import realistic``)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
