"""Each assignment kind on small frames, and selection: nothing left out silently."""

from __future__ import annotations

import pandas as pd
import pytest

from postlab.exceptions import ExperimentError
from postlab.experiment import load_experiment, select_posts
from postlab.experiment.assign import (
    ColumnAssignment,
    CustomLabelsAssignment,
    MediaTypeAssignment,
    TextAssignment,
    match_slots,
)

from .conftest import VALID, make_posts


def _reasons(selection) -> dict[str, int]:
    return dict(zip(selection.excluded["reason"], selection.excluded["posts"], strict=True))


def test_select_counts_every_exclusion(write, posts, data_dir):
    selection = select_posts(load_experiment(write()), posts, data_dir)
    assert list(selection.posts["post_id"]) == ["1", "2", "3", "6"]
    assert list(selection.posts["arm"]) == ["serious", "humorous", "serious", "humorous"]
    assert _reasons(selection) == {
        "other platform": 1,
        "other account": 1,
        "no publish date in the export": 1,
        "published before the period (2025-06-01)": 1,
        "published after the period (2025-06-30)": 1,
        "younger than 2 days at export": 1,
        "no 'tone' label": 1,
        "'tone' label is not an arm": 1,
    }
    assert len(selection.posts) + selection.excluded["posts"].sum() == len(posts)
    assert not selection.randomised and selection.deviations.empty
    assert selection.counts().to_dict() == {"serious": 2, "humorous": 2}


def test_select_is_deterministic_whatever_the_input_order(write, posts, data_dir):
    experiment = load_experiment(write())
    first = select_posts(experiment, posts, data_dir).posts
    shuffled = select_posts(experiment, posts.sample(frac=1, random_state=3), data_dir).posts
    pd.testing.assert_frame_equal(first, shuffled)


def test_period_is_local_time(write, data_dir):
    # 23:30 UTC on 31 May is 00:30 on 1 June in London (BST): inside the period
    posts = make_posts([{"post_id": "1", "published_at": "2025-05-31 23:30"}])
    selection = select_posts(load_experiment(write()), posts, data_dir)
    assert list(selection.posts["post_id"]) == ["1"]


def test_control_not_in_labels_is_named_with_suggestion(write, posts, data_dir):
    experiment = load_experiment(write(VALID.replace("serious", "serius")))
    with pytest.raises(ExperimentError) as caught:
        select_posts(experiment, posts, data_dir)
    assert str(caught.value).endswith(
        "test-exp.yml line 17: arms.control 'serius' is not a value of labels column tone"
        " (did you mean serious?) (values: humorous, neutral, serious)"
    )


def test_labels_file_problems_stop_selection(write, posts, data_dir):
    experiment = load_experiment(write())
    (data_dir / "labels.csv").write_text(
        "post_id,platform,tone\n6.49E+17,x,serious\n2,x,humorous\n"
    )
    with pytest.raises(ExperimentError, match="line 2: post_id 6.49E\\+17 was damaged"):
        select_posts(experiment, posts, data_dir)
    (data_dir / "labels.csv").unlink()
    with pytest.raises(ExperimentError, match="labels file not found"):
        select_posts(experiment, posts, data_dir)


def test_balance_shows_how_arms_differ(write, posts, data_dir):
    balance = select_posts(load_experiment(write()), posts, data_dir).balance()
    weekday = balance[balance["dimension"] == "weekday"].set_index("value")
    # serious: Mon 2 June and Thu 5 June; humorous: Tue 3 June and Mon 9 June
    assert weekday.loc["Mon", "serious"] == 0.5 and weekday.loc["Mon", "humorous"] == 0.5
    assert weekday.loc["Thu", "serious"] == 0.5 and weekday.loc["Thu", "humorous"] == 0.0
    hours = balance[balance["dimension"] == "hour"].set_index("value")
    assert hours.loc["morning 06-12", "largest gap"] == 0.5  # 09:00 London, serious only
    assert hours.loc["evening 18-24", "largest gap"] == 0.0
    assert list(balance.columns) == ["dimension", "value", "serious", "humorous", "largest gap"]


def test_posts_per_week(write, posts, data_dir):
    selection = select_posts(load_experiment(write()), posts, data_dir)
    # 4 posts from 2 June 07:00 UTC to 9 June 18:00 UTC: just over a week
    span = pd.Timestamp("2025-06-09 18:00") - pd.Timestamp("2025-06-02 07:00")
    assert selection.posts_per_week == pytest.approx(4 / (span / pd.Timedelta(weeks=1)))


