"""The phrases every output shares: one answer to "how long", one verdict word, arm names."""

from postlab.words import (
    arm_posts,
    arm_posts_measure,
    chance_words,
    how_long,
    more_posts,
    next_step_words,
    plural,
    posts_and_time,
    sentence,
    than_arm,
    verdict_word,
    yes_no_arm_name,
)


def test_how_long_reads_in_weeks_then_years_with_separators():
    assert how_long(0.3) == "about 1 week"
    assert how_long(26.6) == "about 27 weeks"
    assert how_long(104) == "about 104 weeks"
    assert how_long(8698) == "about 167 years"
    assert how_long(52 * 1500) == "about 1,500 years"
    assert how_long(float("inf")) == "an unknown time (no posting rate)"


def test_posts_are_counted_per_arm_and_in_all():
    assert plural(1, "post") == "1 post" and plural(1679, "post") == "1,679 posts"
    text = posts_and_time({"without media": 4494, "with media": 4494}, 8988, 27)
    assert text == "4,494 posts per arm (8,988 in all), about 27 weeks at the usual posting rate"
    assert posts_and_time({"a": 300, "b": 150}, 450, None).startswith(
        "a 300, b 150 posts (450 in all)"
    )
    assert more_posts(27404, 8698) == (
        "about 27,404 more posts per arm, about 167 years at the current posting rate"
    )
    # what is still to come reads as the plan does: per arm and in all, then the time
    assert more_posts({"a": 5354, "b": 5354}, 2059, 10708) == (
        "about 5,354 more posts per arm (10,708 in all), about 40 years at the current posting rate"
    )
    assert more_posts({"a": 0, "b": 12}, None, 24) == "about a 0, b 12 more posts (24 in all)"
    assert next_step_words("", "keep testing", "x", 5354, 2059, 10708) == (
        "Keep posting both styles: about 5,354 more posts per arm (10,708 in all), about 40 "
        "years at the current posting rate."
    )


def test_yes_no_arms_get_readable_names_and_other_values_stay():
    assert yes_no_arm_name("has_media", "true") == "with media"
    assert yes_no_arm_name("asks_question", "False") == "no question"
    assert yes_no_arm_name("has_poll", "true") == "with poll"
    assert yes_no_arm_name("is_thread", "false") == "is thread: no"
    assert yes_no_arm_name("tone", "serious") == "serious"


def test_a_win_on_arms_the_team_chose_is_never_a_plain_adopt():
    assert verdict_word("adopt", randomised=False) == "adopt, with care"
    assert verdict_word("reject", randomised=False) == "reject, with care"
    assert verdict_word("adopt", randomised=True) == "adopt"
    assert verdict_word("keep testing", randomised=False) == "keep testing"


def test_arm_names_read_as_posts_in_every_sentence():
    assert arm_posts("humorous") == "humorous posts"
    assert arm_posts("with media") == "posts with media"
    assert than_arm("serious") == "than serious ones"
    assert than_arm("without media") == "than posts without media"
    assert arm_posts_measure("with media", "like rate") == "the like rate of posts with media"
    assert arm_posts_measure("without media") == "that of posts without media"
    assert arm_posts_measure("serious") == "serious posts'"
    assert next_step_words("", "adopt", "with media").startswith("Use posts with media where")
    assert next_step_words("", "reject", "humorous").startswith("Stop using humorous posts for")


def test_chance_and_sentences_read_as_people_write():
    assert chance_words(0.0004) == "under 0.1 %: not chance"
    assert chance_words(0.012) == "1.2 %: unlikely"
    assert chance_words(float("nan")) == chance_words(None) == "-"
    assert sentence("has_media on X is inferred") == "has_media on X is inferred."
    assert sentence("the team chose the posts.") == "The team chose the posts."
