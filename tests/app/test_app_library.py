"""The workbench page's library, without a browser: uploads, the form's draft, the decision,
and the command that starts the page."""

import shlex
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from demo_copy import copy_demo

from postlab import cli
from postlab.app import draft as drafts
from postlab.app.decision import write_decision
from postlab.app.uploads import Upload, receive, safe_name
from postlab.exceptions import ExperimentError
from postlab.experiment import load_experiment
from postlab.experiment.load import check_experiment
from postlab.experiment.rewrite import assign_by_schedule
from postlab.experiment.schedule import plan_schedule
from postlab.loaders.cache import load_posts
from postlab.project import Project

DEMO_X = Path(__file__).resolve().parents[2] / "data" / "demo" / "exports" / "x"


@pytest.fixture
def team(tmp_path, monkeypatch):
    root = copy_demo(tmp_path, experiments=(), exports=("x",))
    monkeypatch.chdir(root)
    assert cli.main(["init", "north"]) == 0
    monkeypatch.chdir(root / "teams" / "north")
    return Project.find()


@pytest.mark.parametrize(
    "name, safe",
    [
        ("../../postlab.yml", "postlab.yml"),
        ("..\\..\\x.csv", "x.csv"),
        (".hidden.csv", "hidden.csv"),
        ("a<script>b.csv", "a_script_b.csv"),
        ("..", "export"),
    ],
)
def test_an_uploaded_name_stays_a_plain_file_name(name, safe):
    assert safe_name(name) == safe


def test_uploads_are_kept_only_when_they_load_alone(team):
    export = next(DEMO_X.rglob("*.csv"))
    stamp = datetime(2025, 3, 1, 12, 0)
    uploads = [
        Upload(export.name, export.read_bytes(), stamp),
        Upload("../notes.csv", b"when,what\n1,2\n"),
        Upload("photo.png", b"\x89PNG"),
    ]
    received = receive(uploads, team)
    exports = team.data / "exports"
    assert [name for name, _ in received.kept] == [export.name]
    assert received.kept[0][1] > 0
    assert {name for name, _ in received.refused} == {"notes.csv", "photo.png"}
    assert sorted(p.name for p in exports.iterdir()) == [export.name]
    assert (exports / export.name).stat().st_mtime == stamp.timestamp()  # dated as downloaded
    assert not any((team.cache / "app" / "quarantine").iterdir())
    again = receive([Upload(export.name, export.read_bytes())], team)
    assert again.kept == [] and "already" in again.refused[0][1]


def test_the_form_shows_check_beside_its_fields_and_saves_what_new_writes(team):
    export = next(DEMO_X.rglob("*.csv"))
    receive([Upload(export.name, export.read_bytes())], team)
    posts, _ = load_posts(team.data_folder())
    values = dict(drafts.column_values(posts, team.data, "has_media", False))
    assert set(values) <= {True, False} and sum(values.values()) == len(posts)
    account = posts["account"].iloc[0]
    draft = drafts.Draft(
        id="media-vs-text-x",
        arms=(False, True),
        names=("text only", ""),
        accounts=("Nowhere",),
        mde=0.2,
    )
    found = drafts.review(draft, team, posts)
    assert "hypothesis" in found.problems and "accounts" in found.problems
    assert not found.plan
    draft = drafts.Draft(**{**draft.__dict__, "hypothesis": "Media wins.", "accounts": (account,)})
    found = drafts.review(draft, team, posts)
    assert found.ok, found.problems
    assert found.plan.startswith("Plan for media-vs-text-x")
    path = drafts.save(draft, team)
    assert check_experiment(path)[1] == []
    document = yaml.safe_load(path.read_text())
    assert document["arms"] == {
        "control": {"value": False, "name": "text only"},
        "treatments": [{"value": True, "name": "with media"}],
    }
    assert "# How each post's arm is known" in path.read_text()
    with pytest.raises(ExperimentError, match="already exists"):
        drafts.save(draft, team)


def media_vs_text(team) -> Path:
    """The form's "media vs text" file, on the demo's X posts."""
    export = next(DEMO_X.rglob("*.csv"))
    receive([Upload(export.name, export.read_bytes())], team)
    posts, _ = load_posts(team.data_folder())
    draft = drafts.Draft(
        id="media-vs-text-x",
        hypothesis="Media wins.",
        arms=(False, True),
        names=("text only", ""),
        accounts=(posts["account"].iloc[0],),
    )
    return drafts.save(draft, team)


