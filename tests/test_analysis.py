"""What the analysis notebook shows, tested on the demo's live-vs-recorded experiment."""

import dataclasses
import json
from pathlib import Path

import nbformat
import pytest

from postlab import analysis as an
from postlab.experiment.model import Decision
from postlab.payload import RESULT_MIME, Result

ROOT = Path(__file__).resolve().parents[1]
EXPERIMENT = ROOT / "experiments" / "live-vs-recorded-facebook.yml"


@pytest.fixture(scope="module")
def analysis():
    return an.analyse(EXPERIMENT, ROOT / "data" / "demo")


def test_design_is_plain_words_with_the_observational_caveat(analysis):
    text = an.design_markdown(analysis.experiment, analysis.selection)
    assert "Posts are assigned by the 'format' column of the labels file labels.csv." in text
    assert "**Design: observational.**" in text
    assert "Smallest effect worth acting on: 20 %" in text


def test_scope_accounts_for_every_loaded_post(analysis):
    scope = an.scope_table(analysis.selection)
    assert scope["posts"].sum() == len(analysis.posts) == analysis.load_report.posts
    counted = scope[scope["what"] == "counted in arm"].set_index("detail")["posts"]
    assert counted.to_dict() == {"live": 197, "recorded": 341}


def test_balance_is_in_percent_and_the_caption_names_the_largest_gap(analysis):
    table = an.balance_table(analysis.selection)
    totals = table.groupby("dimension")[["recorded", "live"]].sum()
    assert ((totals - 100).abs() < 0.5).all().all()
    worst = table.loc[table["largest gap (points)"].idxmax()]
    caption = an.balance_caption(table)
    assert f"{worst['largest gap (points)']:g} percentage points" in caption
    assert f"({worst['dimension']} {worst['value']})" in caption


def test_a_labelled_design_has_no_plan_to_follow(analysis):
    assert an.plan_markdown(analysis.selection).startswith("No posting schedule")


def test_the_owner_s_decision_or_a_note_that_it_is_missing(analysis):
    text = an.owner_markdown(analysis.experiment)
    assert "- Learning: Live videos got more Views" in text
    undecided = dataclasses.replace(analysis.experiment, decision=Decision())
    assert "has not yet written" in an.owner_markdown(undecided)


def test_result_is_json_with_the_design_the_record_shows(analysis):
    result = Result.from_analysis(analysis.experiment, analysis.selection, analysis.comparison)
    again = Result.from_dict(json.loads(json.dumps(result.to_dict())))
    assert again == result
    assert result.design.randomised is False
    assert result.design.primary_metric == "impressions_per_post"
    assert result.design.assignment.startswith("by the 'format' column")
    assert result.scope.posts == 538 and result.verdict.decision == "adopt"


@pytest.mark.slow
def test_papermill_runs_the_analysis_notebook_directly(tmp_path):
    import papermill

    output = tmp_path / "live.ipynb"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "analyse_experiment.ipynb"),
        str(output),
        parameters={"experiment": "experiments/live-vs-recorded-facebook.yml", "seed": 7},
        cwd=str(ROOT),
        progress_bar=False,
    )
    outputs = [o for c in nbformat.read(output, 4).cells for o in c.get("outputs", [])]
    results = [o["data"][RESULT_MIME] for o in outputs if RESULT_MIME in o.get("data", {})]
    assert [r["comparison"]["verdict"]["decision"] for r in results] == ["adopt"]
