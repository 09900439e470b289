"""Randomised blocked schedules: balance, reproducibility and a valid calendar file."""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlab.exceptions import ExperimentError
from postlab.experiment.schedule import make_schedule, parse_slots, read_schedule, to_ics

SLOTS = "Mon-Fri 08:30,12:30,17:00; Sat 10:00"
SPLITS = [
    {"serious": 0.5, "humorous": 0.5},
    {"serious": 0.5, "humorous": 0.25, "deadpan": 0.25},
    {"serious": 1 / 3, "humorous": 1 / 3, "deadpan": 1 / 3},
    {"serious": 0.7, "humorous": 0.3},
]


def _worst(schedule, split, by) -> float:
    """Largest gap between an arm's slots and its exact share, over the groups ``by``."""
    worst = 0.0
    for _, group in schedule.groupby(by):
        for arm, share in split.items():
            worst = max(worst, abs((group["arm"] == arm).sum() - share * len(group)))
    return worst


def test_parse_slots():
    slots = parse_slots("Mon-Wed 08:30, 17:00; Sat,Sun 10:00")
    assert len(slots) == 8 and slots[0][0] == 0 and slots[-1][0] == 6
    assert parse_slots("Sat-Mon 09:00") == parse_slots("Sat,Sun,Mon 09:00")
    for bad in ("Mon 8", "Funday 09:00", "Mon-Fri", "Mon 25:00", ""):
        with pytest.raises(ExperimentError):
            parse_slots(bad)


@settings(max_examples=25, deadline=None)
@given(
    split=st.sampled_from(SPLITS),
    seed=st.integers(0, 2**32 - 1),
    first=st.dates(date(2026, 1, 1), date(2026, 12, 31)),
    days=st.integers(6, 120),
    slots=st.sampled_from([SLOTS, "Mon,Wed 09:00; Fri 12:00,18:00", "Tue-Sun 07:00"]),
)
def test_every_week_and_time_slot_is_balanced(split, seed, first, days, slots):
    end = date.fromordinal(first.toordinal() + days)
    schedule = make_schedule(list(split), split, first, end, slots, seed=seed)
    # each week x time-of-day block, each week and the whole plan: floor or ceil of the share
    assert _worst(schedule, split, ["week", "slot"]) < 1
    assert _worst(schedule, split, "week") < 1
    assert _worst(schedule, split, lambda _: 0) < 1
    # each time of day over the whole plan: within a slot and a half of its share
    assert _worst(schedule, split, "slot") <= 1.5


def test_equal_split_is_exact_where_it_can_be():
    split = SPLITS[0]
    schedule = make_schedule(
        list(split), split, date(2026, 11, 2), date(2027, 1, 31), SLOTS, seed=7
    )
    counts = schedule["arm"].value_counts()
    assert counts["serious"] == counts["humorous"] == len(schedule) / 2
    assert _worst(schedule, split, "week") <= 0.5


def test_same_seed_same_plan_other_seed_other_order():
    split = SPLITS[0]
    args = (list(split), split, date(2026, 11, 2), date(2026, 12, 20), SLOTS)
    first = make_schedule(*args, seed=11)
    assert first.equals(make_schedule(*args, seed=11))
    assert not first["arm"].equals(make_schedule(*args, seed=12)["arm"])


def test_slots_are_local_time_with_offset():
    split = SPLITS[0]
    schedule = make_schedule(
        list(split), split, date(2026, 10, 23), date(2026, 10, 26), "Fri,Mon 08:30", seed=1
    )
    assert [t.isoformat() for t in schedule["time"]] == [
        "2026-10-23T08:30:00+01:00",  # summer time
        "2026-10-26T08:30:00+00:00",  # after the clocks go back
    ]


def test_csv_round_trip_and_ics(tmp_path):
    from postlab.experiment.schedule import write_schedule

    split = {"serious": 0.5, "humorous": 0.5}
    schedule = make_schedule(
        list(split), split, date(2026, 11, 2), date(2026, 11, 15), SLOTS, seed=3
    )
    csv_path, ics_path = write_schedule(schedule, tmp_path, "humour-test", 3)
    back = read_schedule(csv_path)
    assert back["arm"].tolist() == schedule["arm"].tolist()
    assert (back["time"] == schedule["time"].dt.tz_convert("UTC")).all()
    _assert_valid_ics(ics_path.read_bytes(), len(schedule))
    first = ics_path.read_bytes()
    write_schedule(schedule, tmp_path, "humour-test", 3)
    assert ics_path.read_bytes() == first  # DTSTAMP and UIDs fixed: reproducible


def _assert_valid_ics(raw: bytes, events: int) -> None:
    """RFC 5545: CRLF lines of at most 75 octets, balanced components, required properties."""
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    physical = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in physical)
    text = raw.decode("utf-8").replace("\r\n ", "")  # unfold
    lines = text.split("\r\n")[:-1]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    blocks = re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT", text, flags=re.DOTALL)
    assert len(blocks) == events
    uids = set()
    for block in blocks:
        names = {line.split(":", 1)[0] for line in block.split("\r\n") if line}
        assert {"UID", "DTSTAMP", "DTSTART", "SUMMARY"} <= names
        uids.add(re.search(r"UID:(.*)", block)[1])
        assert re.search(r"DTSTART:\d{8}T\d{6}Z", block)
    assert len(uids) == events


def test_long_lines_fold_without_splitting_characters():
    from postlab.experiment.schedule import _fold

    folded = _fold("DESCRIPTION:" + "é" * 100)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == "DESCRIPTION:" + "é" * 100


def test_read_schedule_errors(tmp_path):
    bad = tmp_path / "s.csv"
    bad.write_text("time,arm\n2026-11-02T08:30:00+00:00,serious\nsoon,humorous\n")
    with pytest.raises(ExperimentError, match="line 3: time 'soon' is not a time with offset"):
        read_schedule(bad)
    with pytest.raises(ExperimentError, match="schedule file not found"):
        read_schedule(tmp_path / "none.csv")


def test_ics_escapes_text():
    split = {"a,b": 0.5, "c;d": 0.5}
    schedule = make_schedule(
        list(split), split, date(2026, 11, 2), date(2026, 11, 2), "Mon 09:00,10:00", seed=1
    )
    text = to_ics(schedule, "x", 1)
    assert "a\\,b" in text.replace("\r\n ", "") and "c\\;d" in text.replace("\r\n ", "")
    assert np.isin(["a,b", "c;d"], schedule["arm"]).all()
