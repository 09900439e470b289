"""A labelled set of synthetic posts on which the scrubber is measured.

Appeals, witness appeals, wanted and court posts carry personal data; traffic,
crime-prevention, humorous, event and results posts carry the numbers, dates,
places and police words that must be left alone. Every personal string is
labelled with its kind and position. The vocabularies (names, streets, number
formats) are deliberately not the ones the detectors were written against, and
include cases they cannot catch (lower-case names, names without context,
nicknames, streets with unusual suffixes), so the measurement is honest.

Rebuild the committed file with ``.venv/bin/python tests/privacy/labelled.py``.
"""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

import pandas as pd

LABELLED_FILE = Path(__file__).with_name("labelled_synthetic.csv")
SEED = 20240805
SIZE = 360


def _vocab(words: str) -> list[str]:
    return words.split()


FIRST = _vocab(
    """Tomasz Aaliyah Chidi Priya Mei Kwame Saoirse Bartosz Yusuf Ines Callum Keira Rhys Amara
Darius Eilidh Femi Gethin Halima Idris Joanna Kofi Leighton Marisol Nadia Oisin Petra Quentin
Rosalind Sunil Tegan Ulrich Valentina Wiktor Xanthe Yasmin Zubair Bethany Connor Delphine"""
)
SURNAMES = _vocab(
    """Kowalczyk Mensah Haddad Fairweather Ashby Quigley Nakamura Oyelaran Brennan MacLeod
D'Souza Whitlock Szymanska Achterberg Penhaligon Rourke Thistlewood Abernethy Okonjo Varga
Llewellyn Castellano Marchetti Bainbridge Olufemi Sokolova Greenhalgh Pemberton-Hale Ferreira
Ó'Briain Lindqvist Chaudhry Hargreaves Winterbottom Adeyemi-Cole"""
)
# Full names that are not "Firstname Lastname" in the usual shape.
ODD_NAMES = [
    "Nguyễn Thị Lan",
    "Ana Lucia de Souza",
    "Jean-Luc Marchand",
    "Mohammed bin Rashid Aziz",
    "Zoë Brontë-Hall",
    "Siân Ap Rhys",
    "Kateryna Van der Merwe",
]
# Names that are also words or places: "Rose Hill" the woman, not the road.
WORD_NAMES = ["Rose Hill", "Summer Field", "Grace Chapel", "Hope Bridges", "Jack Frost"]
NICKNAMES = ["Shorty", "Big Mick", "Taz", "Red", "Dibs"]
DOGS = ["Bramble", "Thor", "Nova", "Pickle", "Ziggy"]

STREET_WORDS = _vocab(
    """Tamarisk Quarry Saxon Kiln Bishop's Old Forge Juniper Harebell Cooper's
Mulberry Tannery Falcon Wheelwright Orchard Nightingale Copper Beech Lantern"""
)
SUFFIXES = _vocab("Way Lane Rise Gardens Mews Road Street Avenue Close Drive Terrace Row Court")
ODD_SUFFIXES = ["Wynd", "Causeway", "Nook", "Hollow", "Loke", "Twitten"]
AREAS = ["Northbrook", "Eastmere", "Kingsfold", "Ashcombe Vale", "Brindle Cross", "Harrowgate"]
PLACES = [
    "Rose Hill",
    "Eastmere High Street",
    "Kingsfold Market Square",
    "Northbrook Leisure Centre",
    "Brindle Cross station",
    "St Aldhelm's Church",
    "Harrowgate Park",
]
MONTHS = _vocab(
    "January February March April May June July August September October November December"
)
ROADS = ["A406", "M25", "A13", "B1004", "A1(M)", "M11"]

# Ofcom's ranges reserved for drama: never a real subscriber.
DRAMA = [
    ("07700", "900", 3),
    ("020", "7946 0", 3),
    ("0113", "496 0", 3),
    ("0117", "496 0", 3),
    ("0121", "496 0", 3),
    ("0131", "496 0", 3),
    ("0191", "498 0", 3),
    ("01632", "960", 3),
    ("028", "9649 6", 3),
]


