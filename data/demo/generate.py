"""Write the fictional demo exports that ship with postlab.

Three invented borough teams (Northbrook, Eastmere, Kingsfold) post on X, Facebook
and YouTube from May 2025 to October 2026. The files copy each platform's download
layout (see /work/shared/exports/FORMATS.md) so the loaders, experiments and
notebooks can be shown end to end without real data. The numbers carry three
built-in truths the demo experiments must find:

1. X: humorous posts get about 20 % more engagements per impression than serious ones.
2. Facebook: live videos get about 60 % more views and 80 % more comments than recorded ones.
3. Facebook: humorous and serious posts have the same engagement rate.

Every person, address, phone number, e-mail and handle is invented (phones from
Ofcom's drama ranges); each one is listed in pii_manifest.json so tests can prove
postlab never shows them.

Usage: python data/demo/generate.py [OUTPUT_DIR]   (default: this folder)
"""

from __future__ import annotations

import csv
import html
import io
import json
import shutil
import sys
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20250501
START = date(2025, 5, 1)
END = date(2026, 10, 31)
TIMEZONE = "Europe/London"
TWITTER_EPOCH_MS = 1288834974657

CATEGORY_SHARES = {  # humour is the humorous tone; every other category is serious
    "advice": 0.22,
    "update": 0.17,
    "event": 0.16,
    "appeal": 0.07,
    "humour": 0.38,
}

# X: engagement rate ~ Beta(mean, concentration) per post; humour lifts the mean.
X_HUMOUR_LIFT = 1.20
X_RATE_CONCENTRATION = 60.0
X_VIRAL_CHANCE = 0.0025
X_VIRAL_BOOST = (10, 50)
X_SPREAD = 0.55  # sd of log impressions

# Facebook: no tone effect; live videos lift views and comments.
FB_LIVE_VIEWS_LIFT = 1.60
FB_LIVE_COMMENTS_LIFT = 1.80
FB_RATE_CONCENTRATION = 120.0
FB_VIRAL_CHANCE = 0.002
FB_VIRAL_BOOST = (4, 12)
# A viral post's rate averages over a huge audience beyond the followers: close to its mean.
VIRAL_RATE_CONCENTRATION = 1000.0
FB_SPREAD = 0.55
FB_POSTS_PER_DAY = {0: 0.05, 1: 0.70, 2: 0.25}
FB_POST_TYPES = {"Photos": 0.42, "Videos": 0.22, "Links": 0.20, "Text": 0.10, "Reels": 0.06}
FB_TYPE_VIEWS = {"Photos": 1.0, "Videos": 1.2, "Links": 0.7, "Text": 0.6, "Reels": 1.2}
FB_TYPE_RATE = {"Photos": 0.055, "Videos": 0.045, "Links": 0.030, "Text": 0.050, "Reels": 0.045}
FB_LIVE_SHARE_OF_VIDEOS = 0.45  # reels are never live: about a third of all videos
FB_LABELLED_SHARE = 0.60  # posts whose tone the team typed into Custom labels
FB_OVERLAP_DAYS = 14

YT_LIVE_SHARE = 1 / 3


@dataclass(frozen=True)
class Borough:
    name: str
    postcode_area: str
    x_impressions: float  # median impressions of an ordinary post at the start
    x_rate: float  # mean engagement rate of a serious post
    fb_views: float
    fb_rate_factor: float
    yt_views: float
    page_id: str
    areas: tuple[str, ...]

    @property
    def handle(self) -> str:
        return f"MPS{self.name}"

    @property
    def page(self) -> str:
        return f"{self.name} Police"


BOROUGHS = (
    Borough(
        "Northbrook", "NB", 2600, 0.016, 3200, 1.00, 450, "100071234509876",
        ("Northbrook Green", "Hollins Park", "Ferry Wharf", "St Aldric's"),
    ),
    Borough(
        "Eastmere", "EM", 1300, 0.022, 1700, 1.15, 220, "100083456712345",
        ("Eastmere Common", "Saltings", "Marsh End", "Coldharbour Rise"),
    ),
    Borough(
        "Kingsfold", "KF", 4800, 0.013, 5200, 0.90, 900, "100092345678123",
        ("Kingsfold Cross", "Abbotsmead", "Tanyard", "Highgate Vale"),
    ),
)  # fmt: skip

# ---------------------------------------------------------------- post texts

FIRST_NAMES = (
    "Jordan", "Casey", "Riley", "Morgan", "Priya", "Tomasz", "Kemi", "Declan", "Aisha",
    "Connor", "Leah", "Marcus", "Freya", "Oskar", "Nadia", "Ellis", "Bethan", "Ravi",
    "Callum", "Imogen", "Dominik", "Shanice", "Harvey", "Yusuf",
)  # fmt: skip
SURNAMES = (
    "Pike", "Thornbury", "Ashdown", "Wellcombe", "Hartigan", "Fenwick", "Marchetti",
    "Brennock", "Calloway", "Dunmore", "Lowther", "Penhale", "Quarrie", "Rushbrook",
    "Tremlow", "Varga", "Whitlock", "Okonjo", "Halloran", "Stebbings",
)  # fmt: skip
STREETS = (
    "Larch Crescent", "Elm Road", "Foxglove Way", "Cobbler's Lane", "Tanners Row",
    "Mill Pond Close", "Harbour Street", "Juniper Avenue", "Quarry Hill", "Sedge Walk",
    "Beacon Terrace", "Wren Gardens", "Chandlers Yard", "Orchard Drive", "Kiln Lane",
)  # fmt: skip
HANDLE_WORDS = ("runs", "bakes", "ldn", "cycles", "photos", "dad", "mum", "walks", "fc")
VEHICLES = (
    "silver Ford Focus", "black VW Golf", "white Transit van", "blue Vauxhall Corsa",
    "grey BMW 3 Series", "red Honda Jazz", "black Audi A3",
)  # fmt: skip
PETS = ("Biscuit", "Pickle", "Nelson", "Rolo", "Bramble", "Custard", "Juno")
PHONE_RANGES = (("020 7946 0", 1000), ("07700 900", 1000), ("0161 496 0", 1000))
REG_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

