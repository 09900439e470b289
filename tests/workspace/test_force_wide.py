"""A force-wide experiment: one file in a force workspace, run by three teams at once.

The three teams are the demo's three X accounts, each in its own workspace with
its own exports and labels; the force workspace pools them. Pooled, they are
the demo's own three-account experiment, so the force's analysis must equal it.
"""

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from demo_copy import copy_demo

from postlab import analysis, cli
from postlab import record as rec
from postlab.experiment import force
from postlab.project import using

TEAMS = {
    "north-borough": "MPSNorthbrook",
    "east-borough": "MPSEastmere",
    "kings-borough": "MPSKingsfold",
}
EXPERIMENT = "humour-vs-serious-x"


@pytest.fixture(scope="module")
def checkout(tmp_path_factory):
    root = copy_demo(tmp_path_factory.mktemp("force"), experiments=(EXPERIMENT,), exports=("x",))
    demo = root / "data" / "demo"
    labels = pd.read_csv(demo / "labels.csv", dtype=str)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.chdir(root)
        for team, account in TEAMS.items():
            assert cli.main(["init", team]) == 0
            settings = root / "teams" / team / "postlab.yml"  # as the tour says: own handles
            own = f"allow_handles: [{account}]\n  allow_terms: [{account.removeprefix('MPS')}]"
            listed = f"accounts:\n  {account}: {{timezone: Europe/London}}\n"
            text = settings.read_text().replace("allow_handles: []", own)
            settings.write_text(text.replace("accounts:\n", listed, 1))
            data = root / "teams" / team / "data"
            (data / "exports" / "x").mkdir(parents=True)
            for export in (demo / "exports" / "x").glob(f"*_{account}_*.csv"):
                shutil.copy(export, data / "exports" / "x")
            labels[labels["account"] == account].to_csv(data / "labels.csv", index=False)
        assert cli.main(["init", "force", "--teams", "all"]) == 0
    shutil.copy(root / "experiments" / f"{EXPERIMENT}.yml", root / "teams/force/experiments")
    return root


def test_a_force_workspace_names_its_teams_and_is_left_out_of_all(checkout):
    settings = (checkout / "teams/force/postlab.yml").read_text()
    assert "teams: all" in settings and "\ndata:" not in settings
    teams = force.members(checkout / "teams" / "force")
    assert sorted(m.team for m in teams) == sorted(TEAMS)


def test_the_force_analysis_pools_the_teams_and_equals_the_same_posts_in_one_folder(
    checkout, monkeypatch
):
    monkeypatch.chdir(checkout)
    alone = analysis.analyse(f"experiments/{EXPERIMENT}.yml", "data/demo")
    monkeypatch.chdir(checkout / "teams" / "force")
    pooled = analysis.analyse(f"experiments/{EXPERIMENT}.yml", ".")
    assert set(pooled.selection.posts["team"]) == set(TEAMS)
    assert pooled.selection.counts().to_dict() == alone.selection.counts().to_dict()
    assert pooled.comparison.verdict.decision == alone.comparison.verdict.decision == "adopt"
    ours, theirs = pooled.comparison.result(), alone.comparison.result()
    assert ours.rel_effect == pytest.approx(theirs.rel_effect)
    assert tuple(ours.rel_ci) == pytest.approx(tuple(theirs.rel_ci))
    boroughs = analysis.account_effects(pooled, by="team")
    assert sorted(a.account for a in boroughs.accounts) == sorted(TEAMS)
    design = analysis.design_markdown(pooled.experiment, pooled.selection)
    assert "**Force-wide.** Run by 3 teams at once (east-borough, kings-borough," in design
    assert "Force-wide" not in analysis.design_markdown(alone.experiment, alone.selection)
    assert boroughs.pooled is not None and analysis.account_effects(alone, by="team") is None
    files = {f.path.split(":")[0] for f in pooled.load_report.files}
    assert files == set(TEAMS) and pooled.load_report.posts == alone.load_report.posts


