"""The result payload: typed, versioned, and readable from records written before it had a version."""

import json
from pathlib import Path

import pytest

from postlab import record as rec
from postlab.payload import ArmPosts, Design, Effect, PayloadError, Result, Verdict

ROOT = Path(__file__).resolve().parents[2]


def result() -> Result:
    return Result(
        experiment_id="e",
        design=Design("Questions", primary_metric="comment_rate", control="statement"),
        arms=(ArmPosts("statement", "control", 40), ArmPosts("question", "treatment", 38)),
        effects=(
            Effect("engagement_rate", "statement", "question", 0.02, 0.03, 0.5, (0.1, 0.9)),
            Effect("comment_rate", "statement", "question", 0.001, 0.002, 1.0, (0.2, 1.8)),
        ),
        verdict=Verdict("adopt", "Questions win.", arm="question"),
    )


def test_round_trips_through_json_with_its_schema_version():
    data = json.loads(json.dumps(result().to_dict()))
    assert data["schema_version"] == Result.SCHEMA_VERSION
    assert Result.from_dict(data) == result()


def test_the_primary_metric_decides_what_the_record_shows():
    assert result().primary().metric == "comment_rate"
    assert result().posts() == 78 and result().posts_of("question") == 38


def test_another_version_is_one_clear_error():
    data = {**result().to_dict(), "schema_version": 99}
    with pytest.raises(PayloadError, match="schema version 99.*rerun with --force"):
        Result.from_dict(data)
    with pytest.raises(PayloadError, match="not a postlab result"):
        Result.from_dict({"schema_version": Result.SCHEMA_VERSION})


def test_a_record_written_before_the_version_still_reads():
    record = rec.read_record(ROOT / "data" / "demo-record")
    entry = record.entries["humour-vs-serious-x"]
    assert entry.payload.design.title and entry.payload.primary().metric == "engagement_rate"
    assert entry.decision == "adopt"


def test_version_1_reads_as_a_fixed_sample_result_without_a_sequence():
    data = json.loads(json.dumps(result().to_dict()))
    data["schema_version"] = 1
    data.pop("mode")
    for effect in data["effects"]:
        effect.pop("rel_seq")
    again = Result.from_dict(data)
    assert again == result() and again.mode == "fixed"
    assert again.primary().bounds() == (0.2, 1.8)


def test_the_sequence_when_compare_gives_one_is_what_the_verdict_rests_on():
    sequential = Effect(
        "comment_rate", "statement", "question", 0.001, 0.002, 1.0, (0.2, 1.8), rel_seq=(0.05, 2.1)
    )
    assert sequential.bounds() == (0.05, 2.1)


def test_a_win_on_the_team_s_own_choices_is_hedged():
    assert (
        result()
        .decision_words()
        .startswith("adopt, with care: the team chose which posts were question")
    )
    randomised = Result(**{**result().__dict__, "design": Design("Q", randomised=True)})
    assert randomised.decision_words() == "adopt" and randomised.caveat() is None
