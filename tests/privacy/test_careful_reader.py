"""Issue 23: names, homes and numbers as a careful reader finds them; places and partners kept."""

import pytest

from postlab.config import Settings
from postlab.privacy import scrub
from postlab.privacy.hashtags import name_spans_in_tag, split_hashtag

PLAIN = Settings()  # a new team's settings: nothing allowed by hand


@pytest.mark.parametrize(
    ("tag", "words", "names"),
    [
        ("#JusticeForAmira", ["Justice", "For", "Amira"], ["Amira"]),
        ("#justiceformarisol", ["justice", "for", "marisol"], ["marisol"]),
        ("#RIPJermaine", ["RIP", "Jermaine"], ["Jermaine"]),
        ("#bringbackkacper", ["bring", "back", "kacper"], ["kacper"]),
        ("#KnifeFreeLondon", ["Knife", "Free", "London"], []),
        ("#walthamstowgardenparty", ["walthamstow", "garden", "party"], []),
        ("#AskMPSBarnet", ["Ask", "MPS", "Barnet"], []),
    ],
)
def test_a_hashtag_splits_into_words_and_its_names_are_found(tag, words, names):
    assert split_hashtag(tag) == words
    assert [tag[a:b] for a, b in name_spans_in_tag(tag)] == names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hashtags, and the name they carry elsewhere in the post
        ("Vigil tonight #FindSiobhan", "Vigil tonight #Find[name]"),
        (
            "Still looking. #findsiobhan siobhan was last seen",
            "Still looking. #find[name] [name] was last seen",
        ),
        # lower case with a person's company
        (
            "Missing: imran qureshi 23, last seen in Ilford",
            "Missing: [name] 23, last seen in Ilford",
        ),
        ("sean o'connor, 52, was found", "[name], 52, was found"),
        ("Shout out to kieran and shannon!", "Shout out to [name] and [name]!"),
        # words that are names too, with a clear person context
        (
            "Mark Hill who we appealed for yesterday is home.",
            "[name] who we appealed for yesterday is home.",
        ),
        (
            "Concern is growing for Will, a 19-year-old from Ilford.",
            "Concern is growing for [name], a 19-year-old from Ilford.",
        ),
        # initials, possessives, aliases, every part of a name
        ("A. Begum and M. Hussain were convicted.", "[name] and [name] were convicted."),
        ("Leanne's family thank you.", "[name]'s family thank you."),
        ("She might be using the name Gigi.", "She might be using the name [name]."),
        (
            "Wanted: Kyle Reid, also known as K-Dog, 23.",
            "Wanted: [name], also known as [name], 23.",
        ),
        ("Li Na Wong, 40, was found safe.", "[name], 40, was found safe."),
    ],
)
def test_names_a_careful_reader_sees(text, expected):
    assert scrub(text, PLAIN) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the victim from Cotterill Road was hurt", "the victim from [address] was hurt"),
        ("a man who lives on Cambridge Road", "a man who lives on [address]"),
        ("near her home in Hook Rise South", "near her home in [address]"),
        ("Flat 9, Hollyfield House, Surbiton Road", "[address]"),
        ("mr abdullahi of 5 cedars road", "mr [name] of [address]"),
        ("registration ld70 abc seen", "registration [vehicle] seen"),
        ("a car, BX 18 PNE, sped off", "a car, [vehicle], sped off"),
        ("NI number QQ 12 34 56 C was used", "NI number [nino] was used"),
    ],
)
def test_where_people_live_and_their_numbers(text, expected):
    assert scrub(text, PLAIN) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Flooding in Kingston and Surbiton: do not drive through water.",
        "Coombe Lane West is closed after a crash.",
        "Ask for Angela training at bars in Shoreditch.",
        "Thanks to @RBKingston, @thameswater, @StopHateUK, @Childrens_Society and @Fearless_org.",
        "Buses are diverted from Hornsey Road tonight.",
        "Storm Darragh brought trees down in Bromley.",
        "Bella the cockapoo is home again.",
    ],
)
def test_places_partners_and_campaigns_are_not_people(text):
    assert scrub(text, PLAIN) == text


def test_strict_mode_withholds_every_street_name():
    assert scrub("Roadworks on Coombe Lane West today.", PLAIN, strict=True) == (
        "Roadworks on [address] today."
    )
