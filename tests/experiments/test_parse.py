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


NO_SPLIT = VALID.replace("split:\n  serious: 0.5\n  humorous: 0.5\n", "")
SCHEDULE = "  kind: schedule\n  file: plans/s.csv\n"
LABELS = "  kind: labels\n  file: labels.csv\n  column: tone\n"


def test_no_split_is_observational_but_a_schedule_plans_equal_shares(write):
    experiment = load_experiment(write(NO_SPLIT))
    assert experiment.split is None and not experiment.randomised
    assert "split" not in experiment.to_dict()
    scheduled = load_experiment(write(NO_SPLIT.replace(LABELS, SCHEDULE)))
    assert scheduled.randomised and scheduled.split == {"serious": 0.5, "humorous": 0.5}


def test_contract_defaults(write):
    experiment = load_experiment(write())
    assert experiment.analysis == "sequential" and experiment.planned_posts is None
    assert experiment.cap is None and experiment.mde == 0.1


@pytest.mark.parametrize(
    "written, fraction",
    [("0.1", 0.1), ("'10%'", 0.1), ('" 12.5 %"', 0.125), ("0.05", 0.05), ("'0.5%'", 0.005)],
)
def test_mde_as_fraction_or_percent(write, written, fraction):
    experiment = load_experiment(write(VALID.replace("mde: 0.1", f"mde: {written}")))
    assert experiment.mde == pytest.approx(fraction)


@pytest.mark.parametrize(
    "written, message",
    [
        ("10", "mde 10 means 1000 %: write 0.1 or '10%'"),
        ("1", "mde 1 means 100 %: write 0.1 or '10%'"),
        ("0", "mde 0 must be above 0 (0.1 or '10%' is a 10 % change)"),
        ("'150%'", "mde '150%' must be above 0 % and below 100 %"),
        ("ten", "mde 'ten' is not a fraction like 0.1 or a percentage like '10%'"),
    ],
)
def test_mde_mistakes_are_one_sentence(write, written, message):
    error = _error(write, VALID.replace("mde: 0.1", f"mde: {written}"))
    assert error.line == 23 and error.field == "mde"
    assert str(error).endswith(f"test-exp.yml line 23: {message}")


def test_fixed_analysis_needs_planned_posts_and_mde(write):
    fixed = VALID.replace("mde: 0.1\n", "mde: 0.1\nanalysis: fixed\n")
    error = _error(write, fixed)
    assert error.field == "planned_posts" and error.line == 24
    assert "analysis: fixed needs planned_posts (the total posts" in str(error)
    error = _error(write, fixed.replace("mde: 0.1\n", "") + "planned_posts: 400\n")
    assert error.field == "mde" and "analysis: fixed needs mde" in str(error)
    experiment = load_experiment(write(fixed + "planned_posts: 400\n"))
    assert experiment.analysis == "fixed" and experiment.planned_posts == 400
    error = _error(write, VALID + "analysis: fixd\n")
    assert str(error).endswith(
        "analysis 'fixd' is not one of: sequential, fixed (did you mean fixed?)"
    )


def test_cap_in_metrics(write):
    capped = VALID.replace("  secondary: [like_rate]\n", "  secondary: [like_rate]\n  cap: 0.99\n")
    assert load_experiment(write(capped)).cap == 0.99
    error = _error(write, capped.replace("cap: 0.99", "cap: 99"))
    assert error.field == "metrics.cap" and "must be below 1" in str(error)


def test_placeholder_text_is_refused(write):
    text = VALID.replace(
        "hypothesis: Humorous posts get a higher engagement rate.",
        "hypothesis: 'TODO: write what you expect'",
    )
    error = _error(write, text)
    assert error.field == "hypothesis" and error.line == 4
    assert "still holds the template's TODO text" in str(error)
    experiment, problems = check_experiment(write(text), placeholders=False)
    assert experiment is not None and not problems


def test_yes_no_arms_are_read_as_values_with_readable_names(write):
    text = VALID.replace(LABELS, "  kind: column\n  column: has_media\n")
    text = text.replace("control: serious", "control: false").replace("[humorous]", "[true]")
    text = text.replace("serious: 0.5\n  humorous: 0.5", "false: 0.5\n  'true': 0.5")
    experiment = load_experiment(write(text))
    assert experiment.arms == ["without media", "with media"]
    assert [experiment.value_of(arm) for arm in experiment.arms] == ["false", "true"]
    assert experiment.split == {"without media": 0.5, "with media": 0.5}


def test_an_arm_takes_the_name_the_file_gives_it(write):
    text = VALID.replace("control: serious", "control: {value: serious, name: plain}")
    text = text.replace(
        "split:\n  serious: 0.5\n  humorous: 0.5\n", "split:\n  plain: 0.6\n  humorous: 0.4\n"
    )
    experiment = load_experiment(write(text))
    assert experiment.arms == ["plain", "humorous"]
    assert experiment.value_of("plain") == "serious"
    assert experiment.split == {"plain": 0.6, "humorous": 0.4}
    twice = VALID.replace("[humorous]", "[{value: humorous, name: Serious}]")
    assert "arms.treatments[0] is named 'Serious' like arms.control" in str(_error(write, twice))


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
        "line 22: colour is not a known key (known: accounts, adjust, alpha, analysis, arms,"
        " assignment, decision, effect,"
        " hypothesis, id, mde, metrics, min_post_age, owner, parent, period, planned_posts,"
        " platforms, spending, split, status, tags, title)"
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
    error = _error(write, VALID.replace("owner: Comms team\n", ""))
    assert str(error).endswith("test-exp.yml: owner is missing (it is required)")
    assert load_experiment(write(VALID.replace("mde: 0.1\n", ""))).mde is None
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
    column = load_experiment(
        write(VALID.replace(LABELS, "  kind: column\n  column: length_band\n"))
    )
    assert (
        column.assignment.column == "length_band" and "length_band" in column.assignment.describe()
    )
    alias = load_experiment(
        write(
            VALID.replace(LABELS, "  kind: media_type\n")
            .replace("serious", "video")
            .replace("humorous", "live")
        )
    )
    assert alias.assignment.column == "media_type"
    error = _error(write, VALID.replace(LABELS, "  kind: column\n"))
    assert "assignment.column is missing" in str(error)


def test_text_rule_checks(write):
    text = VALID.replace(
        "  kind: labels\n  file: labels.csv\n  column: tone\n",
        "  kind: text\n  match: regex\n  otherwise: control\n  patterns:\n    humorous: '#Funny('\n",
    )
    error = _error(write, text)
    assert error.field == "assignment.patterns.humorous" and "not a valid regular" in str(error)
    plain = load_experiment(write(text.replace("  match: regex\n", "")))
    assert plain.assignment.match == "contains"  # '(' is only a character here
    error = _error(write, text.replace("  otherwise: control\n", ""))
    assert error.field == "assignment.otherwise" and "is missing" in str(error)
    plain_text = text.replace("  match: regex\n", "")
    error = _error(write, plain_text.replace("otherwise: control", "otherwise: exclude"))
    assert error.field == "assignment.patterns" and "no rule for serious" in str(error)
    error = _error(write, text.replace("otherwise: control", "otherwise: serious"))
    assert "assignment.otherwise 'serious' is not one of: control, exclude" in str(error)


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
