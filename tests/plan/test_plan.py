"""postlab plan: both analysis modes, what it assumes, and advice when it takes too long."""

import json
import textwrap

import numpy as np
import pandas as pd
import pytest

from benchmarks.bench_plans import post_arrays
from postlab import cli
from postlab.exceptions import AnalysisError
from postlab.experiment import load_experiment
from postlab.experiment.plan import plan_experiment
from postlab.posts.columns import conform

EXPERIMENT = """\
id: photo-vs-video
title: Photos or videos?
owner: Comms team
hypothesis: Videos get a higher engagement rate than photos.
status: planned
platforms: [x]
accounts: [MPSNorthbrook]
period:
  start: 2026-01-05
  end: 2026-03-29
min_post_age: 48h
assignment: {kind: media_type}
arms:
  control: photo
  treatments: [video]
metrics:
  primary: engagement_rate
alpha: 0.05
mde: MDE
split:
  photo: 0.5
  video: 0.5
"""


class Fixed:
    """The experiment with ``analysis: fixed`` (until the experiment model has the field)."""

    analysis = "fixed"

    def __init__(self, experiment):
        self._experiment = experiment

    def __getattr__(self, name):
        return getattr(self._experiment, name)


@pytest.fixture
def experiment(tmp_path):
    def _write(mde="0.3"):
        path = tmp_path / "experiments" / "photo-vs-video.yml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(textwrap.dedent(EXPERIMENT).replace("MDE", mde))
        return path

    return _write


@pytest.fixture
def posts():
    """A year of history: Northbrook posts 10 a week, Eastmere 30 a week, mild spread."""
    rng = np.random.default_rng(0)
    frames = []
    for account, per_week in (("MPSNorthbrook", 10), ("MPSEastmere", 30)):
        n = 52 * per_week
        engagements, impressions = post_arrays(rng, n, "mild")
        frames.append(
            pd.DataFrame(
                {
                    "platform": "x",
                    "account": account,
                    "post_id": [f"{account}-{i}" for i in range(n)],
                    "published_at": pd.Timestamp("2025-01-01 09:00", tz="UTC")
                    + pd.to_timedelta(np.arange(n) * 7 * 24 / per_week, unit="h"),
                    "time_known": True,
                    "exported_at": pd.Timestamp("2026-04-30", tz="UTC"),
                    "media_type": np.where(np.arange(n) % 2, "video", "photo"),
                    "impressions": impressions.astype(int),
                    "engagements": engagements.astype(int),
                    "likes": (engagements * 0.6).astype(int),
                }
            )
        )
    return conform(pd.concat(frames, ignore_index=True))


def test_sequential_by_default_and_more_than_fixed(experiment, posts, tmp_path):
    exp = load_experiment(experiment())
    sequential = plan_experiment(exp, posts, tmp_path)
    fixed = plan_experiment(Fixed(exp), posts, tmp_path)
    assert sequential.analysis == "sequential" and fixed.analysis == "fixed"
    assert sequential.needed_fixed == fixed.needed
    assert sequential.total_needed > 1.5 * fixed.total_needed
    text = str(sequential)
    assert text.startswith("Plan for photo-vs-video (sequential analysis)\n")
    assert (
        f"a fixed-sample test with one look would need {fixed.needed['photo']:,} posts per arm ({fixed.total_needed:,} in all)"
        in text
    )
    assert f"write planned_posts: {sequential.total_needed:,} in the experiment file" in text
    assert "the 70 % upper bound from 520 past posts" in text
    assert "variance is taken as 1.69 times the control's" in text
    assert "price of looking" not in str(fixed) and "fixed-sample analysis" in str(fixed)
    curve = sequential.power_curve([sequential.needed["photo"] - 1, sequential.needed["photo"]])
    assert curve["power"].iloc[0] < 0.8 <= curve["power"].iloc[1]
    assert json.loads(json.dumps(sequential.to_dict()))["total_needed"] == sequential.total_needed


def test_an_unknown_analysis_is_a_sentence(experiment, posts, tmp_path):
    odd = Fixed(load_experiment(experiment()))
    odd.analysis = "bayesian"
    with pytest.raises(AnalysisError, match="analysis 'bayesian' is not one of sequential, fixed"):
        plan_experiment(odd, posts, tmp_path)


def test_more_than_a_year_gets_suggestions(experiment, posts, tmp_path):
    plan = plan_experiment(load_experiment(experiment("0.05")), posts, tmp_path)
    assert plan.weeks_needed > 52
    text = str(plan)
    assert (
        "More than a year is too long. No lever the team can choose on its own brings it under "
        "a year (with all of them, about 44 years). A larger mde will not do: in 12 weeks "
        "(60 posts per arm, 120 in all) only a change of 209 % or more could show. Nothing makes "
        "it feasible: test a bolder change" in text
    )
    assert [str(s) for s in plan.suggestions] == [
        "more accounts: with MPSEastmere as well (about 40.0 posts a week in all) it would "
        "take about 20 years"
    ]
    assert "What else would shorten it:\n- more accounts" in text
    assert "What would make it faster" in text and "with 32 teams running it" in text
    levers = {option.name.split(" (")[0]: option for option in plan.levers}
    assert levers["all three together"].weeks < levers["alone"].weeks
    # a lever that saves less than a quarter of the time is no suggestion
    assert "Saves less than a quarter of the time here: typical post: 44,358 posts" in text
    assert "- typical post:" not in text
    assert not plan_experiment(load_experiment(experiment("0.9")), posts, tmp_path).suggestions