TEMPLATES: dict[str, tuple[tuple[str, ...], ...]] = {
    "advice": (
        (
            "Keyless car theft is rising in {area}.",
            "Keep your fob in a signal-blocking pouch & park in well-lit spots.",
            "{link}",
        ),
        (
            "Dark evenings are here. 🔦",
            "Burglars look for homes with no lights on, so use a timer switch and lock up.",
            "More tips: {link} #BurglaryPrevention",
        ),
        (
            "Scam alert: nobody from the bank will ever ask you to move money to a \"safe account\".",
            "Hang up, wait five minutes and call the number on your card.",
            "#ScamAware",
        ),
        (
            "Cycling in {area}? Register your bike frame number for free.",
            "It helps us reunite stolen bikes with their owners. {link}",
        ),
        (
            "Festival season: look after your mates, plan your journey home, and keep phones zipped away.",
            "#StaySafe",
        ),
        (
            "Courier fraud is targeting older residents in {area}.",
            "Police officers will never collect cash or bank cards from your door.",
            "Talk to your neighbours & family about it. {link}",
        ),
        (
            "Leaving for the holidays?",
            "Cancel deliveries, set timer lights, and don't post your dates online.",
            "#ProtectYourHome",
        ),
    ),
    "update": (
        (
            "Officers arrested two men after a robbery at a shop in {area} last night.",
            "Enquiries continue and there will be extra patrols today.",
        ),
        (
            "Road closure: {street} is closed in both directions after a collision.",
            "Please avoid the area and allow extra time. {link}",
        ),
        (
            "Update: the dispersal order covering {area} has been extended until 11pm Sunday.",
            "Officers have powers to direct groups to leave. {link}",
        ),
        (
            "Thanks to everyone who came to our ward panel in {area}.",
            "Your priorities for the next quarter: antisocial driving, shoplifting & drugs.",
        ),
        (
            "Following reports of drug dealing on {street}, officers executed a warrant this morning.",
            "One person was arrested and cannabis was seized. #OpWalnut",
        ),
        (
            "We've stopped 42 vehicles in {area} this week during our speed operation.",
            "Slow down: 20 means 20. #Fatal4",
        ),
    ),
    "event": (
        (
            "Meet your Safer Neighbourhoods team at {area} Library on {day} from 10am to noon.",
            "Bring your questions, we'll bring the tea. ☕ {link}",
        ),
        (
            "Free bike marking at {area} station on {day}, 4pm to 7pm.",
            "Bring proof of ownership. #BikeMarking",
        ),
        (
            "Join us for a community walkabout on {street} on {day} at 6pm.",
            "Tell us what matters to you in {area}.",
        ),
        (
            "Our cadets are running a stall at the {area} summer fair on {day}.",
            "Come and say hello, and try on a real helmet! {link}",
        ),
        (
            "Live Q&A on our Facebook page on {day} at 7pm with the {borough} local policing team.",
            "Send us your questions now. #AskThePolice",
        ),
    ),
    "humour": (
        (
            "Police dog {pet} has been promoted to Chief Sniffing Officer. 🐶",
            "No, he still can't have your sandwich.",
        ),
        (
            "A man tried to leave a {area} supermarket with six wheels of cheese.",
            "It was un-brie-lievable. He's now in a bit of a pickle. 🧀",
        ),
        (
            "This duck was spotted directing traffic on {street} this morning. 🦆",
            "We've offered it a job. It said \"quack\", which we're taking as a yes.",
        ),
        (
            "To the owner of the inflatable T-rex left on {area} roundabout:",
            "he's safe, he's in custody, and the custody sergeant has grown rather fond of him. 🦖",
        ),
        (
            "Weather update: it's raining. ☔",
            "Crime update: criminals also don't like rain. Stay dry, {borough}!",
        ),
        (
            "Knock knock. Who's there?",
            "Not a burglar, because you locked your doors & windows. 🔐 #LockUp",
        ),
        (
            "Our horses {pet} and Duchess say hello. 🐴",
            "They'd also like you to slow down on {street}. Neigh bother.",
        ),
        (
            "Found: one very confused tortoise heading down {street} at top speed (0.2 mph).",
            "He's been reunited with his owner. Case closed. 🐢",
        ),
        (
            "Today's lost property includes: a trombone, 14 odd gloves, and a garden gnome called \"Kevin\".",
            "Kevin, your family misses you.",
        ),
    ),
    "appeal": (
        (
            "MISSING: Have you seen {name}, {age}?",
            "{name} was last seen leaving {address}, {postcode} on {day} evening.",
            "If you see them, call 999 quoting CAD {cad}. #Missing",
        ),
        (
            "Witness appeal: a {vehicle}, reg {reg}, failed to stop after a collision outside {address} on {day}.",
            "Dashcam footage? Call {phone} or DM {team}.",
        ),
        (
            "Do you know {name} (DOB {dob})?",
            "We'd like to speak to them about a burglary at {address}, {postcode}.",
            "Call {phone} or contact @CrimestoppersUK anonymously.",
        ),
        (
            "Found: a child's bike was handed in near {address}.",
            "If it's yours, email {email} with proof of ownership, quoting ref {cad}.",
        ),
        (
            "Thank you @{public} for reporting suspicious activity on {street}.",
            "{name}, {age}, of {address}, has been charged with theft and will appear in court on {day}.",
        ),
        (
            "UPDATE: {name}, {age}, reported missing from {address}, has been found safe and well.",
            "Thanks to everyone who shared, including @{public}. RT @metpoliceuk",
        ),
        (
            "Witness appeal: an assault at the bus stop outside {address}, {postcode} on {day}.",
            "Call {phone} quoting CAD {cad}, or contact @CrimestoppersUK.",
        ),
        (
            "Have you seen this car? {vehicle}, reg {reg}, linked to a burglary at {address}.",
            "Do not approach. Call 999, or {phone} with information. Tag @{public} if you were nearby.",
        ),
    ),
}  # fmt: skip