def _phone(rng: random.Random) -> str:
    area, local, width = rng.choice(DRAMA)
    number = f"{local}{rng.randrange(10**width):0{width}d}"
    digits = (area + number).replace(" ", "")
    national = digits[1:]
    short_area = national[: len(area) - 1]
    foreign = rng.choice(["+353 1 555 0", "+48 22 555 0", "+61 2 5550 0"])
    return rng.choice(
        [
            digits,
            f"{area}-{number.replace(' ', '-')}",
            f"({area}) {number}",
            f"+44 {short_area} {number}",
            f"+44 (0){area[1:]} {number}",
            f"0044 {short_area} {number}",
            f"{foreign}{rng.randrange(100, 1000)}",
            f"+1 ({rng.randrange(201, 990)}) 555-0{rng.randrange(100, 200)}",
            f"{area} {number}",
        ]
    )


def _postcode(rng: random.Random) -> str:
    outward = rng.choice(["KF", "EM", "NB", "E", "SE", "BR", "HA", "W"]) + str(rng.randrange(1, 20))
    inward = str(rng.randrange(10)) + "".join(rng.choices("ABDEFGHJLNPQRSTUWXYZ", k=2))
    return outward + rng.choice([" ", " ", ""]) + inward


def _vehicle(rng: random.Random) -> str:
    def letters(k: int) -> str:
        return "".join(rng.choices("ABCDEFGHJKLMNOPRSTUVWXYZ", k=k))

    return rng.choice(
        [
            f"{letters(2)}{rng.choice([15, 18, 21, 66, 70, 73])} {letters(3)}",
            f"{rng.choice('JKLMNP')}{rng.randrange(1, 999)} {letters(3)}",
            f"{letters(3)} {rng.randrange(1, 999)}{rng.choice('ABCDEFGH')}",
            f"{letters(2)}{rng.randrange(51, 74)}{letters(3)}",
        ]
    )


def _street(rng: random.Random, odd: bool = False) -> str:
    return f"{rng.choice(STREET_WORDS)} {rng.choice(ODD_SUFFIXES if odd else SUFFIXES)}"


def _address(rng: random.Random) -> str:
    number = str(rng.randrange(1, 240)) + rng.choice(["", "", "", "a", "B"])
    house = f"{number} {_street(rng, odd=rng.random() < 0.15)}"
    if rng.random() < 0.25:
        return f"{rng.choice(['Flat', 'flat', 'Apartment'])} {rng.randrange(1, 30)}, {house}"
    return house


def _dob(rng: random.Random) -> str:
    day, month, year = rng.randrange(1, 29), rng.randrange(1, 13), rng.randrange(1950, 2012)
    month_name = MONTHS[month - 1]
    return rng.choice(
        [
            f"{day:02d}/{month:02d}/{year}",
            f"{day} {month_name} {year}",
            f"{day:02d}.{month:02d}.{year % 100:02d}",
            f"{year}-{month:02d}-{day:02d}",
        ]
    )


def _person(rng: random.Random) -> dict[str, str]:
    first, surname = rng.choice(FIRST), rng.choice(SURNAMES)
    roll = rng.random()
    if roll < 0.12:
        full = rng.choice(ODD_NAMES)
    elif roll < 0.2:
        full = rng.choice(WORD_NAMES)
    elif roll < 0.3:
        full = f"{first} {rng.choice(FIRST)} {surname}"
    else:
        full = f"{first} {surname}"
    return {"name": full, "first": full.split()[0], "surname": full.split()[-1]}