def test_custom_labels():
    posts = make_posts(
        [
            {"post_id": "1", "custom_labels": "Humorous, appeal"},
            {"post_id": "2", "custom_labels": "serious"},
            {"post_id": "3", "custom_labels": "serious;humorous"},
            {"post_id": "4", "custom_labels": None},
        ]
    )
    assigned = CustomLabelsAssignment().assign(posts, ["serious", "humorous"], ".")
    assert assigned.arm.tolist() == ["humorous", "serious", pd.NA, pd.NA]
    assert assigned.reason.tolist() == [
        pd.NA,
        pd.NA,
        "custom labels name more than one arm",
        "no custom label naming an arm",
    ]


def test_media_type():
    posts = make_posts(
        [
            {"post_id": "1", "media_type": "live"},
            {"post_id": "2", "media_type": "video"},
            {"post_id": "3", "media_type": "photo"},
        ]
    )
    assigned = MediaTypeAssignment().assign(posts, ["video", "live"], ".")
    assert assigned.arm.tolist() == ["live", "video", pd.NA]
    assert assigned.reason.tolist() == [pd.NA, pd.NA, "media type is not an arm"]


def test_text_rule_contains_by_default_whole_hashtags_and_entities():
    posts = make_posts(
        [
            {"post_id": "1", "text": "Happy #FunnyFriday all"},
            {"post_id": "2", "text": "#FunnyFridays are back"},  # another tag
            {"post_id": "3", "text": "Have you seen this man?"},
            {"post_id": "4", "text": "#funnyfriday: seen him?"},
            {"post_id": "5", "text": "Road closed &amp; diversions"},
            {"post_id": "6", "text": "Nothing to see"},
        ]
    )
    arms = ["serious", "humorous", "appeal", "roads"]
    rule = TextAssignment(
        {"humorous": ("#FunnyFriday",), "appeal": ("?",), "roads": ("closed & div",)},
        otherwise="control",
    )
    assigned = rule.assign(posts, arms, ".")
    assert assigned.arm.tolist() == ["humorous", "serious", "appeal", pd.NA, "roads", "serious"]
    assert assigned.reason.tolist()[3] == "text matches more than one arm's rule"
    excluding = TextAssignment(rule.patterns, otherwise="exclude")
    assigned = excluding.assign(posts, arms, ".")
    assert assigned.arm.tolist()[5] is pd.NA
    assert assigned.reason.tolist()[5] == "text matches no arm's rule"
    assert excluding.describe() == (
        "by rules on the post text, ignoring case (humorous if the text contains “#FunnyFriday”;"
        " appeal if the text contains “?”; roads if the text contains “closed & div”);"
        " a post that matches no rule is left out"
    )
    assert "goes to the control arm" in rule.describe()


def test_text_rule_regex_only_when_asked_and_shown_as_written():
    posts = make_posts(
        [
            {"post_id": "1", "text": "Seen him? Call 101"},
            {"post_id": "2", "text": "A statement."},
            {"post_id": "3", "text": r"Literal \? here"},
        ]
    )
    regex = TextAssignment({"question": (r"\?",)}, otherwise="control", match="regex")
    assert regex.assign(posts, ["statement", "question"], ".").arm.tolist() == [
        "question",
        "statement",
        "question",
    ]
    assert "matches the regular expression “\\?”" in regex.describe()
    plain = TextAssignment({"question": (r"\?",)}, otherwise="control")
    assert plain.assign(posts, ["statement", "question"], ".").arm.tolist() == [
        "statement",
        "statement",
        "question",
    ]


def test_column_assignment_from_features_and_booleans():
    posts = make_posts(
        [
            {"post_id": "1", "has_media": True, "length_band": "short"},
            {"post_id": "2", "has_media": False, "length_band": "long"},
            {"post_id": "3", "has_media": None, "length_band": "medium"},
        ]
    )
    posts["has_media"] = posts["has_media"].astype("boolean")
    assigned = ColumnAssignment("has_media").assign(posts, ["false", "true"], ".")
    assert assigned.arm.tolist() == ["true", "false", pd.NA]
    assert assigned.reason.tolist() == [pd.NA, pd.NA, "no 'has_media'"]
    bands = ColumnAssignment("length_band").assign(posts, ["short", "long"], ".")
    assert bands.reason.tolist() == [pd.NA, pd.NA, "'length_band' is not an arm"]
    with pytest.raises(ExperimentError, match="'asks_questions' is not a column of the posts"):
        ColumnAssignment("asks_questions").assign(posts, ["false", "true"], ".")