FB_FOOTERS = (
    "Report crime online at met.police.uk or call 101. In an emergency always call 999.",
    "Follow us for local updates from your Safer Neighbourhoods teams.",
    "",
)
VIDEO_TITLES = {
    "live": (
        "Live Q&A with the {borough} Safer Neighbourhoods team",
        "Live: ask us anything about keeping your home safe",
        "Ward panel, live from {area}",
        "Live from the control room, {borough}",
    ),
    "recorded": (
        "Ride-along: a night shift in {area}",
        "How to spot a courier fraudster",
        "Meet {pet}, our newest police dog",
        "Bike marking in {area}, explained in 60 seconds",
        "Behind the scenes: a day in {borough} custody",
        "Knife crime: what parents need to know",
    ),
}
PII_KINDS = (
    "names",
    "phones",
    "postcodes",
    "addresses",
    "emails",
    "handles",
    "vehicle_regs",
    "dates_of_birth",
)


class _Slots(dict):
    """Fills one template, inventing each slot's value the first time it is used."""

    def __init__(self, writer: _Writer, platform: str):
        super().__init__()
        self.writer = writer
        self.platform = platform
        self.pii: dict[str, str] = {}  # value -> kind

    def __missing__(self, key: str) -> str:
        value, kind = self.writer.slot(key, self.platform)
        if kind:
            self.pii[value] = kind
        self[key] = value
        return value


class _Writer:
    """Writes one borough's post texts and remembers every invented personal detail."""

    def __init__(self, rng: np.random.Generator, borough: Borough, pii: dict[str, set[str]]):
        self.rng = rng
        self.borough = borough
        self.pii = pii

    def pick(self, options):
        return options[int(self.rng.integers(len(options)))]

    def text(self, category: str, platform: str) -> str:
        slots = _Slots(self, platform)
        lines = [line.format_map(slots) for line in self.pick(TEMPLATES[category])]
        if platform == "x":
            text = self._tweet(lines)
        else:
            footer = self.pick(FB_FOOTERS)
            text = "\n\n".join(lines + ([footer] if footer else []))
        for value, kind in slots.pii.items():
            if value in text:
                self.pii[kind].add(value)
        return text

    def title(self, form: str) -> str:
        return self.pick(VIDEO_TITLES[form]).format_map(_Slots(self, "youtube"))

    def _tweet(self, lines: list[str]) -> str:
        separator = "\n\n" if self.rng.random() < 0.15 else " "
        while len(separator.join(lines)) > 280 and len(lines) > 1:
            lines = lines[:-1]
        return separator.join(lines)

    def slot(self, key: str, platform: str) -> tuple[str, str | None]:
        """A value for ``key`` and its personal-data kind (None if not personal)."""
        rng, pick = self.rng, self.pick
        if key == "name":
            return f"{pick(FIRST_NAMES)} {pick(SURNAMES)}", "names"
        if key == "address":
            return f"{rng.integers(1, 140)} {pick(STREETS)}", "addresses"
        if key == "postcode":
            letters = "".join(pick(POSTCODE_LETTERS) for _ in range(2))
            area = self.borough.postcode_area
            return f"{area}{rng.integers(1, 10)} {rng.integers(1, 10)}{letters}", "postcodes"
        if key == "phone":
            prefix, size = PHONE_RANGES[int(rng.integers(len(PHONE_RANGES)))]
            return f"{prefix}{rng.integers(size):03d}", "phones"
        if key == "email":
            first, last = pick(FIRST_NAMES).lower(), pick(SURNAMES).lower()
            domain = pick(("example.com", "example.org", "example.net"))
            return f"{first}.{last}{rng.integers(10, 99)}@{domain}", "emails"
        if key == "public":
            return (
                f"{pick(FIRST_NAMES).lower()}_{pick(HANDLE_WORDS)}{rng.integers(1, 99)}",
                "handles",
            )
        if key == "reg":
            letters = "".join(pick(REG_LETTERS) for _ in range(5))
            age = pick(("15", "17", "19", "21", "23", "65", "68", "70", "72", "74"))
            return f"{letters[:2]}{age} {letters[2:]}", "vehicle_regs"
        if key == "dob":
            born = date(1960, 1, 1) + timedelta(days=int(rng.integers(0, 16000)))
            return born.strftime("%d/%m/%Y"), "dates_of_birth"
        plain = {
            "age": lambda: str(rng.integers(14, 83)),
            "area": lambda: pick(self.borough.areas),
            "street": lambda: pick(STREETS),
            "borough": lambda: self.borough.name,
            "team": lambda: f"@{self.borough.handle}",
            "day": lambda: pick(
                ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
            ),  # fmt: skip
            "cad": lambda: f"{rng.integers(1000, 9999)}/{rng.integers(1, 29):02d}",
            "vehicle": lambda: pick(VEHICLES),
            "pet": lambda: pick(PETS),
            "link": lambda: self._link(platform),
        }
        return plain[key](), None

    def _link(self, platform: str) -> str:
        if platform == "x":
            alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            return "https://t.co/" + "".join(self.pick(alphabet) for _ in range(10))
        return "met.police.uk/" + self.pick(("advice", "report", "events", "contact-us"))