def _fields(rng: random.Random) -> dict[str, tuple[str | None, str]]:
    """Every slot a template may use: (kind of personal data or None, value)."""
    person, other = _person(rng), _person(rng)
    user = f"{person['first']}{rng.choice(['', '_', '.'])}{rng.randrange(1, 99)}"
    user = user.encode("ascii", "ignore").decode()
    month = rng.randrange(1, 13)
    fields = {
        "name": ("name", person["name"]),
        "first": ("name", person["first"]),
        "surname": ("name", person["surname"]),
        "lcname": ("name", person["name"].lower()),
        "capsname": ("name", person["name"].upper()),
        "name2": ("name", other["name"]),
        "nickname": ("name", rng.choice(NICKNAMES)),
        "phone": ("phone", _phone(rng)),
        "email": ("email", f"{user.lower()}@{rng.choice(['example.com', 'mail.example.org'])}"),
        "handle": ("handle", f"@{user}"),
        "postcode": ("postcode", _postcode(rng)),
        "lcpostcode": ("postcode", _postcode(rng).lower()),
        "vehicle": ("vehicle", _vehicle(rng)),
        "address": ("address", _address(rng)),
        "dob": ("dob", _dob(rng)),
        "age": (None, str(rng.randrange(11, 88))),
        "area": (None, rng.choice(AREAS)),
        "street": (None, _street(rng)),
        "place": (None, rng.choice(PLACES)),
        "road": (None, rng.choice(ROADS)),
        "dog": (None, rng.choice(DOGS)),
        "n": (None, str(rng.randrange(2, 60))),
        "big": (None, f"{rng.randrange(1000, 99000):,}"),
        "pct": (None, f"{rng.uniform(1, 60):.1f}"),
        "p": (None, f"{rng.uniform(0.0001, 0.2):.4f}"),
        "date": (None, f"{rng.randrange(1, 29):02d}/{month:02d}/2024"),
        "iso": (
            None,
            f"2024-{month:02d}-{rng.randrange(1, 29):02d}T{rng.randrange(24):02d}:00:00Z",
        ),
        "time": (None, f"{rng.randrange(7, 23)}:{rng.choice(['00', '15', '30', '45'])}"),
        "postid": (None, str(rng.randrange(10**18, 2 * 10**18))),
        "ref": (None, f"{rng.randrange(1000, 9999)}/{rng.randrange(1, 28):02d}MAY"),
        "crimeref": (None, f"01/{rng.randrange(10**6, 10**7)}/24"),
        "own": (None, rng.choice(["@MPSNorthbrook", "@metpoliceuk", "@CrimestoppersUK"])),
    }
    # where someone lives, even without a house number, is an address (issue 23)
    fields["home"] = ("address", fields["street"][1])
    return fields


TEMPLATES: dict[str, list[str]] = {
    "missing": [
        "Have you seen {name}, {age}? {first} was last seen in {area} on {date}. Call 101.",
        "MISSING: {name} ({age}) from {area}. If you see {first}, please call 999.",
        "{name}, {age}, has been reported missing from {place}. Any info: {phone}",
        "We're concerned for {name}, aged {age}, missing since {time} yesterday.",
        "Please share: {first} is {age} and has not been home since Friday. #missing",
        "Missing teenager {name} may have travelled to {area}. Ring {phone} quoting {ref}.",
        "UPDATE: {name} has been found safe and well. Thank you for sharing.",
        "can anyone help find {lcname}? last seen near {place} wearing a red coat",
        "Appeal for {name}, last seen {date}, lives in {home}. Call us on 101.",
        "{first} {surname} was last seen wearing a grey hoodie near {place}.",
        "MISSING {capsname}, {age}, from {area}. Please RT.",
    ],
    "witness": [
        "A woman was assaulted on {street} at {time}. Witnesses please call {phone}.",
        "Car {vehicle} was stolen from outside {address}, {postcode}, overnight.",
        "Did you see the collision at {address} on {date}? Email {email}",
        "Burglary at {address} ({postcode}). Anyone with doorbell footage, DM us or call 101.",
        "Footage wanted: a silver van {vehicle} seen near {place} at {time}. Ref {crimeref}.",
        "We are appealing for witnesses after {name2}, {age}, was injured in {area}.",
        "If you were on {road} near {place} at {time}, contact {email} or {phone}.",
        "Victim {name} was walking home along {street} when the robbery happened.",
        "Information to {handle} or anonymously to @CrimestoppersUK.",
        "Assault outside {address}: the victim, Mr {surname}, is recovering in hospital.",
        "Sightings of a blue car, reg {vehicle}, near {lcpostcode}? Call {phone}.",
    ],
    "wanted": [
        "WANTED: {name}, {age}, is wanted in connection with a burglary in {area}.",
        "Do you know where {name} is? {first} is wanted for assault. Call {phone}.",
        "{name} (also known as '{nickname}') is wanted on recall to prison.",
        "Wanted man {name} has links to {area} and {place}. Do not approach, call 999.",
        "We'd like to speak to {name}, born {dob}, about an incident on {date}.",
        "Can you help us locate {name2}? DOB {dob}. Last address {address}, {postcode}.",
        "Police are looking for {nickname}, who may be driving {vehicle}.",
        "Recognise this man? He may be called {first}. Ref {crimeref}.",
    ],
    "court": [
        "{name}, {age}, of {address}, {postcode}, has been charged with theft.",
        "Jailed: {name} ({age}) was sentenced to 4 years at Kingsfold Crown Court.",
        "{name} of {area} pleaded guilty to dangerous driving on the {road}.",
        "Ms {surname} was fined for driving {vehicle} without insurance.",
        "Charged: {name2}, {age}, date of birth {dob}, will appear before magistrates on {date}.",
        "Dr {surname} told the court the injuries were serious.",
        "{name} and {name2} were convicted of robbery after a trial at the Old Bailey.",
    ],
    "traffic": [
        "The {road} is closed between J{n} and J{age} after a collision. Avoid the area.",
        "{n} drivers caught speeding on {street} today. Slow down!",
        "Roadworks on {place} until {date}: expect delays from {time}.",
        "Stopped on the {road}: no insurance, no licence, vehicle seized. #OpTutor",
        "Average speed on {street} was {n}mph in a 30 zone. {pct}% of drivers were over the limit.",
        "Traffic update {iso}: {road} reopened in both directions.",
        "{big} vehicles checked in {area} this week; {n} seized.",
    ],
    "prevention": [
        "Lock your bikes! {n} thefts in {area} this month, up {pct}% on last year.",
        "Scam alert: fraudsters pretending to be from your bank. Report to Action Fraud on 0300 123 2040.",
        "Free cycle marking at {place} on {date} from {time}.",
        "Give information anonymously to Crimestoppers on 0800 555 111.",
        "Shed break-ins on {street}: fit a lock and an alarm. Advice: {own}",
        "Catalytic converter thefts are rising in {area}. Park in a garage or a well-lit street.",
        "Never give your PIN to anyone who calls you, even someone saying they are police.",
    ],
    "humorous": [
        "Police dog {dog} is {n} today! Happy birthday {dog} 🎂🐾",
        "To the person who reported a 'suspicious' {dog}-sized fox on {street}: it was a fox. 🦊",
        "When you leave your keys in the ignition on {place} 🙈 Don't.",
        "Our cone on the {road} has been stolen again. We miss you, Coney.",
        "Sgt Biscuit the office cat says: lock your doors. 🐱",
        "Not every hero wears a cape. Some wear hi-vis on {street} at {time} on a Sunday.",
    ],
    "event": [
        "Meet the team at {place} on {date} from {time}. Bring your questions!",
        "Ward panel meeting: {date}, {time}, {place}. All welcome.",
        "Thanks to {handle} for hosting our cyber-safety talk at {place}.",
        "Follow {own} for updates from the Safer Neighbourhood Team in {area}.",
        "Join us for Cuppa with a Copper at {place} on Saturday at {time}.",
        "PC {name} will be at {place} on {date} to talk about bike security.",
        "Open day at {area} police station on {date}: {big} visitors last year!",
    ],
    "results": [
        "Posts like this got {pct}% more engagement (p = {p}). Post {postid}, {iso}.",
        "This month: {n} arrests, {big} calls answered, {pct}% answered within 10 seconds.",
        "Ref {crimeref}: {n} items recovered and returned to owners.",
        "Our top post ({postid}) reached {big} people on {date}.",
        "Call handling {date}: {big} calls, median {n} seconds. CAD {ref}.",
    ],
}


