"""A fuzz of the command line's arguments (fixed seed, a few seconds): whatever is typed,
postlab answers in words (exit 0, 1 or 2), never with "internal error" or a traceback."""

from __future__ import annotations

import contextlib
import io
import random
import time

import pytest

from postlab.cli import main

SEED = 20261206
SECONDS = 3.0
# commands that run notebooks or a browser are left out: they are tried elsewhere
COMMANDS = ("load", "compare", "new", "check", "plan", "schedule", "summary", "init", "label")
TOKENS = (
    "",
    ".",
    "..",
    "-",
    "--",
    "x" * 300,
    "x" * 300 + ".yml",
    "x" * 300 + ".csv",
    "empty.csv",
    "empty.yml",
    "missing.yml",
    "bad.yml",
    "experiments/good.yml",
    "experiments",
    "data",
    "data/labels.csv",
    "data/x",
    "good",
    "north",
    "☃",
    "a=b",
    "=",
    "-1",
    "0",
    "nan",
    "1e309",
    "99999999999999999999999",
    "2025-13-45",
    "*",
    "[",
    "%s",
    "../../etc/passwd",
    "out.parquet",
    "out.csv",
)
OPTIONS = (
    "--data",
    "--team",
    "--day-first",
    "--account",
    "--out",
    "--mapping",
    "--privacy",
    "--report",
    "--young-hours",
    "--metric",
    "--arms",
    "--weeks",
    "--mde",
    "--alpha",
    "--seed",
    "--from",
    "--to",
    "--arm",
    "--column",
    "--control",
    "--labels",
    "--platform",
    "--repeats",
    "--title",
    "--cap",
    "--correction",
    "--covariates",
    "--dir",
    "--experiment",
    "--fixed",
    "--history",
    "--holidays",
    "--method",
    "--planned-posts",
    "--prior",
    "--schedule",
    "--sizes",
    "--skip",
    "--slots",
    "--split",
    "--by-account",
    "--json",
    "--help",
)


def _arguments(chance: random.Random) -> list[str]:
    words = [chance.choice(COMMANDS)]
    for _ in range(chance.randint(0, 4)):
        words.append(chance.choice(OPTIONS if chance.random() < 0.4 else TOKENS))
    return words


def _call(words: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(words)
        except SystemExit as stop:  # argparse: usage errors and --help
            code = stop.code if isinstance(stop.code, int) else 2
    return code, err.getvalue()


@pytest.mark.filterwarnings("ignore")
def test_fuzzed_arguments_are_answered_in_words(project):
    (project / "empty.csv").write_text("")
    (project / "empty.yml").write_text("")
    (project / "bad.yml").write_text("id: [unclosed\n")
    chance = random.Random(SEED)
    deadline = time.monotonic() + SECONDS
    tried = []
    while time.monotonic() < deadline or len(tried) < 10:
        words = _arguments(chance)
        code, err = _call(words)
        tried.append(words)
        assert code in (0, 1, 2) and "internal error" not in err, (words, err)
        assert "Traceback" not in err, (words, err)
