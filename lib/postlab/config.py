"""Project settings from ``postlab.yml``: what differs between borough teams.

Kept apart from experiment files because it describes the team's accounts
(their timezones, their own handles that need no redaction), not a test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from postlab.exceptions import PostlabError
from postlab.files import read_yaml

DEFAULT_TIMEZONE = "Europe/London"
SETTINGS_FILE = "postlab.yml"


class SettingsError(PostlabError):
    """``postlab.yml`` is malformed."""


@dataclass(frozen=True)
class Settings:
    default_timezone: str = DEFAULT_TIMEZONE
    timezones: dict[str, str] = field(default_factory=dict)
    allow_handles: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    day_first: tuple[str, ...] = ()  # globs of exports whose numeric dates are day-first
    data: str | None = None  # the data folder, relative to the settings file (a workspace's)

    def timezone_for(self, account: str | None) -> str:
        """The IANA zone in which ``account`` exports local times."""
        return self.timezones.get(account or "", self.default_timezone)


def load_settings(root: str | Path = ".") -> Settings:
    """Read ``postlab.yml`` from ``root``; defaults where it is absent."""
    path = Path(root) / SETTINGS_FILE
    if not path.exists():
        return Settings()
    raw = read_yaml(path, SettingsError) or {}
    unknown = set(raw) - {"default_timezone", "accounts", "privacy", "exports", "data"}
    if unknown:
        raise SettingsError(f"unknown key {sorted(unknown)[0]!r}", path=path)
    accounts = raw.get("accounts") or {}
    privacy = raw.get("privacy") or {}
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
        day_first=tuple(str(g) for g in (raw.get("exports") or {}).get("day_first", [])),
        data=str(raw["data"]) if raw.get("data") else None,
    )
    for zone in {settings.default_timezone, *settings.timezones.values()}:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise SettingsError(f"unknown timezone {zone!r}", path=path, field="timezone") from None
    return settings
