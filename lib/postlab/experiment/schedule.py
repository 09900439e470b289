"""Randomised, blocked posting schedules, so the news cycle cannot pick the winner.

Slots are grouped in blocks of one week x one time of day (all the 08:30
slots of a week). Each block gets its share of every arm, the odd slot left
over goes to the arm furthest behind in that week and at that time of day,
and the arms are shuffled inside the block with the seed. So every week and
every time slot is balanced between arms, and the plan is reproducible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_flow

from postlab.exceptions import ExperimentError
from postlab.project import project_settings

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SLOT_MINUTES = 15  # length of a calendar entry; only a reminder in the team's calendar


def parse_slots(spec: str) -> list[tuple[int, time]]:
    """``"Mon-Fri 08:30,12:30; Sat 10:00"`` -> [(weekday, time), ...] sorted."""
    slots = set()
    for group in filter(None, (part.strip() for part in spec.split(";"))):
        days_text, _, times_text = group.partition(" ")
        if not times_text.strip():
            raise ExperimentError(
                f"slot group {group!r} needs days and times, like 'Mon-Fri 08:30'"
            )
        days = _days(days_text, group)
        for text in times_text.replace(" ", "").split(","):
            if not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", text):
                raise ExperimentError(f"{text!r} in {group!r} is not a time like 08:30")
            hour, minute = map(int, text.split(":"))
            slots.update((day, time(hour, minute)) for day in days)
    if not slots:
        raise ExperimentError("no slots given; write them like 'Mon-Fri 08:30,12:30; Sat 10:00'")
    return sorted(slots)


def _days(text: str, group: str) -> list[int]:
    days = []
    for part in text.split(","):
        first, _, last = part.partition("-")
        try:
            start, stop = DAYS.index(first.title()), DAYS.index((last or first).title())
        except ValueError:
            raise ExperimentError(
                f"{part!r} in {group!r} is not a day or range of days (Mon, Tue, ..., Sun)"
            ) from None
        days += (
            list(range(start, stop + 1)) if start <= stop else [*range(start, 7), *range(stop + 1)]
        )
    return days


def make_schedule(
    arms: list[str],
    split: dict[str, float],
    start: date,
    end: date,
    slots: str,
    *,
    seed: int,
    timezone: str = "Europe/London",
) -> pd.DataFrame:
    """One row per slot: local ``time`` (with offset), ``arm``, ``week`` and time-of-day ``slot``."""
    if end < start:
        raise ExperimentError(f"--to {end} is before --from {start}")
    weekly = parse_slots(slots)
    frame = pd.DataFrame(
        [
            (day, clock)
            for day in (start + timedelta(days=n) for n in range((end - start).days + 1))
            for weekday, clock in weekly
            if day.weekday() == weekday
        ],
        columns=["day", "clock"],
    )
    if frame.empty:
        raise ExperimentError(f"no slots fall between {start} and {end}")
    frame["time"] = [
        pd.Timestamp(datetime.combine(day, clock)).tz_localize(
            timezone, nonexistent="shift_forward", ambiguous=True
        )
        for day, clock in zip(frame["day"], frame["clock"], strict=True)
    ]
    frame["week"] = [day - timedelta(days=day.weekday()) for day in frame["day"]]
    frame["slot"] = [clock.strftime("%H:%M") for clock in frame["clock"]]
    frame = frame.sort_values("time", ignore_index=True)
    frame["arm"] = _blocked_arms(frame, arms, split, np.random.default_rng(seed))
    return frame[["time", "arm", "week", "slot"]]


def _blocked_arms(frame, arms, split, rng) -> pd.Series:
    """Arms per slot: whole shares per block, leftovers shared out, shuffled by the seed."""
    shares = np.array([split[arm] for arm in arms])
    total_due = np.zeros(len(arms))
    slot_due: dict[str, np.ndarray] = {}
    out = pd.Series("", index=frame.index, dtype="object")
    for _, week in frame.groupby("week", sort=True):
        blocks = [block for _, block in week.groupby("slot", sort=True)]
        # the most urgent time of day first: it gets first pick of the week's leftovers
        blocks.sort(key=lambda b: -np.abs(slot_due.get(b["slot"].iloc[0], 0)).max())
        # the week's count per arm: its share rounded, towards the arm behind overall
        exact = len(week) * shares
        quota = _round_towards(exact, total_due + exact - np.floor(exact + 1e-9), rng)
        total_due += exact - quota
        wanted = [len(block) * shares for block in blocks]
        floors = [np.floor(w + 1e-9).astype(int) for w in wanted]
        # an arm may take one leftover slot of a block, and only where its share is not whole
        open_arms = [w - f > 1e-9 for w, f in zip(wanted, floors, strict=True)]
        extras = quota - np.sum(floors, axis=0)
        needs = [len(block) - f.sum() for block, f in zip(blocks, floors, strict=True)]
        for index, block in enumerate(blocks):
            slot = block["slot"].iloc[0]
            due = slot_due.get(slot, np.zeros(len(arms))) + wanted[index] - floors[index]
            counts = floors[index].copy()
            while needs[index]:
                arm = _next_extra(index, extras, open_arms, needs, due, rng)
                counts[arm] += 1
                due[arm] -= 1
                extras[arm] -= 1
                needs[index] -= 1
                open_arms[index][arm] = False
            slot_due[slot] = due
            out[block.index] = rng.permutation(np.repeat(arms, counts))
    return out


def _round_towards(exact: np.ndarray, due: np.ndarray, rng) -> np.ndarray:
    """Floor of ``exact``, plus one for the arms most ``due``, so the sum is whole."""
    counts = np.floor(exact + 1e-9).astype(int)
    missing = int(round(exact.sum())) - counts.sum()
    whole = exact - counts < 1e-9  # an arm whose share is whole here takes no extra slot
    order = np.lexsort((rng.random(len(exact)), -due, whole))
    counts[order[:missing]] += 1
    return counts


def _next_extra(index, extras, open_arms, needs, due, rng) -> int:
    """The arm that takes the next leftover slot of block ``index``.

    The open arm furthest behind at this time of day that the week still
    owes a slot, provided the week's other leftovers can still be shared out.
    """
    order = [arm for arm in np.lexsort((rng.random(len(extras)), -due)) if open_arms[index][arm]]
    for arm in order:
        if extras[arm] <= 0:
            continue
        left, need = extras.copy(), list(needs)
        left[arm] -= 1
        need[index] -= 1
        opened = [row.copy() for row in open_arms]
        opened[index][arm] = False
        if _can_share(left, opened, need):
            return arm
    return order[0]


def _can_share(extras, open_arms, needs) -> bool:
    """Whether the blocks can still take the ``extras`` (a max-flow from arms to blocks)."""
    arms = len(extras)
    sink = arms + len(needs) + 1
    capacity = np.zeros((sink + 1, sink + 1), dtype=np.int32)
    capacity[0, 1 : arms + 1] = np.maximum(extras, 0)
    for block, (need, allowed) in enumerate(zip(needs, open_arms, strict=True)):
        capacity[1 : arms + 1, arms + 1 + block] = allowed
        capacity[arms + 1 + block, sink] = need
    return maximum_flow(csr_matrix(capacity), 0, sink).flow_value == sum(needs)


@dataclass(frozen=True)
class WrittenSchedule:
    schedule: pd.DataFrame
    csv_path: Path
    ics_path: Path
    seed: int

    def __str__(self) -> str:
        counts = self.schedule["arm"].value_counts().sort_index()
        weeks = self.schedule["week"].nunique()
        return (
            f"wrote {self.csv_path} and {self.ics_path}: {len(self.schedule)} slots over "
            f"{weeks} week{'s' if weeks != 1 else ''} "
            f"({', '.join(f'{arm} {n}' for arm, n in counts.items())}), seed {self.seed}.\n"
            "To use it, set the experiment's assignment to:\n"
            f"  assignment: {{kind: schedule, file: {self.csv_path.name}, tolerance: 30min}}\n"
            "with file relative to your data folder (move the file there if needed)."
        )


def plan_schedule(experiment, start: date, end: date, slots: str, *, seed: int, out_dir: Path):
    """Make and write the schedule of ``experiment`` in its first account's timezone."""
    settings = project_settings()
    zone = settings.timezone_for(experiment.accounts[0] if experiment.accounts else None)
    schedule = make_schedule(
        experiment.arms, experiment.split, start, end, slots, seed=seed, timezone=zone
    )
    csv_path, ics_path = write_schedule(schedule, out_dir, experiment.id, seed)
    return WrittenSchedule(schedule, csv_path, ics_path, seed)