# ---------------------------------------------------------------- shared numbers


@dataclass
class Demo:
    """Everything the generator invents, before it becomes files."""

    x: pd.DataFrame  # one row per tweet, metrics as exported
    facebook: pd.DataFrame  # one row per post per export file (overlaps repeat posts)
    youtube: pd.DataFrame  # one row per video, lifetime metrics at export
    youtube_daily: pd.DataFrame  # views per video per day
    labels: pd.DataFrame
    pii: dict[str, list[str]]


def _local_times(rng, days: pd.DatetimeIndex, counts, hours, weights) -> pd.Series:
    """Posting times (UTC) for ``counts`` posts a day at local ``hours``."""
    day = np.repeat(days.values, counts)
    hour = rng.choice(hours, p=np.asarray(weights) / np.sum(weights), size=len(day))
    minute = rng.integers(0, 60, len(day))
    local = pd.to_datetime(day) + pd.to_timedelta(hour * 60 + minute, unit="min")
    return pd.Series(local.tz_localize(TIMEZONE).tz_convert("UTC")).sort_values(ignore_index=True)


def _trend(published: pd.Series) -> np.ndarray:
    """Follower growth: 0 at the start of the period, 1 at the end."""
    start = pd.Timestamp(START, tz="UTC")
    span = pd.Timestamp(END, tz="UTC") - start
    return ((published - start) / span).to_numpy(dtype=float)


def _lognormal_reach(rng, median, spread, viral_chance, boost) -> tuple[np.ndarray, np.ndarray]:
    """Per-post audience: lognormal around ``median``, with rare viral posts."""
    size = np.shape(median)
    viral = rng.random(size) < viral_chance
    factor = np.where(viral, rng.uniform(*boost, size), 1.0)
    return median * rng.lognormal(0.0, spread, size) * factor, viral


def _beta_rates(rng, mean, concentration, viral) -> np.ndarray:
    """Each post's own rate around its style's mean; viral posts stay close to it."""
    concentration = np.where(viral, VIRAL_RATE_CONCENTRATION, concentration)
    return rng.beta(mean * concentration, (1 - mean) * concentration)


def _thin(rng, counts, fraction) -> np.ndarray:
    """What part of a lifetime count had accrued when the export was taken."""
    return rng.binomial(np.asarray(counts, dtype=np.int64), np.clip(fraction, 0.0, 1.0))


def _tones(rng, n: int) -> tuple[np.ndarray, np.ndarray]:
    categories = rng.choice(list(CATEGORY_SHARES), p=list(CATEGORY_SHARES.values()), size=n)
    tones = np.where(categories == "humour", "humorous", "serious")
    return categories, tones


# ---------------------------------------------------------------- X

X_HEADER = (
    '"Tweet id","Tweet permalink","Tweet text","time","impressions","engagements",'
    '"engagement rate","retweets","replies","likes","user profile clicks","url clicks",'
    '"hashtag clicks","detail expands","permalink clicks","app opens","app installs",'
    '"follows","email tweet","dial phone","media views","media engagements",'
    '"promoted impressions","promoted engagements","promoted engagement rate",'
    '"promoted retweets","promoted replies","promoted likes","promoted user profile clicks",'
    '"promoted url clicks","promoted hashtag clicks","promoted detail expands",'
    '"promoted permalink clicks","promoted app opens","promoted app installs",'
    '"promoted follows","promoted email tweet","promoted dial phone","promoted media views",'
    '"promoted media engagements"'
)
X_ENGAGEMENT_TYPES = (
    "retweets",
    "replies",
    "likes",
    "user profile clicks",
    "url clicks",
    "hashtag clicks",
    "detail expands",
    "permalink clicks",
    "app opens",
    "app installs",
    "follows",
    "email tweet",
    "dial phone",
    "media engagements",
)
X_FLOAT_COLUMNS = X_ENGAGEMENT_TYPES[:8]  # the first block is written as floats
X_WRITTEN_COUNTS = X_ENGAGEMENT_TYPES[:-1] + ("media views", "media engagements")
X_SPLIT = {  # share of engagements by type, per category (same order as above)
    "advice": (0.10, 0.03, 0.28, 0.05, 0.16, 0.04, 0.20, 0.01, 0, 0, 0.01, 0.002, 0, 0.12),
    "update": (0.12, 0.05, 0.25, 0.06, 0.12, 0.03, 0.24, 0.01, 0, 0, 0.01, 0.0, 0, 0.11),
    "event": (0.08, 0.03, 0.25, 0.05, 0.22, 0.04, 0.20, 0.01, 0, 0, 0.01, 0.002, 0, 0.11),
    "humour": (0.12, 0.06, 0.45, 0.06, 0.02, 0.01, 0.14, 0.01, 0, 0, 0.02, 0.0, 0, 0.11),
    "appeal": (0.30, 0.04, 0.18, 0.05, 0.08, 0.03, 0.20, 0.01, 0, 0, 0.005, 0.002, 0, 0.10),
}
X_HOURS = np.arange(7, 23)
X_HOUR_WEIGHTS = (2, 4, 5, 5, 5, 5, 5, 4, 4, 5, 6, 7, 7, 6, 4, 2)
X_HOUR_LIFT = dict(
    zip(range(7, 23), (1.05, 1.05) + (1.0,) * 8 + (1.25,) * 4 + (1.1, 0.9), strict=True)
)
WEEKDAY_LIFT = np.array([1.0, 1.0, 1.0, 1.0, 1.0, 0.85, 0.8])


def _x_export_time(published: pd.Series) -> pd.Series:
    """Monthly files, each downloaded at 08:00 UTC on the first of the next month."""
    month = published.dt.tz_localize(None).dt.to_period("M")
    return (month + 1).dt.to_timestamp().dt.tz_localize("UTC") + pd.Timedelta(hours=8)