def test_a_plan_says_plainly_what_makes_it_feasible(experiment, posts, tmp_path):
    plan = plan_experiment(load_experiment(experiment("0.3")), posts, tmp_path)
    assert plan.feasibility == (
        "More than a year is too long. No lever the team can choose on its own brings it under "
        "a year (with all of them, about 82 weeks). A larger mde will not do: in 12 weeks (60 "
        "posts per arm, 120 in all) only a change of 209 % or more could show. Running it "
        "force-wide does: with 8 teams about 10 weeks, with 32 teams about 2 weeks."
    )
    assert "What would make it feasible:\n- more accounts: with MPSEastmere as well" in str(plan)
    # an account that posts too little to matter is never suggested (the real exports'
    # TCORSStgOrg: 10 posts in four days of 2017 beside 1,668 over five years)
    rare = posts[posts["account"] == "MPSEastmere"].head(10)
    few = pd.concat([posts[posts["account"] == "MPSNorthbrook"], rare], ignore_index=True)
    plan = plan_experiment(load_experiment(experiment("0.05")), few, tmp_path)
    assert plan.suggestions == [] and "MPSEastmere" not in str(plan)


def test_a_plan_says_when_the_teams_mix_is_far_from_its_split(experiment, posts, tmp_path):
    planned = plan_experiment(load_experiment(experiment("0.3")), posts, tmp_path)
    assert planned.mix == {"photo": 0.5, "video": 0.5} and "So far" not in str(planned)
    lopsided = posts.assign(media_type=np.where(np.arange(len(posts)) % 10, "photo", "video"))
    plan = plan_experiment(load_experiment(experiment("0.3")), lopsided, tmp_path)
    assert (
        "So far the team's posts split photo 90 %, video 10 %; these numbers assume photo 50 %, "
        "video 50 % from now on (at today's mix the smaller arm takes longer to fill)."
    ) in str(plan)


def test_plan_command_prints_json(experiment, posts, monkeypatch, capsys, tmp_path):
    import postlab.loaders.cache

    monkeypatch.setattr(postlab.loaders.cache, "load_posts", lambda data_dir: (posts, None))
    assert cli.main(["plan", str(experiment()), "--data", str(tmp_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["analysis"] == "sequential"
    assert out["needed"]["photo"] > out["needed_fixed"]["photo"]
    assert out["spread_planned"] > out["spread_observed"]
    assert [lever["teams"] for lever in out["levers"]][-2:] == [8, 32]


def test_schedule_says_when_its_slots_fall_short_of_the_plan(
    experiment, posts, tmp_path, monkeypatch
):
    import postlab.loaders.cache
    from postlab.commands.schedule import against_plan
    from postlab.config import Settings

    monkeypatch.setattr(postlab.loaders.cache, "load_posts", lambda data_dir: (posts, None))
    exp = load_experiment(experiment("0.05"))
    slots = pd.DataFrame({"arm": ["photo", "video"] * 65, "week": np.repeat(np.arange(13), 10)})
    text = against_plan(exp, slots, tmp_path, Settings())
    plan = plan_experiment(exp, posts, tmp_path)
    assert text.startswith(
        f"These 130 slots fall short of the plan: a 5 % change needs "
        f"{plan.needed['photo']:,} posts per arm ({plan.total_needed:,} in all), about "
    )
    assert text.endswith(
        "at 10.0 slots a week. Add slots or weeks, or see `postlab plan "
        f"{exp.path}` for what would make it feasible."
    )
    few = load_experiment(experiment("0.9"))
    many = pd.DataFrame({"arm": ["photo", "video"] * 200, "week": np.repeat(np.arange(40), 10)})
    assert against_plan(few, many, tmp_path, Settings()).startswith("The slots hold what the plan")


def test_plan_and_verdict_give_one_answer_to_how_long(experiment, posts, tmp_path):
    """A running experiment: plan and verdict (record, report, cards) say the same posts to come."""
    from postlab.experiment import select_posts
    from postlab.stats.comparison import compare
    from postlab.words import more_posts

    path = experiment("0.2")
    path.write_text(path.read_text().replace("start: 2026-01-05", "start: 2025-11-01"))
    exp = load_experiment(path)
    plan = plan_experiment(exp, posts, tmp_path)
    selection = select_posts(exp, posts, tmp_path)
    verdict = compare(
        selection.posts,
        "arm",
        exp.control,
        metrics=exp.metrics,
        mde=exp.mde,
        split=exp.split,
        posts_per_week=selection.posts_per_week,
    ).verdict
    left = plan.so_far
    assert verdict.decision == "keep testing" and 0 < left.more_total < left.total_needed
    # the plan's total (power at the mde for this design) less the posts already in
    assert left.more == {arm: left.needed[arm] - n for arm, n in left.have.items()}
    assert (verdict.posts_needed, verdict.posts_in_all) == (
        max(left.more.values()),
        left.more_total,
    )
    words = more_posts(left.more, left.weeks(), left.more_total)
    assert words in verdict.summary and words in str(plan)
    assert "the spread seen in its own" in verdict.summary, verdict.summary
