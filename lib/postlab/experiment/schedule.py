"""Randomised, balanced posting schedules, so the news cycle cannot pick the winner.

Every slot of the period gets an arm such that each arm's count stays
within one slot of its planned share in the whole plan, in every week, in
every weekday x time slot (all the Friday 17:00 slots) and in every week x
time of day, and as near as possible per weekday and per time of day. Among
all such plans one is chosen at random: a small integer program (HiGHS,
through ``scipy.optimize.milp``) with random costs drawn from the seed, so
the plan is reproducible. Bank holidays and the days the team lists are
skipped. An experiment over several accounts gets one plan per account,
each balanced on its own, in the account's timezone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from postlab.exceptions import ExperimentError
from postlab.project import project_settings
from postlab.words import arm_posts

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SLOT_MINUTES = 15  # length of a calendar entry; only a reminder in the team's calendar
# The solver stops at a plan within 2 % of the cheapest (any balanced plan will do: the
# costs only make the choice random) or after 500 branch-and-bound nodes, both of which
# keep the plan the same on any machine; the time limit is a last resort (it would not).
SOLVER = {"mip_rel_gap": 0.02, "node_limit": 500, "time_limit": 300}
# The groups in which arms are balanced, and how tightly: "tight" keeps each arm's
# count at the floor or ceiling of its share, "loose" within one slot of it. The
# first set the solver can satisfy wins; with two arms the third always can.
GROUPS = ("plan", "week", "week x time", "weekday x time", "time", "weekday")
REQUIRED = ("plan", "week", "weekday x time")
ATTEMPTS = (
    {name: "tight" for name in GROUPS},
    {**{name: "tight" for name in GROUPS[:4]}, "time": "loose", "weekday": "loose"},
    {name: "tight" for name in GROUPS[:4]},
    {**{name: "loose" for name in GROUPS[:4]}, "time": "loose", "weekday": "loose"},
    {name: "loose" for name in REQUIRED},
)


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


def skip_days(start: date, end: date, holidays: str | None, extra=()) -> dict[date, str]:
    """The days to leave out, with why: bank holidays of ``holidays`` (e.g. GB-ENG,
    GB-SCT, GB-NIR; "none" or None for none) and the team's own dates."""
    days: dict[date, str] = {}
    if holidays and holidays.lower() != "none":
        import holidays as calendar

        country, _, region = holidays.upper().partition("-")
        try:
            found = calendar.country_holidays(
                country, subdiv=region or None, years=range(start.year, end.year + 1)
            )
        except NotImplementedError as error:
            raise ExperimentError(
                f"--holidays {holidays!r}: {error} (e.g. GB-ENG for England & Wales, "
                "GB-SCT, GB-NIR, or none)"
            ) from None
        days.update({day: name for day, name in found.items() if start <= day <= end})
    for day in extra:
        days.setdefault(day, "listed by the team")
    return dict(sorted(days.items()))


