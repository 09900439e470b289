"""Ideas to test: planted differences are found, with a power estimate and a working command."""

import shlex

import pandas as pd
import pytest

from postlab import explore
from postlab.cli import main
from postlab.exceptions import AnalysisError
from postlab.experiment.load import check_experiment
from postlab.experiment.template import ID_PATTERN
from postlab.stats import posts_needed


@pytest.fixture
def ideas(history, london):
    return explore.ideas_to_test(history, ["tone"], mde=0.1, settings=london)


def test_the_planted_differences_are_found_and_nothing_else(ideas):
    assert ideas["comparison"].tolist() == [
        "media type on Facebook: photo vs link",
        "tone on X: humorous vs serious",
    ]
    photo, humour = ideas.itertuples()
    assert (photo.control, photo.treatment) == ("link", "photo")  # the usual type is the control
    assert (humour.control, humour.treatment) == ("serious", "humorous")
    assert photo.difference == pytest.approx(0.5, abs=0.1)
    assert humour.difference == pytest.approx(0.3, abs=0.1)
    assert photo.difference_low > 0.1 and humour.difference_low > 0
    assert photo.treatment_rate / photo.control_rate - 1 == pytest.approx(photo.difference)
    assert (humour.control_posts, humour.treatment_posts) == (361, 239)


def test_posts_per_arm_come_from_the_power_function(history, ideas):
    x = history[history["platform"] == "x"]
    assert ideas.loc[1, "posts_per_arm"] == posts_needed(x, "engagement_rate", 0.1)
    stricter = explore.ideas_to_test(history, ["tone"], mde=0.1, power=0.9)
    assert (stricter["posts_per_arm"] > ideas["posts_per_arm"]).all()


def test_a_difference_below_the_mde_is_no_idea(history, london):
    ideas = explore.ideas_to_test(history, ["tone"], mde=0.4, settings=london)
    assert ideas["comparison"].tolist() == ["media type on Facebook: photo vs link"]


def test_small_groups_are_not_compared(history, london):
    ideas = explore.ideas_to_test(history, ["tone"], min_posts=250, settings=london)
    assert ideas.empty  # only serious posts on X reach 250
    assert list(ideas.columns) == explore.ideas.IDEA_COLUMNS


def test_the_command_starts_a_valid_experiment(ideas, tmp_path, capsys):
    for row in ideas.itertuples():
        assert ID_PATTERN.match(row.experiment_id)
        args = shlex.split(row.command)
        assert args[:3] == ["postlab", "new", row.experiment_id]
        assert main([*args[1:], "--dir", str(tmp_path)]) == 0
        experiment, problems = check_experiment(
            tmp_path / f"{row.experiment_id}.yml", placeholders=False
        )  # valid apart from the hypothesis its owner still has to write
        assert not problems
        assert experiment.arms == [row.control, row.treatment]
        assert experiment.platforms == [row.platform]
    assert ideas.loc[0, "command"] == (
        'postlab new photo-vs-link-facebook --title "Photo vs link posts on Facebook" '
        "--platform facebook --arms link,photo"
    )


def test_an_experiment_already_testing_the_arms_is_named(history, london, tmp_path, capsys):
    main(
        ["new", "humour-x", "--platform", "x", "--arms", "serious,humorous", "--dir", str(tmp_path)]
    )
    written = tmp_path / "humour-x.yml"
    written.write_text(written.read_text().replace("TODO: write", "We expect"), encoding="utf-8")
    (tmp_path / "broken.yml").write_text("id: [", encoding="utf-8")
    known = explore.known_experiments(tmp_path)
    assert [e.id for e in known] == ["humour-x"]
    ideas = explore.ideas_to_test(history, ["tone"], experiments=known, settings=london)
    existing = ideas.set_index("treatment")["existing"]
    assert pd.isna(existing["photo"]) and existing["humorous"] == "humour-x"


def test_values_that_cannot_be_arms_are_skipped_and_odd_titles_quoted(history, london):
    odd = history.assign(tone=history["tone"].replace({"serious": "a, b", "humorous": 'say "hi"'}))
    ideas = explore.ideas_to_test(odd, ["tone"], settings=london)
    assert "tone" not in set(ideas["dimension"])  # the usual value has a comma: no arm
    odd = history.assign(tone=history["tone"].replace({"humorous": 'say "hi"'}))
    row = explore.ideas_to_test(odd, ["tone"], settings=london).set_index("dimension").loc["tone"]
    assert shlex.split(row["command"])[4] == 'Say "hi" vs serious posts on X'
    assert row["experiment_id"] == "say-hi-vs-serious-x"


def test_bad_options_are_errors(history):
    with pytest.raises(AnalysisError, match="mde must be a positive share"):
        explore.ideas_to_test(history, mde=0)
    with pytest.raises(AnalysisError, match="no column 'topic'"):
        explore.ideas_to_test(history, ["topic"])
