"""The detectors: where in a text the personal data is, and of which kind.

Detectors run in a fixed order on one text; what an earlier one claims is
masked before the next looks, so an @ inside an e-mail address is never also
a handle and a phone number is never also a date of birth. Each detector is a
regex plus, where the shape alone is not enough, a check on the match: that
is how post ids, ISO timestamps, p-values and road numbers stay untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from wordfreq import zipf_frequency

from postlab.config import Settings
from postlab.privacy import names as _names
from postlab.privacy.hashtags import name_spans_in_tag

_WORDS = re.compile(r"\w+")

KINDS = ("email", "phone", "postcode", "vehicle", "nino", "dob", "address", "handle", "name")


def _shipped(name: str) -> list[str]:
    text = (files("postlab") / "data" / f"privacy_{name}.txt").read_text(encoding="utf-8")
    return [
        line.split(" | ")[0].strip()
        for line in text.splitlines()
        if line.strip()[:1] not in ("", "#")
    ]


# Public helplines a post may show (privacy_helplines.txt): not personal data.
PUBLIC_NUMBERS = frozenset(re.sub(r"\D", "", n) for n in _shipped("helplines"))
# Official accounts (privacy_official_handles.txt): names and patterns.
OFFICIAL_HANDLES = frozenset(h.lower() for h in _shipped("official_handles") if h[0] != "~")
OFFICIAL_HANDLE = re.compile(
    "|".join(f"(?:{h[1:]})" for h in _shipped("official_handles") if h[0] == "~"), re.IGNORECASE
)

STREET_SUFFIXES = (
    "Road|Rd|Street|St|Avenue|Ave|Crescent|Close|Lane|Ln|Way|Drive|Dr|Gardens|Gdns|Place|Pl"
    "|Court|Ct|Grove|Terrace|Mews|Square|Sq|Hill|Rise|Walk|Row|Parade|Park|Green|Vale|View"
    "|Yard|Wharf|Quay|Approach|Broadway|Boulevard|Chase|Croft|End|Gate|Path|Passage|Mead"
    "|Meadow|Meadows|Wood|Fields|Heights|Embankment|Circus|Crossing|Villas|Cottages"
)

# Capitalised words that are not personal names: police and place vocabulary,
# days and months, and words that start sentences in appeals.
NOT_NAMES = frozenset(
    _WORDS.findall(
        """
    police met metropolitan constabulary force service services team teams unit officer officers
    borough council station court crown magistrates magistrate neighbourhood safer community
    london england uk britain british crimestoppers crime stoppers
    action fraud nhs ambulance fire rescue brigade transport road street avenue lane close
    crescent drive way place square hill park green high north south east west upper lower old
    new great little saint st monday tuesday wednesday thursday friday saturday sunday today
    tonight yesterday tomorrow january february march april may june july august september
    october november december jan feb mar apr jun jul aug sep sept oct nov dec the a an and or
    but if when we our you your he she they his her their it its this that these those have has
    had did do does was were is are be been please call contact anyone any have seen missing
    wanted named called charged arrested help find him her them mr mrs ms miss mx dr sir dame pc
    pcso dc ds sgt insp supt det suspect suspects appeal appeals update person people man woman
    men women boy girl child out more about us here info information details news latest read
    this christmas easter halloween bonfire summer winter spring autumn bank holiday festival
    fair market centre center school college university hospital shopping mall library church
    mosque temple synagogue museum
        """
    )
)


def _letters(test: Callable[[str], bool]) -> str:
    """A character class body of the Latin letters passing ``test`` (re has no \\p{Lu})."""
    latin = [*range(0x41, 0x250), *range(0x1E00, 0x1F00)]
    return "".join(re.escape(chr(c)) for c in latin if test(chr(c)))


_UPPER, _LOWER = _letters(str.isupper), _letters(str.islower)
# One capitalised name word: Pike, O'Neill, MacLeod, Adeyemi-Okafor, Siobhán, Nguyễn.
_WORD = (
    rf"(?:[{_UPPER}][{_LOWER}]+|[{_UPPER}]['’][{_UPPER}][{_LOWER}]+)"
    rf"(?:['’-]?[{_UPPER}][{_LOWER}]+|['’-][{_LOWER}]+)*"
)
_CAPS_WORD = rf"[{_UPPER}]{{2,}}(?:['’-][{_UPPER}]+)*"
_PARTICLE = r"(?:de|da|del|della|di|du|van|von|der|den|la|le|bin|ibn|al|el|ter|dos|das)"
# Two or three name words, with an optional particle ("Ana de Souza").
_FULL_NAME = rf"(?:{_WORD})(?:\s+(?:{_PARTICLE}\s+)?(?:{_WORD})){{1,2}}"
_ANY_NAME = rf"(?:{_WORD})(?:\s+(?:{_PARTICLE}\s+)?(?:{_WORD})){{0,2}}"
_TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|PC|PCSO|DC|DS|DI|Sgt|Insp|Supt|Det)"

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\.?,?\s+\d{{4}}"
    rf"|{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|(?:19|20)\d{{2}})"
)


@dataclass(frozen=True)
class Redaction:
    """A stretch ``text[start:end]`` of personal data of one kind."""

    start: int
    end: int
    kind: str


Span = tuple[int, int]


def _data_spans(match: re.Match[str]) -> list[Span]:
    """The named groups that took part, else the whole match."""
    spans = [match.span(name) for name, value in match.groupdict().items() if value is not None]
    return spans or [match.span()]


def _when(check: Callable[[re.Match[str]], bool]) -> Callable[[re.Match[str]], list[Span]]:
    return lambda match: _data_spans(match) if check(match) else []


@dataclass(frozen=True)
class Detector:
    kind: str
    pattern: re.Pattern[str]
    # Which stretches of a match are personal data (none: a false alarm).
    select: Callable[[re.Match[str]], list[Span]] = _data_spans


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _is_phone(match: re.Match[str], public: frozenset[str] = PUBLIC_NUMBERS) -> bool:
    """Digit counts of real numbering plans; one kind of separator, as people write them."""
    raw = match.group(0)
    digits = _digits(raw.replace("(0)", ""))
    if digits in public or _digits(raw) in public:
        return False
    plain = "(" not in raw and not raw.startswith("+")
    if plain and " " in raw and "-" in raw:
        return False  # "05-03-2024 10" is a date and a time
    if raw.startswith(("+44", "0044")):
        return len(digits) - 2 - raw.startswith("00") * 2 in (9, 10)
    if raw.startswith(("+", "00")):
        return 8 <= len(digits) - raw.startswith("00") * 2 <= 15
    return len(digits) in (10, 11)


PHONE = re.compile(
    r"""
    (?<![\w+/.:-])
    (?:
        (?:\+|00)\d{1,3}[ -]?(?:\(0\)[ -]?)?\(?\d{1,5}\)?   # +44 (0)20, +1 (212), 0033 1
      | \(0\d{1,4}\)                                      # (0161)
      | 0\d{1,5}                                          # 020, 07700, 01632
    )
    (?:[ -]?\d{2,6}){0,4}
    (?![\w%]|[-/.:]\d)
    """,
    re.VERBOSE,
)

EMAIL = re.compile(r"(?<![\w.+'-])[\w.+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")

# Links carry opaque ids (t.co/Xy12AbC) that can look like anything: masked, never reported.
URL = re.compile(r"\b(?:https?://|www\.)\S+")

# The UK postcode shape (outward: A9, A99, AA9, AA99, A9A, AA9A; inward: 9AA without CIKMOV).
POSTCODE = re.compile(r"\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-HJKPSTUW\d]?|GIR)\s?\d[ABD-HJLNP-UW-Z]{2}\b")

# Written in lower case only with the space, and never an ordinal ("a1 2nd").
LOWER_POSTCODE = re.compile(r"\b[a-pr-uwyz][a-hk-y]?\d[a-hjkpstuw\d]?\s\d[abd-hjlnp-uw-z]{2}\b")


def _not_ordinal(match: re.Match[str]) -> bool:
    return match.group(0)[-2:] not in {"st", "nd", "rd", "th"}


# Current (AB12 CDE), prefix (A123 BCD) and suffix (ABC 123D) registrations.
VEHICLE = re.compile(
    r"\b(?:[A-Z]{2}\d{2}\s?[A-Z]{3}|[A-Z]\d{1,3}\s?[A-Z]{3}|[A-Z]{3}\s?\d{1,3}\s?[A-Z])\b"
)
_COMMON_CAPS = frozenset(
    _WORDS.findall(
        """
    THE AND FOR ALL NOW ARE NOT BUT HAS WAS OUT OFF NEW OLD ONE TWO SIX TEN YOU OUR HIS HER WHO
    WHY HOW ANY CAN GET SEE USE WAY DAY MAY TOP END RED SUN MON TUE WED THU FRI SAT JAN FEB MAR
    APR JUN JUL AUG SEP OCT NOV DEC NHS CCTV PCS MPH KPH BST GMT UTC API USB GPS CPU PDF DNA
    ATM SIM PIN LED VPN APP SMS CEO FAQ
        """
    )
)


def _is_vehicle(match: re.Match[str]) -> bool:
    """Road numbers followed by a shouted word (``A406 NOW``) are not plates."""
    letters = re.findall(r"[A-Z]+", match.group(0))
    return not any(part in _COMMON_CAPS for part in letters)


# A current plate in any case and spacing ("ld70 abc", "BX 18 PNE", "lr 21 xmk"): the
# age identifier is 02-25 or 51-75 (March or September); letters I, Q and Z are never
# in the area code. Written without a cue it must keep the plate's own shape.
ANY_CASE_PLATE = re.compile(
    r"(?i)\b(?P<plate>[a-hj-pr-y][a-hj-pr-z]\s?(?:0[2-9]|1\d|2[0-5]|5[1-9]|6\d|7[0-5])\s?[a-hj-pr-z]{3})\b"
)
PLATE_CUE = re.compile(
    r"(?i)\b(?:reg(?:istration)?|plates?|vrm|number\s+plate|index|vehicle|car|van|moped|bike)"
    r"(?:\s+(?:number|no\.?|mark))?\s*[:\-–]?\s*(?:plates?\s+|of\s+|was\s+|is\s+)?$"
)


def _is_any_case_plate(match: re.Match[str]) -> bool:
    """A plate written as one (``ld70 abc``, ``BX 18 PNE``), or any shape after a cue."""
    plate = match.group("plate")
    if PLATE_CUE.search(match.string, max(0, match.start() - 40), match.start()):
        return True
    if re.match(r"\s+(?:number\s+)?plates?\b", match.string[match.end() :], re.IGNORECASE):
        return True  # "with lr 21 xmk plates"
    if plate.isupper():
        return not any(part in _COMMON_CAPS for part in re.findall(r"[A-Z]+", plate))
    # lower case without a cue: letters glued to the digits ("ld70 abc", "yx63bnf")
    return bool(re.fullmatch(r"[a-z]{2}\d{2}\s?[a-z]{3}", plate)) and not _common_word(plate[-3:])


def _common_word(word: str) -> bool:
    return zipf_frequency(word, "en") >= 4.5


# National Insurance numbers: two letters, six digits, A-D; any spacing ("QQ 12 34 56 C").
NINO = re.compile(r"(?i)\b[a-z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[a-d]\b")


def _is_nino(match: re.Match[str]) -> bool:
    """Upper case, or after a cue ("NI number", "national insurance")."""
    if match.group(0).isupper():
        return True
    before = match.string[max(0, match.start() - 40) : match.start()].lower()
    return bool(re.search(r"\b(?:ni|nino|national\s+insurance)\b", before))


HASHTAG = re.compile(r"(?<![\w&])#\w+")
HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?")

DOB = re.compile(
    rf"(?i:\b(?:born|d\.?o\.?b\.?|date\s+of\s+birth)(?:\s+(?:on|in|is))?\s*[:\-–]?\s*)(?P<date>{_DATE})\b"
)

ADDRESS = re.compile(
    rf"""
    (?:\b(?i:flat|apartment|apt|unit|room)\s+\d+[A-Za-z]?,?\s+)?
    (?<![\d:./-])\b\d{{1,4}}[A-Za-z]?(?:-\d{{1,4}})?\s+
    (?:(?:[{_UPPER}][\w'’-]*\s+){{1,3}}(?:{STREET_SUFFIXES})|(?:The\s+)?Broadway)\b
    """,
    re.VERBOSE,
)


# A house number and capitalised words after "at", "outside", "address": a street
# whatever its suffix ("15 Kiln Wynd").
ADDRESS_IN_CONTEXT = re.compile(
    rf"""
    (?i:\b(?:at|outside|address(?:\s+is)?|lives\s+at|living\s+at|home\s+in)\s*:?\s+)
    (?P<address>(?:(?i:flat|apartment|apt|unit)\s+\d+[A-Za-z]?,?\s+)?
    \d{{1,4}}[A-Za-z]?\s+(?:{_WORD})(?:\s+(?:{_WORD})){{1,2}})\b
    """,
    re.VERBOSE,
)


_STREET_WORDS = (
    "road|rd|street|avenue|ave|lane|close|crescent|drive|gardens|grove|terrace|mews|square"
    "|rise|walk|row|parade|way|place|hill|court|estate|green|park|vale|view|approach|broadway"
)
# A flat or house in a building, in any case: "Flat 9, Hollyfield House, Surbiton Road".
BUILDING_ADDRESS = re.compile(
    rf"""(?ix)\b(?:flat|apartment|apt|unit|room|no\.?)\s+\d{{1,4}}[a-z]?,?\s+
    (?:[a-z][\w'’-]*\s+){{1,3}}(?:house|court|tower|point|lodge|mansions|building|buildings
    |heights|block|hall|place|villas|cottages|estate)\b
    (?:,?\s+(?:\d{{1,4}}[a-z]?\s+)?(?:[a-z][\w'’-]*\s+){{1,3}}(?:{_STREET_WORDS})\b)?"""
)
# A house number and a street in any case: "mr abdullahi of 5 cedars road".
LOWER_ADDRESS = re.compile(
    r"(?<![\d:./-])\b\d{1,4}[a-z]?\s+(?:[a-z][a-z'’-]+\s+){1,3}"
    r"(?:road|street|avenue|lane|close|crescent|drive|gardens|grove|terrace|mews|square)\b"
)
# A street with a cue that someone lives there ("lives on", "home in", a person "from"
# or "of" it): where people live, even without a house number.
_STREET = (
    rf"(?:(?:{_WORD}|[a-z][a-z'’-]+)\s+){{1,3}}(?i:{_STREET_WORDS})(?:\s+(?:North|South|East|West))?"
    rf"|(?:{_WORD})(?:\s+(?:{_WORD})){{0,2}}\s+(?i:estate)"
)
RESIDENCE_CUE = re.compile(
    rf"""(?x)
    (?i:\b(?:lives?|lived|living|resides?|resided|residing|resident|staying|home|house
        |flat|address|moved)\s+(?:(?:is|was)\s+)?(?:on|in|at|of|to)\s+(?:the\s+)?)
    (?P<street>{_STREET})\b
    """
)
# After "from" or "of", only words that name a street and never an area ("Ashcombe Vale").
_HOME_STREET_WORDS = (
    "road|rd|street|avenue|ave|lane|close|crescent|drive|gardens|grove|terrace|mews|square"
    "|rise|walk|row|parade|way|place|court|approach|estate"
)
FROM_STREET = re.compile(
    rf"(?i:\b(?:from|of)\s+)(?P<street>(?:(?:{_WORD}|[a-z][a-z'’-]+)\s+){{1,3}}"
    rf"(?i:{_HOME_STREET_WORDS})(?:\s+(?:North|South|East|West))?)\b"
)
# Who comes before "from"/"of" a street when it is where they live.
PERSON_BEFORE = re.compile(
    r"""(?ix)(?:\b(?:man|woman|men|women|boy|girl|teenager|teen|youth|victim|suspect|resident
    |pensioner|mother|father|mum|dad|driver|rider|defendant|couple|family|child|student|pupil
    |person|neighbour|he|she|who|year-old|aged\s+\d{1,3}|\d{1,3}|\d0s)|\0)[\s,)]*$"""
)


def _lived_in(match: re.Match[str]) -> list[Span]:
    """A street after "from"/"of" is an address when a person stands just before."""
    before = match.string[max(0, match.start() - 30) : match.start()]
    if not PERSON_BEFORE.search(before):
        return []
    return [match.span("street")]


# Strict mode withholds every street name, with or without a cue (not a park, a
# green, a court or a place of the gazetteer: "Wood Green", "Snaresbrook Crown Court").
ANY_STREET = re.compile(
    rf"\b(?:{_WORD})(?:\s+(?:{_WORD})){{0,2}}\s+(?:{_HOME_STREET_WORDS.replace('|court', '').title()})\b"
    rf"(?:\s+(?:North|South|East|West)\b)?"
)


def _street_words(match: re.Match[str]) -> list[Span]:
    """Street-like words after the number, not "at 10 Eastmere Police"."""
    words = _WORDS.findall(match.group("address"))
    return _data_spans(match) if not NOT_NAMES.intersection(w.lower() for w in words[1:-1]) else []


def _trimmed_name(text: str, allowed: frozenset[str]) -> Span | None:
    """Where the name in ``text`` is once police and place words around it are dropped.

    "MISSING BARTOSZ CHAUDHRY" keeps the name; a name with such a word inside
    ("Eastmere High Street") is no name at all.
    """
    words = [m.span() for m in re.finditer(r"\S+", text)]
    common = [_not_a_name(re.sub(r"\W", "", text[a:b]), allowed) for a, b in words]
    while words and common[0]:
        words, common = words[1:], common[1:]
    while words and common[-1]:
        words, common = words[:-1], common[:-1]
    return (words[0][0], words[-1][1]) if words and not any(common) else None


def _not_a_name(word: str, allowed: frozenset[str]) -> bool:
    return word.lower() in NOT_NAMES or _names.sort_of(word, allowed) in (_names.PLACE, _names.SAFE)


def _an_award(match: re.Match[str]) -> bool:
    """ "named Horse of the Year": everyday words after "named" or "called" are no name."""
    if "called" not in match.groupdict() or match.group("called") is None:
        return False
    words = _WORDS.findall(match.group("called"))
    return all(zipf_frequency(w.lower(), "en") >= _names.SURNAME_ZIPF for w in words) and all(
        _names.sort_of(w) == _names.COMMON for w in words
    )


def _name_select(allowed: frozenset[str]) -> Callable[[re.Match[str]], list[Span]]:
    def select(match: re.Match[str]) -> list[Span]:
        if _an_award(match):
            return []
        spans = []
        for start, end in _data_spans(match):
            if _names.ANIMAL_BEFORE.search(
                match.string, max(0, start - 30), start
            ) or _names.ANIMAL_AFTER.match(match.string, end):
                continue
            trimmed = _trimmed_name(match.string[start:end], allowed)
            if trimmed:
                spans.append((start + trimmed[0], start + trimmed[1]))
        return spans

    return select


# "Jordan Pike, 34," / "Jordan Pike (34)" / "Jordan Pike, aged 34" / "JORDAN PIKE, 34";
# a lone word only as "Jordan, 14," or "Jordan (14)".
_AGE_AFTER = r"(?:,\s*(?:aged\s+)?|\s+\(|\s+aged\s+)\d{1,3}\)?"
_AGE_END = r"(?=[,.;:)!?]|\s+(?i:from|of|is|was|who|has|had|and|years))"
NAME_WITH_AGE = re.compile(
    rf"\b(?P<name>{_FULL_NAME}|{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{1,3}}){_AGE_AFTER}{_AGE_END}"
    rf"|\b(?P<first>{_WORD})(?:,\s*\d{{1,2}},|\s+\(\d{{1,2}}\))"
)
NAME_AFTER_TITLE = re.compile(rf"\b{_TITLES}\.?\s+(?P<name>(?:[{_UPPER}]\.?\s+)?{_ANY_NAME})")
# Words that introduce a name in appeals and court posts.
NAME_IN_CONTEXT = re.compile(
    rf"""
    (?i:\b(?:have\s+you\s+seen|do\s+you\s+know|recognise|recognize|missing|wanted|named|charged|arrested|jailed|sentenced
        |convicted|identified|locate|trace|find|victim|suspect|seen|appeal\s+for|concern\s+for
        |looking\s+for|search\s+for|information\s+on|whereabouts\s+of|know\s+where|speak\s+to
        |speak\s+with|name\s+is)
        (?:\s+(?:man|woman|teenager|teen|boy|girl|person|pensioner|child|driver|as))?
        \s*[,:]?\s+)
    (?P<name>{_FULL_NAME})\b
    |(?i:\b(?:called|named)\s*[,:]?\s+)['‘"“]?(?P<called>{_ANY_NAME})\b
    |(?i:\b(?:known\s+as|aka|nicknamed|goes\s+by)\s*[,:]?\s+)['‘"“]?(?P<single>{_ANY_NAME})\b
    |(?i:\b(?:known\s+as|aka|nicknamed|goes\s+by|call(?:s|ed)?\s+(?:him|her|them))\s*[,:]?\s+)
        ['‘"“](?P<quoted>[^'’"”\n\[\]]{{1,25}})['’"”]
    """,
    re.VERBOSE,
)
# Names followed by what appeals and court posts say about people; not places ("of Kingsfold").
NAME_BEFORE_VERB = re.compile(
    rf"""
    (?<!\bof\s)(?<!\bin\s)(?<!\bat\s)(?<!\bfrom\s)(?<!\bnear\s)
    \b(?P<name>{_FULL_NAME})(?:\s+and\s+(?P<other>{_FULL_NAME}))?
    (?:,?\s+(?:\(\d{{1,3}}\)|aged\s+\d{{1,3}}|of\s+(?:{_WORD})(?:\s+(?:{_WORD}))?),?)?
    ,?\s+\(?(?:(?i:dob|d\.o\.b\.?|born|date\s+of\s+birth)|also\s+known\s+as|aka|was\s+last\s+seen|went\s+missing|pleaded|admitted|denied
        |appeared|will\s+appear|has\s+been\s+(?:reported|found|charged|arrested|jailed
        |sentenced|convicted|located|traced|identified|released|remanded|bailed|missing)
        |(?:is|are)\s+(?:missing|wanted|described|believed)
        |(?:was|were)\s+(?:reported|charged|arrested|jailed|sentenced|convicted|found
        |injured|assaulted|stabbed|attacked|killed|remanded|last))\b
    """,
    re.VERBOSE,
)


# A name in lower case, held by its age: "missing: jade okonkwo, 15".
LOWER_NAME_WITH_AGE = re.compile(
    r"\b(?P<given>[a-z]{2,})\s+(?P<surname>[a-z]{2,}(?:['’-][a-z]+)?),\s*(?:aged\s+)?\d{1,3}\b"
)


def _lower_name_select(match: re.Match[str]) -> list[Span]:
    """A given name from the lists, then a surname or a word nobody uses in English."""
    given, surname = match.group("given"), match.group("surname")
    first = _names.sort_of(given.capitalize())
    last = _names.sort_of("-".join(part.capitalize() for part in surname.split("-")))
    named = (_names.GIVEN, _names.SURNAME, _names.RARE)
    known = given in _names.vocabulary().given or first in (_names.GIVEN, _names.RARE)
    if known and last in named:
        return [(match.start("given"), match.end("surname"))]
    return []


def _listed_names(names: tuple[str, ...]) -> re.Pattern[str] | None:
    ordered = sorted((re.escape(n.strip()) for n in names if n.strip()), key=len, reverse=True)
    return re.compile(rf"(?i)\b(?:{'|'.join(ordered)})\b") if ordered else None


def _echoes(names: list[str]) -> list[Detector]:
    """Each word of a name found, as it recurs in the same text ("If you see Jordan"),
    and inside a hashtag ("#FindJordan")."""
    words = {w for name in names for w in re.findall(rf"[{_UPPER}][^\s,()'‘’\"“”]+", name)}
    words |= {w.capitalize() for name in names if name.islower() for w in _WORDS.findall(name)}
    words = {form for w in words for form in (w, w.upper())} - {""}
    words = {w for w in words if w.lower() not in _names.TITLES and len(w) > 1}
    if not words:
        return []
    ordered = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    short = rf"(?<![\w'’-])[{_UPPER}][{_LOWER}]{{2,}}(?![\w-])"
    in_tag = re.compile(rf"(?<=[#a-z0-9])(?:{ordered})(?=[A-Z0-9_]|$)")
    uncommon = {w.lower() for w in words if len(w) > 2 and zipf_frequency(w.lower(), "en") < 3.5}
    any_case = "|".join(sorted(map(re.escape, uncommon), key=len, reverse=True))
    doing = r"(?=\s+(?:was|is|has|had|went|may|might|will|would|could|can|did|does)\b)"
    every = "|".join(sorted(map(re.escape, {w.lower() for w in words}), key=len, reverse=True))
    return [
        Detector("name", re.compile(rf"(?<![\w'’-])(?:{ordered})(?![\w-])")),
        Detector("name", re.compile(rf"(?i)(?<![\w'’-])(?:{every}){doing}")),
        *(
            [Detector("name", re.compile(rf"(?i)(?<![\w'’-])(?:{any_case})(?![\w-])"))]
            if uncommon
            else []
        ),
        Detector("name", re.compile(short), lambda m: _short_form(m, words)),
        Detector(
            "name",
            HASHTAG,
            lambda m: [(m.start() + a.start(), m.start() + a.end()) for a in in_tag.finditer(m[0])],
        ),
    ]


def _short_form(match: re.Match[str], words: set[str]) -> list[Span]:
    """A short form of a name found ("Rhi" for Rhianna): a rare word or given name."""
    word = match.group(0)
    if _names.sort_of(word) not in (_names.GIVEN, _names.RARE):
        return []
    return [match.span()] if any(w.startswith(word) and w != word for w in words) else []


def _tag_names(allowed: frozenset[str]) -> Callable[[re.Match[str]], list[Span]]:
    """The names inside a hashtag: "#FindSiobhan" -> "#Find[name]"."""

    def select(match: re.Match[str]) -> list[Span]:
        return [
            (match.start() + a, match.start() + b) for a, b in name_spans_in_tag(match[0], allowed)
        ]

    return select


def _is_official(handle: str, allowed: frozenset[str]) -> bool:
    name = handle[1:].lower()
    return name in allowed or name in OFFICIAL_HANDLES or bool(OFFICIAL_HANDLE.fullmatch(name))


def _handle_detector(allow_handles: tuple[str, ...]) -> Detector:
    allowed = frozenset(h.lower() for h in allow_handles)
    return Detector(
        "handle", HANDLE, _when(lambda match: not _is_official(match.group(0), allowed))
    )


# An alias after its cue, in any shape: "also known as K-Dog", "using the name Gigi".
ALIAS = re.compile(
    r"(?i:\b(?:known\s+as|aka|a\.k\.a\.?|nicknamed|goes\s+by(?:\s+the\s+name)?"
    r"|(?:using|uses|used|use)\s+the\s+(?:name|alias)|alias)\s*[,:]?\s+)['‘\"“]?"
    r"(?P<alias>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)"
)


def _alias_select(match: re.Match[str]) -> list[Span]:
    """Not "known as the Ripper"-like common words alone: one word must not be common."""
    words = _WORDS.findall(match.group("alias"))
    if all(w.lower() in NOT_NAMES for w in words):
        return []
    return [match.span("alias")]


# A nickname in quotes inside a name: Tyrone 'Tiny' Williams, Mick "Big Mick" Doyle.
NICKNAME = re.compile(
    rf"\b(?P<name>(?:{_WORD})\s+['‘\"“][^'’\"”\n]{{1,25}}['’\"”]\s+(?:{_WORD})(?:\s+(?:{_WORD}))?)"
)


def _nickname_select(allowed: frozenset[str]) -> Callable[[re.Match[str]], list[Span]]:
    def select(match: re.Match[str]) -> list[Span]:
        words = _WORDS.findall(match.group("name"))
        first, last = _names.sort_of(words[0], allowed), _names.sort_of(words[-1], allowed)
        surname = last in _names.CAPABLE or _names.could_be_surname(words[-1])
        return _data_spans(match) if first in _names.CAPABLE and surname else []

    return select


# A date of birth with no cue: "19 (16.02.2005)", a full date of a past year in brackets.
BARE_DOB = re.compile(
    r"\(\s*(?P<date>\d{1,2}[/.-]\d{1,2}[/.-](?:19[2-9]\d|20[01]\d))\s*\)"
    r"|(?<=\d,\s)(?P<after_age>\d{1,2}[/.-]\d{1,2}[/.-](?:19[2-9]\d|20[01]\d))\b"
)


def allowed_words(settings: Settings) -> frozenset[str]:
    """The words the team allows in a name's place: its terms and its accounts' words."""
    terms = [*settings.allow_terms, *settings.timezones]
    return frozenset(w.lower() for term in terms for w in _names.TOKEN.findall(term))


@lru_cache(maxsize=32)
def detectors(
    allow_handles: tuple[str, ...] = (),
    names: tuple[str, ...] = (),
    allow_numbers: tuple[str, ...] = (),
    allowed: frozenset[str] = frozenset(),
) -> tuple[list[Detector], list[Detector]]:
    """The detectors in the order they claim text (earlier wins): before and after names.

    The names found from their words and company come between the two.
    """
    listed = _listed_names(names)
    public = PUBLIC_NUMBERS | {_digits(n) for n in allow_numbers}
    return [
        Detector("", URL),
        Detector("email", EMAIL),
        _handle_detector(allow_handles),
        Detector("dob", DOB),
        Detector("dob", BARE_DOB),
        Detector("phone", PHONE, _when(lambda match: _is_phone(match, public))),
        Detector("postcode", POSTCODE),
        Detector("postcode", LOWER_POSTCODE, _when(_not_ordinal)),
        Detector("vehicle", VEHICLE, _when(_is_vehicle)),
        Detector("vehicle", ANY_CASE_PLATE, _when(_is_any_case_plate)),
        Detector("nino", NINO, _when(_is_nino)),
        Detector("address", BUILDING_ADDRESS),
        Detector("address", ADDRESS),
        Detector("address", LOWER_ADDRESS),
        Detector("address", ADDRESS_IN_CONTEXT, _street_words),
        Detector("address", RESIDENCE_CUE, _when(_a_street)),
        *([Detector("name", listed)] if listed else []),
        Detector("name", NICKNAME, _nickname_select(allowed)),
        Detector("name", ALIAS, _alias_select),
    ], [
        Detector("address", FROM_STREET, _lived_in),
        Detector("name", NAME_AFTER_TITLE, _name_select(allowed)),
        Detector("name", NAME_WITH_AGE, _name_select(allowed)),
        Detector("name", NAME_IN_CONTEXT, _name_select(allowed)),
        Detector("name", NAME_BEFORE_VERB, _name_select(allowed)),
        Detector("name", LOWER_NAME_WITH_AGE, _lower_name_select),
        Detector("name", HASHTAG, _tag_names(allowed)),
    ]


def _a_street(match: re.Match[str]) -> bool:
    """Not words of public places alone ("Police Station Road"), nor a place of the gazetteer."""
    street = match.groupdict().get("street") or match.group(0)
    if street.lower() in _names.vocabulary().places:
        return False
    return not NOT_NAMES.issuperset(w.lower() for w in _WORDS.findall(street)[:-1])


def _blank(masked: str, start: int, end: int) -> str:
    return masked[:start] + "\0" * (end - start) + masked[end:]


def _claim(masked: str, detector: Detector, found: list[Redaction]) -> str:
    """Add the detector's finds to ``found``; return ``masked`` with them blanked out."""
    for match in detector.pattern.finditer(masked):
        for start, end in detector.select(match):
            if "\0" in masked[start:end]:
                continue  # claimed already
            if detector.kind:
                found.append(Redaction(start, end, detector.kind))
            masked = _blank(masked, start, end)
    return masked


def _claim_spans(masked: str, spans: list[Span], kind: str, found: list[Redaction]) -> str:
    for start, end in sorted(set(spans)):
        if "\0" in masked[start:end]:
            continue
        found.append(Redaction(start, end, kind))
        masked = _blank(masked, start, end)
    return masked


def find(text: str, settings: Settings, strict: bool = False) -> list[Redaction]:
    """Every stretch of personal data in ``text``, in order, not overlapping.

    ``strict`` also withholds (kind "withheld") every capitalised word left that
    is not known to be safe: for text shown in a report.
    """
    found: list[Redaction] = []
    masked = text
    allowed = allowed_words(settings)
    data, context = detectors(
        settings.allow_handles, settings.names, settings.allow_numbers, allowed
    )
    for detector in data:
        masked = _claim(masked, detector, found)
    masked = _claim_spans(masked, _names.name_spans(masked, allowed), "name", found)
    masked = _claim_spans(masked, _names.lower_name_spans(masked, allowed), "name", found)
    for detector in context:
        masked = _claim(masked, detector, found)
    for echo in _echoes([text[r.start : r.end] for r in found if r.kind == "name"]):
        masked = _claim(masked, echo, found)
    if strict:
        masked = _claim(masked, Detector("address", ANY_STREET, _when(_a_street)), found)
        masked = _claim_spans(masked, _names.unsafe_words(masked, allowed), "withheld", found)
    return sorted(found, key=lambda r: r.start)
