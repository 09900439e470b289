"""Names found as a careful reader finds them, strict mode, and what always stays."""

import pytest

from postlab.config import Settings, SettingsError, load_settings
from postlab.privacy import find, preview, scrub, withheld_words

SETTINGS = Settings(allow_terms=("Northbrook", "Eastmere", "Kingsfold"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no cue word: the name's own words make it one
        ("Thanks to Jo Dimmock for the tip.", "Thanks to [name] for the tip."),
        ("Priya Patel says she saw the van.", "[name] says she saw the van."),
        ("Leah Goldberg of 9 Kiln Lane was charged.", "[name] of [address] was charged."),
        ("Chidi Okonkwo helped us today", "[name] helped us today"),
        # a name followed by a verb, an apposition, "of <place>"
        (
            "Kowalczyk, the woman injured, is recovering.",
            "[name], the woman injured, is recovering.",
        ),
        ("Oyelaran of Croydon was jailed.", "[name] of Croydon was jailed."),
        # after a role or relation
        ("The owner, Mensah, spoke to us.", "The owner, [name], spoke to us."),
        ("Her boyfriend Adeyemi was there.", "Her boyfriend [name] was there."),
        ("A 90-year-old, Haddad, was pushed.", "A 90-year-old, [name], was pushed."),
        ("Cyclist Bartosz was hit.", "Cyclist [name] was hit."),
        ("He gave his real name, Oyelaran.", "He gave his real name, [name]."),
        # nicknames, hyphenated and three-part names, shared surnames
        ("Tyrone 'Tiny' Williams was jailed.", "[name] was jailed."),
        ('Mick "Big Mick" Doyle is wanted.', "[name] is wanted."),
        ("Siobhan-Marie O'Neill, if you see this, call us.", "[name], if you see this, call us."),
        ("Ana Lucia de Souza was found.", "[name] was found."),
        ("Amy and Jo Pike-Harris were convicted.", "[name] and [name] were convicted."),
        ("Tallulah Moss was stabbed.", "[name] was stabbed."),
        # later mentions, capitals
        (
            "Leah Goldberg is 19. Leah's family are worried.",
            "[name] is 19. [name]'s family are worried.",
        ),
        ("CAN YOU HELP LOCATE PRIYA PATEL?", "CAN YOU HELP LOCATE [name]?"),
        # a date of birth with no cue
        ("Jay, 19 (16.02.2005), is missing.", "[name], 19 ([dob]), is missing."),
        # found on the independent set (tests/privacy/independent.py), written as rules
        ("Do you know Ryan 'Rizzo' O'Connell-Price?", "Do you know [name]?"),
        (
            'Zac Reid, also known as "DK", 27, is wanted.',
            '[name], also known as "[name]", 27, is wanted.',
        ),
        (
            'Lan Nguyen, 19. Her friends call her "Lanny".',
            '[name], 19. Her friends call her "[name]".',
        ),
        ("missing: jade okonkwo, 15, from Plumstead", "missing: [name], 15, from Plumstead"),
        ("Marcus Delaney, 16, is missing. #FindMarcus", "[name], 16, is missing. #Find[name]"),
        ("Have you seen Rose? She's 12.", "Have you seen [name]? She's 12."),
        ("UPDATE: Rose has been found safe.", "UPDATE: [name] has been found safe."),
        ("Charged: Rose Hill, 20, of Acton.", "Charged: [name], 20, of Acton."),
        ("Missing teenager Daisy-Mae Collins, 14.", "Missing teenager [name], 14."),
        (
            "Thank you to Eun-ji Park, who gave first aid.",
            "Thank you to [name], who gave first aid.",
        ),
        (
            "Thanks to the keen-eyed Pat who called us.",
            "Thanks to the keen-eyed [name] who called us.",
        ),
        (
            "A member of the public, Olumide, called 999.",
            "A member of the public, [name], called 999.",
        ),
        ("missing: tyrell james-brown, 16.", "missing: [name], 16."),
        ('Rhianna Clarke, 16, died. "Rhi was kind."', '[name], 16, died. "[name] was kind."'),
        (
            "PC Jo Hale has been named Officer of the Year.",
            "PC [name] has been named Officer of the Year.",
        ),
    ],
)
def test_names_without_cue_words_are_found(text, expected):
    assert scrub(text, SETTINGS) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Domestic abuse? Call 0808 2000 247. See it, say it: 0800 40 50 40 or text 61016.",
        "NSPCC 0808 800 5000, Samaritans 116 123, Crimestoppers 0800 555 111, 101 or 999.",
        "Updates from @TfL, @TfLTrafficNews, @BTP, @LondonFire and @MPSHackney.",
        "Follow @metpoliceuk, @Crimestoppers, @VictimSupport, @NHSEngland and @LBofHavering.",
        "Road closed at Tottenham Hale and Seven Sisters. Operation Sceptre in Walthamstow.",
        "Rose Hill and Grace Chapel are closed. Summer is here. Hope to see you at Brindle Cross.",
        "Police dog Thor is 5 today! Happy birthday Thor",
        "Meet Rolo, our newest police dog",
        "Crime in Northbrook fell. Northbrook Police thank you.",
        "CCTV and PCSO patrols on Thu and Sun; MIN_POSTS = 10",
        # grammar words, boroughs, awards, numbers in tables, one-letter compounds
        "A boy was arrested. He has been released on bail. Do not approach him.",
        "Patrols across Brent and Harrow. Calling all Brent businesses!",
        "Eid Mubarak to our Muslim colleagues. Fireworks at Alexandra Palace tonight.",
        "Book a home fire safety visit on 0800 028 4428. Paramedics from @Ldn_Ambulance.",
        "Roadworks on Rose Hill. Thanks to Victoria Park, who hosted us.",
        "Our police dog Rocco's birthday. Good boy, Rocco.",
        "The Met has been named Horse of the Year.",
        "Facebook 3,134, X 4,971 posts\nMon\n 14.1\nThe inflatable T-rex, 2.",
    ],
)
def test_helplines_official_accounts_places_and_pets_stay(text):
    assert scrub(text, SETTINGS) == text


