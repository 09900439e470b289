"""postlab summary: every team's experiments on one page, pooled where teams share a test."""

import argparse
import json
import math
import re
from pathlib import Path

import pytest

from postlab import cli
from postlab import record as rec
from postlab.experiment import load_experiment
from postlab.payload import ArmPosts, Design, Effect, Result, Verdict
from postlab.stats.pooled import random_effects

ROOT = Path(__file__).resolve().parents[2]
Z = 1.959963984540054


def result(id, effect, ci, decision="adopt", tags=(), metric="engagement_rate"):
    return Result(
        experiment_id=id,
        design=Design(title=id, control="serious", treatments=("humorous",), tags=tuple(tags),
                      primary_metric=metric),
        arms=(ArmPosts("serious", "control", 300), ArmPosts("humorous", "treatment", 200)),
        effects=(Effect(metric, "serious", "humorous", 0.02, 0.024, effect, ci),),
        verdict=Verdict(decision, f"{decision} humorous", "humorous"),
    )  # fmt: skip


def write_team(workbench, team, entries):
    root = workbench / "teams" / team
    (root / "record").mkdir(parents=True)
    (root / "postlab.yml").write_text(f"# team {team}\ndata: data\n")
    (root / "data").mkdir()
    state = {"experiments": {e.id: e.to_dict() for e in entries}}
    (root / "record" / "state.json").write_text(json.dumps(state))
    return root


@pytest.fixture
def workbench(tmp_path):
    (tmp_path / "postlab.yml").write_text("")
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "analyse_experiment.ipynb").write_text("{}")  # marks the checkout
    fresh = {"status": "fresh"}
    write_team(tmp_path, "eastmere", [
        rec.Entry("humour-x", payload=result("humour-x", 0.20, (0.10, 0.31)), **fresh),
        rec.Entry("live-fb", payload=result("live-fb", 0.5, (0.2, 0.9), tags=["live-video"]),
                  **fresh),
    ])  # fmt: skip
    kingsfold = write_team(tmp_path, "kingsfold", [
        rec.Entry("humour-x", payload=result("humour-x", 0.25, (0.12, 0.39)), **fresh),
        rec.Entry("live-yt", payload=result("live-yt", 0.3, (0.05, 0.6), tags=["live-video"]),
                  **fresh),
        rec.Entry("only-here", payload=result("only-here", 0.0, (-0.1, 0.1), "keep testing"),
                  **fresh),
    ])  # fmt: skip
    (kingsfold / "runs").mkdir()
    (kingsfold / "runs" / "humour-x.html").write_text("<p>report</p>")
    write_team(tmp_path, "northbrook", [
        rec.Entry("humour-x", payload=result("humour-x", 0.02, (-0.08, 0.13)), **fresh),
        rec.Entry("broken", status="failed", reason="cell In [3] raised KeyError: 'tone'"),
    ])  # fmt: skip
    return tmp_path


def test_the_page_pools_experiments_teams_share(workbench, monkeypatch, capsys):
    monkeypatch.chdir(workbench / "teams" / "kingsfold")  # from inside one team's workspace
    assert cli.main(["summary"]) == 0
    assert "7 experiments of 3 teams, 2 pooled across teams" in capsys.readouterr().out
    markdown = (workbench / "summary" / "SUMMARY.md").read_text()
    assert "### id humour-x" in markdown and "### tag live-video" in markdown
    assert "only-here" in markdown and "### id only-here" not in markdown
    assert "works in 2 of 3 teams" in markdown and "In a borough like these" in markdown
    assert r"northbrook / broken** failed: cell In \[3\] raised KeyError" in markdown
    # the pooled estimate is the random-effects model of the teams' log ratios
    rows = [(0.20, 0.10, 0.31), (0.25, 0.12, 0.39), (0.02, -0.08, 0.13)]
    meta = random_effects(
        [math.log1p(e) for e, _, _ in rows],
        [((math.log1p(h) - math.log1p(lo)) / (2 * Z)) ** 2 for _, lo, h in rows],
    )
    pooled = f"{100 * math.expm1(meta.estimate):.3g} %"
    assert f"changed engagement rate by +{pooled}" in markdown


def test_the_html_page_is_self_contained_and_links_reports(workbench, monkeypatch):
    monkeypatch.chdir(workbench)
    assert cli.main(["summary", "--out", "elsewhere"]) == 0
    page = (workbench / "elsewhere" / "index.html").read_text()
    assert "<style>" in page and "data:image/png;base64," in page
    assert not re.search(r"(src|href)=['\"](https?:)?//", page)
    assert "href='../teams/kingsfold/runs/humour-x.html'" in page
    assert page.count("<h3>") == 2


def test_no_team_workspaces_is_one_clear_error(tmp_path, monkeypatch, capsys):
    (tmp_path / "postlab.yml").write_text("")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["summary"]) == 1
    assert "no team workspaces in teams/" in capsys.readouterr().err


def test_a_result_on_another_metric_is_left_out_with_the_reason(workbench, monkeypatch):
    write_team(workbench, "westfield", [rec.Entry(
        "humour-x", status="fresh",
        payload=result("humour-x", 0.1, (0.0, 0.2), metric="like_rate"),
    )])  # fmt: skip
    monkeypatch.chdir(workbench)
    assert cli.main(["summary"]) == 0
    markdown = (workbench / "summary" / "SUMMARY.md").read_text()
    assert r"- left out: westfield/humour-x (measured on like\_rate)" in markdown


def test_an_experiment_files_tags_reach_the_result(tmp_path):
    text = (ROOT / "experiments" / "humour-vs-serious-x.yml").read_text()
    path = tmp_path / "humour-vs-serious-x.yml"
    path.write_text(text.replace("status: concluded", "status: concluded\ntags: [humour-x]"))
    experiment = load_experiment(path)
    data = {"experiment": experiment.to_dict(), "comparison": {}}
    assert Result.from_dict(data).design.tags == ("humour-x",)


def test_rerun_all_teams_ends_with_the_summary(workbench, monkeypatch, capsys):
    from postlab.commands import rerun as command

    ran = []
    monkeypatch.setattr(command, "run", lambda args: ran.append(args) or 0)
    monkeypatch.chdir(workbench)
    options = {"data": None, "experiments_dir": None, "runs": None, "record": None, "team": None}
    assert command._all_teams(argparse.Namespace(all_teams=True, **options)) == 0
    assert len(ran) == 3
    assert "across teams: 7 experiments of 3 teams" in capsys.readouterr().out
    assert (workbench / "summary" / "index.html").exists()
