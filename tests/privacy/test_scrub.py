"""The scrubber: each kind is redacted, and ordinary post text is left alone."""

import pandas as pd
import pytest

from postlab.config import Settings
from postlab.privacy import find, preview, scrub, scrub_series

SETTINGS = Settings(
    allow_handles=("MPSNorthbrook", "metpoliceuk", "CrimestoppersUK"),
    allow_terms=("Northbrook", "Eastmere", "Kingsfold"),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mail jo.bloggs@example.co.uk today", "Mail [email] today"),
        ("Call 020 7946 0123 now", "Call [phone] now"),
        ("Call 07700 900123 now", "Call [phone] now"),
        ("Call 07700900123 now", "Call [phone] now"),
        ("Call +44 7700 900123 now", "Call [phone] now"),
        ("Call +44 (0)20 7946 0123 now", "Call [phone] now"),
        ("Call (0161) 496 0000 now", "Call [phone] now"),
        ("Call 0161-496-0000 now", "Call [phone] now"),
        ("Call +33 1 23 45 67 89 now", "Call [phone] now"),
        ("Call +1 212 555 0100 now", "Call [phone] now"),
        ("Seen near NB4 7QX.", "Seen near [postcode]."),
        ("Seen near SW1A 1AA and M1 1AE", "Seen near [postcode] and [postcode]"),
        ("Seen near NB47QX", "Seen near [postcode]"),
        ("Car AB12 CDE stolen", "Car [vehicle] stolen"),
        ("Car A123 BCD stolen", "Car [vehicle] stolen"),
        ("Car ABC 123D stolen", "Car [vehicle] stolen"),
        ("Burglary at 12 Larch Crescent overnight", "Burglary at [address] overnight"),
        ("Flat 3, 45 Elm Road was searched", "[address] was searched"),
        ("DOB 12/03/1990", "DOB [dob]"),
        ("She was born on 4th March 1988.", "She was born on [dob]."),
        ("date of birth: 1990-03-12", "date of birth: [dob]"),
        ("Thanks @jo_bloggs99!", "Thanks [handle]!"),
        ("Thanks @mpsnorthbrook and @MetPoliceUK", "Thanks @mpsnorthbrook and @MetPoliceUK"),
        ("Have you seen Jordan Pike, 34, missing?", "Have you seen [name], 34, missing?"),
        ("Wanted: Dean Holt (27) from Kingsfold", "Wanted: [name] (27) from Kingsfold"),
        ("Mrs Okafor thanked PC Lee Grant", "Mrs [name] thanked PC [name]"),
        ("We have charged Liam O'Connor with theft", "We have charged [name] with theft"),
        ("Missing teenager Ana de Souza was found", "Missing teenager [name] was found"),
        ("MISSING JORDAN PIKE, 34, from Eastmere", "MISSING [name], 34, from Eastmere"),
        ("Nguyễn Thị Lan, 24, was charged", "[name], 24, was charged"),
        ("Dr MacLeod gave evidence", "Dr [name] gave evidence"),
        ("Zara Quinn and Tom Ede were convicted", "[name] and [name] were convicted"),
        ("Do you know Zara Quinn (DOB 01/02/1990)?", "Do you know [name] (DOB [dob])?"),
        ("He may be called Callum.", "He may be called [name]."),
        (
            "Have you seen Zara Quinn? If you see Zara, call",
            "Have you seen [name]? If you see [name], call",
        ),
        ("Assault outside 15 Kiln Wynd", "Assault outside [address]"),
        ("Seen near nb4 7qx today", "Seen near [postcode] today"),
        ("Call 0044 7700 900123", "Call [phone]"),
    ],
)
def test_each_kind_is_redacted(text, expected):
    assert scrub(text, SETTINGS) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Post 1734567890123456789 went out 2024-03-05T10:00:00+00:00",
        "Engagement rose 12.5% (p = 0.0312, 95% CI 0.012 to 0.049)",
        "Posted 05-03-2024 10:00 and 05/03/2024; tweet time 2016-01-29 14:05 +0000",
        "A406 NOW closed both ways after a collision near the M25",
        "Call 101 or Crimestoppers anonymously on 0800 555 111",
        "Have you seen Northbrook Police on TikTok? Find Out More at Eastmere High Street",
        "Roadworks on Rose Hill and Station Road this weekend",
        "Well done to the Safer Neighbourhood Team, 12 arrests this week",
        "Read more: https://t.co/AB12CDExyz and www.example.org/NB4-7QX",
        "Our marker [phone] and [name] are redactions already",
        "Ward panel meeting: 09/10/2024, 13:00, Eastmere High Street. All welcome.",
        "Lost property: 14 odd gloves and a trombone; see a1 2nd floor",
        "We called Northbrook Police and Find Out More on the Safer Streets page",
        "GitHub V4 API and the M25 ALL lanes",
    ],
)
def test_ordinary_text_is_untouched(text):
    assert scrub(text, SETTINGS) == text


def test_handles_inside_emails_are_emails():
    assert scrub("write to tips@MPSNorthbrook.example.org", SETTINGS) == "write to [email]"


def test_configured_names_are_redacted_case_insensitively():
    settings = Settings(names=("Kez", "Marta Kowalska"))
    assert scrub("kez and MARTA KOWALSKA met", settings) == "[name] and [name] met"


def test_find_reports_spans_in_the_original_text():
    text = "Call 07700 900123, ask for Mr Pike"
    spans = [(text[r.start : r.end], r.kind) for r in find(text, SETTINGS)]
    assert spans == [("07700 900123", "phone"), ("Pike", "name")]


def test_scrub_series_matches_scrub_and_keeps_missing_values():
    texts = pd.Series(["Call 07700 900123", None, "nothing here"], dtype="string")
    out = scrub_series(texts, SETTINGS)
    assert out.iloc[0] == "Call [phone]"
    assert pd.isna(out.iloc[1])
    assert out.iloc[2] == "nothing here"
    assert out.dtype == texts.dtype


def test_preview_is_scrubbed_one_line_and_short():
    text = "Have you seen Jordan Pike, 34?\nCall 07700 900123. " + "More details follow. " * 10
    short = preview(text, SETTINGS, width=60)
    assert len(short) <= 60
    assert short.startswith("Have you seen [name], 34? Call [phone].")
    assert short.endswith("…")
    assert "\n" not in short
    assert preview(None, SETTINGS) == ""
    assert preview("short", SETTINGS) == "short"


def test_scrubbing_twice_changes_nothing_more():
    from labelled import read_labelled

    for text in read_labelled()["text"]:
        once = scrub(text, SETTINGS)
        assert scrub(once, SETTINGS) == once