def test_the_team_can_allow_its_terms_numbers_and_handles(tmp_path):
    text = "PC Kowalczyk and Operation Zorbex: call 0300 999 1234 or @OurPartnerOrg"
    assert scrub(text, SETTINGS) != text
    (tmp_path / "postlab.yml").write_text(
        "privacy:\n  allow_terms: [Zorbex]\n  allow_numbers: ['0300 999 1234']\n"
        "  allow_handles: [OurPartnerOrg]\n"
    )
    settings = load_settings(tmp_path)
    assert (
        scrub(text, settings)
        == "PC [name] and Operation Zorbex: call 0300 999 1234 or @OurPartnerOrg"
    )


def test_an_unknown_privacy_setting_is_an_error(tmp_path):
    (tmp_path / "postlab.yml").write_text("privacy:\n  allow_term: [Zorbex]\n")
    with pytest.raises(SettingsError, match="unknown key privacy.allow_term"):
        load_settings(tmp_path)


def test_strict_mode_withholds_words_not_known_to_be_safe():
    text = "Thanks Zorbex team and Jo at Brindle Cross in Croydon, Northbrook"
    assert (
        scrub(text, SETTINGS)
        == "Thanks Zorbex team and [name] at Brindle Cross in Croydon, Northbrook"
    )
    assert scrub(text, SETTINGS, strict=True) == (
        "Thanks [withheld] team and [name] at [withheld] Cross in Croydon, Northbrook"
    )
    assert withheld_words(text, SETTINGS) == 2
    assert preview(text, SETTINGS) == scrub(text, SETTINGS, strict=True)
    assert withheld_words(None, SETTINGS) == 0


def test_find_marks_withheld_words_only_in_strict_mode():
    kinds = {r.kind for r in find("Zorbex called", SETTINGS, strict=True)}
    assert kinds == {"withheld"}
    assert find("Zorbex called", SETTINGS) == []


def test_strict_mode_withholds_streets_but_keeps_animals_buildings_and_operations():
    text = (
        "Closed: Lea Bridge Road by the Whitgift Centre. PD Luna found drugs; Luna is 3. "
        "Operation Cubo seized bikes with Samaritans and TfL."
    )
    # issue 23: a report never shows a street, with or without a residence cue
    assert scrub(text, SETTINGS, strict=True) == text.replace("Lea Bridge Road", "[address]")
    assert scrub("Kalvinder retires today", SETTINGS, strict=True) == "[withheld] retires today"
