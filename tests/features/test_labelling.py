"""The labelling session and its widgets: label, skip, not sure, resume; labels.csv kept safe."""

import pandas as pd
import pytest

from postlab.exceptions import ExperimentError
from postlab.labelling import classifier
from postlab.labelling.session import LabellingSession
from postlab.labelling.widgets import LabellingWidget

VALUES = ["serious", "humorous"]


def read(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def session(posts, path, settings, **options):
    return LabellingSession(posts, path, "tone", VALUES, settings=settings, **options)


def test_widgets_label_skip_and_resume(posts, tmp_path, settings):
    path = tmp_path / "labels.csv"
    widget = LabellingWidget(session(posts, path, settings))
    first, second, third = widget.session.order[:3]
    widget.buttons["humorous"].click()  # nobody has seen a post yet: this only starts
    assert widget.progress.value == 0 and not path.exists()
    widget.buttons["humorous"].click()
    widget.buttons["skip"].click()
    widget.key_box.value = "1"  # keyboard: the first value
    assert widget.key_box.value == ""
    assert widget.progress.value == 3

    table = read(path).set_index("post_id")
    ids = {key: key.split(":")[1] for key in (first, second, third)}
    assert table.loc[ids[first], "tone"] == "humorous"
    assert table.loc[ids[second], ["tone", "tone_status"]].tolist() == ["", "skipped"]
    assert table.loc[ids[third], "tone"] == "serious"
    assert set(table.columns) == {"platform", "account", "tone", "tone_status"}

    resumed = LabellingWidget(session(posts, path, settings))
    resumed.start_button.click()
    assert resumed.session.total == len(posts) - 2
    assert first not in resumed.session.order and third not in resumed.session.order
    assert resumed.session.order[-1] == second  # skipped: asked again, last
    resumed.key_box.value = "n"
    resumed.buttons["back"].click()
    resumed.buttons["serious"].click()  # changes the answer just given
    table = read(path).set_index("post_id")
    changed = resumed.session.order[0].split(":")[1]
    assert table.loc[changed, ["tone", "tone_status"]].tolist() == ["serious", ""]


def test_the_widget_text_form_holds_no_post_text(posts, tmp_path, settings):
    widget = LabellingWidget(session(posts, tmp_path / "labels.csv", settings))
    shown = widget.session.current.text
    held = [w.get_state() for w in (widget.header, widget.text, widget.hint)]
    assert shown not in str(held)  # the state a notebook run without a person would save
    widget.key_box.value = "x"  # a person starts
    assert shown in widget.text.value.replace("&#x27;", "'")
    assert shown not in repr(widget) and shown not in widget._repr_mimebundle_()["text/plain"]


def test_until_done_and_then_nothing_to_answer(posts, tmp_path, settings):
    run = session(posts.head(2), tmp_path / "labels.csv", settings)
    run.press("1")
    run.press("2")
    assert run.done and run.current is None
    assert not run.press("1")
    with pytest.raises(ExperimentError, match="every post"):
        run.skip()
    assert "Nothing to label" in session(posts.head(2), tmp_path / "labels.csv", settings).summary()


def test_existing_rows_and_columns_are_kept_and_ids_stay_text(posts, tmp_path, settings):
    path = tmp_path / "labels.csv"
    path.write_text("post_id,platform,account,format,tone\n0042,x,Other,live,serious\n")
    run = session(posts, path, settings)
    run.answer("humorous")
    table = read(path)
    assert table.columns.tolist() == [
        "post_id",
        "platform",
        "account",
        "format",
        "tone",
        "tone_status",
    ]
    assert table.iloc[0].tolist() == ["0042", "x", "Other", "live", "serious", ""]
    assert table.iloc[1]["post_id"] == run.order[0].split(":")[1]
    assert not list(tmp_path.glob(".*partial"))


def test_a_failed_write_leaves_the_previous_file(posts, tmp_path, settings, monkeypatch):
    path = tmp_path / "labels.csv"
    run = session(posts, path, settings)
    run.answer("serious")
    before = path.read_bytes()

    def broken(self, *args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", broken)
    with pytest.raises(OSError):
        run.answer("humorous")
    assert path.read_bytes() == before
    assert not list(tmp_path.glob(".*partial"))


def test_text_is_scrubbed(posts, tmp_path, settings):
    posts = posts.head(1).assign(text="Missing: John Smith, 34, call 07700 900123")
    shown = session(posts, tmp_path / "labels.csv", settings).current.text
    assert "07700" not in shown and "John Smith" not in shown


def test_filters_are_the_explore_filters_and_unknown_values_refused(posts, tmp_path, settings):
    run = session(posts, tmp_path / "labels.csv", settings)
    with pytest.raises(ExperimentError, match="not one of the values"):
        run.answer("funny")
    with pytest.raises(ExperimentError, match="at least two values"):
        LabellingSession(posts, tmp_path / "labels.csv", "tone", ["one"], settings=settings)


def test_order_is_random_then_least_sure_and_random_in_turn(posts, tmp_path, settings):
    import numpy as np

    confidence = np.array([0.9, 0.5, 0.99, 0.6, 0.7, 0.8])
    rng = np.random.default_rng(0)
    start = classifier.asking_order(6, confidence, classifier.RANDOM_START - 1, rng)
    assert sorted(start) == list(range(6))
    order = classifier.asking_order(
        6, confidence, classifier.RANDOM_START, np.random.default_rng(0)
    )
    assert sorted(order) == list(range(6))
    assert order[0] == 1 and order[2] in (3, 4) and confidence[order[2]] <= 0.7
    again = classifier.asking_order(
        6, confidence, classifier.RANDOM_START, np.random.default_rng(0)
    )
    assert order.tolist() == again.tolist()


def _more(posts, times: int):
    """The fixture's posts ``times`` over, each copy with its own ids and a word added."""
    copies = []
    for i in range(times):
        copy = posts.copy()
        copy["post_id"] = [str(int(pid) + 1000 * i) for pid in posts["post_id"]]
        copy["text"] = copy["text"] + f" (round {i})"
        copies.append(copy)
    return pd.concat(copies, ignore_index=True)


def test_suggestions_are_shown_once_they_beat_the_majority_guess(posts, tmp_path, settings):
    many = _more(posts, 3)
    path = tmp_path / "labels.csv"
    few = many.head(classifier.RANDOM_START - 1)  # trains the order, not shown: unchecked
    pd.DataFrame({"post_id": few["post_id"], "platform": "x", "tone": few["truth"]}).to_csv(
        path, index=False
    )
    early = session(many, path, settings, unlabelled_only=False)
    assert early.proposals and early.current.suggestion is None
    enough = many.head(48)
    pd.DataFrame({"post_id": enough["post_id"], "platform": "x", "tone": enough["truth"]}).to_csv(
        path, index=False
    )
    run = session(many, path, settings, unlabelled_only=False)
    assert run.suggestions_useful
    assert run.current.suggestion in VALUES and 0.5 <= run.current.confidence <= 1
    assert run.current.label in VALUES
    assert session(many, path, settings, unlabelled_only=False).order == run.order
    assert session(many, path, settings, unlabelled_only=False, seed=1).order != run.order


def test_the_count_carries_over_and_the_post_opens_on_its_platform(posts, tmp_path, settings):
    path = tmp_path / "labels.csv"
    posts = posts.assign(url=[f"https://x.com/MPSTest/status/{p}" for p in posts["post_id"]])
    posts.loc[0, "url"] = "javascript:alert(1)"  # an export's cell is never a script
    first = LabellingWidget(session(posts, path, settings))
    first.start_button.click()
    for _ in range(3):
        first.buttons["serious"].click()
    assert first.progress.description == f"3/{len(posts)}"
    assert "<td>serious</td>" in first.so_far.value and "<td>3</td>" in first.so_far.value
    again = LabellingWidget(session(posts, path, settings))  # a new session, the next day
    again.start_button.click()
    assert again.progress.description == f"3/{len(posts)}"
    assert again.session.answered_before == 3 and "3 of 24 in scope" in again.session.summary()
    links = {key: again.session.posts.loc[key, "url"] for key in again.session.order}
    shown = again.session.current
    expected = links[shown.key]
    assert shown.url == (expected if expected.startswith("https") else None)
    assert "javascript" not in again.header.value
