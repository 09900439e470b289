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

# Initials before a surname: "A. Begum", "J.R. Okoye" (the dot tells them from "A").
INITIALS_BEFORE = re.compile(r"(?<![\w.])(?:[A-Z]\.\s?){1,3}$")
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
NAMED = frozenset({GIVEN, SURNAME, RARE})
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
# Grammar words ("He", "Do", "So") are this frequent: never a name on their own.
FUNCTION_ZIPF = 6.0
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
        "palace",
        "lock",
        "reach",
        "wharf",
    ]
)
# Words before a place or a thing's name: "River Lea", "Storm Darragh", "Operation Cubo".
PLACE_BEFORE = frozenset(
    ["st", "saint", "mount", "lake", "fort", "port", "river", "isle", "upper", "lower", "storm"]
    + ["hurricane", "operation", "op"]
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
        |name(?:d|s)?|called|well\s+done|shout\s*out\s+to|passer-?by|bystander
        |member\s+of\s+(?:the\s+)?public|(?:have|has)\s+(?:you|anyone)\s+seen|do\s+you\s+know
        |(?:thanks|thank\s+you)\s+to(?:\s+(?:the|our))?(?:\s+(?-i:[a-z]+-[a-z]+))?|thank\s+you
        |congratulations\s+to|dear|hi|hello|miss(?:ing)?|wanted|mr|mrs|ms|miss|dr
        |concern(?:\s+is\s+(?:growing|mounting))?\s+for|appeal(?:ing)?\s+for|looking\s+for
        |search(?:ing)?\s+for|(?:help\s+(?:us\s+)?)?(?:find|trace|locate)|using\s+the\s+name
        |known\s+as|aka|nicknamed|goes\s+by|RIP|remember(?:ing)?|memory\s+of|tribute\s+to
        |\d{1,3}-year-old|\d{1,3}-year-old's|aged\s+\d{1,3}))
    (?:,\ ?|\ )['‘"“]?$
    """
)
BREEDS = (
    r"cockapoo|cavapoo|labradoodle|labrador|lab|spaniel|terrier|staffie|poodle|collie|alsatian"
    r"|husky|bulldog|frenchie|dachshund|greyhound|whippet|lurcher|retriever|shepherd|pug|beagle"
    r"|chihuahua|rottweiler|doberman|mastiff|boxer|corgi|schnauzer|cob|mare|stallion|gelding"
)
# Pets and police animals have names too: "PD Thor", "a parrot called Ziggy".
ANIMAL_BEFORE = re.compile(
    r"(?i)\b(?:dog|pd|ph|puppy|pup|horse|pony|cat|kitten|parrot|tortoise|snake|pet|hamster"
    rf"|rabbit|budgie|ferret|goat|sheep|cow|pig|swan|duck|owl|eagle|falcon|{BREEDS})"
    r"(?:\s+(?:called|named|is))?\s*$"
)
ANIMAL_AFTER = re.compile(
    r"(?i),?\s+(?:(?:is\s+)?(?:our|the|a|an)\s+)?(?:[\w-]+\s+){0,2}"
    rf"(?:dog|pup|puppy|horse|pony|cat|kitten|parrot|tortoise|{BREEDS})\b"
)
# What follows a person's name in appeals, court results and thanks.
AFTER_PERSON = re.compile(
    r"""(?x)
    ^(?:,?\s*(?:\(\d{1,3}\)|aged\s+\d{1,3}|\d{1,3}(?![.,]\d)(?=\s*[,.;)]))
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


# What only a person does: after a word that is also an everyday word ("Rose", "Pat"),
# only this makes it a name.
AFTER_WORDNAME = re.compile(
    r"""(?x)
    ^(?:,?[ \t]*(?:\(\d{1,3}\)|aged\s+\d{1,3}|\d{1,3}(?![.,]\d)(?=[ \t]*[,.;)]))
    |,\s+(?:a|an)\s+\d{1,3}-year-old\b
    |,?\s+last\s+seen\b
    |\s+(?i:who\s+(?:we|police|officers)\s+(?:appealed|were\s+(?:looking|searching))
        |who\s+(?:was|had\s+been|went)\s+(?:missing|reported|last))
    |\s+(?i:says|said|told|thanked|went\s+missing|is\s+(?:missing|wanted)
        |(?:was|has\s+been)\s+(?:last\s+seen|found|reported|charged|arrested|jailed|sentenced
        |convicted|remanded|missing)))"""
)


PLACE_PREPOSITION = re.compile(r"(?i)\b(?:in|at|near|from|to|across|around|of)\s+$")
# An award or a thing: "Officer of the Year", "Man of the Match".
TITLE_OF = re.compile(r"\s+of\s+the\s+[A-Z]")


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
    phrases: frozenset[str]  # campaigns and events: "Ask for Angela" (its words alone may be names)
    official: frozenset[str]  # official accounts, shops, festivals: "Samaritans", "Tesco", "Eid"


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
        phrases=frozenset(line.lower() for line in _lines("phrases")),
        official=frozenset(
            h.lower().replace("’", "'")
            for h in [*_lines("official_handles"), *_lines("organisations")]
            if h[0] != "~"
        ),
    )


@lru_cache(maxsize=65536)
def sort_of(word: str, allowed: frozenset[str] = frozenset()) -> str:
    """What a capitalised ``word`` is: one of the sorts above."""
    lower = word.lower().replace("’", "'")
    vocab = vocabulary()
    if lower in vocab.official:
        return SAFE
    lower = lower[:-2] if lower.endswith("'s") else lower
    if lower in allowed or lower in vocab.official:
        return SAFE
    if lower in TITLES or lower in PARTICLES:
        return COMMON
    if word.isupper() and len(word) <= 3:
        return COMMON  # an acronym: ASB, RTC, MIN
    if lower in vocab.word_names:
        return WORDNAME
    if zipf_frequency(lower, "en") >= FUNCTION_ZIPF:
        return COMMON
    if lower in vocab.given or lower in vocab.surnames:
        # a borough or town that is a name too ("Brent", "Stratford") is a place alone
        if lower in vocab.places:
            return WORDNAME
        return GIVEN if lower in vocab.given else SURNAME
    if lower in vocab.place_words:
        return PLACE
    if word.isupper() and len(word) <= 5:
        return COMMON  # an acronym: CCTV, PCSO, ASB
    if "-" in lower:
        if len(lower.split("-")[0]) == 1:
            return COMMON  # "T-rex", "X-ray", "E-scooter"
        if any(
            part[:1].islower() and len(part) > 3 and zipf_frequency(part, "en") >= COMMON_ZIPF
            for part in word.split("-")
        ):
            return COMMON  # "Ziggy-sized"; but "Eun-ji" is a name
        sorts = [sort_of(part[:1].upper() + part[1:], allowed) for part in lower.split("-") if part]
        named = [s for s in sorts if s in (GIVEN, SURNAME, RARE)]
        if named:
            return named[-1]
        return WORDNAME if WORDNAME in sorts else COMMON  # "Daisy-Mae"
    base = lower
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
    vocab = vocabulary()
    phrases = sorted((p for p in vocab.places | vocab.phrases if " " in p), key=len, reverse=True)
    pattern = re.compile(rf"(?i)(?:{'|'.join(map(re.escape, phrases))})(?!\w)")
    return frozenset(p.split()[0] for p in phrases), pattern


def _glued_to_digit(text: str, match: re.Match[str]) -> bool:
    return (match.start() > 0 and text[match.start() - 1].isdigit()) or text[
        match.end() : match.end() + 1
    ].isdigit()


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
        if text[match.end() : match.end() + 1] in ("_", "(") or _glued_to_digit(text, match):
            continue  # code: MIN_POSTS, Path(, a video id 3f3ka7FYAh4
        if start > place_end and word.lower() in firsts:
            place = phrases.match(text, start)
            place_end = place.end() if place else place_end
        sort = PLACE if start < place_end else sort_of(word, allowed)
        end = match.end()
        if sort != SAFE and re.search(r"['’]s$", word):
            word, end = word[:-2], end - 2  # "Leah's family": the name is Leah
        words.append(Word(start, end, word, sort))
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


def _after_place_word(text: str, word: Word) -> bool:
    """ "River Lea", "Mount Pleasant"."""
    before = text[max(0, word.start - 7) : word.start].lower().split()
    return bool(before) and before[-1].rstrip(".") in PLACE_BEFORE


def _is_place(text: str, part: list[Word]) -> bool:
    """A run that names a place or a thing: "Kowalczyk Court", "St Aldhelm's", "Evelyn Street"."""
    after = _next_word(text, part[-1].end)
    if {after, after.rstrip("s")} & PLACE_AFTER:
        return True
    if _after_place_word(text, part[0]) or part[0].text.lower() in PLACE_BEFORE:
        return True
    return len(part) > 1 and part[-1].text.lower() in PLACE_AFTER and not _surname_park(text, part)


def _surname_park(text: str, part: list[Word]) -> bool:
    """A surname that is a place word: "Eun-ji Park, who gave first aid", "Rose Hill, 20"."""
    if part[-1].sort != WORDNAME:
        return False
    after = text[part[-1].end : part[-1].end + 40]
    if AFTER_WORDNAME.match(after):
        return True
    if part[0].sort == WORDNAME:
        return False  # "Thanks to Victoria Park, who"
    before = ROLE_BEFORE.search(text, max(0, part[0].start - 40), part[0].start)
    return bool(before and AFTER_PERSON.match(after))


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
    if sorts[0] == WORDNAME:  # "Hope", "Summer", "Hill": a role before or a person's deed after
        if TITLE_OF.match(text, part[-1].end):
            return False  # "named Officer of the Year"
        if part[0].text.lower() in vocabulary().places and PLACE_PREPOSITION.search(
            text, max(0, part[0].start - 10), part[0].start
        ):
            return False  # "a bus driver in Stratford has been jailed"
        return bool(
            ROLE_BEFORE.search(text, max(0, part[0].start - 40), part[0].start)
            or AFTER_WORDNAME.match(text[part[-1].end : part[-1].end + 40])
        )
    return _context_says_person(text, part)


@lru_cache(maxsize=65536)
def could_be_surname(word: str) -> bool:
    """A common word that, after a given name, is a surname: "Leah Goldberg", not "Jo Said"."""
    lower = word.lower()
    return lower not in PLACE_AFTER and zipf_frequency(lower, "en") < SURNAME_ZIPF


def _with_given_before(run: list[Word], part: list[Word]) -> list[Word]:
    """The part with the uncommon word just before a surname: its given name ("Nell").

    Before a lone everyday-word surname ("Wen Tan", "Eun-ji Park") a word a
    little more common will do: the pair still needs a person's company.
    """
    if part[0].sort in STRONG | {GIVEN}:
        limit = GIVEN_ZIPF
    elif len(part) == 1 and part[0].sort == WORDNAME:
        limit = SURNAME_ZIPF
    else:
        return part
    index = run.index(part[0])
    for before in reversed(run[max(0, index - 2) : index]):  # "Jia Hui Tan": up to two
        lower = before.text.lower()
        if before.sort != COMMON or lower in PLACE_BEFORE | PLACE_AFTER | TITLES:
            break
        if zipf_frequency(lower, "en") >= limit or before.text.isupper() and len(lower) <= 3:
            break
        part = [before, *part]
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


_JOINED_AFTER = re.compile(rf"\s+(?:and|&)\s+({TOKEN.pattern})(?=[,.;:!?]|\s+[a-z])")


def _joined_after(text: str, end: int, allowed: frozenset[str]) -> list[tuple[int, int]]:
    """A lone first name joined to a name found: "Imani and Rio, our new recruits"."""
    match = _JOINED_AFTER.match(text, end)
    if not match or not match.group(1)[0].isupper():
        return []
    if sort_of(match.group(1), allowed) not in NAMED | {WORDNAME}:
        return []
    return [match.span(1)]


def _base(word: str) -> str:
    """The word without a possessive: "Rocco's" is Rocco."""
    return re.sub(r"['’]s$", "", word)


def _pet_names(text: str, runs: list[list[Word]]) -> set[str]:
    """The names the post gives its animals ("PD Thor", "Bramble, our new puppy")."""
    after = {
        _base(part[-1].text)
        for run in runs
        for part in _capable_parts(run)
        if ANIMAL_AFTER.match(text, part[-1].end)
    }
    before = {
        _base(word.text)
        for run in runs
        for word in run
        if ANIMAL_BEFORE.search(text, max(0, word.start - 30), word.start)
    }
    return after | before


def name_spans(text: str, allowed: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Where the personal names in ``text`` are."""
    runs = list(_runs(text, capitalised_words(text, allowed)))
    pets = _pet_names(text, runs)
    spans = []
    for run in runs:
        for part in _capable_parts(run):
            if _base(part[-1].text) in pets:
                continue
            part = _with_given_before(run, part)
            initial = INITIALS_BEFORE.search(text, max(0, part[0].start - 8), part[0].start)
            if _is_place(text, part):
                continue
            if not _is_name(text, part) and not (initial and part[0].sort in NAMED):
                continue
            spans.append((initial.start() if initial else part[0].start, part[-1].end))
            spans += _joined_after(text, part[-1].end, allowed)
            if len(part) >= 2:
                spans += _sharing_surname(text, part[0].start, allowed)
    return _bridged(text, sorted(spans))


_SHORT_PART = re.compile(r"[ \t][A-Z][a-z]{1,2}[ \t]")


def _bridged(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Two names one short word apart are one name: "Li Na Wong", "Nguyen Van Minh"."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        gap = text[merged[-1][1] : start] if merged else ""
        if gap and _SHORT_PART.fullmatch(gap) and gap.strip().lower() not in TITLES:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


# A word before one of these in the same run names a street or a building, not a
# person ("Lea Bridge Road", "Whitgift Centre"); surnames such as Park, Hill or
# Green are left out.
BUILDING = frozenset(
    [
        "road",
        "rd",
        "street",
        "avenue",
        "ave",
        "close",
        "crescent",
        "drive",
        "mews",
        "gardens",
        "terrace",
        "square",
        "way",
        "bridge",
        "centre",
        "center",
        "station",
        "library",
        "palace",
        "mosque",
        "church",
        "chapel",
        "temple",
        "synagogue",
        "school",
        "academy",
        "college",
        "university",
        "hospital",
        "estate",
        "market",
        "stadium",
        "museum",
        "surgery",
        "pharmacy",
        "café",
        "cafe",
    ]
)
OPERATION_BEFORE = re.compile(r"\b(?:Operation|Op)\s+$")


def _known_safe(text: str, runs: list[list[Word]]) -> set[int]:
    """Where the words that name streets, buildings, animals and operations start."""
    pets = _pet_names(text, runs)
    kept = set()
    for run in runs:
        last = max((i for i, w in enumerate(run) if w.text.lower() in BUILDING), default=0)
        kept.update(w.start for w in run[:last])
        kept.update(w.start for w in run if _base(w.text) in pets)
        kept.update(
            w.start
            for w in run
            if OPERATION_BEFORE.search(text, max(0, w.start - 10), w.start)
            or _after_place_word(text, w)
        )
    return kept


def unsafe_words(text: str, allowed: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Capitalised words not known to be safe: names, surnames and rare words.

    Words of street and building names, animals' names and operation names are safe.
    """
    words = capitalised_words(text, allowed)
    if not any(w.sort in (GIVEN, SURNAME, RARE) for w in words):
        return []
    runs = list(_runs(text, words))
    kept = _known_safe(text, runs)
    return [
        (w.start, w.end) for w in words if w.sort in (GIVEN, SURNAME, RARE) and w.start not in kept
    ]


# A lower-case name is held by its company: an age after it, or a cue before it.
LOWER_AGE_AFTER = re.compile(
    r",?\s*(?:\(\d{1,3}\)|aged\s+\d{1,3}|\d{1,3})"
    r"(?=\s*(?:[,.;:)!]|$|(?i:missing|from|of|is|was|who|has|had|and|last|years|yo)\b))"
)
# A lower-case given name may be this common ("sean"); everyday words are listed apart.
LOWER_GIVEN_ZIPF = 4.5
LOWER_JOINED = re.compile(r"^\s*(?:,|and|&)\s*")


def _lower_given(word: str, allowed: frozenset[str]) -> bool:
    """A lower-case word that is a given name and no everyday word ("nadia", not "will")."""
    vocab = vocabulary()
    return (
        word in vocab.given
        and word not in vocab.word_names | vocab.place_words | allowed
        and zipf_frequency(word, "en") < LOWER_GIVEN_ZIPF
        and sort_of(word.capitalize(), allowed) in (GIVEN, COMMON)
    )


def _lower_part(word: str, allowed: frozenset[str]) -> bool:
    """A lower-case word that may follow a given name in a name: "o'connor", "ali"."""
    vocab = vocabulary()
    if word in PARTICLES:
        return True
    capital = "-".join(p.capitalize() for p in word.split("-"))
    return sort_of(capital, allowed) in NAMED or (
        (word in vocab.surnames or word in vocab.given) and zipf_frequency(word, "en") < 4.5
    )


def lower_name_spans(text: str, allowed: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Names written in lower case where the company says person.

    "Missing: imran qureshi 23", "shout out to kieran and shannon", "dr okafor".
    """
    tokens = [m for m in TOKEN.finditer(text) if m.group(0).islower()]
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(tokens):
        first = tokens[index]
        word = first.group(0).replace("’", "'")
        if (spans and first.start() < spans[-1][1]) or not _lower_given(word, allowed):
            index += 1
            continue
        end, last = first.end(), index
        while last + 1 < len(tokens) and text[end : tokens[last + 1].start()] == " ":
            following = tokens[last + 1].group(0).replace("’", "'")
            if not _lower_part(following, allowed) or following in ("and", "of"):
                break
            last += 1
            end = tokens[last].end()
        previous = tokens[index - 1] if index else None
        if (
            previous
            and text[previous.end() : first.start()] == " "
            and previous.group(0) in vocabulary().given
            and previous.group(0) not in TITLES
        ):
            first = previous  # "jade okonkwo": a given name that is also a word
        before = re.sub(r"[\s:;–-]+$", " ", text[max(0, first.start() - 40) : first.start()])
        joined = spans and LOWER_JOINED.fullmatch(text[spans[-1][1] : first.start()])
        after = text[end : end + 40]
        if (
            joined
            or ROLE_BEFORE.search(before)
            or LOWER_AGE_AFTER.match(text, end)
            or AFTER_PERSON.match(after)
            or re.match(r"\s+(?:of|from)\s+\0", after)
        ):
            spans.append((first.start(), end))
        index = last + 1
    return spans