def _x_maturity(age_hours: np.ndarray) -> np.ndarray:
    return 1 - 0.85 * np.exp(-age_hours / 4) - 0.15 * np.exp(-age_hours / 48)


def _x_account(rng, borough: Borough, pii) -> pd.DataFrame:
    days = pd.date_range(START, END, freq="D")
    published = _local_times(rng, days, rng.integers(2, 5, len(days)), X_HOURS, X_HOUR_WEIGHTS)
    n = len(published)
    local = published.dt.tz_convert(TIMEZONE)
    categories, tones = _tones(rng, n)
    writer = _Writer(rng, borough, pii)
    texts = [writer.text(category, "x") for category in categories]
    has_media = rng.random(n) < 0.4

    median = (
        borough.x_impressions
        * np.exp(0.3 * _trend(published))
        * local.dt.hour.map(X_HOUR_LIFT).to_numpy()
        * WEEKDAY_LIFT[local.dt.day_of_week.to_numpy()]
        * np.where(has_media, 1.2, 1.0)
    )
    audience, viral = _lognormal_reach(rng, median, X_SPREAD, X_VIRAL_CHANCE, X_VIRAL_BOOST)
    lifetime = np.maximum(audience.round().astype(np.int64), 20)
    mean_rate = borough.x_rate * np.where(tones == "humorous", X_HUMOUR_LIFT, 1.0)
    engagements = rng.binomial(lifetime, _beta_rates(rng, mean_rate, X_RATE_CONCENTRATION, viral))

    exported = _x_export_time(published)
    maturity = _x_maturity((exported - published).dt.total_seconds().to_numpy() / 3600)
    impressions = _thin(rng, lifetime, maturity)
    engagements = _thin(rng, engagements, maturity)
    split = np.array([X_SPLIT[c] for c in categories], dtype=float)
    split[:, X_ENGAGEMENT_TYPES.index("url clicks")] *= [("https://" in t) for t in texts]
    split[:, X_ENGAGEMENT_TYPES.index("hashtag clicks")] *= [("#" in t) for t in texts]
    split[:, -1] *= has_media
    counts = rng.multinomial(engagements, split / split.sum(axis=1, keepdims=True))

    since_epoch = published - pd.Timestamp("1970-01-01", tz="UTC")
    ms = (since_epoch // pd.Timedelta(milliseconds=1)).to_numpy() + rng.integers(0, 60_000, n)
    ids = ((ms - TWITTER_EPOCH_MS) << 22) + rng.integers(0, 1 << 22, n)
    frame = pd.DataFrame(
        {
            "account": borough.handle,
            "post_id": ids.astype(str),
            "published_at": published,
            "text": texts,
            "category": categories,
            "tone": tones,
            "impressions": impressions,
            "engagements": counts.sum(axis=1),
            **{name: counts[:, i] for i, name in enumerate(X_ENGAGEMENT_TYPES)},
            "exported_at": exported,
        }
    )
    media_views = counts[:, -1] + rng.binomial(impressions, 0.04)
    frame["media views"] = np.where(has_media, media_views, 0)
    return frame


def _x_file_name(handle: str, exported: pd.Timestamp) -> str:
    end = exported.normalize()
    start = (end - pd.Timedelta(days=1)).replace(day=1)
    return f"tweet_activity_metrics_{handle}_{start:%Y%m%d}_{end:%Y%m%d}_en.csv"


def _java_double(value: float) -> str:
    """How the X export prints a fraction: Java's Double.toString (E-notation below 0.001)."""
    if value == 0 or value >= 1e-3:
        return repr(float(value))
    mantissa, exponent = np.format_float_scientific(value, unique=True).split("e")
    mantissa = mantissa + "0" if mantissa.endswith(".") else mantissa
    return f"{mantissa}E{int(exponent)}"


def _x_rows(frame: pd.DataFrame):
    frame = frame.sort_values("published_at", ascending=False)
    counts = frame[list(X_WRITTEN_COUNTS)].to_numpy()
    for post, values in zip(frame.itertuples(index=False), counts, strict=True):
        head = [
            post.post_id,
            f"https://twitter.com/{post.account}/status/{post.post_id}",
            html.escape(post.text, quote=False),
            f"{post.published_at:%Y-%m-%d %H:%M} +0000",
            f"{post.impressions}.0",
            f"{post.engagements}.0",
            _java_double(post.engagements / post.impressions),
        ]
        tail = [
            f"{value}.0" if name in X_FLOAT_COLUMNS else str(value)
            for name, value in zip(X_WRITTEN_COUNTS, values, strict=True)
        ]
        yield head + tail + ["-"] * 18


def _x_files(x: pd.DataFrame) -> dict[str, bytes]:
    files = {}
    for (account, exported), frame in x.groupby(["account", "exported_at"], sort=True):
        out = io.StringIO()
        out.write(X_HEADER + "\n")
        csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(_x_rows(frame))
        files[f"exports/x/{_x_file_name(account, exported)}"] = out.getvalue().encode()
    return files


# ---------------------------------------------------------------- Facebook

FB_HEADER = (
    '"Post ID","Page ID","Page name",Title,Description,"Duration (sec)","Publish time",'
    '"Caption type",Permalink,"Is crosspost","Is share","Post type",Languages,"Custom labels",'
    '"Funded content status","Data comment",Date,Views,Reach,"Reactions, Comments and Shares",'
    'Reactions,Comments,Shares,"Total clicks","Other Clicks",'
    '"Matched Audience Targeting Consumption (Photo Click)","Seconds viewed"'
)
FB_HOURS = np.arange(8, 21)
FB_HOUR_WEIGHTS = (3, 4, 4, 4, 5, 4, 4, 4, 5, 6, 6, 5, 3)
FB_SPLIT = {  # reactions, comments, shares
    "recorded": (0.76, 0.11, 0.13),
    "live": (0.76, 0.11 * FB_LIVE_COMMENTS_LIFT / FB_LIVE_VIEWS_LIFT, 0.13),
    "appeal": (0.52, 0.10, 0.38),
}


def _fb_windows() -> list[tuple[date, date]]:
    """Quarter-ish files; each after the first reaches two weeks back into the previous one."""
    windows, start = [], START
    while start <= END:
        end = min((pd.Timestamp(start) + pd.DateOffset(months=3)).date(), END + timedelta(1))
        end -= timedelta(days=1)
        first = start if not windows else start - timedelta(days=FB_OVERLAP_DAYS)
        windows.append((first, end))
        start = end + timedelta(days=1)
    return windows


def _fb_maturity(age_days: np.ndarray) -> np.ndarray:
    return 1 - 0.7 * np.exp(-age_days / 1.5) - 0.3 * np.exp(-age_days / 20)


def _fb_page(rng, borough: Borough, pii) -> pd.DataFrame:
    days = pd.date_range(START, END, freq="D")
    per_day = rng.choice(list(FB_POSTS_PER_DAY), p=list(FB_POSTS_PER_DAY.values()), size=len(days))
    published = _local_times(rng, days, per_day, FB_HOURS, FB_HOUR_WEIGHTS)
    n = len(published)
    categories, tones = _tones(rng, n)
    post_type = rng.choice(list(FB_POST_TYPES), p=list(FB_POST_TYPES.values()), size=n)
    is_video = np.isin(post_type, ("Videos", "Reels"))
    live = (post_type == "Videos") & (rng.random(n) < FB_LIVE_SHARE_OF_VIDEOS)
    form = np.where(live, "live", np.where(is_video, "recorded", ""))
    writer = _Writer(rng, borough, pii)
    texts = [writer.text(c, "facebook") for c in categories]
    titles = [writer.title(f) if f else "" for f in form]

    weekday = published.dt.tz_convert(TIMEZONE).dt.day_of_week.to_numpy()
    median = (
        borough.fb_views
        * np.exp(0.3 * _trend(published))
        * np.array([FB_TYPE_VIEWS[t] for t in post_type])
        * np.where(live, FB_LIVE_VIEWS_LIFT, 1.0)
        * WEEKDAY_LIFT[weekday]
    )
    audience, viral = _lognormal_reach(rng, median, FB_SPREAD, FB_VIRAL_CHANCE, FB_VIRAL_BOOST)
    views = np.maximum(audience.round().astype(np.int64), 30)
    mean_rate = borough.fb_rate_factor * np.array([FB_TYPE_RATE[t] for t in post_type])
    engaged = rng.binomial(views, _beta_rates(rng, mean_rate, FB_RATE_CONCENTRATION, viral))
    split_key = np.where(categories == "appeal", "appeal", np.where(live, "live", "recorded"))
    split = np.array([FB_SPLIT[k] for k in split_key])
    reactions_comments_shares = rng.multinomial(engaged, split / split.sum(axis=1, keepdims=True))
    duration = np.where(
        live, rng.integers(900, 3600, n), np.where(is_video, rng.integers(20, 240, n), 0)
    )
    watched = np.where(live, rng.uniform(40, 150, n), rng.uniform(6, 20, n))
    post_ids = 122100000000000000 + np.cumsum(rng.integers(10**9, 10**12, n))
    lifetime = pd.DataFrame(
        {
            "account": borough.page,
            "page_id": borough.page_id,
            "post_id": [f"{borough.page_id}_{p}" for p in post_ids],
            "published_at": published,
            "text": texts,
            "title": titles,
            "category": categories,
            "tone": tones,
            "format": form,
            "post_type": post_type,
            "duration": duration,
            "labelled": rng.random(n) < FB_LABELLED_SHARE,
            "views": views,
            "reach": rng.binomial(views, rng.uniform(0.55, 0.85, n)),
            "reactions": reactions_comments_shares[:, 0],
            "comments": reactions_comments_shares[:, 1],
            "shares": reactions_comments_shares[:, 2],
            "other_clicks": rng.binomial(views, 0.02),
            "photo_clicks": np.where(post_type == "Photos", rng.binomial(views, 0.03), 0),
            "link_clicks": np.where(post_type == "Links", rng.binomial(views, 0.025), 0),
            "seconds_per_view": np.where(is_video, watched, 0.0),
        }
    )
    return _fb_snapshots(rng, lifetime)


FB_COUNTS = ("views", "reach", "reactions", "comments", "shares")
FB_COUNTS += ("other_clicks", "photo_clicks", "link_clicks")


def _fb_snapshots(rng, lifetime: pd.DataFrame) -> pd.DataFrame:
    """One row per post per file; a later file holds the grown (later) snapshot."""
    local_day = lifetime["published_at"].dt.tz_convert(TIMEZONE).dt.date
    rows = []
    for first, last in _fb_windows():
        inside = lifetime[(local_day >= first) & (local_day <= last)].copy()
        exported = pd.Timestamp(last + timedelta(days=1), tz=TIMEZONE) + pd.Timedelta(hours=9)
        inside["window"] = f"{first:%b-%d-%Y}_{last:%b-%d-%Y}"
        inside["exported_at"] = exported.tz_convert("UTC")
        rows.append(inside)
    snaps = pd.concat(rows).sort_values(["post_id", "exported_at"], ignore_index=True)
    age = (snaps["exported_at"] - snaps["published_at"]).dt.total_seconds() / 86400
    maturity = _fb_maturity(age.to_numpy())
    posts = snaps["post_id"].to_numpy()
    latest = np.flatnonzero(~snaps.duplicated("post_id", keep="last"))
    earlier = np.flatnonzero(snaps.duplicated("post_id", keep="last"))
    assert not snaps.iloc[earlier]["post_id"].duplicated().any(), "a post in three files"
    growth = maturity[earlier] / pd.Series(maturity[latest], posts[latest])[posts[earlier]]
    for name in FB_COUNTS:
        values = snaps[name].to_numpy().copy()
        values[latest] = _thin(rng, values[latest], maturity[latest])
        grown = pd.Series(values[latest], posts[latest])[posts[earlier]].to_numpy()
        # The earlier snapshot is part of the later one: it can never be larger.
        values[earlier] = _thin(rng, grown, growth.to_numpy())
        snaps[name] = values
    snaps["reach"] = np.minimum(snaps["reach"], snaps["views"])
    return snaps


def _fb_rows(frame: pd.DataFrame):
    for post in frame.sort_values("published_at", ascending=False).itertuples(index=False):
        video = post.format != ""
        page_post = post.post_id.split("_")[1]
        kind = {"Videos": "videos", "Reels": "reel"}.get(post.post_type, "posts")
        engaged = post.reactions + post.comments + post.shares
        yield [
            post.post_id,
            post.page_id,
            post.account,
            post.title,
            post.text,
            post.duration if video else "",
            f"{post.published_at.tz_convert(TIMEZONE):%m/%d/%Y %H:%M}",
            "",
            f"https://www.facebook.com/{post.page_id}/{kind}/{page_post}",
            "No",
            "No",
            post.post_type,
            "en",
            post.tone if post.labelled else "",
            "",
            "",
            "Lifetime",
            post.views,
            post.reach,
            engaged,
            post.reactions,
            post.comments,
            post.shares,
            post.other_clicks + post.photo_clicks + post.link_clicks,
            post.other_clicks,
            post.photo_clicks,
            round(post.views * post.seconds_per_view) if video else "",
        ]


def _fb_files(facebook: pd.DataFrame) -> dict[str, bytes]:
    files = {}
    for (account, window), frame in facebook.groupby(["account", "window"], sort=True):
        out = io.StringIO()
        out.write(FB_HEADER + "\n")
        csv.writer(out, lineterminator="\n").writerows(_fb_rows(frame))
        name = f"{account.replace(' ', '-')}_{window}.csv"
        files[f"exports/facebook/{name}"] = out.getvalue().encode("utf-8-sig")
    return files


# ---------------------------------------------------------------- YouTube

YT_TABLE_HEADER = (
    "Content,Video title,Video publish time,Duration,Average view duration,Likes,"
    "Comments added,Shares,Views,Watch time (hours),Subscribers,Impressions,"
    "Impressions click-through rate (%)"
)
YT_CHART_HEADER = "Date,Content,Video title,Video publish time,Duration,Views"
YT_TOTALS_HEADER = "Date,Views"
YT_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
YT_EXPORTED = datetime(2026, 11, 1, 9, 0)


def _yt_channel(rng, borough: Borough, pii) -> tuple[pd.DataFrame, pd.DataFrame]:
    months = pd.period_range(START, END, freq="M")
    per_month = rng.integers(3, 7, len(months))
    day = [
        month.start_time + pd.Timedelta(days=int(rng.integers(month.days_in_month)))
        for month, count in zip(months, per_month, strict=True)
        for _ in range(count)
    ]
    published = pd.Series(sorted(day))
    n = len(published)
    form = np.where(rng.random(n) < YT_LIVE_SHARE, "live", "recorded")
    writer = _Writer(rng, borough, pii)
    ids = ["".join(writer.pick(YT_ID_ALPHABET) for _ in range(11)) for _ in range(n)]
    dash = int(rng.integers(n))
    ids[dash] = "-" + ids[dash][1:]  # Studio writes such ids with a leading space
    duration = np.where(form == "live", rng.integers(1200, 5400, n), rng.integers(30, 600, n))
    potential = borough.yt_views * np.exp(0.3 * _trend(published.dt.tz_localize("UTC")))
    potential = potential * rng.lognormal(0.0, 0.8, n)

    # Views per day: most in the first week, then a long tail.
    end = pd.Timestamp(END)
    daily = []
    for i, start in enumerate(published):
        age = np.arange((end - start).days + 1)
        share = 0.75 * np.exp(-age / 5) * (1 - np.exp(-1 / 5))
        share += 0.25 * np.exp(-age / 120) * (1 - np.exp(-1 / 120))
        views = rng.poisson(potential[i] * share)
        daily.append(
            pd.DataFrame({"video": i, "date": start + pd.to_timedelta(age, "D"), "views": views})
        )
    daily = pd.concat(daily, ignore_index=True)
    views = daily.groupby("video")["views"].sum().to_numpy()

    watched_share = np.where(form == "live", rng.uniform(0.04, 0.15, n), rng.uniform(0.3, 0.6, n))
    watch_seconds = views * duration * watched_share
    impressions = np.round(views * rng.lognormal(np.log(8), 0.4, n)).astype(np.int64)
    impressions[int(rng.integers(n))] = 0  # e.g. an unlisted video: no thumbnail impressions
    videos = pd.DataFrame(
        {
            "account": borough.page,
            "video_id": ids,
            "title": [writer.title(f) for f in form],
            "published": published,
            "publish_known": True,
            "format": form,
            "duration": duration,
            "views": views,
            "watch_seconds": watch_seconds,
            "likes": rng.binomial(views, 0.035),
            "comments": rng.binomial(views, 0.006),
            "shares": rng.binomial(views, 0.005),
            "subscribers": rng.poisson(views * 0.004) - rng.poisson(views * 0.0015 + 0.3),
            "impressions": impressions,
            "impression_views": rng.binomial(views, rng.uniform(0.3, 0.7, n)),
        }
    )
    if borough.name != "Eastmere":  # Studio leaves a publish date blank now and then
        videos.loc[int(rng.integers(n)), "publish_known"] = False
    daily["account"] = borough.page
    daily["video_id"] = videos["video_id"].to_numpy()[daily["video"]]
    return videos, daily


def _hms(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _yt_metrics(views, watch_seconds, likes, comments, shares, subscribers, impressions, hits):
    ctr = "" if impressions == 0 else round(100 * hits / impressions, 2)
    return [
        _hms(watch_seconds / views if views else 0),
        likes,
        comments,
        shares,
        views,
        f"{watch_seconds / 3600:.4f}",
        subscribers,
        impressions,
        ctr,
    ]


def _yt_dimensions(video) -> list:
    content = (" " + video.video_id) if video.video_id.startswith("-") else video.video_id
    published = f"{video.published:%b} {video.published.day}, {video.published.year}"
    return [content, video.title, published if video.publish_known else "", video.duration]


def _yt_zip(videos: pd.DataFrame, daily: pd.DataFrame) -> bytes:
    metrics = ["views", "watch_seconds", "likes", "comments", "shares", "subscribers"]
    metrics += ["impressions", "impression_views"]
    total = videos[metrics].sum()
    total = [value if name == "watch_seconds" else int(value) for name, value in total.items()]
    table = [["Total", "", "", ""] + _yt_metrics(*total)]
    for video in videos.sort_values("views", ascending=False, kind="stable").itertuples():
        table.append(_yt_dimensions(video) + _yt_metrics(*(getattr(video, m) for m in metrics)))
    dims = {row.Index: _yt_dimensions(row)[:4] for row in videos.itertuples()}
    chart = [
        [f"{day:%Y-%m-%d}", *dims[video], views]
        for day, video, views in daily.sort_values(["date", "video"])[
            ["date", "video", "views"]
        ].itertuples(index=False)
    ]
    totals = daily.groupby("date")["views"].sum().reindex(pd.date_range(START, END), fill_value=0)
    parts = {
        "Table data.csv": (YT_TABLE_HEADER, table),
        "Chart data.csv": (YT_CHART_HEADER, chart),
        "Totals.csv": (YT_TOTALS_HEADER, [[f"{d:%Y-%m-%d}", v] for d, v in totals.items()]),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, (header, rows) in parts.items():
            out = io.StringIO()
            out.write(header + "\n")
            csv.writer(out, lineterminator="\n").writerows(rows)
            info = zipfile.ZipInfo(name, date_time=YT_EXPORTED.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, out.getvalue().encode())
    return buffer.getvalue()


def _yt_files(youtube: pd.DataFrame, daily: pd.DataFrame) -> dict[str, bytes]:
    files = {}
    for account, videos in youtube.groupby("account", sort=True):
        videos = videos.reset_index(drop=True)
        days = daily[daily["account"] == account]
        name = f"Content {START:%Y-%m-%d}_{END:%Y-%m-%d} {account}.zip"
        files[f"exports/youtube/{name}"] = _yt_zip(videos, days)
    return files


# ---------------------------------------------------------------- putting it together


def build(seed: int = SEED) -> Demo:
    """Invent the three teams' posts, in memory, reproducibly from ``seed``."""
    rng = np.random.default_rng(seed)
    pii: dict[str, set[str]] = {kind: set() for kind in PII_KINDS}
    x, facebook, youtube, daily = [], [], [], []
    for borough in BOROUGHS:
        x.append(_x_account(rng, borough, pii))
        facebook.append(_fb_page(rng, borough, pii))
        videos, days = _yt_channel(rng, borough, pii)
        youtube.append(videos)
        daily.append(days)
    x, facebook = pd.concat(x, ignore_index=True), pd.concat(facebook, ignore_index=True)
    youtube, daily = pd.concat(youtube, ignore_index=True), pd.concat(daily, ignore_index=True)
    return Demo(
        x=x,
        facebook=facebook,
        youtube=youtube,
        youtube_daily=daily,
        labels=_labels(x, facebook, youtube),
        pii={kind: sorted(values) for kind, values in pii.items()},
    )


def _labels(x: pd.DataFrame, facebook: pd.DataFrame, youtube: pd.DataFrame) -> pd.DataFrame:
    """The team's own record of each post's style, kept beside the exports."""
    fb_posts = facebook.drop_duplicates("post_id")
    parts = [
        x.assign(platform="x", format=""),
        fb_posts.assign(platform="facebook"),
        youtube.assign(platform="youtube", tone="", post_id=youtube["video_id"]),
    ]
    columns = ["post_id", "platform", "account", "tone", "format"]
    return pd.concat([p[columns] for p in parts], ignore_index=True)


def render(demo: Demo) -> dict[str, bytes]:
    """Every output file (path relative to the output folder) and its bytes."""
    labels = io.StringIO()
    demo.labels.to_csv(labels, index=False, lineterminator="\n")
    manifest = json.dumps(demo.pii, indent=2, ensure_ascii=False) + "\n"
    return {
        **_x_files(demo.x),
        **_fb_files(demo.facebook),
        **_yt_files(demo.youtube, demo.youtube_daily),
        "labels.csv": labels.getvalue().encode(),
        "pii_manifest.json": manifest.encode(),
    }


def write(demo: Demo, out_dir: Path) -> list[Path]:
    """Replace the exports, labels and manifest under ``out_dir``."""
    out_dir = Path(out_dir)
    shutil.rmtree(out_dir / "exports", ignore_errors=True)
    written = []
    for relative, content in sorted(render(demo).items()):
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out_dir = Path(args[0]) if args else Path(__file__).resolve().parent
    written = write(build(SEED), out_dir)
    print(f"wrote {len(written)} files under {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
