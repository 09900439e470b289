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
    """The posts cache returns the small posts table of conftest."""
    import postlab.loaders.cache

    monkeypatch.setattr(postlab.loaders.cache, "load_posts", lambda data_dir: (posts, None))
    return posts


def _written_out(path):
    """The file as an owner leaves it after writing the hypothesis."""
    path.write_text(path.read_text().replace("TODO: write what you expect", "We expect"))
    return load_experiment(path)


def test_new_writes_a_commented_file_and_refuses_to_overwrite(in_tmp, capsys):
    argv = ["new", "humour-vs-serious-ig", "--platform", "instagram"]
    assert cli.main([*argv, "--arms", "serious,humorous,deadpan"]) == 0
    path = in_tmp / "experiments" / "humour-vs-serious-ig.yml"
    out = capsys.readouterr().out
    assert f"wrote experiments/{path.name}: an observational design with no planned split" in out
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    # the placeholder hypothesis does not pass check
    (in_tmp / "data").mkdir()
    assert cli.main(["check", str(path), "--data", "data"]) == 1
    assert "hypothesis still holds the template's TODO text" in capsys.readouterr().out
    experiment = _written_out(path)
    assert experiment.platforms == ["instagram"]
    assert experiment.arms == ["serious", "humorous", "deadpan"]
    assert experiment.split is None and not experiment.randomised
    assert experiment.analysis == "sequential" and experiment.mde == 0.1
    assert cli.main(argv) == 1
    assert "already exists" in capsys.readouterr().err


def test_new_with_a_schedule_plans_a_split(in_tmp, capsys):
    assert cli.main(["new", "q-vs-s", "--schedule", "--arms", "statement,question"]) == 0
    assert "a randomised design; make its plan with `postlab schedule" in capsys.readouterr().out
    experiment = _written_out(in_tmp / "experiments" / "q-vs-s.yml")
    assert experiment.randomised and experiment.assignment.file == "plans/q-vs-s-schedule.csv"
    assert experiment.split == {"statement": 0.5, "question": 0.5}


def test_new_names_yes_no_arms_everywhere_in_the_file(in_tmp, capsys):
    assert cli.main(["new", "media-vs-text-x", "--column", "has_media"]) == 0
    path = in_tmp / "experiments" / "media-vs-text-x.yml"
    text = path.read_text()
    assert "control: {value: false, name: without media}" in text
    assert "treatments: [{value: true, name: with media}]" in text
    hypothesis = " ".join(text.split("hypothesis: >")[1].split("status:")[0].split())
    assert '"Posts with media get a higher engagement rate than posts without media' in hypothesis
    assert "true" not in hypothesis and "false" not in hypothesis
    experiment = _written_out(path)
    assert experiment.arms == ["without media", "with media"]
    assert experiment.assignment.column == "has_media"
    # yes/no arms without the column they belong to: one line, nothing written
    assert cli.main(["new", "yes-no-x", "--arms", "false,true"]) == 1
    assert "name it with --column (e.g. --column has_media)" in capsys.readouterr().err
    assert not (in_tmp / "experiments" / "yes-no-x.yml").exists()


def test_new_schema_comment_points_at_the_schema(in_tmp):
    cli.main(["new", "a-test", "--title", "A test: with colon"])
    path = in_tmp / "experiments" / "a-test.yml"
    schema_ref = path.read_text().splitlines()[0].split("$schema=", 1)[1]
    assert (path.parent / schema_ref).resolve().name == "experiment.schema.json"
    assert (path.parent / schema_ref).resolve().exists()
    assert _written_out(path).title == "A test: with colon"


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


@pytest.fixture
def enough_posts(monkeypatch, data_dir):
    """Ten posts per arm (the verdict's minimum) in June 2025, labelled."""
    import postlab.loaders.cache

    ids = [str(n) for n in range(1, 21)]
    labels = pd.DataFrame({"post_id": ids, "platform": "x", "tone": ["serious", "humorous"] * 10})
    labels.to_csv(data_dir / "labels.csv", index=False)
    posts = make_posts(
        [{"post_id": i, "published_at": f"2025-06-{int(i) + 1:02d} 08:00"} for i in ids]
    )
    monkeypatch.setattr(postlab.loaders.cache, "load_posts", lambda data_dir: (posts, None))
    return posts


OBSERVATIONAL = (
    "    note: observational: the team chooses which posts are serious or humorous, so when or"
    " what was posted may explain part of a difference (a schedule made by `postlab schedule`"
    " randomises it)"
)


