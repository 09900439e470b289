"""new, check, plan and schedule through the command line, as a comms officer runs them."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from postlab import cli
from postlab.experiment import load_experiment

from .conftest import VALID, make_posts


@pytest.fixture
def in_tmp(tmp_path):
    old = os.getcwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(old)


@pytest.fixture
def small_data(monkeypatch, posts):
    """``postlab.loaders.load`` returns the small posts table of conftest."""
    import postlab.loaders

    monkeypatch.setattr(postlab.loaders, "load", lambda paths, **kw: posts)
    return posts


def test_new_writes_a_valid_commented_file_and_refuses_to_overwrite(in_tmp, capsys):
    assert (
        cli.main(
            [
                "new",
                "humour-vs-serious-ig",
                "--platform",
                "instagram",
                "--arms",
                "serious,humorous,deadpan",
            ]
        )
        == 0
    )
    path = in_tmp / "experiments" / "humour-vs-serious-ig.yml"
    assert f"wrote experiments/{path.name}" in capsys.readouterr().out
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    experiment = load_experiment(path)
    assert experiment.platforms == ["instagram"]
    assert experiment.arms == ["serious", "humorous", "deadpan"]
    assert sum(experiment.split.values()) == pytest.approx(1)
    assert cli.main(["new", "humour-vs-serious-ig"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_text() == text


def test_new_schema_comment_points_at_the_schema(in_tmp):
    cli.main(["new", "a-test", "--title", "A test: with colon"])
    path = in_tmp / "experiments" / "a-test.yml"
    schema_ref = path.read_text().splitlines()[0].split("$schema=", 1)[1]
    assert (path.parent / schema_ref).resolve().name == "experiment.schema.json"
    assert (path.parent / schema_ref).resolve().exists()
    assert load_experiment(path).title == "A test: with colon"


@pytest.mark.parametrize(
    "argv, message",
    [
        (["new", "Bad_Id"], "must be lower-case letters, digits and dashes"),
        (["new", "ok-id", "--platform", "tiktok"], "--platform 'tiktok' is not one of"),
        (["new", "ok-id", "--arms", "serious"], "--arms needs a control and at least one"),
    ],
)
def test_new_rejects_bad_input(in_tmp, capsys, argv, message):
    assert cli.main(argv) == 1
    assert message in capsys.readouterr().err
    assert not (in_tmp / "experiments" / "ok-id.yml").exists()


def test_check_passes_and_lists_posts_per_arm(write, data_dir, small_data, capsys):
    path = write()
    assert cli.main(["check", str(path), "--data", str(data_dir)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"ok  {path}: posts per arm: serious 2, humorous 2"
    assert out[-1] == "checked 1 experiment and 1 labels file: no problems"


def test_check_lists_every_problem_and_fails(write, data_dir, small_data, capsys):
    bad = write(VALID.replace("status: running", "status: runing"), name="bad-status")
    typo = write(VALID.replace("serious", "serius"), name="typo-arm")
    empty = write(VALID.replace("MPSNorthbrook", "MPSNowhere"), name="no-posts")
    assert cli.main(["check", str(bad), str(typo), str(empty), "--data", str(data_dir)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{bad} line 5: status 'runing' is not one of: planned, running, concluded, adopted,"
        " rejected (did you mean running?)",
        f"{typo} line 17: arms.control 'serius' is not a value of labels column tone"
        " (did you mean serious?) (values: humorous, neutral, serious)",
        f"{empty}: arm 'serious' has no posts in {data_dir} (posts per arm: serious 0,"
        " humorous 0; left out: other platform 1, other account 11)",
        f"{empty}: arm 'humorous' has no posts in {data_dir} (posts per arm: serious 0,"
        " humorous 0; left out: other platform 1, other account 11)",
        "checked 3 experiments and 1 labels file: 4 problems",
    ]


def test_check_labels_file(write, data_dir, small_data, capsys):
    path = write()
    labels = data_dir / "labels.csv"
    labels.write_text(
        labels.read_text() + "6.49E+17,x,serious\n2,x,humorous\n7,x,Humourous\n8,x,Humourous\n"
    )
    assert cli.main(["check", str(path), "--data", str(data_dir)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{labels} line 8: post_id 6.49E+17 was damaged by a spreadsheet (digits lost); copy the"
        " id again from the export and save as CSV with ids as text",
        f"{labels} line 9: post_id 2 appears twice (first on line 3)",
        f"{labels} line 10: tone 'Humourous' is not an arm value (did you mean humorous?)"
        " (and 1 more row)",
        "checked 1 experiment and 1 labels file: 3 problems",
    ]


def test_check_blames_a_misspelt_arm_not_the_labels(write, data_dir, small_data, capsys):
    typo = write(VALID.replace("serious", "serius"))
    assert cli.main(["check", str(typo), "--data", str(data_dir)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and "arms.control 'serius' is not a value" in out[0]


def test_check_demo_experiments_find_posts_in_every_arm(capsys):
    assert cli.main(["check"]) == 0
    out = capsys.readouterr().out
    assert out.count("ok  experiments/") == 3
    assert "checked 3 experiments and 1 labels file: no problems" in out


def test_check_privacy(in_tmp, capsys):
    (in_tmp / "notebooks").mkdir()
    (in_tmp / "notebooks" / "clean.md").write_text("Engagement rose by 20 %.\n")
    assert cli.main(["check", "--privacy"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "privacy: 0 findings in notebooks"
    (in_tmp / "runs").mkdir()
    (in_tmp / "runs" / "leak.md").write_text("Call Jane on 07700 900123 about the appeal.\n")
    assert cli.main(["check", "--privacy", "runs", "record"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "record: not there (skipped)" in out
    assert any(line.startswith("runs/leak.md") and "[phone]" in line for line in out)
    assert out[-1].startswith("privacy: ") and "runs" in out[-1] and "0 findings" not in out[-1]


def test_plan_prints_posts_needed(write, monkeypatch, capsys, data_dir):
    import postlab.loaders

    rng = pd.Series(range(400))
    posts = make_posts(
        [
            {
                "post_id": str(i),
                "published_at": pd.Timestamp("2025-01-01 09:00") + pd.Timedelta(hours=12 * i),
                "impressions": 1000 + 37 * (i % 11),
                "engagements": 20 + (i * 7) % 23,
            }
            for i in rng
        ]
    )
    monkeypatch.setattr(postlab.loaders, "load", lambda paths, **kw: posts)
    assert cli.main(["plan", str(write()), "--data", str(data_dir)]) == 0
    out = capsys.readouterr().out
    # 400 posts twice a day from 1 January: 302 of them before the period start (1 June)
    assert "Based on 302 past posts of MPSNorthbrook on x (posts before 2025-06-01)" in out
    assert "too few in the arms, so all of them: 14.0 a week." in out
    assert "To detect a 10% change in engagement rate (alpha 0.05, 80% power) you need" in out
    assert "The period (4 weeks) should give about serious 30, humorous 30 posts" in out


def test_plan_demo(capsys):
    assert cli.main(["plan", "experiments/humour-vs-serious-facebook.yml"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Plan for humour-vs-serious-facebook (sequential analysis)\n")
    assert "in the arms" in out and "smallest change it can detect" in out


def test_schedule_writes_csv_and_ics(in_tmp, write, capsys):
    path = write()
    argv = [
        "schedule",
        str(path),
        "--from",
        "2026-11-02",
        "--to",
        "2026-11-29",
        "--slots",
        "Mon-Fri 08:30,12:30,17:00; Sat 10:00",
        "--seed",
        "5",
        "--out",
        "plans",
    ]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert "64 slots over 4 weeks (humorous 32, serious 32), seed 5" in out
    csv = (in_tmp / "plans" / "test-exp-schedule.csv").read_text()
    assert csv.startswith("time,arm\n2026-11-02T08:30:00+00:00,")
    assert (
        (in_tmp / "plans" / "test-exp-schedule.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    )
    assert cli.main(argv) == 0
    assert (in_tmp / "plans" / "test-exp-schedule.csv").read_text() == csv


def test_schedule_rejects_bad_slots(in_tmp, write, capsys):
    argv = [
        "schedule",
        str(write()),
        "--from",
        "2026-11-02",
        "--to",
        "2026-11-29",
        "--slots",
        "Mon-Fri 8.30",
        "--out",
        "plans",
    ]
    assert cli.main(argv) == 1
    assert "'8.30' in 'Mon-Fri 8.30' is not a time like 08:30" in capsys.readouterr().err


def test_plan_object_for_the_notebook(write, data_dir):
    from postlab.experiment.plan import plan_experiment

    posts = make_posts(
        [
            {
                "post_id": str(i),
                "published_at": pd.Timestamp("2025-06-01 09:00") + pd.Timedelta(hours=6 * i),
                "impressions": 1000 + 53 * (i % 7),
                "engagements": 30 + (i * 5) % 17,
            }
            for i in range(100)
        ]
    )
    plan = plan_experiment(load_experiment(write()), posts, data_dir)
    assert plan.table()["posts_needed"].tolist() == [plan.needed["serious"]] * 2
    curve = plan.power_curve()
    assert curve["power"].is_monotonic_increasing
    assert curve["posts_per_arm"].max() >= max(plan.expected["serious"], plan.needed["serious"])
    needed = curve[curve["posts_per_arm"] >= plan.needed["serious"]]["power"].iloc[0]
    assert needed >= 0.8
    assert plan.weeks_needed == pytest.approx(plan.total_needed / plan.posts_per_week)
    import matplotlib.pyplot as plt

    figure = plan.figure()
    assert figure.axes[0].get_ylabel() == "chance to detect the effect"
    plt.close(figure)
