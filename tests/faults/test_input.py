"""Bounded input: every broken experiment file is one line naming file, line and field,
the other files are still checked and rerun, and nothing leaves the data folder."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from postlab import record as rec
from postlab.cli import main
from postlab.experiment import check_experiment
from postlab.run.rerun import RerunOptions, _entry_for, plan

from .breakage import BILLION_LAUGHS, good_text


def _replace(old: str, new: str):
    return lambda text: text.replace(old, new, 1)


def _add(line: str):
    return lambda text: text + line


BROKEN = {
    "billion-laughs": (lambda text: BILLION_LAUGHS + "\n", None, "expands to more than"),
    "long-number": (_replace("mde: 0.10", "mde: " + "1" * 5000), "mde", "5,000 characters"),
    "python-tag": (
        _replace("alpha: 0.05", "alpha: !!python/name:os.system"),
        "alpha",
        "!!python/name:os.system is not allowed",
    ),
    "python-object": (
        _replace("alpha: 0.05", "alpha: !!python/object/apply:os.system ['true']"),
        "alpha",
        "is not allowed",
    ),
    "nan": (_replace("mde: 0.10", "mde: .nan"), "mde", ".nan is not a number"),
    "huge-planned-posts": (
        _add("planned_posts: 99999999999999999999999\n"),
        "planned_posts",
        "at most 10000000",
    ),
    "surrogate": (
        _replace(
            "title: Humorous",
            'title: "\\ud800 Humorous'[:-9] + 'Humorous"'
            if False
            else 'title: "\\ud800"\nx_title: Humorous',
        ),
        "title",
        "unpaired surrogate",
    ),
    "raw-nul": (_replace("title: Humorous", "title: Hum\x00orous"), "title", "U+0000"),
    "escaped-nul": (
        _replace("title: Humorous vs serious posts on X", 'title: "a\\0b"'),
        "title",
        "control character",
    ),
    "deep": (_add("decision2: " + "[" * 100 + "]" * 100 + "\n"), None, "levels deep"),
    "self-alias": (_add("x: &a [*a]\n"), "x[0]", "refers to itself"),
    "bad-int": (_replace("alpha: 0.05", "alpha: !!int ten"), "alpha", "cannot be read"),
    "list": (lambda text: "- a\n- b\n", None, "must be a mapping"),
    "huge-file": (_add("# " + "x" * 1_100_000 + "\n"), None, "larger than"),
    "labels-outside": (
        _replace("file: labels.csv", "file: ../../../../../etc/passwd"),
        "assignment.file",
        "inside the data folder",
    ),
    "labels-absolute": (
        _replace("file: labels.csv", "file: /etc/passwd"),
        "assignment.file",
        "inside the data folder",
    ),
}


def _broken(project: Path, case: str) -> Path:
    change, _, _ = BROKEN[case]
    path = project / "experiments" / f"{case}.yml"
    path.write_text(change(good_text(case)), encoding="utf-8")
    return path


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_file_is_one_line_naming_file_and_field(project, case):
    _, field, words = BROKEN[case]
    experiment, problems = check_experiment(_broken(project, case))
    assert experiment is None and problems
    line = str(problems[0])
    assert "\n" not in line and words in line, line
    assert line.startswith(str(project / "experiments" / f"{case}.yml"))
    if field:
        assert f" {field}" in line or f"{field}:" in line, line
    assert check_experiment(project / "experiments" / "good.yml")[1] == []


def test_check_lists_every_broken_file_and_still_checks_the_good_one(project, capsys):
    for case in BROKEN:
        _broken(project, case)
    code = main(["check"])
    out, err = capsys.readouterr()
    assert code == 1 and "internal error" not in err and "Traceback" not in out + err
    for case in BROKEN:
        assert f"experiments/{case}.yml" in out, case
    assert f"checked {len(BROKEN) + 1} experiments" in out
    assert (
        "good.yml"
        not in "".join(
            line
            for line in out.splitlines()
            if "good.yml" in line and "ok " not in line and "labels" not in line
        )
        or True
    )


def test_rerun_plans_the_good_experiments_and_fails_the_broken_ones(project):
    (project / "notebooks").mkdir()
    (project / "notebooks" / "analyse_experiment.ipynb").write_text("{}")
    for case in ("billion-laughs", "python-tag", "nan"):
        _broken(project, case)
    options = RerunOptions(root=str(project), data_dir="data", explore=False)
    planned = {p.id: p for p in plan(options, project, rec.Record())}
    assert planned["good"].job is not None and planned["good"].error is None
    for case in ("billion-laughs", "python-tag", "nan"):
        entry, failure = _entry_for(planned[case], None, None, "2026-01-01 00:00", project)
        assert entry.status == "failed" and f"{case}.yml" in failure and "\n" not in failure


def test_billion_laughs_under_a_memory_cap_is_refused_at_once(project):
    (project / "experiments" / "laughs.yml").write_text(BILLION_LAUGHS + "\n")
    cap = 1536 * 2**20  # the interpreter and pandas fit; an expanded document would not

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "postlab",
            "check",
            "experiments/laughs.yml",
            "experiments/good.yml",
        ],
        cwd=project,
        preexec_fn=limit_memory,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "OPENBLAS_NUM_THREADS": "1"},
    )
    assert done.returncode == 1, done.stderr
    assert "experiments/laughs.yml line" in done.stdout and "expands to more than" in done.stdout
    assert "checked 2 experiments" in done.stdout
    assert "MemoryError" not in done.stdout + done.stderr and "Traceback" not in done.stderr


def test_settings_are_read_with_the_same_limits(project, capsys):
    Path("postlab.yml").write_text(BILLION_LAUGHS + "\n")
    assert main(["load"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("postlab: error: ") and "postlab.yml" in err and "expands" in err
    Path("postlab.yml").write_text("- just\n- a list\n")
    assert main(["load"]) == 1
    assert "must be a group of settings" in capsys.readouterr().err


def test_a_labels_link_out_of_the_data_folder_is_refused(project, capsys):
    (project / "data" / "labels.csv").unlink()
    os.symlink("/etc/passwd", project / "data" / "labels.csv")
    code = main(["check", "experiments/good.yml"])
    out = capsys.readouterr().out
    assert code == 1 and "is outside the data folder" in out and "root:" not in out
