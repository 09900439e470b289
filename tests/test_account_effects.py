"""The analysis report's per-account section and what the record keeps of it."""

import json
from types import SimpleNamespace

import pytest

from postlab import analysis
from postlab.payload import Result
from tests.plan.test_pooled import _accounts


def analysed(posts, decision="adopt", analysis="fixed"):
    return SimpleNamespace(
        experiment=SimpleNamespace(
            control="serious", treatments=("humorous",), primary_metric="engagement_rate",
            alpha=0.05, analysis=analysis, cap=None,
        ),
        comparison=SimpleNamespace(verdict=SimpleNamespace(decision=decision, arm="humorous")),
        selection=SimpleNamespace(posts=posts),
    )  # fmt: skip


@pytest.fixture(scope="module")
def three_boroughs():
    posts = _accounts()
    return posts[posts["account"] != "Westfield"]


def test_the_verdict_says_it_does_not_hold_everywhere(three_boroughs):
    subject = analysed(three_boroughs)
    accounts = analysis.account_effects(subject)
    assert [a.account for a in accounts.accounts] == ["Eastmere", "Kingsfold", "Northbrook"]
    note = analysis.accounts_verdict(subject.comparison.verdict, accounts)
    assert note.startswith("Adopt over all posts, but by account: Humorous works in 2 of 3")
    text = analysis.accounts_markdown(subject.comparison.verdict, accounts)
    assert "In a borough like these, expect engagement rate between" in text
    assert "I²" in text and "REML" in text


def test_a_sequential_design_reads_each_account_by_its_confidence_sequence(three_boroughs):
    fixed = analysis.account_effects(analysed(three_boroughs)).accounts
    sequential = analysis.account_effects(analysed(three_boroughs, analysis="sequential")).accounts
    for one, wider in zip(fixed, sequential, strict=True):
        assert wider.ci[0] < one.ci[0] and one.ci[1] < wider.ci[1]


def test_a_verdict_other_than_adopt_is_reported_with_the_accounts(three_boroughs):
    subject = analysed(three_boroughs, decision="keep testing")
    accounts = analysis.account_effects(subject)
    assert analysis.accounts_verdict(subject.comparison.verdict, accounts) == (
        "Verdict over all posts: keep testing. By account: "
        "Humorous works in 2 of 3 accounts, unclear in 1; not everywhere."
    )


def test_one_account_has_no_section(three_boroughs):
    one = three_boroughs[three_boroughs["account"] == "Eastmere"]
    assert analysis.account_effects(analysed(one)) is None


def test_the_record_keeps_the_section_through_json(three_boroughs):
    subject = analysed(three_boroughs)
    accounts = analysis.account_effects(subject)
    section = analysis.accounts_payload(subject.comparison.verdict, accounts)
    assert section.tau > 0 and 0 < section.i2 < 1
    assert section.prediction[0] < section.pooled < section.prediction[1]
    assert [a.verdict for a in section.accounts] == ["better", "better", "unclear"]
    assert section.verdict_note.startswith("Adopt over all posts, but by account:")
    base = Result.from_dict(
        {
            "schema_version": 1,
            "experiment_id": "x",
            "design": {"title": "x"},
            "arms": [],
            "effects": [],
            "verdict": {"decision": "adopt", "arm": "humorous"},
        }
    )
    assert base.accounts is None  # a version-1 record reads, without the section
    version_2 = {**base.to_dict(), "schema_version": 2}
    del version_2["accounts"]
    assert Result.from_dict(version_2) == base
    with_section = Result(**{**base.__dict__, "accounts": section})
    data = json.loads(json.dumps(with_section.to_dict()))
    assert data["schema_version"] == Result.SCHEMA_VERSION == 3
    assert Result.from_dict(data) == with_section
