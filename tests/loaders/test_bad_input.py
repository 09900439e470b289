"""Each kind of bad input gives one clear line naming the file, or loads with a warning."""

import codecs

import pandas as pd
import pytest

from postlab.exceptions import ExportError, PostlabWarning
from postlab.loaders import load, load_with_report

X_2015 = "x/tweet_activity_metrics_MPSTest_20150101_20150201_en.csv"
X_2016 = "x/tweet_activity_metrics_MPSTest_20160101_20160201_en.csv"
META = "meta/Test-Police_May-01-2025_Aug-31-2025.csv"


def _edit(path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8-sig")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _error(path, settings, **options) -> str:
    with pytest.raises(ExportError) as caught:
        load(path, settings=settings, **options)
    message = str(caught.value)
    assert str(path) in message
    assert "\n" not in message
    return message


def test_empty_file(tmp_path, settings):
    path = tmp_path / "tweet_activity_metrics_MPSTest_20150101_20150201_en.csv"
    path.write_bytes(b"")
    assert "is empty" in _error(path, settings)


def test_empty_file_in_a_folder_is_skipped_with_a_warning(tmp_path, copy_fixture, settings):
    copy_fixture(X_2016)
    (tmp_path / "blank.csv").write_bytes(b"\n")
    with pytest.warns(PostlabWarning, match="blank.csv is empty"):
        posts, report = load_with_report(tmp_path, settings=settings)
    assert len(posts) == 1
    assert [s.reason for s in report.skipped] == ["is empty"]


def test_unknown_layout_lists_the_known_ones(tmp_path, settings):
    path = tmp_path / "mystery.csv"
    path.write_text("a,b,c\n1,2,3\n")
    message = _error(path, settings)
    assert "no known export layout" in message
    assert "X tweet activity export" in message and "YouTube Studio" in message


def test_labels_file_among_exports_is_skipped_with_a_note_to_move_them(
    tmp_path, copy_fixture, settings, recwarn
):
    copy_fixture(X_2016)
    (tmp_path / "labels.csv").write_text("post_id,platform,account,tone,format\n1,x,a,b,\n")
    posts, report = load_with_report(tmp_path, settings=settings)
    notes = [str(w.message) for w in recwarn if issubclass(w.category, PostlabWarning)]
    assert len(notes) == 1 and "move the exports into" in notes[0]
    assert report.skipped[0].reason.startswith("labels file")


def test_required_column_missing(copy_fixture, settings):
    path = copy_fixture(X_2016)
    _edit(path, '"time"', '"when"')
    message = _error(path, settings)
    assert "required column 'time' is missing" in message


def test_unparseable_count_names_row_and_column(copy_fixture, settings):
    path = copy_fixture(X_2016)
    _edit(path, '"2400.0"', '"lots"')
    assert "row 2, column 'impressions': 'lots' is not a number" in _error(path, settings)


def test_resaved_dates_read_from_the_data_with_a_warning(copy_fixture, settings):
    path = copy_fixture(X_2015)
    for old, new in [
        ("2015-01-31 18:05 +0000", "01-31-2015 18:05"),
        ("2015-01-20 09:00 +0000", "01-20-2015 9:00"),
        ("2015-01-02 12:30 +0000", "01-02-2015 12:30"),
    ]:
        _edit(path, old, new)
    with pytest.warns(PostlabWarning, match="month-first"):
        posts = load(path, settings=settings)
    assert sorted(posts["published_at"]) == [
        pd.Timestamp("2015-01-02 12:30", tz="UTC"),
        pd.Timestamp("2015-01-20 09:00", tz="UTC"),
        pd.Timestamp("2015-01-31 18:05", tz="UTC"),
    ]


def test_resaved_day_first_dates_are_detected(copy_fixture, settings):
    path = copy_fixture(META)
    _edit(path, "07/31/2025 21:30", "31/07/2025 21:30")
    for old, new in [
        ("06/15/2025", "15/06/2025"),
        ("03/30/2025", "30/03/2025"),
        ("10/27/2024", "27/10/2024"),
    ]:
        _edit(path, old, new)
    with pytest.warns(PostlabWarning, match="day-first"):
        posts = load(path, settings=settings)
    assert posts["published_at"].min() == pd.Timestamp("2024-10-27 00:30", tz="UTC")


def test_ambiguous_resaved_dates_are_refused(copy_fixture, settings):
    path = copy_fixture(X_2016)
    _edit(path, "2016-01-29 10:15 +0000", "01-02-2016 10:15")
    message = _error(path, settings)
    assert "day-first and month-first" in message and "will not guess" in message


@pytest.mark.parametrize(
    ("damage", "line"),
    [
        pytest.param(lambda text: text[: text.rindex('"')], 2, id="unclosed-quote-at-eof"),
        pytest.param(
            lambda text: text + '"693456789012345679","https://t","short"\n', 3, id="short-last-row"
        ),
    ],
)
def test_truncated_file(damage, line, copy_fixture, settings):
    path = copy_fixture(X_2016)
    path.write_text(damage(path.read_text()))
    message = _error(path, settings)
    assert "truncated" in message and f"line {line} " in message


def test_utf16_unicode_text_is_read(tmp_path, copy_fixture, settings):
    original = copy_fixture(X_2015)
    frame = pd.read_csv(original, dtype=str, keep_default_na=False)
    resaved = tmp_path / "resaved" / original.name
    resaved.parent.mkdir()
    resaved.write_bytes(
        codecs.BOM_UTF16_LE + frame.to_csv(sep="\t", index=False).encode("utf-16-le")
    )
    expected = load(original, settings=settings).drop(columns=["source_file", "exported_at"])
    got = load(resaved, settings=settings).drop(columns=["source_file", "exported_at"])
    pd.testing.assert_frame_equal(got, expected)


def test_latin1_file_is_read(tmp_path, copy_fixture, settings):
    original = copy_fixture(X_2016)
    text = original.read_text().replace("Safer streets week", "Café patrol – week")
    path = tmp_path / "latin" / original.name
    path.parent.mkdir()
    path.write_bytes(text.encode("cp1252"))
    assert load(path, settings=settings)["text"].tolist() == ["Café patrol – week"]


def test_missing_path(tmp_path, settings):
    assert "no such file or folder" in _error(tmp_path / "nowhere", settings)


def test_bad_mapping_names_the_field(tmp_path, settings):
    mapping = tmp_path / "m.yml"
    mapping.write_text("platform: linkedin\ncolumns: {post_id: a, published_at: b}\naccount: x\n")
    with pytest.raises(ExportError, match=r"m.yml: platform: 'linkedin' is not one of"):
        load(tmp_path, settings=settings, mappings=mapping)
