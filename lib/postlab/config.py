"""Project settings from ``postlab.yml``: what differs between borough teams.

Kept apart from experiment files because it describes the team's accounts
(their timezones, their own handles that need no redaction), not a test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from postlab.exceptions import PostlabError
from postlab.files import file_pattern, read_yaml

DEFAULT_TIMEZONE = "Europe/London"
DEFAULT_HOLIDAYS = "GB-ENG"  # bank holidays of England & Wales, skipped by `postlab schedule`
SETTINGS_FILE = "postlab.yml"
ALL_TEAMS = "all"  # teams: all in a force workspace's settings
TLS_FILES = ("ca", "cert", "key")  # dask: tls: the CA's certificate, this client's, its key
# A hung notebook holds a rerun worker this long; the demo's slowest cell takes a few seconds.
DEFAULT_CELL_TIMEOUT = 120


class SettingsError(PostlabError):
    """``postlab.yml`` is malformed."""


@dataclass(frozen=True)
class Settings:
    default_timezone: str = DEFAULT_TIMEZONE
    timezones: dict[str, str] = field(default_factory=dict)
    allow_handles: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    # The team's own recurring terms (stations, operations, officers' public names)
    # and public numbers that the privacy guard may show.
    allow_terms: tuple[str, ...] = ()
    allow_numbers: tuple[str, ...] = ()
    day_first: tuple[str, ...] = ()  # globs of exports whose numeric dates are day-first
    dask_scheduler: str | None = None  # a Dask cluster every rerun uses unless told otherwise
    # TLS files for a tls:// scheduler (ca, cert, key), absolute, inside the workspace
    dask_tls: tuple[Path, Path, Path] | None = None
    dask_insecure: bool = False  # allow a plain tcp:// scheduler on another host
    data: str | None = None  # the data folder, relative to the settings file (a workspace's)
    holidays: str = DEFAULT_HOLIDAYS  # schedule: holidays (a holidays-package code, or none)
    skip_days: tuple[date, ...] = ()  # schedule: skip: days the team never posts a plan on
    # A force workspace's teams (their workspaces' names), or ("all",): every team's.
    # Its experiments are force-wide: run by each of those teams on its own schedule.
    teams: tuple[str, ...] = ()

    @property
    def force(self) -> bool:
        """Whether this is a force workspace: experiments over several teams' posts."""
        return bool(self.teams)

    def timezone_for(self, account: str | None) -> str:
        """The IANA zone in which ``account`` exports local times."""
        return self.timezones.get(account or "", self.default_timezone)


def load_settings(root: str | Path = ".") -> Settings:
    """Read ``postlab.yml`` from ``root``; defaults where it is absent."""
    path = Path(root) / SETTINGS_FILE
    if not path.exists():
        return Settings()
    raw = read_yaml(path, SettingsError) or {}
    for group in ("", "accounts", "privacy", "exports", "schedule", "dask"):
        value = raw.get(group) if group and isinstance(raw, dict) else raw
        if value is not None and not isinstance(value, dict):
            raise SettingsError(
                "must be a group of settings (key: value)", path=path, field=group or None
            )
    unknown = set(raw) - {
        "default_timezone",
        "accounts",
        "privacy",
        "exports",
        "schedule",
        "data",
        "dask",
        "teams",
    }
    if unknown:
        raise SettingsError(f"unknown key {sorted(unknown)[0]!r}", path=path)
    accounts = raw.get("accounts") or {}
    dask = raw.get("dask") or {}
    if not isinstance(dask, dict) or set(dask) - {"scheduler", "tls", "insecure"}:
        raise SettingsError(
            "takes only scheduler: tls://HOST:PORT, tls: {ca, cert, key} and insecure:",
            path=path,
            field="dask",
        )
    privacy = raw.get("privacy") or {}
    schedule = raw.get("schedule") or {}
    unknown = set(privacy) - {"allow_handles", "names", "allow_terms", "allow_numbers"}
    if unknown:
        raise SettingsError(f"unknown key privacy.{sorted(unknown)[0]}", path=path)
    settings = Settings(
        default_timezone=raw.get("default_timezone", DEFAULT_TIMEZONE),
        timezones={
            str(name): str(
                (spec or {}).get("timezone", raw.get("default_timezone", DEFAULT_TIMEZONE))
            )
            for name, spec in accounts.items()
        },
        allow_handles=tuple(str(h).lstrip("@") for h in privacy.get("allow_handles", [])),
        names=tuple(str(n) for n in privacy.get("names", [])),
        allow_terms=tuple(str(t) for t in privacy.get("allow_terms", [])),
        allow_numbers=tuple(str(n) for n in privacy.get("allow_numbers", [])),
        day_first=tuple(
            file_pattern(str(g), SettingsError, path=path, field="exports.day_first")
            for g in (raw.get("exports") or {}).get("day_first", [])
        ),
        dask_scheduler=str(dask["scheduler"]) if dask.get("scheduler") else None,
        dask_tls=_tls_files(dask.get("tls"), path),
        dask_insecure=_flag(dask.get("insecure", False), path, "dask.insecure"),
        data=str(raw["data"]) if raw.get("data") else None,
        holidays=str(schedule.get("holidays") or DEFAULT_HOLIDAYS),
        skip_days=tuple(_day(d, path) for d in schedule.get("skip") or []),
        teams=_teams(raw.get("teams"), path),
    )
    for zone in {settings.default_timezone, *settings.timezones.values()}:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise SettingsError(f"unknown timezone {zone!r}", path=path, field="timezone") from None
    return settings


def _tls_files(tls, path: Path) -> tuple[Path, Path, Path] | None:
    """The CA, certificate and key files, relative to the workspace and kept inside it."""
    if tls is None:
        return None
    if not isinstance(tls, dict) or set(tls) != set(TLS_FILES):
        raise SettingsError(
            "takes ca:, cert: and key: (files relative to this folder, e.g. certs/ca.pem)",
            path=path,
            field="dask.tls",
        )
    root = path.parent.resolve()
    files = []
    for name in TLS_FILES:
        file = (root / str(tls[name])).resolve()
        if not file.is_relative_to(root):
            raise SettingsError(
                f"{tls[name]!r} is outside the workspace: keep the certificates in it "
                "(e.g. certs/, which the workspace's .gitignore keeps out of git)",
                path=path,
                field=f"dask.tls.{name}",
            )
        files.append(file)
    return tuple(files)


def _teams(value, path: Path) -> tuple[str, ...]:
    if value is None:
        return ()
    if value == ALL_TEAMS:
        return (ALL_TEAMS,)
    if not isinstance(value, list) or not value or not all(isinstance(t, str) for t in value):
        raise SettingsError(
            "takes all, or a list of team workspaces like [north-borough, east-borough]",
            path=path,
            field="teams",
        )
    return tuple(dict.fromkeys(value))


def _flag(value, path: Path, field: str) -> bool:
    if not isinstance(value, bool):
        raise SettingsError(f"{value!r} is not true or false", path=path, field=field)
    return value


def _day(value, path: Path) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise SettingsError(
            f"{value!r} is not a date like 2026-12-24", path=path, field="schedule.skip"
        ) from None
