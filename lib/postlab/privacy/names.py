"""Personal names found as a careful reader finds them: from the word and its company.

A capitalised word is sorted by what it is: a given name or a surname from the
shipped lists, an everyday word that is also a name ("Grace", "Hill"), a UK
place from the shipped gazetteer, a word the team allowed, a common English
word (wordfreq), or a rare word nobody listed ("Oyelaran"). A run of such words
is a name when it holds a given name, or two rare or surname words; a single
word is a name when it is a given name, or when its company says so: a role
before it ("the owner,", "boyfriend", "90-year-old"), an age, a verb or an
apposition after it ("says", ", the woman injured", "of Eastmere"), a direct
address ("Jo, if you see this"). Strict mode, for text shown in a report,
also withholds every capitalised word that is not known to be safe.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

from wordfreq import zipf_frequency

# Sorts of capitalised words.
GIVEN, SURNAME, RARE, WORDNAME, PLACE, COMMON, SAFE = (
    "given",
    "surname",
    "rare",
    "wordname",
    "place",
    "common",
    "safe",
)
# What can be part of a name; what is strong enough to make one.
CAPABLE = frozenset({GIVEN, SURNAME, RARE, WORDNAME})
STRONG = frozenset({SURNAME, RARE})
# A word nobody listed is common from this Zipf frequency on; between the two,
# only when it has the ending of an English word (names in the news reach 2.5-3).
COMMON_ZIPF = 3.0
RARE_ZIPF = 2.0
# An uncommon word just before a name is its given name below this frequency ("Nell").
GIVEN_ZIPF = 3.3
# Both halves of a compound ("road" + "works") at least this common.
COMPOUND_ZIPF = 3.5
# A common word after a given name is its surname below this frequency ("Goldberg").
SURNAME_ZIPF = 4.0
ENGLISH_ENDING = re.compile(
    r"(?:ing|ings|ed|ers|ars|ors|tion|tions|sion|ness|ment|ments|ly|ies|able|ible|ful|less|ism"
    r"|ist|ists|ous|ive|ize|ise|ary|ery|ate|ates|ity|ance|ence|al|als|ic|ics|age|ages|ship)$"
)

_LETTER = r"[^\W\d_]"
TOKEN = re.compile(rf"{_LETTER}+(?:['’-]{_LETTER}+)*")
PARTICLES = frozenset(
    [
        "de",
        "da",
        "del",
        "della",
        "di",
        "du",
        "dos",
        "das",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
        "bin",
        "ibn",
        "bint",
        "al",
        "el",
        "ter",
        "ten",
        "ap",
    ]
)
# Titles before a name: their word is not a name, the name after them is one.
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "sir",
        "dame",
        "lord",
        "lady",
        "pc",
        "pcso",
        "dc",
        "ds",
        "di",
        "dci",
        "dsi",
        "sgt",
        "insp",
        "supt",
        "det",
        "ch",
        "cllr",
        "councillor",
        "sergeant",
        "inspector",
        "constable",
        "detective",
        "superintendent",
        "chief",
    ]
)
# Words after which a capitalised run is a place or a thing, not a person.
PLACE_AFTER = frozenset(
    [
        "road",
        "rd",
        "street",
        "st",
        "avenue",
        "ave",
        "lane",
        "close",
        "crescent",
        "drive",
        "way",
        "place",
        "square",
        "grove",
        "terrace",
        "mews",
        "gardens",
        "court",
        "hill",
        "rise",
        "walk",
        "row",
        "parade",
        "park",
        "green",
        "vale",
        "view",
        "yard",
        "wharf",
        "quay",
        "estate",
        "station",
        "school",
        "academy",
        "college",
        "university",
        "hospital",
        "centre",
        "center",
        "church",
        "chapel",
        "mosque",
        "temple",
        "synagogue",
        "library",
        "museum",
        "house",
        "hall",
        "stadium",
        "arena",
        "market",
        "bridge",
        "tower",
        "ward",
        "wood",
        "common",
        "heath",
        "fields",
        "field",
        "primary",
        "surgery",
        "pharmacy",
        "services",
        "service",
        "police",
        "council",
        "borough",
        "cross",
        "end",
        "gate",
        "town",
        "city",
        "village",
        "bay",
        "marsh",
        "mill",
        "farm",
        "lock",
        "reach",
        "wharf",
    ]
)
PLACE_BEFORE = frozenset(
    ["st", "saint", "mount", "lake", "fort", "port", "river", "isle", "upper", "lower"]
)
# Words before a person: roles and relations.
ROLE_BEFORE = re.compile(
    r"""(?ix)
    (?:\b(?:owner|boyfriend|girlfriend|husband|wife|partner|ex-partner|fianc[ée]e?|son|daughter
        |mum|mother|dad|father|brother|sister|cousin|uncle|aunt|auntie|nephew|niece|grandson
        |granddaughter|grandmother|grandfather|gran|nan|nana|grandad|grandpa|grandma|stepdad
        |stepmum|friend|neighbour|colleague|cyclist|motorcyclist|pedestrian|driver|rider
        |passenger|victim|suspect|defendant|offender|teenager|teen|pensioner|man|woman|boy|girl
        |resident|shopkeeper|student|pupil|toddler|baby|child|landlord|tenant|manager
        |worker|carer|nurse|mechanic|footballer|rapper|dealer|thief|burglar|robber|fugitive
        |prisoner|inmate|killer|murderer|attacker|witness|hero|real\s+name|full\s+name
        |name(?:d|s)?|called|thanks?\s+to|thank\s+you\s+to|thank\s+you|well\s+done|shout\s*out\s+to
        |congratulations\s+to|dear|hi|hello|miss(?:ing)?|wanted|mr|mrs|ms|miss|dr
        |\d{1,3}-year-old|\d{1,3}-year-old's|aged\s+\d{1,3}))
    (?:,\ ?|\ )['‘"“]?$
    """
)
# Pets and police animals have names too: "PD Thor", "a parrot called Ziggy".
ANIMAL_BEFORE = re.compile(
    r"(?i)\b(?:dog|pd|ph|puppy|pup|horse|pony|cat|kitten|parrot|tortoise|snake|pet|hamster"
    r"|rabbit|budgie|ferret|goat|sheep|cow|pig|swan|duck|owl|eagle|falcon)"
    r"(?:\s+(?:called|named|is))?\s*$"
)
ANIMAL_AFTER = re.compile(
    r"(?i),?\s+(?:(?:is\s+)?(?:our|the|a|an)\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:dog|pup|puppy|horse|pony|cat|kitten|parrot|tortoise)\b"
)
# What follows a person's name in appeals, court results and thanks.
AFTER_PERSON = re.compile(
    r"""(?x)
    ^(?:,?\s*(?:\(\d{1,3}\)|aged\s+\d{1,3}|\d{1,3}(?=\s*[,.;)]))
    |,\s+(?:the|a|an|who|whose|aged|from|of|her|his|their|our|your|if\s+you|we|please|you|pictured
        |known|also|born|formerly|previously)\b
    |\s+of\s+(?:\d|[A-Z])
    |\s+(?i:says|said|told|added|explained|thanked|pleaded|admitted|denied|appeared|died|suffered
        |sustained|remains|went\s+missing|was\s+(?:last|found|reported|charged|arrested|jailed
        |sentenced|convicted|injured|assaulted|attacked|stabbed|killed|hit|taken|named|left
        |remanded|seen|given|described)
        |has\s+been|had\s+been|is\s+(?:wanted|missing|described|believed|known|thought|urged)
        |who\b|whose\b|and\s+(?:his|her|their)\b|\(\d{1,3}\)|\(pictured\)|\(also\b|aka\b)
    )"""
)


def _lines(name: str) -> Iterator[str]:
    text = (files("postlab") / "data" / f"privacy_{name}.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


@dataclass(frozen=True)
class Vocabulary:
    """The shipped lists, as sets of lower-case words (places also as phrases)."""

    given: frozenset[str]
    surnames: frozenset[str]
    word_names: frozenset[str]
    place_words: frozenset[str]
    places: frozenset[str]


@cache
def vocabulary() -> Vocabulary:
    places = frozenset(line.lower() for line in _lines("places"))
    place_words = frozenset(w for p in places for w in TOKEN.findall(p))
    word_names = frozenset(w.lower() for line in _lines("word_names") for w in line.split())
    return Vocabulary(
        given=frozenset(line.lower() for line in _lines("given_names")),
        surnames=frozenset(line.lower() for line in _lines("surnames")),
        word_names=word_names,
        place_words=place_words - word_names - {"and", "of", "upon", "the", "on", "by"},
        places=places,
    )


@lru_cache(maxsize=65536)
def sort_of(word: str, allowed: frozenset[str] = frozenset()) -> str:
    """What a capitalised ``word`` is: one of the sorts above."""
    lower = word.lower().replace("’", "'")
    vocab = vocabulary()
    if lower in allowed:
        return SAFE
    if lower in TITLES or lower in PARTICLES:
        return COMMON
    if word.isupper() and len(word) <= 3:
        return COMMON  # an acronym: ASB, RTC, MIN
    if lower in vocab.word_names:
        return WORDNAME
    if lower in vocab.given:
        return GIVEN
    if lower in vocab.surnames:
        return SURNAME
    if lower in vocab.place_words:
        return PLACE
    if word.isupper() and len(word) <= 5:
        return COMMON  # an acronym: CCTV, PCSO, ASB
    if "-" in lower:
        if any(
            part[:1].islower() and len(part) > 3 and zipf_frequency(part, "en") >= COMMON_ZIPF
            for part in word.split("-")
        ):
            return COMMON  # "Ziggy-sized"; but "Eun-ji" is a name
        sorts = [sort_of(part[:1].upper() + part[1:], allowed) for part in lower.split("-") if part]
        named = [s for s in sorts if s in (GIVEN, SURNAME, RARE)]
        return named[-1] if named else COMMON
    base = lower[:-2] if lower.endswith("'s") else lower
    frequency = zipf_frequency(base, "en")
    if frequency >= COMMON_ZIPF or base in vocab.place_words:
        return COMMON
    if frequency >= RARE_ZIPF and ENGLISH_ENDING.search(base):
        return COMMON  # "Burglars", "Tailgating": uncommon words, not names
    if _compound(base):
        return COMMON  # "Roadworks", "Shopwatch"
    return RARE


def _compound(word: str) -> bool:
    """Two common English words of four letters or more written as one."""
    return any(
        zipf_frequency(word[:i], "en") >= COMPOUND_ZIPF
        and zipf_frequency(word[i:], "en") >= COMPOUND_ZIPF
        for i in range(4, len(word) - 3)
    )


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str
    sort: str


@cache
def _place_phrases() -> tuple[frozenset[str], re.Pattern[str]]:
    """The first words of places of several words, and a pattern of those places."""
    phrases = sorted((p for p in vocabulary().places if " " in p), key=len, reverse=True)
    pattern = re.compile(rf"(?i)(?:{'|'.join(map(re.escape, phrases))})\b")
    return frozenset(p.split()[0] for p in phrases), pattern


def capitalised_words(text: str, allowed: frozenset[str]) -> list[Word]:
    """The capitalised words of ``text`` (not hashtags, handles or words inside links).

    The words of a place of several words ("Tower Hamlets") are places.
    """
    firsts, phrases = _place_phrases()
    place_end = -1
    words = []
    for match in TOKEN.finditer(text):
        word, start = match.group(0), match.start()
        if not word[0].isupper() or (start and text[start - 1] in "#@/._\\"):
            continue
        if text[match.end() : match.end() + 1] in ("_", "("):
            continue  # code: MIN_POSTS, Path(
        if start > place_end and word.lower() in firsts:
            place = phrases.match(text, start)
            place_end = place.end() if place else place_end
        sort = PLACE if start < place_end else sort_of(word, allowed)
        words.append(Word(start, match.end(), word, sort))
    return words


def _runs(text: str, words: list[Word]) -> Iterator[list[Word]]:
    """Words one space (or a particle) apart: the stretches that may be one name."""
    run: list[Word] = []
    for word in words:
        if run:
            gap = text[run[-1].end : word.start]
            joined = re.fullmatch(r"[ \t]+|[ \t]+(?:[a-z]+[ \t]+){1,2}", gap)
            if not joined or (gap.strip() and not set(gap.split()) <= PARTICLES):
                yield run
                run = []
        run.append(word)
    if run:
        yield run


def _next_word(text: str, end: int) -> str:
    match = TOKEN.match(text, end + 1) if end + 1 < len(text) and text[end] == " " else None
    return match.group(0).lower() if match else ""


def _is_place(text: str, part: list[Word]) -> bool:
    """A run that names a place or a thing: "Kowalczyk Court", "St Aldhelm's", "Evelyn Street"."""
    after = _next_word(text, part[-1].end)
    last = part[-1].text.lower() if len(part) > 1 else ""
    if {after, after.rstrip("s"), last} & PLACE_AFTER:
        return True
    before = text[max(0, part[0].start - 7) : part[0].start].lower().split()
    return bool(before) and before[-1].rstrip(".") in PLACE_BEFORE


def _context_says_person(text: str, part: list[Word]) -> bool:
    before = text[max(0, part[0].start - 40) : part[0].start]
    after = text[part[-1].end : part[-1].end + 40]
    return bool(ROLE_BEFORE.search(before)) or bool(AFTER_PERSON.match(after))


def _sorts(part: list[Word]) -> list[str]:
    return [w.sort for w in part]


def _is_name(text: str, part: list[Word]) -> bool:
    sorts = _sorts(part)
    if len(part) >= 2:
        if GIVEN in sorts or sum(s in STRONG for s in sorts) >= 2:
            return True
        if sorts[-1] in STRONG:
            return True  # "Grace Kowalczyk", "Temperance Okoro"
        if sorts[0] == RARE and part[-1].text.lower() in vocabulary().surnames:
            return True  # "Tallulah Moss"; "Brindle Cross" is a place (PLACE_AFTER)
        return _context_says_person(text, part)
    if sorts[0] == GIVEN:
        return True
    if sorts[0] == WORDNAME:  # "Hope", "Summer", "Hill": only a role before makes a person
        return bool(ROLE_BEFORE.search(text, max(0, part[0].start - 40), part[0].start))
    return _context_says_person(text, part)


@lru_cache(maxsize=65536)
def could_be_surname(word: str) -> bool:
    """A common word that, after a given name, is a surname: "Leah Goldberg", not "Jo Said"."""
    lower = word.lower()
    return lower not in PLACE_AFTER and zipf_frequency(lower, "en") < SURNAME_ZIPF


def _with_given_before(run: list[Word], part: list[Word]) -> list[Word]:
    """The part with the uncommon word just before a surname: its given name ("Nell")."""
    index = run.index(part[0])
    before = run[index - 1] if index else None
    if before and before.sort == COMMON and part[0].sort in STRONG:
        lower = before.text.lower()
        if zipf_frequency(lower, "en") < GIVEN_ZIPF and lower not in PLACE_BEFORE | PLACE_AFTER:
            return [before, *part]
    return part


def _capable_parts(run: list[Word]) -> Iterator[list[Word]]:
    part: list[Word] = []
    for word in run:
        after_name = part and part[-1].sort in (GIVEN, RARE, SURNAME)
        if word.sort in CAPABLE or (
            after_name and word.sort == COMMON and could_be_surname(word.text)
        ):
            part.append(word)
        else:
            if part:
                yield part
            part = []
    if part:
        yield part


_JOINED_BEFORE = re.compile(rf"({TOKEN.pattern})\s*(?:,|\band|&)\s*$")


def _sharing_surname(text: str, start: int, allowed: frozenset[str]) -> list[tuple[int, int]]:
    """First names before a full name that shares their surname: "Amy and Jo Pike"."""
    spans = []
    while match := _JOINED_BEFORE.search(text, max(0, start - 40), start):
        word = match.group(1)
        sort = sort_of(word, allowed)
        if not word[0].isupper() or not (
            sort in (GIVEN, SURNAME, RARE) or word.lower() in vocabulary().given
        ):
            break
        spans.append(match.span(1))
        start = match.start(1)
    return spans


def name_spans(text: str, allowed: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Where the personal names in ``text`` are."""
    words = capitalised_words(text, allowed)
    spans = []
    pets = set()
    for run in _runs(text, words):
        for part in _capable_parts(run):
            if ANIMAL_BEFORE.search(
                text, max(0, part[0].start - 30), part[0].start
            ) or ANIMAL_AFTER.match(text, part[-1].end):
                pets.add(part[-1].text)
            if part[-1].text in pets:
                continue
            part = _with_given_before(run, part)
            if _is_place(text, part) or not _is_name(text, part):
                continue
            spans.append((part[0].start, part[-1].end))
            if len(part) >= 2:
                spans += _sharing_surname(text, part[0].start, allowed)
    return sorted(spans)


def unsafe_words(text: str, allowed: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Capitalised words not known to be safe: names, surnames and rare words."""
    return [
        (w.start, w.end)
        for w in capitalised_words(text, allowed)
        if w.sort in (GIVEN, SURNAME, RARE)
    ]