def render(template: str, fields: dict[str, tuple[str | None, str]]):
    """The text and the labelled (start, end, kind) spans of its personal slots."""
    text, spans = "", []
    for literal, field, _, _ in string.Formatter().parse(template):
        text += literal
        if field is None:
            continue
        kind, value = fields[field]
        if kind:
            spans.append((len(text), len(text) + len(value), kind))
        text += value
    return text, spans


def labelled_posts(seed: int = SEED, size: int = SIZE) -> pd.DataFrame:
    """``size`` synthetic posts: category, text, and spans as (start, end, kind) lists."""
    rng = random.Random(seed)
    categories = list(TEMPLATES)
    rows = []
    for number in range(size):
        category = categories[number % len(categories)]
        text, spans = render(rng.choice(TEMPLATES[category]), _fields(rng))
        rows.append({"post": number + 1, "category": category, "text": text, "spans": spans})
    return pd.DataFrame(rows)


def read_labelled(path: str | Path | None = None) -> pd.DataFrame:
    """The committed labelled set, spans parsed back into lists."""
    table = pd.read_csv(path or LABELLED_FILE, keep_default_na=False)
    table["spans"] = [[tuple(s) for s in json.loads(v)] for v in table["spans"]]
    return table


def write_labelled(path: str | Path) -> None:
    table = labelled_posts()
    table["spans"] = [json.dumps(spans) for spans in table["spans"]]
    table.to_csv(path, index=False)


if __name__ == "__main__":
    write_labelled(LABELLED_FILE)