def test_check_passes_and_lists_posts_per_arm(write, data_dir, enough_posts, capsys):
    path = write()
    assert cli.main(["check", str(path), "--data", str(data_dir)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [f"ok  {path}: posts per arm: serious 10, humorous 10", OBSERVATIONAL]
    assert out[-1] == "checked 1 experiment and 1 labels file: no problems"


def test_check_lists_every_problem_and_fails(write, data_dir, enough_posts, capsys):
    bad = write(VALID.replace("status: running", "status: runing"), name="bad-status")
    typo = write(VALID.replace("serious", "serius"), name="typo-arm")
    account = write(VALID.replace("[MPSNorthbrook]", "[MPSNorthbrook, mpseastmere]"), name="acc")
    later = VALID.replace("2025-06-01", "2030-01-01").replace("2025-06-30", "2030-01-31")
    period = write(later, name="period")
    planned = write(later.replace("status: running", "status: planned"), name="planned")
    few = write(VALID.replace("end: 2025-06-30", "end: 2025-06-06"), name="few")
    files = [bad, typo, account, period, planned, few]
    assert cli.main(["check", *map(str, files), "--data", str(data_dir)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"ok  {planned}: planned; posts per arm so far: serious 0, humorous 0",
        OBSERVATIONAL,
        f"{bad} line 5: status 'runing' is not one of: planned, running, concluded, adopted,"
        " rejected (did you mean running?)",
        f"{typo} line 17: arms.control 'serius' is not a value of labels column tone"
        " (did you mean serious?) (values: humorous, serious)",
        f"{account} line 7: accounts[1] 'mpseastmere' has no posts on x in {data_dir}"
        " (accounts: MPSNorthbrook)",
        f"{period} line 8: period 2030-01-01 to 2030-01-31 holds no posts of these accounts;"
        f" their posts in {data_dir} run from 2025-06-02 to 2025-06-21",
        f"{few} line 17: arms.control 'serious' has only 3 posts in {data_dir}; a verdict needs at least"
        " 10 per arm (posts per arm: serious 3, humorous 2; left out: published after the period"
        " (2025-06-06) 15)",
        f"{few} line 18: arms.treatments[0] 'humorous' has only 2 posts in {data_dir}; a verdict needs at least"
        " 10 per arm (posts per arm: serious 3, humorous 2; left out: published after the period"
        " (2025-06-06) 15)",
        "checked 6 experiments and 1 labels file: 6 problems",
    ]


def test_check_names_an_arm_value_the_column_never_takes_with_its_values(
    write, data_dir, monkeypatch, capsys
):
    """Whatever the status: `morning` is no value of hour_block, `morning 06-12` is."""
    import postlab.loaders.cache

    blocks = ["morning 06-12"] * 5 + ["evening 18-24"] * 3 + ["night 00-06"]
    posts = make_posts(
        [{"post_id": str(n), "published_at": f"2025-06-{n + 1:02d} 08:00"} for n in range(9)]
    ).assign(hour_block=blocks)
    monkeypatch.setattr(postlab.loaders.cache, "load_posts", lambda data_dir: (posts, None))
    text = VALID.replace("status: running", "status: planned")
    text = text.replace(
        "  kind: labels\n  file: labels.csv\n  column: tone\n",
        "  kind: column\n  column: hour_block\n",
    )
    text = text.replace("control: serious", "control: evening 18-24").replace(
        "[humorous]", "[morning]"
    )
    text = text.replace("serious: 0.5\n  humorous: 0.5", "evening 18-24: 0.5\n  morning: 0.5")
    path = write(text)
    assert cli.main(["check", str(path), "--data", str(data_dir)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{path} line 17: arms.treatments[0] 'morning' is never a value of 'hour_block' for these"
        f" posts in {data_dir} (did you mean 'morning 06-12'?); its values: 'morning 06-12' 5"
        " posts, 'evening 18-24' 3 posts, 'night 00-06' 1 post",
        "checked 1 experiment: 1 problem",
    ]


def test_check_lists_a_placeholder_and_a_missing_labels_file_in_one_run(
    write, data_dir, small_data, capsys
):
    path = write(VALID.replace("hypothesis: Humorous posts", "hypothesis: TODO Humorous posts"))
    (data_dir / "labels.csv").unlink()
    assert cli.main(["check", str(path), "--data", str(data_dir)]) == 1
    out = capsys.readouterr().out
    assert "hypothesis still holds the template's TODO text" in out
    assert "labels file not found" in out


def test_check_never_says_ok_above_a_files_own_problem(write, data_dir, enough_posts, capsys):
    path = write(VALID.replace("hypothesis: Humorous posts", "hypothesis: TODO Humorous posts"))
    assert cli.main(["check", str(path), "--data", str(data_dir)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert not any(line.startswith("ok ") for line in out)
    assert out[0] == (
        f"    {path}: fits the data (see its problem below): posts per arm: serious 10, humorous 10"
    )


def test_check_suggests_an_account_written_in_another_case(write, data_dir, monkeypatch, capsys):
    import postlab.loaders.cache

    posts = make_posts([{"post_id": "1", "account": "rOpenSci"}])
    monkeypatch.setattr(postlab.loaders.cache, "load_posts", lambda data_dir: (posts, None))
    path = write(VALID.replace("[MPSNorthbrook]", "[ropensci]"))
    assert cli.main(["check", str(path), "--data", str(data_dir)]) == 1
    out = capsys.readouterr().out
    assert "accounts[0] 'ropensci' has no posts on x" in out
    assert "(did you mean rOpenSci?) (accounts: rOpenSci)" in out


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


def test_check_counts_labelled_ids_that_match_no_post(write, data_dir, small_data, capsys):
    labels = data_dir / "labels.csv"
    extra = "".join(f"{n},x,serious\n" for n in range(100, 1684))
    labels.write_text(labels.read_text() + extra)
    assert cli.main(["check", str(write()), "--data", str(data_dir)]) == 1
    out = capsys.readouterr().out.splitlines()
    unmatched = [line for line in out if "match no post" in line]
    assert unmatched == [
        f"{labels}: 1,584 of 1,590 labelled post ids match no post in {data_dir}"
        " (e.g. 100, 101, 102): labels from another account or a damaged copy?"
    ]


def test_check_summarises_a_damaged_labels_file(write, data_dir, small_data, capsys):
    labels = data_dir / "labels.csv"
    rows = "".join(f"{n}.{n}E+17,x,serious\n" for n in range(1, 10)) * 200
    labels.write_text("post_id,platform,tone\n" + rows + "1,x,serious\n999,x,humorous\n")
    assert cli.main(["check", str(write()), "--data", str(data_dir)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"{labels} line 2: post_id 1.1E+17 was damaged by a spreadsheet (digits lost); copy the"
        " id again from the export and save as CSV with ids as text; and 1,799 more rows like it"
    )
    assert out[1:] == ["checked 1 experiment and 1 labels file: 1 problem"]


def test_check_refuses_a_mistyped_data_folder_up_front(write, data_dir, small_data, capsys):
    assert cli.main(["check", str(write()), "--data", str(data_dir) + "s"]) == 1
    err = capsys.readouterr().err
    assert f"--data {data_dir}s: no such folder (did you mean {data_dir}?)" in err
    assert err.count("\n") == 1


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
    import postlab.loaders.cache

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
    monkeypatch.setattr(postlab.loaders.cache, "load_posts", lambda data_dir: (posts, None))
    assert cli.main(["plan", str(write()), "--data", str(data_dir)]) == 0
    out = capsys.readouterr().out
    # 400 posts twice a day from 1 January: 302 of them before the period start (1 June)
    assert "Based on 302 past posts of MPSNorthbrook on X (posts before 2025-06-01)" in out
    assert "too few in the arms, so all of them: 14.0 a week." in out
    assert "To detect a 10 % change in engagement rate (alpha 0.05, 80 % power) you need" in out
    assert "The period (about 4 weeks) should give about serious 30, humorous 30 posts" in out


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


def test_schedule_goes_to_the_data_folders_plans_per_account(in_tmp, write, capsys):
    text = VALID.replace("[MPSNorthbrook]", "[MPSNorthbrook, MPSEastmere]")
    path = write(text.replace("split:\n  serious: 0.5\n  humorous: 0.5\n", ""))
    (in_tmp / "data" / "team").mkdir(parents=True)
    argv = ["schedule", str(path), "--from", "2026-12-21", "--to", "2027-01-03"]
    argv += ["--slots", "Mon-Fri 09:00", "--data", "data/team", "--skip", "2026-12-24"]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out.splitlines()
    plans = in_tmp / "data" / "team" / "plans"
    assert sorted(p.name for p in plans.iterdir()) == [
        "test-exp-mpseastmere-schedule.ics",
        "test-exp-mpsnorthbrook-schedule.ics",
        "test-exp-schedule.csv",
    ]
    # ten weekdays, less 24 Dec (listed), 25 and 28 Dec and 1 Jan (bank holidays): 6 per account
    assert "12 slots over 2 weeks (humorous 6, serious 6), seed 1." in out[0]
    assert out[1] == "Each of the 2 accounts has its own balanced plan and calendar."
    assert out[2].startswith("Skipped 5 days: 2026-12-24 listed by the team; 2026-12-25")
    assert "no split, so each arm gets an equal share" in out[3]
    assert (
        out[-2]
        == "  assignment: {kind: schedule, file: plans/test-exp-schedule.csv, tolerance: 30min}"
    )
    assert out[-1].startswith("Not compared with a plan: `postlab plan")
    assert (plans / "test-exp-schedule.csv").read_text().startswith("account,time,arm\n")


def test_schedule_takes_holidays_and_days_to_skip_from_the_settings(in_tmp, write, capsys):
    (in_tmp / "postlab.yml").write_text(
        "schedule:\n  holidays: GB-SCT\n  skip: [2027-01-05, '2027-01-06']\n"
    )
    (in_tmp / "data").mkdir()
    argv = ["schedule", str(write()), "--from", "2027-01-01", "--to", "2027-01-08"]
    assert cli.main([*argv, "--slots", "Mon-Fri 09:00", "--data", "data"]) == 0
    skipped = capsys.readouterr().out.splitlines()[1]
    assert skipped == (
        "Skipped 5 days: 2027-01-01 New Year's Day; 2027-01-02 New Year Holiday;"
        " 2027-01-04 New Year Holiday (observed); 2027-01-05 listed by the team;"
        " 2027-01-06 listed by the team."
    )
    (in_tmp / "postlab.yml").write_text("schedule:\n  skip: [soon]\n")
    assert cli.main([*argv, "--slots", "Mon-Fri 09:00", "--data", "data"]) == 1
    assert "'soon' is not a date like 2026-12-24" in capsys.readouterr().err


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
