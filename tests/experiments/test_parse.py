"""Experiment files: parsing, and every error naming file, line and field."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from postlab.exceptions import ExperimentError
from postlab.experiment import find_experiments, load_experiment
from postlab.experiment.load import check_experiment

from .conftest import VALID


def test_valid_file_gives_every_field(write):
    exp = load_experiment(write())
    assert exp.id == "test-exp"
    assert exp.arms == ["serious", "humorous"]
    assert exp.metrics == ["engagement_rate", "like_rate"]
    assert exp.period.start == date(2025, 6, 1) and exp.period.end == date(2025, 6, 30)
    assert exp.min_post_age == pd.Timedelta(hours=48)
    assert exp.assignment.kind == "labels"
    assert "tone" in exp.assignment.describe()
    assert exp.split == {"serious": 0.5, "humorous": 0.5}
    assert not exp.decision and exp.parent is None and not exp.randomised
    assert json.loads(json.dumps(exp.to_dict()))["period"] == {
        "start": "2025-06-01",
        "end": "2025-06-30",
    }


def test_split_defaults_to_equal_shares(write):
    text = VALID.replace("split:\n  serious: 0.5\n  humorous: 0.5\n", "")
    assert load_experiment(write(text)).split == {"serious": 0.5, "humorous": 0.5}


def _error(write, text, name="test-exp") -> ExperimentError:
    with pytest.raises(ExperimentError) as caught:
        load_experiment(write(text, name))
    return caught.value


def test_unknown_key_is_an_error_with_line_and_suggestion(write):
    error = _error(write, VALID.replace("alpha: 0.05", "alpah: 0.05"))
    assert error.line == 22 and error.field == "alpah"
    assert str(error).endswith(
        "test-exp.yml line 22: alpah is not a known key (did you mean alpha?)"
    )
    error = _error(write, VALID.replace("alpha: 0.05", "colour: blue\nalpha: 0.05"))
    assert str(error).endswith(
        "line 22: colour is not a known key (known: accounts, alpha, arms, assignment, decision,"
        " hypothesis, id, mde, metrics, min_post_age, owner, parent, period, platforms, split,"
        " status, title)"
    )
    nested = _error(write, VALID.replace("  column: tone", "  colum: tone"))
    assert nested.field == "assignment.colum" and nested.line == 15
    assert "did you mean column?" in str(nested)


def test_bad_id_and_id_not_the_file_name(write):
    error = _error(write, VALID.replace("id: {id}", "id: Humour_X"))
    assert error.line == 1 and "lower-case letters, digits and dashes" in str(error)
    error = _error(write, VALID.replace("id: {id}", "id: other-name"))
    assert "must equal the file name (test-exp)" in str(error) and error.line == 1


def test_bad_status_suggests(write):
    error = _error(write, VALID.replace("status: running", "status: runing"))
    assert error.line == 5 and error.field == "status"
    assert "status 'runing' is not one of: planned, running, concluded, adopted, rejected" in str(
        error
    )
    assert "(did you mean running?)" in str(error)


def test_unknown_metric_names_list_item_line(write):
    error = _error(write, VALID.replace("secondary: [like_rate]", "secondary:\n    - likes_rate"))
    assert error.field == "metrics.secondary[0]" and error.line == 22
    assert "did you mean like_rate?" in str(error)


def test_split_must_sum_to_one_and_name_the_arms(write):
    error = _error(write, VALID.replace("humorous: 0.5\n", "humorous: 0.4\n"))
    assert "split shares add up to 0.9, not 1" in str(error) and error.line == 24
    error = _error(write, VALID.replace("  humorous: 0.5\n", "  humourous: 0.5\n"))
    assert error.field == "split.humourous" and "did you mean humorous?" in str(error)


def test_missing_field_and_wrong_types(write):
    error = _error(write, VALID.replace("mde: 0.1\n", ""))
    assert str(error).endswith("test-exp.yml: mde is missing (it is required)")
    error = _error(write, VALID.replace("platforms: [x]", "platforms: x"))
    assert error.line == 6 and "platforms must be a list" in str(error)
    error = _error(write, VALID.replace("mde: 0.1", "mde: 0"))
    assert "mde 0 must be above 0" in str(error)
    error = _error(write, VALID.replace("min_post_age: 48h", "min_post_age: 2 days"))
    assert "is not a duration like 48h" in str(error) and error.line == 11


def test_period_checks(write):
    error = _error(write, VALID.replace("start: 2025-06-01", "start: 2025-07-01"))
    assert "period.end 2025-06-30 is before period.start 2025-07-01" in str(error)
    error = _error(write, VALID.replace("start: 2025-06-01", "start: 1/6/2025"))
    assert error.field == "period.start" and error.line == 9
    error = _error(write, VALID.replace("end: 2025-06-30", "end: 2025-06-31"))
    assert "period.end '2025-06-31' is not a day of the calendar" in str(error)


def test_arms_and_assignment_checks(write):
    error = _error(write, VALID.replace("treatments: [humorous]", "treatments: [serious]"))
    assert "is also the control" in str(error)
    media = VALID.replace(
        "  kind: labels\n  file: labels.csv\n  column: tone\n", "  kind: media_type\n"
    ).replace("serious", "vidoe")
    error = _error(write, media)
    assert "arms.control 'vidoe' is not a media type (did you mean video?)" in str(error)
    missing_column = VALID.replace("  column: tone\n", "")
    assert "assignment.column is missing" in str(_error(write, missing_column))


def test_text_rule_checks(write):
    text = VALID.replace(
        "  kind: labels\n  file: labels.csv\n  column: tone\n",
        "  kind: text\n  patterns:\n    humorous: '#Funny('\n",
    )
    error = _error(write, text)
    assert error.field == "assignment.patterns.humorous" and "not a valid regular" in str(error)


def test_duplicate_key_and_yaml_syntax(write):
    error = _error(write, VALID + "alpha: 0.1\n")
    assert error.line == 27 and "appears twice" in str(error)
    error = _error(write, VALID.replace("platforms: [x]", "platforms: [x"))
    assert "not valid YAML" in str(error) and error.line is not None


def test_parent_must_exist(write):
    error = _error(write, VALID + "parent: humour-vs-serius-x\n")
    assert "parent 'humour-vs-serius-x' is not an experiment" in str(error)
    write(name="humour-vs-serious-x")
    assert load_experiment(write(VALID + "parent: humour-vs-serious-x\n")).parent == (
        "humour-vs-serious-x"
    )


def test_check_experiment_lists_every_problem(write):
    text = VALID.replace("status: running", "status: done").replace("alpha: 0.05", "alpa: 0.05")
    experiment, problems = check_experiment(write(text))
    assert experiment is None
    assert [(p.line, p.field) for p in problems] == [(5, "status"), (22, "alpa"), (None, "alpha")]
    _, problems = check_experiment(write(VALID.replace("  column: tone", "  colum: tone")))
    assert [(p.line, p.field) for p in problems] == [
        (15, "assignment.colum"),
        (12, "assignment.column"),
    ]


def test_find_experiments_sorted_and_filtered(write):
    folder = write(name="b-exp").parent
    write(VALID.replace("status: running", "status: planned"), name="a-exp")
    assert [e.id for e in find_experiments(folder)] == ["a-exp", "b-exp"]
    assert [e.id for e in find_experiments(folder, status="planned")] == ["a-exp"]
    with pytest.raises(ExperimentError, match="no such experiments folder"):
        find_experiments(folder / "nowhere")


def test_demo_experiments_validate():
    experiments = find_experiments("experiments")
    assert [e.id for e in experiments] == [
        "humour-vs-serious-facebook",
        "humour-vs-serious-x",
        "live-vs-recorded-facebook",
    ]
    follow_up = experiments[0]
    assert follow_up.parent == "humour-vs-serious-x" and follow_up.status == "running"
    assert not follow_up.decision
    assert experiments[1].decision.next_step and experiments[1].status == "concluded"
    for experiment in experiments:
        text = experiment.path.read_text()
        assert text.startswith("# yaml-language-server: $schema=../lib/postlab/schemas/")