def test_schedule_assign_switches_the_experiment_to_its_schedule(team, capsys):
    path = media_vs_text(team)
    week = ["--from", "2027-01-04", "--to", "2027-01-29", "--slots", "Mon-Fri 09:00,13:00"]
    assert cli.main(["schedule", str(path), *week, "--assign"]) == 0
    said = capsys.readouterr().out
    assert "now takes its arms from the schedule plans/media-vs-text-x-schedule.csv" in said
    assert "To use it" not in said  # done, not to do
    document = yaml.safe_load(path.read_text())
    assert document["assignment"] == {
        "kind": "schedule",
        "file": "plans/media-vs-text-x-schedule.csv",
        "tolerance": "30min",
    }
    assert document["period"] == {"start": date(2027, 1, 4), "end": date(2027, 1, 29)}
    assert document["split"] == {"text only": 0.5, "with media": 0.5}  # what it followed
    text = path.read_text()
    assert "# How each post's arm is known" in text  # the notes stay
    assert "`postlab schedule` plans this mix" in text and "No planned split" not in text
    assert "# Written by the owner after reading the result" in text
    experiment, problems = check_experiment(path)
    assert problems == [] and experiment.randomised
    assert experiment.arms == ["text only", "with media"]
    assert cli.main(["check", str(path)]) == 0  # the schedule file is found and matches


def test_a_switch_check_would_refuse_leaves_the_file_as_it_was(team):
    path = media_vs_text(team)
    # arms named by their column ("without media"): without the column they would be "false"
    text = path.read_text()
    text = text.replace("control: {value: false, name: text only}", "control: false")
    text = text.replace("treatments: [{value: true, name: with media}]", "treatments: [true]")
    path.write_text(text)
    assert "control: false" in text and "treatments: [true]" in text
    assert check_experiment(path)[1] == []
    data = team.data_folder()
    written = plan_schedule(
        load_experiment(path),
        date(2027, 1, 4),
        date(2027, 1, 29),
        "Mon-Fri 09:00",
        seed=1,
        out_dir=data / "plans",
        data_dir=data,
    )
    with pytest.raises(ExperimentError, match="give each arm its name"):
        assign_by_schedule(
            path,
            written.assignment_file,
            written.split,
            date(2027, 1, 4),
            date(2027, 1, 29),
        )
    assert path.read_text() == text


def test_a_decision_is_written_in_place_and_validated(team):
    assert cli.main(["new", "tone-x", "--arms", "serious,humorous"]) == 0
    path = team.experiments / "tone-x.yml"
    with pytest.raises(ExperimentError, match="TODO"):  # never a decision on an unwritten file
        write_decision(path, "adopted", "", "")
    path.write_text(path.read_text().replace("TODO: write what you expect", "We expect"))
    write_decision(path, "adopted", "Humour <b>works</b>.", 'Say "more" of it.\n')
    document = yaml.safe_load(path.read_text())
    assert document["status"] == "adopted"
    assert document["decision"] == {
        "learning": "Humour <b>works</b>.",
        "next_step": 'Say "more" of it.',
    }
    assert "# Written by the owner after reading the result" in path.read_text()
    before = path.read_text()
    with pytest.raises(ExperimentError, match="status"):
        write_decision(path, "won", "", "")
    assert path.read_text() == before


def test_postlab_app_prints_a_loopback_command_with_a_token(team, capsys):
    assert cli.main(["app", "--print-only", "--port", "8866"]) == 0
    command, link = capsys.readouterr().out.splitlines()
    words = shlex.split(command)
    assert words[1:3] == ["-m", "postlab.app.serve"] and words[3].endswith("notebooks/app.ipynb")
    assert "--Voila.ip=127.0.0.1" in words and "--strip_sources=True" in words
    token = next(w for w in words if w.startswith("--token=")).split("=", 1)[1]
    assert len(token) >= 24 and link == f"http://127.0.0.1:8866/?token={token}"
    allowed = next(w for w in words if "file_allowlist" in w)
    assert "teams/north/" in allowed and "exports" not in allowed