def test_labels_with_suggestions(write, data_dir, posts):
    labels = data_dir / "labels.csv"
    pd.DataFrame(
        {
            "post_id": ["1", "2", "3", "4", "5", "6"],
            "tone": ["serious", "humorous", None, None, None, "humorous"],
            "tone_suggested": ["humorous", "serious", "serious", "humorous", "neutral", None],
            "tone_confidence": [0.9, 0.8, 0.7, 0.6, 0.9, None],
        }
    ).to_csv(labels, index=False)
    text = VALID.replace("  column: tone\n", "  column: tone\n  use_suggestions: true\n")
    selection = select_posts(load_experiment(write(text)), posts, data_dir)
    # a person's label wins; 3 and 4 take the suggestion; 5's suggestion is not an arm
    assert selection.posts.set_index("post_id")["arm"].to_dict() == {
        "1": "serious",
        "2": "humorous",
        "3": "serious",
        "4": "humorous",
        "6": "humorous",
    }
    assert selection.suggested_labels == 2 and "2 arms from suggested labels" in str(selection)
    without = select_posts(load_experiment(write()), posts, data_dir)
    assert without.suggested_labels == 0 and len(without.posts) == 3
    labels.write_text("post_id,tone\n1,serious\n")
    with pytest.raises(ExperimentError, match="no column 'tone_suggested'"):
        select_posts(load_experiment(write(text)), posts, data_dir)


def test_schedule_matching_and_deviations():
    slots = pd.DataFrame(
        {
            "time": pd.to_datetime(
                ["2025-06-02 08:30", "2025-06-02 12:30", "2025-06-03 08:30", "2025-06-04 08:30"],
                utc=True,
            ),
            "arm": ["serious", "humorous", "humorous", "serious"],
        }
    )
    posts = make_posts(
        [
            {"post_id": "1", "published_at": "2025-06-02 08:40"},  # slot 1
            {"post_id": "2", "published_at": "2025-06-02 08:25"},  # slot 1, nearer
            {"post_id": "3", "published_at": "2025-06-02 15:00"},  # off plan
            {"post_id": "4", "published_at": "2025-06-03 09:00"},  # slot 3, at the limit
            {"post_id": "5", "published_at": "2025-06-04", "time_known": False},
        ]
    )
    assigned = match_slots(posts, slots, pd.Timedelta(minutes=30))
    assert assigned.arm.tolist() == [pd.NA, "serious", pd.NA, "humorous", pd.NA]
    assert assigned.reason.tolist() == [
        "a second post in one planned slot",
        pd.NA,
        "not published in a planned slot",
        pd.NA,
        "publish time unknown (cannot match a slot)",
    ]
    issues = assigned.deviations["issue"].tolist()
    assert issues.count("planned slot with no post") == 2  # 12:30 on 2 June, 4 June
    assert set(assigned.deviations["post_id"].dropna()) == {"1", "3", "5"}


def test_schedule_experiment_is_randomised(write, tmp_path):
    csv = tmp_path / "data" / "s.csv"
    csv.parent.mkdir()
    csv.write_text(
        "time,arm\n2025-06-02T09:30:00+01:00,serious\n2025-06-03T09:30:00+01:00,humorous\n"
    )
    text = VALID.replace(
        "  kind: labels\n  file: labels.csv\n  column: tone\n",
        "  kind: schedule\n  file: s.csv\n  tolerance: 10min\n",
    )
    experiment = load_experiment(write(text))
    assert experiment.randomised and "10 minutes" in experiment.assignment.describe()
    posts = make_posts(
        [
            {"post_id": "1", "published_at": "2025-06-02 08:35"},
            {"post_id": "2", "published_at": "2025-06-03 09:00"},
        ]
    )
    selection = select_posts(experiment, posts, csv.parent)
    assert selection.randomised
    assert selection.posts[["post_id", "arm"]].values.tolist() == [["1", "serious"]]
    # the 08:30 UTC slot of 3 June went unused; a post came 30 minutes later, off plan
    assert selection.deviations["issue"].tolist() == [
        "planned slot with no post",
        "not published in a planned slot",
    ]
    from postlab.analysis import plan_markdown

    assert plan_markdown(selection) == (
        "**2 departures from the posting schedule.** Posts off the plan are left out of the "
        "comparison; if there are many, the randomisation is weakened.\n\n"
        "- not published in a planned slot: 1\n- planned slot with no post: 1"
    )
