"""What the analysis notebook shows, tested on the demo's live-vs-recorded experiment."""

import dataclasses
import json
from pathlib import Path

import nbformat
import pytest

from postlab import analysis as an
from postlab.analysis import report
from postlab.experiment.model import Decision
from postlab.payload import RESULT_MIME, Result
from postlab.words import NEXT_STEPS

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
    assert "**Measures.** main: impressions per post; also" in text and "_rate" not in text


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
    assert result.mode == analysis.comparison.mode
    primary = analysis.comparison.result()
    if primary.sequential:  # the record's funnel draws the sequence compare computed
        assert result.primary().rel_seq == pytest.approx(primary.rel_ci, rel=1e-5)


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


def test_the_first_screen_holds_the_answer_in_words(analysis):
    head = an.headline(analysis)
    assert head.question == "Live vs recorded videos on Facebook (Views)"
    assert head.decision == "adopt, with care"
    assert head.verdict.startswith("Live posts had 66 % more impressions per post")
    assert head.effect.startswith(
        "+66 % impressions per post for live posts against recorded posts"
    )
    assert head.posts == "recorded 341 posts · live 197 posts"
    assert head.caveat.startswith("The team chose which posts were live")
    assert head.next_step.startswith("Move the monthly")
    page = head._repr_html_()
    assert "<p class='verdict'><b>Adopt, with care.</b> Live posts" in page
    assert head.accounts is None and "By account" not in page


def test_the_first_screen_says_whether_the_result_holds_in_each_account(analysis):
    accounts = an.account_effects(analysis)
    head = an.headline(analysis, accounts)
    assert head.accounts == an.accounts_verdict(analysis.comparison.verdict, accounts)
    assert head.accounts.split(":")[0] in {
        "Adopt in every account",
        "Adopt over all posts, but by account",
    }
    assert "<b>By account:</b>" in head._repr_html_()


def test_check_the_data_is_not_said_twice():
    from postlab.stats.result import Verdict

    verdict = Verdict("check the data", "Check the data: the live arm has only 3 posts.")
    assert report._summary(verdict) == "the live arm has only 3 posts."


def test_tables_for_people_hold_no_internal_names_or_row_numbers(analysis):
    effects = an.effects_people(analysis.comparison)
    text = repr(effects) + effects._repr_html_()
    for internal in ("p adjusted", "P(better)", "Welch", "numerator per post", "ci_low", "0.0"):
        assert internal not in text
    assert "chance" in text and "%:" in text
    sides = repr(an.arms_people(analysis.comparison))
    assert "5,510" in sides or "5,51" in sides
    assert "<th></th><th>" not in an.scope_people(analysis.selection)._repr_html_()


def test_the_load_listing_is_a_sentence_with_every_file_folded(analysis):
    folded = an.load_summary(analysis.load_report)
    assert repr(folded).startswith(f"{len(analysis.load_report.files)} export files read")
    page = folded._repr_html_()
    assert page.count("<details>") == 1 and "Every file read" in page


def test_influential_posts_link_to_the_post_with_scrubbed_text(analysis):
    import re

    from postlab.markup import md_text

    table = an.influential_posts(analysis)
    flagged = [m.loo_post_id for m in analysis.comparison.metrics if m.loo_post_id]
    assert list(table.frame["post"]) == flagged
    page = table._repr_html_()
    assert len(re.findall(r'<a href="https://[^"]+">', page)) == len(flagged)
    caveats = an.caveats_markdown(analysis)
    assert all(f"[{md_text(post_id)}](<https://" in caveats for post_id in flagged)


def test_the_result_is_data_with_no_visible_line(analysis, monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda data, raw=False: shown.append(data))
    an.emit_result(analysis.experiment, analysis.selection, analysis.comparison)
    (data,) = shown
    assert set(data) == {RESULT_MIME, "text/html"}
    assert data["text/html"].startswith("<!--") and data["text/html"].endswith("-->")


def test_top_posts_per_arm_link_to_the_post(analysis):
    table = an.top_posts(analysis)
    assert sorted(set(table.frame["arm"])) == ["live", "recorded"]
    assert len(table.frame) == 6 and table.frame.columns[0] == "impressions per post"
    assert all(link and link.startswith("https://") for link in table.links["post"])


def test_the_planned_split_is_checked_in_words(analysis):
    unplanned = dataclasses.replace(analysis.experiment, split=None)
    assert an.split_markdown(unplanned, analysis.comparison).startswith("No split was planned")
    from postlab.stats.srm import sample_ratio

    planned = dataclasses.replace(analysis.experiment, split={"recorded": 0.5, "live": 0.5})
    lopsided = dataclasses.replace(
        analysis.comparison,
        srm=sample_ratio({"recorded": 341, "live": 197}, {"recorded": 0.5, "live": 0.5}),
    )
    text = an.split_markdown(planned, lopsided)
    assert text.startswith("**The arms' sizes do not match the plan**: recorded 341 (about 269")
    assert "in under 0.1 % of experiments" in text and "chi-square" not in text


def test_posts_off_the_schedule_are_listed_for_people_with_links(analysis):
    import pandas as pd

    post = analysis.posts.iloc[0]
    deviations = pd.DataFrame(
        {
            "issue": ["outside a planned slot", "planned slot left empty"],
            "account": [post["account"], post["account"]],
            "post_id": [str(post["post_id"]), None],
            "published_at": [post["published_at"], None],
            "slot": [None, pd.Timestamp("2026-03-02 08:30")],
            "arm": ["live", "recorded"],
        }
    )
    selection = dataclasses.replace(analysis.selection, deviations=deviations)
    table = an.deviations_people(dataclasses.replace(analysis, selection=selection))
    assert list(table.frame["planned slot"]) == ["", "2026-03-02 08:30"]
    assert table.links["post"][0] == post["url"] and table.links["post"][1] is None
    assert "index" not in table._repr_html_()


def test_the_report_s_own_words_pass_the_privacy_check():
    from postlab.privacy import find

    texts = [an.GLOSSARY, *NEXT_STEPS.values()]
    assert [t for t in texts if find(t)] == []
