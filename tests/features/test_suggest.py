"""Suggestions: trained on hand labels, written beside them, never over them; seeded."""

import pandas as pd
import pytest

from postlab.cli import main
from postlab.exceptions import AnalysisError
from postlab.labelling import classifier
from postlab.labelling.curve import learning_curve
from postlab.labelling.store import LabelsFile

DEMO_LABELS = "data/demo/labels.csv"


def test_proposals_follow_the_hand_labels(posts):
    train = posts.head(12)
    model = classifier.fit(train["text"], train["truth"])
    found = classifier.propose(model, posts["text"].tail(12))
    assert (found.labels == posts["truth"].tail(12).to_numpy()).mean() >= 0.75
    assert ((found.confidence > 0.5) & (found.confidence <= 1)).all()


def test_too_few_labels_is_a_clear_error(posts):
    labels = posts["truth"].where(posts.index < 2)
    with pytest.raises(AnalysisError, match="at least 3 posts of each of two values"):
        classifier.fit(posts["text"], labels)


def test_set_suggestions_never_overwrites_a_human_label(posts, tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text(f"post_id,platform,tone\n{posts['post_id'][0]},x,serious\n")
    store = LabelsFile(path, "tone")
    written = store.set_suggestions(posts.head(3), ["humorous"] * 3, [0.9, 0.8, 0.7])
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert written == 2
    assert table["tone"].tolist() == ["serious", "", ""]
    assert table["tone_suggested"].tolist() == ["", "humorous", "humorous"]
    assert table["tone_confidence"].tolist() == ["", "0.800", "0.700"]


def test_label_suggest_on_the_demo_is_deterministic(tmp_path, capsys):
    labels = pd.read_csv(DEMO_LABELS, dtype=str, keep_default_na=False)
    hand = labels[labels["tone"] != ""].groupby("tone").head(30)[["post_id", "platform", "tone"]]
    path = tmp_path / "labels.csv"
    hand.to_csv(path, index=False)
    argv = ["label", "suggest", "--data", "data/demo", "--column", "tone", "--labels", str(path)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "trained on 60 posts labelled by hand (humorous 30, serious 30)" in out
    assert "5-fold cross-validation" in out
    first = path.read_bytes()
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert table.columns.tolist() == [
        "post_id",
        "platform",
        "tone",
        "tone_suggested",
        "tone_confidence",
    ]
    assert (table["tone"] != "").sum() == 60
    assert ((table["tone"] == "") == (table["tone_suggested"] != "")).all()
    truth = labels.set_index(["platform", "post_id"])["tone"]
    guessed = table[table["tone_suggested"] != ""].set_index(["platform", "post_id"])
    known = truth.reindex(guessed.index).fillna("")
    assert (guessed["tone_suggested"][known != ""] == known[known != ""]).mean() > 0.85
    assert main(argv) == 0
    assert path.read_bytes() == first


def test_learning_curve_is_seeded_and_shaped(posts):
    texts = pd.concat([posts["text"]] * 3, ignore_index=True) + pd.Series(
        [f" #{i}" for i in range(72)]
    )
    labels = pd.concat([posts["truth"]] * 3, ignore_index=True)
    curve = learning_curve(texts, labels, "tone", sizes=(8, 16), repeats=2)
    again = learning_curve(texts, labels, "tone", sizes=(8, 16), repeats=2)
    assert curve.table.equals(again.table)
    assert curve.table["labelled by hand"].tolist() == [8, 16]
    assert curve.table["random"].between(0, 1).all()
    assert curve.majority == 0.5
    assert "labelled by hand" in str(curve)
    with pytest.raises(AnalysisError, match="more than 100 labelled posts"):
        learning_curve(texts, labels, "tone", sizes=(100,))
