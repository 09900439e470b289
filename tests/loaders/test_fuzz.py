"""Arbitrary or damaged bytes give a posts table or an ExportError, never another exception."""

import tempfile
import warnings
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlab.config import Settings
from postlab.exceptions import ExportError
from postlab.loaders import load

from .conftest import FIXTURES

SEEDS = sorted(p for p in FIXTURES.rglob("*.csv"))
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _outcome(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                posts = load(path, settings=Settings())
        except ExportError as error:
            assert str(path) in str(error)
        else:
            assert isinstance(posts, pd.DataFrame)


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data):
    _outcome(data, "export.csv")


@st.composite
def mutated(draw):
    seed = draw(st.sampled_from(SEEDS))
    data = bytearray(seed.read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["cut", "insert", "replace", "truncate"]))
        chunk = draw(
            st.binary(min_size=1, max_size=8)
            | st.sampled_from(
                [b'"', b",", b"\n", b"\r\n", b"\t", b"\x00", b"6.49E+17", b"\xff\xfe", b"-"]
            )
        )
        if action == "cut":
            del data[at : at + len(chunk)]
        elif action == "insert":
            data[at:at] = chunk
        elif action == "replace":
            data[at : at + len(chunk)] = chunk
        else:
            del data[at:]
    return seed.name, bytes(data)


@FUZZ
@given(mutated())
def test_mutated_fixtures(case):
    name, data = case
    _outcome(data, name)