def test_plan_counts_every_teams_posts_per_week(checkout, monkeypatch, capsys):
    monkeypatch.chdir(checkout)
    assert cli.main(["plan", f"experiments/{EXPERIMENT}.yml", "--json"]) == 0
    alone = json.loads(capsys.readouterr().out)
    monkeypatch.chdir(checkout / "teams" / "force")
    assert cli.main(["plan", f"experiments/{EXPERIMENT}.yml"]) == 0
    assert "Force-wide: the posts of 3 teams together" in capsys.readouterr().out
    assert cli.main(["plan", f"experiments/{EXPERIMENT}.yml", "--json"]) == 0
    pooled = json.loads(capsys.readouterr().out)
    assert pooled["posts_per_week"] == pytest.approx(alone["posts_per_week"])


def test_schedule_gives_each_team_its_own_plan_from_one_seed(checkout, monkeypatch, capsys):
    monkeypatch.chdir(checkout / "teams" / "force")
    args = ["schedule", f"experiments/{EXPERIMENT}.yml", "--from", "2026-11-02"]
    args += ["--to", "2026-11-15", "--slots", "Mon-Fri 09:00,17:00", "--seed", "7"]
    assert cli.main(args) == 0
    assert "3 teams, each on its own schedule from seed 7" in capsys.readouterr().out
    plans = {}
    for team in TEAMS:
        path = checkout / "teams" / team / "data" / "plans" / f"{EXPERIMENT}-schedule.csv"
        plans[team] = pd.read_csv(path)
        assert len(plans[team]) == 20 and set(plans[team]["arm"]) == {"serious", "humorous"}
    orders = {tuple(p["arm"]) for p in plans.values()}
    assert len(orders) == 3  # each team its own random order
    with using(checkout / "teams" / "force"):
        assert force.team_seed(7, "east-borough") != force.team_seed(7, "north-borough")


@pytest.mark.slow
def test_rerun_in_the_force_workspace_records_the_force_verdict(checkout, monkeypatch, capsys):
    monkeypatch.chdir(checkout / "teams" / "force")
    assert cli.main(["rerun", "--rerun-at", "2026-11-20 06:00", "--workers", "1"]) == 0
    entry = rec.read_record(Path("record")).entries[EXPERIMENT]
    assert entry.status == "fresh" and entry.decision == "adopt"
    report = Path("runs", f"{EXPERIMENT}.html").read_text()
    assert "Does it hold in each borough?" in report and "kings-borough" in report
    capsys.readouterr()
    assert cli.main(["check", "--privacy"]) == 0  # the report against every team's raw posts
    assert "the teams' data (east-borough, kings-borough, north-borough)" in capsys.readouterr().out
    monkeypatch.chdir(checkout)
    assert cli.main(["summary"]) == 0
    summary = (checkout / "summary" / "SUMMARY.md").read_text()
    assert "force (3 teams)" in summary
    assert f"- {EXPERIMENT} (force, over 3 teams): adopt" in summary


def test_check_reads_each_teams_data_and_load_says_where_the_exports_are(
    checkout, monkeypatch, capsys
):
    monkeypatch.chdir(checkout / "teams" / "force")
    assert cli.main(["check"]) == 0
    out = capsys.readouterr().out
    assert all(f"team {team}:" in out for team in TEAMS)
    assert cli.main(["load"]) == 1
    assert "is a force workspace: it has no exports of its own" in capsys.readouterr().err


def test_the_boroughs_view_speaks_of_boroughs(checkout, monkeypatch):
    monkeypatch.chdir(checkout / "teams" / "force")
    pooled = analysis.analyse(f"experiments/{EXPERIMENT}.yml", ".")
    boroughs = analysis.account_effects(pooled, by="team")
    text = analysis.accounts_markdown(pooled.comparison.verdict, boroughs)
    assert "of 3 boroughs" in text and "over 3 boroughs" in text and " account" not in text
    assert list(boroughs.table().columns)[0] == "borough"


def test_rerun_all_teams_reruns_the_force_after_its_teams(checkout, monkeypatch, tmp_path):
    from postlab.commands import rerun as rerun_command
    from postlab.project import find_root

    order = []
    monkeypatch.setattr(rerun_command, "run", lambda args: order.append(find_root().name) or 0)
    monkeypatch.setattr(rerun_command.summary_page, "written", lambda *a: "summary")
    monkeypatch.chdir(checkout)
    args = cli.build_parser().parse_args(["rerun", "--all-teams"])
    assert rerun_command._all_teams(args) == 0
    assert order == [*sorted(TEAMS), "force"]
