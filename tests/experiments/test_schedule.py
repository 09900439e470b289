"""Randomised blocked schedules: balance, reproducibility and a valid calendar file."""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlab.exceptions import ExperimentError
from postlab.experiment.assign import match_slots
from postlab.experiment.schedule import (
    make_account_schedules,
    make_schedule,
    parse_slots,
    read_schedule,
    skip_days,
    to_ics,
    worst_deviations,
)

from .conftest import make_posts

SLOTS = "Mon-Fri 08:30,12:30,17:00; Sat 10:00"
SPLITS = [
    {"serious": 0.5, "humorous": 0.5},
    {"serious": 0.5, "humorous": 0.25, "deadpan": 0.25},
    {"serious": 1 / 3, "humorous": 1 / 3, "deadpan": 1 / 3},
    {"serious": 0.7, "humorous": 0.3},
]


def test_parse_slots():
    slots = parse_slots("Mon-Wed 08:30, 17:00; Sat,Sun 10:00")
    assert len(slots) == 8 and slots[0][0] == 0 and slots[-1][0] == 6
    assert parse_slots("Sat-Mon 09:00") == parse_slots("Sat,Sun,Mon 09:00")
    for bad in ("Mon 8", "Funday 09:00", "Mon-Fri", "Mon 25:00", ""):
        with pytest.raises(ExperimentError):
            parse_slots(bad)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    split=st.sampled_from(SPLITS),
    seed=st.integers(0, 2**32 - 1),
    first=st.dates(date(2026, 1, 1), date(2026, 12, 31)),
    days=st.integers(6, 120),
    slots=st.sampled_from([SLOTS, "Mon,Wed 09:00; Fri 12:00,18:00", "Tue-Sun 07:00"]),
    accounts=st.integers(1, 3),
)
def test_every_weekday_slot_week_and_account_is_balanced(split, seed, first, days, slots, accounts):
    end = date.fromordinal(first.toordinal() + days)
    zones = {f"account{n}": "Europe/London" for n in range(accounts)}
    schedule = make_account_schedules(list(split), split, first, end, slots, seed=seed, zones=zones)
    gaps = worst_deviations(schedule, split)
    # each arm within one slot of its planned share: per weekday x time slot, per week and
    # per account (the whole plan of each account), and per week x time of day
    assert gaps["weekday x time"] < 1 and gaps["week"] < 1 and gaps["plan"] < 1
    assert gaps["week x time"] < 1
    # each time of day and each weekday over the whole plan: within one slot
    assert gaps["time"] <= 1 and gaps["weekday"] <= 1
    assert ("account" in schedule.columns) == (accounts > 1)


def test_fridays_get_the_planned_share():
    """A 12-week plan used to put 8 humorous posts on Fridays where the split asks ~14."""
    split = {"serious": 0.62, "humorous": 0.38}
    schedule = make_schedule(
        list(split), split, date(2026, 11, 2), date(2027, 1, 24), SLOTS, seed=1
    )
    fridays = schedule[schedule["weekday"] == "Fri"]["arm"].value_counts()
    assert fridays.sum() == 36 and fridays["humorous"] in (13, 14)


def test_bank_holidays_and_listed_days_are_skipped():
    skipped = skip_days(date(2026, 12, 20), date(2027, 1, 3), "GB-ENG", [date(2026, 12, 24)])
    assert skipped == {
        date(2026, 12, 24): "listed by the team",
        date(2026, 12, 25): "Christmas Day",
        date(2026, 12, 26): "Boxing Day",
        date(2026, 12, 28): "Boxing Day (observed)",
        date(2027, 1, 1): "New Year's Day",
    }
    assert date(2027, 1, 4) in skip_days(date(2027, 1, 1), date(2027, 1, 5), "GB-SCT")
    assert skip_days(date(2026, 12, 20), date(2027, 1, 3), "none") == {}
    with pytest.raises(ExperimentError, match="--holidays 'XX-YY'"):
        skip_days(date(2026, 12, 20), date(2027, 1, 3), "XX-YY")
    split = SPLITS[0]
    schedule = make_schedule(
        list(split), split, date(2026, 12, 21), date(2027, 1, 3), SLOTS, seed=1, skip=skipped
    )
    days = {t.date() for t in schedule["time"]}
    assert not days & set(skipped) and date(2026, 12, 23) in days


def test_each_account_gets_its_own_plan_and_matches_its_own_posts():
    split = SPLITS[0]
    zones = {"MPSNorthbrook": "Europe/London", "MPSEastmere": "Europe/London"}
    schedule = make_account_schedules(
        list(split), split, date(2025, 6, 2), date(2025, 6, 3), "Mon,Tue 09:30", seed=4, zones=zones
    )
    assert schedule["account"].value_counts().to_dict() == {"MPSNorthbrook": 2, "MPSEastmere": 2}
    slots = schedule.assign(time=schedule["time"].dt.tz_convert("UTC"))[["account", "time", "arm"]]
    posts = make_posts(
        [
            {"post_id": "1", "account": "MPSNorthbrook", "published_at": "2025-06-02 08:35"},
            {"post_id": "2", "account": "MPSEastmere", "published_at": "2025-06-03 08:25"},
        ]
    )
    assigned = match_slots(posts, slots, pd.Timedelta(minutes=30))
    planned = slots.set_index(["account", slots["time"].dt.date.astype(str)])["arm"]
    assert assigned.arm.tolist() == [
        planned[("MPSNorthbrook", "2025-06-02")],
        planned[("MPSEastmere", "2025-06-03")],
    ]
    # each account's unused slot is its own deviation, not the other account's
    assert sorted(assigned.deviations["account"]) == ["MPSEastmere", "MPSNorthbrook"]


def test_equal_split_is_exact_where_it_can_be():
    split = SPLITS[0]
    schedule = make_schedule(
        list(split), split, date(2026, 11, 2), date(2027, 1, 31), SLOTS, seed=7
    )
    counts = schedule["arm"].value_counts()
    assert counts["serious"] == counts["humorous"] == len(schedule) / 2
    assert worst_deviations(schedule, split)["week"] <= 0.5


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
    csv_path, (ics_path,) = write_schedule(schedule, tmp_path, "humour-test", 3)
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


def test_a_schedule_refuses_arms_the_posting_time_decides(tmp_path):
    """Morning against evening by hour_block: a random draw would put 'morning' at 19:00."""
    from types import SimpleNamespace

    from postlab.exceptions import ExperimentError
    from postlab.experiment.assign import ColumnAssignment
    from postlab.experiment.schedule import plan_schedule

    experiment = SimpleNamespace(
        assignment=ColumnAssignment("hour_block"), path="experiments/m.yml", id="m"
    )
    with pytest.raises(ExperimentError, match="hour_block, which the posting time decides"):
        plan_schedule(
            experiment, date(2027, 1, 4), date(2027, 3, 28), "Mon 09:00", seed=1, out_dir=tmp_path
        )
    assert not list(tmp_path.iterdir())
    assert ColumnAssignment("has_media").time_column is None
