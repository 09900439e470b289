"""A team's workspace (postlab init) is apart from the demo: each uses its own data,
experiments, runs and record, and a team added to a checkout changes nothing of the demo's."""

import shutil
from pathlib import Path

import pytest
from demo_copy import DEMO_EXPERIMENTS, ROOT, copy_demo

from postlab import cli
from postlab.config import load_settings
from postlab.run.rerun import RerunOptions, plan

X_FIXTURES = ROOT / "tests" / "loaders" / "fixtures" / "x"


@pytest.fixture
def checkout(tmp_path, monkeypatch):
    """The demo (YouTube exports only) and a team workspace with two X exports."""
    copy_demo(tmp_path, exports=("youtube",))
    monkeypatch.chdir(tmp_path)
    assert cli.main(["init", "north"]) == 0
    for export in X_FIXTURES.glob("tweet_activity_*.csv"):
        shutil.copy(export, tmp_path / "teams/north/data/exports")
    return tmp_path


def planned(root: Path) -> set[str]:
    return {p.id for p in plan(RerunOptions(root=str(root)), root, _empty_record())}


def _empty_record():
    from postlab import record as rec

    return rec.Record()


def test_init_makes_a_commented_workspace_naming_its_data_once(checkout, capsys):
    team = checkout / "teams" / "north"
    assert cli.main(["init", "south"]) == 0
    assert "put the exports in teams/south/data/exports/" in capsys.readouterr().out
    assert {p.name for p in team.iterdir()} == {"postlab.yml", ".gitignore", "data", "experiments"}
    assert (team / "data" / "plans").is_dir()
    settings = (team / "postlab.yml").read_text()
    for explained in ("data: data", "timezone", "allow_handles", "names", "day_first"):
        assert explained in settings
    assert load_settings(team).data == "data"
    assert "data/exports/" in (team / ".gitignore").read_text().splitlines()
    assert cli.main(["init", "north"]) == 1
    assert cli.main(["init", "North Borough"]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert "already exists" in errors[0] and "lower-case letters" in errors[1]


def test_init_can_name_a_data_folder_the_team_already_has(checkout, capsys):
    shutil.copytree(checkout / "teams/north/data", checkout / "data/south")
    assert cli.main(["init", "south", "--data", "data/south"]) == 0
    assert load_settings(checkout / "teams/south").data == "../../data/south"
    assert not (checkout / "teams/south/data").exists()
    assert cli.main(["load", "--team", "south"]) == 0
    assert "MPSTest" in capsys.readouterr().out
    assert cli.main(["init", "west", "--data", "data/west"]) == 1
    assert "--data: no such folder" in capsys.readouterr().err


def test_commands_inside_a_workspace_use_its_data_and_experiments(checkout, capsys, monkeypatch):
    monkeypatch.chdir(checkout / "teams" / "north" / "experiments")
    assert cli.main(["new", "question-x", "--arms", "statement,question"]) == 0
    assert (checkout / "teams/north/experiments/question-x.yml").exists()
    assert not (checkout / "experiments" / "question-x.yml").exists()
    assert cli.main(["load"]) == 0
    out = capsys.readouterr().out
    assert "MPSTest" in out and "Police" not in out  # the team's exports, not the demo's
    cli.main(["check"])
    out = capsys.readouterr().out
    assert "question-x" in out and not any(name in out for name in DEMO_EXPERIMENTS)


def test_team_from_the_repository_root_is_as_if_inside(checkout, capsys):
    assert cli.main(["new", "question-x", "--team", "north"]) == 0
    assert (checkout / "teams/north/experiments/question-x.yml").exists()
    assert cli.main(["load", "--team", "north"]) == 0
    captured = capsys.readouterr()
    assert "MPSTest" in captured.out and "note" not in captured.err
    cli.main(["check"])  # the demo: says so, and checks only the demo's experiments
    captured = capsys.readouterr()
    assert "this is the demo project" in captured.err and "--team north" in captured.err
    assert "question-x" not in captured.out and DEMO_EXPERIMENTS[0] in captured.out


def test_a_mistyped_team_or_data_folder_is_one_error_before_anything_runs(checkout, capsys):
    assert cli.main(["rerun", "--team", "nort"]) == 1
    assert cli.main(["rerun", "--data", "data/dmeo"]) == 1
    assert cli.main(["plan", "experiments/humour-vs-serious-x.yml", "--data", "nowhere"]) == 1
    assert cli.main(["rerun", "--all-teams", "--data", "data/demo"]) == 1
    errors = capsys.readouterr().err.splitlines()  # --data typed: no word about the demo
    assert "no team workspace 'nort' (did you mean north?)" in errors[0]
    assert errors[1].endswith("--data data/dmeo: no such folder (did you mean data/demo?)")
    assert "--data nowhere: no such folder" in errors[2]
    assert "--all-teams uses each team's own folders" in errors[3]
    assert len(errors) == 4
    assert not (checkout / "runs").exists() and not (checkout / "record").exists()


def test_a_workspace_without_its_data_folder_says_where_to_name_it(checkout, capsys):
    shutil.rmtree(checkout / "teams/north/data")
    assert cli.main(["rerun", "--all-teams"]) == 1
    assert "set data: in teams/north/postlab.yml" in capsys.readouterr().err


def test_a_rerun_plans_only_its_own_projects_experiments(checkout):
    assert cli.main(["new", "question-x", "--team", "north"]) == 0
    assert planned(checkout) == {*DEMO_EXPERIMENTS, "explore_engagement"}  # make run: the demo
    assert planned(checkout / "teams" / "north") == {"question-x", "explore_engagement"}


def test_demo_experiments_moved_away_leave_the_team_and_the_demo_working(checkout, capsys):
    assert cli.main(["new", "question-x", "--team", "north"]) == 0
    shutil.move(checkout / "experiments", checkout / "demo-experiments")
    (checkout / "experiments").mkdir()
    assert planned(checkout) == {"explore_engagement"}
    assert planned(checkout / "teams" / "north") == {"question-x", "explore_engagement"}
    cli.main(["check", "--team", "north"])
    out = capsys.readouterr().out
    assert "question-x" in out and "checked 1 experiment" in out
    assert cli.main(["check"]) == 0
    assert "checked 0 experiments" in capsys.readouterr().out


def test_all_teams_needs_a_team(tmp_path, monkeypatch, capsys):
    copy_demo(tmp_path, experiments=(), exports=("youtube",))
    monkeypatch.chdir(tmp_path)
    assert cli.main(["rerun", "--all-teams"]) == 1
    assert "no team workspaces in teams/" in capsys.readouterr().err