def write_schedule(schedule: pd.DataFrame, out_dir: str | Path, experiment_id: str, seed: int):
    """Write ``<id>-schedule.csv`` and ``<id>-schedule.ics``; return both paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path = out_dir / f"{experiment_id}-schedule.csv"
    ics_path = out_dir / f"{experiment_id}-schedule.ics"
    table = pd.DataFrame(
        {"time": [t.isoformat() for t in schedule["time"]], "arm": schedule["arm"]}
    )
    table.to_csv(csv_path, index=False, lineterminator="\n")
    ics_path.write_bytes(to_ics(schedule, experiment_id, seed).encode("utf-8"))
    return csv_path, ics_path


def read_schedule(path: str | Path) -> pd.DataFrame:
    """A schedule CSV as UTC ``time`` and ``arm``, as the analysis matches posts to it."""
    path = Path(path)
    if not path.exists():
        raise ExperimentError(
            "schedule file not found (make it with `postlab schedule`)", path=path
        )
    table = pd.read_csv(path, dtype="string", keep_default_na=False)
    missing = {"time", "arm"} - set(table.columns)
    if missing:
        raise ExperimentError("schedule file needs columns time and arm", path=path)
    times = pd.to_datetime(table["time"], utc=True, errors="coerce", format="ISO8601")
    if times.isna().any():
        row = int(np.flatnonzero(times.isna())[0]) + 2
        raise ExperimentError(
            f"time {table['time'].iloc[row - 2]!r} is not a time with offset", path=path, line=row
        )
    return pd.DataFrame({"time": times, "arm": table["arm"].str.strip()})


def to_ics(schedule: pd.DataFrame, experiment_id: str, seed: int) -> str:
    """An RFC 5545 calendar: CRLF lines folded at 75 octets, stable UIDs and DTSTAMP."""
    first = schedule["time"].min().tz_convert("UTC")
    stamp = first.normalize().strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//postlab//experiment schedule//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(f'postlab: {experiment_id}')}",
    ]
    for number, (when, arm) in enumerate(zip(schedule["time"], schedule["arm"], strict=True)):
        utc = when.tz_convert("UTC")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{experiment_id}-{seed}-{number:05d}@postlab",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{utc.strftime('%Y%m%dT%H%M%SZ')}",
            f"DURATION:PT{SLOT_MINUTES}M",
            f"SUMMARY:{_escape(f'Post {arm} ({experiment_id})')}",
            "DESCRIPTION:"
            + _escape(
                f"Experiment {experiment_id}: publish the {arm} post planned for this slot "
                f"({when.strftime('%a %d %b %Y %H:%M %Z')}). The order is randomised; "
                "please keep to it so the comparison stays fair."
            ),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str, limit: int = 75) -> str:
    """Split into chunks of at most 75 octets, never inside a UTF-8 character."""
    chunks, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        room = limit if not chunks else limit - 1
        if size + width > room:
            chunks.append(current)
            current, size = "", 0
        current += char
        size += width
    chunks.append(current)
    return "\r\n ".join(chunks)