def make_schedule(
    arms: list[str],
    split: dict[str, float],
    start: date,
    end: date,
    slots: str,
    *,
    seed,
    timezone: str = "Europe/London",
    skip: dict[date, str] | None = None,
) -> pd.DataFrame:
    """One row per slot: local ``time`` (with offset), ``arm``, ``week``, ``weekday`` and
    time-of-day ``slot``; the days in ``skip`` get no slot."""
    if end < start:
        raise ExperimentError(f"--to {end} is before --from {start}")
    weekly = parse_slots(slots)
    skip = skip or {}
    frame = pd.DataFrame(
        [
            (day, clock)
            for day in (start + timedelta(days=n) for n in range((end - start).days + 1))
            if day not in skip
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
    frame["weekday"] = [DAYS[day.weekday()] for day in frame["day"]]
    frame["slot"] = [clock.strftime("%H:%M") for clock in frame["clock"]]
    frame = frame.sort_values("time", ignore_index=True)
    shares = np.array([split[arm] for arm in arms], dtype=float)
    chosen = _balanced(frame, shares / shares.sum(), np.random.default_rng(seed))
    frame["arm"] = np.asarray(arms, dtype=object)[chosen]
    return frame[["time", "arm", "week", "weekday", "slot"]]


def make_account_schedules(
    arms, split, start, end, slots, *, seed: int, zones: dict, skip=None
) -> pd.DataFrame:
    """One plan per account (``zones``: account -> timezone), each balanced on its own and
    drawn from its own stream of the seed; one account (or None) gives no ``account`` column."""
    if len(zones) == 1:
        (zone,) = zones.values()
        return make_schedule(arms, split, start, end, slots, seed=seed, timezone=zone, skip=skip)
    plans = []
    for index, (account, zone) in enumerate(zones.items()):
        plan = make_schedule(
            arms, split, start, end, slots, seed=[seed, index], timezone=zone, skip=skip
        )
        plans.append(plan.assign(account=account))
    schedule = pd.concat(plans, ignore_index=True)
    return schedule[["account", *schedule.columns[:-1]]]


def _group_ids(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    keys = {
        "plan": pd.Series(0, index=frame.index),
        "week": frame["week"].astype(str),
        "week x time": frame["week"].astype(str) + " " + frame["slot"],
        "weekday x time": frame["weekday"] + " " + frame["slot"],
        "time": frame["slot"],
        "weekday": frame["weekday"],
    }
    return {name: pd.factorize(values)[0] for name, values in keys.items()}


def _balanced(frame: pd.DataFrame, shares: np.ndarray, rng) -> np.ndarray:
    """The arm (index) of each slot: a random plan among the balanced ones."""
    ids = _group_ids(frame)
    costs = rng.random((len(frame), len(shares)))
    for attempt in ATTEMPTS:
        chosen = _solve(ids, attempt, shares, costs)
        if chosen is not None:
            return chosen
    raise ExperimentError(
        f"cannot balance {len(frame)} slots between {len(shares)} arms within one slot per "
        "week and per weekday and time; try more weeks or fewer time slots"
    )


def _solve(ids: dict[str, np.ndarray], attempt: dict[str, str], shares, costs):
    """One slot-to-arm assignment within the bounds of ``attempt``, or None."""
    slots, arms = costs.shape
    variable = np.arange(slots * arms).reshape(slots, arms)
    rows, columns, lower, upper = [], [], [], []
    offset = 0
    for name, how in attempt.items():
        group = ids[name]
        exact = np.bincount(group)[:, None] * shares[None, :]
        if how == "tight":
            low, high = np.floor(exact + 1e-9), np.ceil(exact - 1e-9)
        else:
            low, high = np.maximum(np.ceil(exact - 1 - 1e-9), 0), np.floor(exact + 1 + 1e-9)
        rows.append((offset + group[:, None] * arms + np.arange(arms)[None, :]).ravel())
        columns.append(variable.ravel())
        lower.append(low.ravel())
        upper.append(high.ravel())
        offset += exact.size
    rows.append(offset + np.repeat(np.arange(slots), arms))  # one arm per slot
    columns.append(variable.ravel())
    lower.append(np.ones(slots))
    upper.append(np.ones(slots))
    offset += slots
    from scipy import sparse
    from scipy.optimize import Bounds, LinearConstraint, milp

    matrix = sparse.csr_matrix(
        (np.ones(sum(len(r) for r in rows)), (np.concatenate(rows), np.concatenate(columns))),
        shape=(offset, slots * arms),
    )
    result = milp(
        costs.ravel(),
        constraints=LinearConstraint(matrix, np.concatenate(lower), np.concatenate(upper)),
        integrality=np.ones(slots * arms),
        bounds=Bounds(0, 1),
        options=SOLVER,
    )
    if result.x is None:
        return None
    return result.x.reshape(slots, arms).argmax(axis=1)


def worst_deviations(schedule: pd.DataFrame, split: dict[str, float]) -> dict[str, float]:
    """The largest gap, in slots, between an arm's count and its planned share, per grouping.

    Per account when the plan has an ``account`` column (each account is planned alone).
    """
    shares = pd.Series(split, dtype=float) / sum(split.values())
    by = ["account"] if "account" in schedule.columns else []
    groupings = {
        "plan": by,
        "week": [*by, "week"],
        "weekday x time": [*by, "weekday", "slot"],
        "week x time": [*by, "week", "slot"],
        "time": [*by, "slot"],
        "weekday": [*by, "weekday"],
    }
    worst = {}
    for name, keys in groupings.items():
        counts = pd.crosstab(
            [schedule[k] for k in keys] if keys else pd.Series(0, index=schedule.index),
            schedule["arm"],
        ).reindex(columns=shares.index, fill_value=0)
        expected = counts.sum(axis=1).to_numpy()[:, None] * shares.to_numpy()[None, :]
        worst[name] = float(np.abs(counts.to_numpy() - expected).max())
    return worst


@dataclass(frozen=True)
class WrittenSchedule:
    schedule: pd.DataFrame
    csv_path: Path
    ics_paths: list[Path]
    seed: int
    split: dict[str, float]
    skipped: dict[date, str] = field(default_factory=dict)
    assignment_file: str | None = None  # the CSV relative to the data folder
    equal_shares: bool = False  # the experiment planned no split

    def __str__(self) -> str:
        return f"{self.describe()}\n{self.how_to_use()}"

    def describe(self) -> str:
        """What was written: the files, the slots per arm, skipped days and the balance."""
        counts = self.schedule["arm"].value_counts().sort_index()
        weeks = self.schedule["week"].nunique()
        calendars = ", ".join(str(p) for p in self.ics_paths)
        lines = [
            f"wrote {self.csv_path} and {calendars}: {len(self.schedule)} slots over "
            f"{weeks} week{'s' if weeks != 1 else ''} "
            f"({', '.join(f'{arm} {n}' for arm, n in counts.items())}), seed {self.seed}."
        ]
        if "account" in self.schedule.columns:
            lines.append(
                f"Each of the {self.schedule['account'].nunique()} accounts has its own "
                "balanced plan and calendar."
            )
        if self.skipped:
            days = "; ".join(f"{day} {why}" for day, why in self.skipped.items())
            lines.append(
                f"Skipped {len(self.skipped)} day{'s' if len(self.skipped) != 1 else ''}: {days}."
            )
        if self.equal_shares:
            lines.append(
                "The experiment plans no split, so each arm gets an equal share (as a schedule "
                "assignment assumes when the file has no split)."
            )
        gaps = worst_deviations(self.schedule, self.split)
        whole = "each account's whole plan" if "account" in self.schedule.columns else "the plan"
        lines.append(
            "Balance (largest gap between an arm's slots and its planned share): "
            f"{gaps['weekday x time']:.2g} per weekday x time slot, {gaps['week']:.2g} per week, "
            f"{gaps['plan']:.2g} in {whole}."
        )
        return "\n".join(lines)

    def how_to_use(self) -> str:
        """The assignment that makes the experiment follow this schedule."""
        where = self.assignment_file or self.csv_path.name
        lines = [
            "To use it, set the experiment's assignment to:",
            f"  assignment: {{kind: schedule, file: {where}, tolerance: 30min}}",
        ]
        if not self.assignment_file:
            lines.append("with file relative to your data folder (move the file there).")
        return "\n".join(lines)


def plan_schedule(
    experiment,
    start: date,
    end: date,
    slots: str,
    *,
    seed: int,
    out_dir: Path,
    data_dir: Path | None = None,
    holidays: str | None = None,
    skip=(),
) -> WrittenSchedule:
    """Make and write the schedule of ``experiment``: one balanced plan per account,
    in the account's timezone, without bank holidays and the ``skip`` days.

    ``holidays`` defaults to postlab.yml's ``schedule: holidays:`` (England & Wales),
    and the days in its ``schedule: skip:`` are skipped as well as ``skip``.
    """
    _refuse_time_arms(experiment)
    settings = project_settings()
    split = experiment.split or {arm: 1 / len(experiment.arms) for arm in experiment.arms}
    skipped = skip_days(start, end, holidays or settings.holidays, [*settings.skip_days, *skip])
    zones = {account: settings.timezone_for(account) for account in experiment.accounts or [None]}
    schedule = make_account_schedules(
        experiment.arms, split, start, end, slots, seed=seed, zones=zones, skip=skipped
    )
    csv_path, ics_paths = write_schedule(schedule, out_dir, experiment.id, seed)
    inside = data_dir is not None and csv_path.resolve().is_relative_to(Path(data_dir).resolve())
    return WrittenSchedule(
        schedule,
        csv_path,
        ics_paths,
        seed,
        split,
        skipped,
        csv_path.resolve().relative_to(Path(data_dir).resolve()).as_posix() if inside else None,
        equal_shares=experiment.split is None,
    )


def _refuse_time_arms(experiment) -> None:
    """Arms that the posting time decides (morning or evening) cannot be drawn at random for a
    slot: a 19:00 slot is always evening. Said before anything is written."""
    column = experiment.assignment.time_column
    if column:
        raise ExperimentError(
            f"its arms come from {column}, which the posting time decides, so a random "
            f"schedule cannot choose them (a slot at 19:00 is always evening). Keep "
            f"assignment by {column} and post in each arm's hours every week; `postlab plan` "
            "says how many posts that needs",
            path=experiment.path,
            field="assignment.column",
        )


def write_schedule(schedule: pd.DataFrame, out_dir: str | Path, experiment_id: str, seed: int):
    """Write ``<id>-schedule.csv`` and a calendar per account; return the paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path = out_dir / f"{experiment_id}-schedule.csv"
    table = pd.DataFrame(
        {"time": [t.isoformat() for t in schedule["time"]], "arm": schedule["arm"]}
    )
    if "account" not in schedule.columns:
        table.to_csv(csv_path, index=False, lineterminator="\n")
        ics_path = out_dir / f"{experiment_id}-schedule.ics"
        ics_path.write_bytes(to_ics(schedule, experiment_id, seed).encode("utf-8"))
        return csv_path, [ics_path]
    table.insert(0, "account", schedule["account"])
    table.to_csv(csv_path, index=False, lineterminator="\n")
    ics_paths = []
    for account, plan in schedule.groupby("account", sort=False):
        slug = re.sub(r"[^a-z0-9]+", "-", account.lower()).strip("-")
        ics_path = out_dir / f"{experiment_id}-{slug}-schedule.ics"
        ics_path.write_bytes(to_ics(plan, experiment_id, seed, account).encode("utf-8"))
        ics_paths.append(ics_path)
    return csv_path, ics_paths


def read_schedule(path: str | Path) -> pd.DataFrame:
    """A schedule CSV as UTC ``time`` and ``arm`` (and ``account`` when each account has
    its own plan), as the analysis matches posts to it."""
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
    out = pd.DataFrame({"time": times, "arm": table["arm"].str.strip()})
    if "account" in table.columns:  # one plan per account
        out.insert(0, "account", table["account"].str.strip())
    return out


def to_ics(
    schedule: pd.DataFrame, experiment_id: str, seed: int, account: str | None = None
) -> str:
    """An RFC 5545 calendar: CRLF lines folded at 75 octets, stable UIDs and DTSTAMP."""
    first = schedule["time"].min().tz_convert("UTC")
    stamp = first.normalize().strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//postlab//experiment schedule//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(f'postlab: {experiment_id}' + (f' ({account})' if account else ''))}",
    ]
    uid_part = re.sub(r"[^a-z0-9]+", "-", account.lower()) + "-" if account else ""
    for number, (when, arm) in enumerate(zip(schedule["time"], schedule["arm"], strict=True)):
        utc = when.tz_convert("UTC")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{experiment_id}-{seed}-{uid_part}{number:05d}@postlab",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{utc.strftime('%Y%m%dT%H%M%SZ')}",
            f"DURATION:PT{SLOT_MINUTES}M",
            f"SUMMARY:{_escape(f'Post: {arm} ({experiment_id})')}",
            "DESCRIPTION:"
            + _escape(
                f"Experiment {experiment_id}: the post in this slot "
                f"({when.strftime('%a %d %b %Y %H:%M %Z')}) is one of the {arm_posts(arm)}. "
                "The order is randomised; "
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
