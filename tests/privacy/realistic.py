"""Realistic UK police posts, labelled, on which the scrubber's figures are measured.

Three sets, written apart: ``tuned`` (the scrubber was improved against it),
``held_out`` (other templates, people and places; not tuned on, but its misses
were read, and general rules followed from them) and ``fresh`` (written last
and measured once: the most honest figure). Each covers appeals, missing people, wanted suspects, court
results, road closures, crime prevention, humour, events, thanks to the public
and results; about half the posts carry personal data, the rest carry what must
stay: places, stations, operations, public helplines, official accounts. The
people come from many backgrounds, and some are written in ways a scrubber finds
hard (nicknames in quotes, hyphenated and three-part names, a name after a role,
"real name", shared surnames, direct address, a first name alone later on).

A template's ``{slot}`` is filled from the post's people and places; the slots
that hold personal data are labelled with their kind and position.
"""

from __future__ import annotations

import random
import string

import pandas as pd
from labelled import render

SEED = 20261128


def _people(text: str) -> list[tuple[str, str]]:
    """(given name, surname) pairs from "Given Surname|Given Surname" lines."""
    return [tuple(p.split()) for p in text.replace("\n", "|").split("|")]


# (given name, surname): the tuned set's people, and the held-out set's.
TUNED_PEOPLE = _people(
    """Jordan Pike|Amara Okafor|Tomasz Nowak|Priya Sharma|Callum Reid|Aisha Begum
Kwame Mensah|Siobhan Doyle|Bartosz Wisniewski|Fatima Hussain|Liam O'Connor|Chloe Bennett
Yusuf Ahmed|Ioana Popescu|Rhys Evans|Mei Chen|Daniel Okoro|Leah Goldberg|Mohammed Rahman
Jade Thompson|Andrei Ionescu|Hannah Lewis|Abdi Warsame|Sofia Ferreira|Connor Walsh
Zainab Malik|Tyrese Campbell|Ewa Kowalska|Oliver Hughes|Nadia Haddad|Kofi Boateng
Grace Adeyemi|Harpreet Kaur|Marcus Johnson|Elif Yilmaz|Ryan Murphy|Shanice Clarke
Vikram Patel|Ellie Marshall|Dominik Horvath|Ama Owusu|Sean Gallagher|Lucy Chapman
Hamza Iqbal|Olamide Adebayo|Jessica Turner|Arjun Mehta|Niamh Byrne|Kyle Robinson"""
)
HELD_PEOPLE = _people(
    """Darnell Whitaker|Oksana Melnyk|Imran Chaudhry|Roisin Kavanagh|Tunde Bakare
Keeley Sutcliffe|Ravinder Sandhu|Bogdan Stoica|Marisa Delgado|Jamal Osei|Courtney Fairclough
Wen Tan|Stanislav Petrov|Abimbola Ogunbiyi|Gemma Rowntree|Farhan Siddiqui|Dylan Pryce
Agnieszka Zielinska|Tariq Mahmood|Precious Nwachukwu|Lewis Cartwright|Samira El-Amin
Ciaran McGinley|Yasmin Qureshi|Florin Matei|Nkechi Eze|Bradley Hollis|Anh Nguyen
Kieran Doherty|Lakshmi Iyer|Shaquille Brown|Halima Abdullahi|Przemek Wojcik|Tallulah Moss
Jermaine Ellis|Rukhsana Akhtar|Vytautas Jankauskas|Destiny Osagie|Mateus Costa|Freya Lomax"""
)
FRESH_PEOPLE = _people(
    """Kayode Fashola|Brontë Whitfield|Mariusz Grabowski|Shauna Kilbride|Adnan Rashid
Temperance Okoro|Gurdeep Bassi|Ilinca Vasilescu|Reuben Achterberg|Nikhita Raghavan|Corey Mulhern
Folasade Ajayi|Jakub Dvorak|Maisie Thackeray|Osman Yusuf|Carys Pritchard|Themba Ndlovu
Aleksander Nowicki|Phoebe Larkin|Zubair Hanif|Eun-ji Park|Mamadou Diallo|Kerry-Ann Samuels
Dariusz Lewicki|Bethany Crowther|Emmanuel Asamoah|Ruqayyah Bhatti|Tadhg Ó'Briain|Nell Ashworth"""
)
NICKNAMES = ["Tiny", "Biggs", "Lil T", "Smokey", "Dotty", "Ghost", "Sparky", "Rambo"]

TUNED_PLACES = [
    "Walthamstow",
    "Peckham",
    "Croydon",
    "Ilford",
    "Tottenham",
    "Hackney Wick",
    "Brixton",
    "Southall",
    "Woolwich",
    "Stratford",
    "Kilburn",
    "Lewisham",
]
HELD_PLACES = [
    "Leytonstone",
    "Catford",
    "Hounslow",
    "Edmonton",
    "Deptford",
    "Harlesden",
    "Thornton Heath",
    "Barking",
    "Mitcham",
    "Hornchurch",
    "Acton",
    "Streatham",
]
TUNED_STREETS = [
    "Hoe Street",
    "Rye Lane",
    "London Road",
    "Cranbrook Road",
    "Seven Sisters Road",
    "Coldharbour Lane",
    "Broadway",
    "Powis Street",
]
HELD_STREETS = [
    "Church Road",
    "Rushey Green",
    "Bath Road",
    "Fore Street",
    "Evelyn Street",
    "High Street",
    "Brigstock Road",
    "Station Parade",
]
FRESH_PLACES = [
    "Bow",
    "Forest Gate",
    "Wembley",
    "Ealing",
    "Sidcup",
    "Kentish Town",
    "Camberwell",
    "Plaistow",
    "Tooting",
    "Enfield Town",
    "Romford",
    "Bermondsey",
]
FRESH_STREETS = [
    "Roman Road",
    "Romford Road",
    "Ealing Broadway",
    "Walworth Road",
    "Holloway Road",
    "Upper Street",
    "Green Street",
    "Mare Street",
]
STATIONS = [
    "Liverpool Street",
    "Canning Town",
    "Finsbury Park",
    "Clapham Junction",
    "Stratford",
    "King's Cross",
    "Elephant and Castle",
    "Seven Sisters",
]
OPERATIONS = [
    "Operation Sceptre",
    "Op Bluebell",
    "Operation Venice",
    "Op Tutor",
    "Operation Yamata",
    "Operation Encompass",
]
OFFICIAL = [
    "@TfL",
    "@TfLTrafficNews",
    "@BTP",
    "@LondonFire",
    "@Crimestoppers",
    "@VictimSupport",
    "@metpoliceuk",
    "@MPSHackney",
    "@MPSCroydon",
    "@NHSEngland",
    "@LBofHavering",
    "@CityPolice",
    "@Ldn_Ambulance",
    "@ActionFrauduk",
]
HELPLINES = [
    "0808 2000 247",
    "0800 40 50 40",
    "0808 800 5000",
    "101",
    "999",
    "0800 555 111",
    "116 123",
    "0300 123 2040",
    "0800 1111",
    "116 000",
]
ROADS = ["A406 North Circular", "A13", "M25", "A2", "A40", "A12", "A23", "Blackwall Tunnel"]
DOGS = ["Thor", "Bramble", "Nova", "Ziggy", "Pickle", "Luna"]
DRAMA_PHONES = ["07700 900{:03d}", "020 7946 0{:03d}", "07700900{:03d}", "0161 496 0{:03d}"]


def _phone(rng: random.Random) -> str:
    return rng.choice(DRAMA_PHONES).format(rng.randrange(1000))


def _vehicle(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNOPRSTUVWXYZ"
    return (
        "".join(rng.choices(letters, k=2))
        + f"{rng.choice([14, 17, 19, 21, 66, 68, 70, 72])} "
        + "".join(rng.choices(letters, k=3))
    )


def _postcode(rng: random.Random) -> str:
    area = rng.choice(["E17", "SE15", "CR0", "IG1", "N17", "E9", "SW2", "UB1", "SE18", "E15"])
    return f"{area} {rng.randrange(1, 10)}{''.join(rng.choices('ABDEFGHJLNPQRSTUWXYZ', k=2))}"


def _dob(rng: random.Random) -> str:
    day, month, year = rng.randrange(1, 29), rng.randrange(1, 13), rng.randrange(1960, 2010)
    return rng.choice([f"{day:02d}.{month:02d}.{year}", f"{day:02d}/{month:02d}/{year}"])


def _fields(rng: random.Random, people, places, streets) -> dict[str, tuple[str | None, str]]:
    (first, surname), (first2, surname2) = rng.sample(people, 2)
    hyphen = rng.choice(people)[1]
    middle = rng.choice(people)[0]
    return {
        "full": ("name", f"{first} {surname}"),
        "first": ("name", first),
        "surname": ("name", surname),
        "full2": ("name", f"{first2} {surname2}"),
        "first2": ("name", first2),
        "nick": ("name", f"{first} '{rng.choice(NICKNAMES)}' {surname}"),
        "triple": ("name", f"{first} {middle} {surname}"),
        "hyph": ("name", f"{first} {surname}-{hyphen}"),
        "caps": ("name", f"{first} {surname}".upper()),
        "phone": ("phone", _phone(rng)),
        "email": ("email", f"{first.lower()}.{surname.lower()}{rng.randrange(10, 99)}@example.com"),
        "handle": ("handle", f"@{first.lower()}_{rng.randrange(1, 999)}"),
        "address": ("address", f"{rng.randrange(2, 240)} {rng.choice(streets)}"),
        "postcode": ("postcode", _postcode(rng)),
        "vehicle": ("vehicle", _vehicle(rng)),
        "dob": ("dob", _dob(rng)),
        "age": (None, str(rng.randrange(14, 91))),
        "place": (None, rng.choice(places)),
        "place2": (None, rng.choice(places)),
        "street": (None, rng.choice(streets)),
        "station": (None, rng.choice(STATIONS)),
        "op": (None, rng.choice(OPERATIONS)),
        "official": (None, rng.choice(OFFICIAL)),
        "helpline": (None, rng.choice(HELPLINES)),
        "road": (None, rng.choice(ROADS)),
        "dog": (None, rng.choice(DOGS)),
        "n": (None, str(rng.randrange(2, 60))),
        "time": (None, f"{rng.randrange(6, 23)}:{rng.choice(['00', '15', '30', '45'])}"),
        "ref": (None, f"CAD {rng.randrange(1000, 9999)}/{rng.randrange(1, 28):02d}NOV"),
        "day": (None, rng.choice(["Monday", "Tuesday", "Friday", "Saturday", "Sunday"])),
    }


TUNED: dict[str, list[str]] = {
    "missing": [
        "MISSING | Have you seen {full}, {age}? {first} was last seen in {place} on {day}. "
        "Call 101 quoting {ref}.",
        "We're growing concerned for {full}, who has not been seen since {day} near {station}. "
        "{first}, if you see this, please get in touch. You are not in trouble.",
        "{hyph}, if you see this, please call us or your family. Anyone else call 999.",
        "Missing teenager {triple} ({age}) may have travelled to {place2}. Call 101 or "
        "@Missingpeople on 116 000.",
        "UPDATE: {full}, who was reported missing from {place}, has been found safe. "
        "Thank you for sharing.",
        "Can you help find {full}? Her boyfriend {full2} says she left {place} on {day}.",
        "{caps}, {age}, MISSING FROM {place}. Please share.",
    ],
    "appeal": [
        "{full}, the woman injured in the collision on {street}, remains in hospital. "
        "Witnesses call 101 ref {ref}.",
        "A 90-year-old, {full}, was pushed over on {street} on {day}. Anyone who saw it, "
        "please call 101 or Crimestoppers on 0800 555 111.",
        "Cyclist {full} was hit by a car on the {road}. Dashcam footage to {official} please.",
        "{full} of {address} had her car, {vehicle}, stolen overnight in {place}.",
        "The owner, {full}, said the shop had been targeted three times this month.",
        "Thanks to {full} for the tip that led to {n} arrests in {place}.",
        "Victim {full}, {age}, was robbed near {station}. Anyone with info, call {phone}.",
        "We are appealing after {full} was assaulted at {address}, {postcode}, on {day}.",
        "{full} says she saw a man running towards {place2}. Did you see him too?",
    ],
    "wanted": [
        "WANTED | {nick}, {age}, is wanted for robbery in {place}. Do not approach: call 999.",
        "Do you know where {full} is? {first} is wanted on recall to prison. Call 101.",
        "{full}, real name {full2}, is wanted in connection with a stabbing in {place}.",
        "We want to find {full}, {age} ({dob}). He has links to {place} and {place2}.",
        "Recognise {full}? He is known to use the handle {handle} and drive a {vehicle}.",
        "Wanted: {triple}, {age}, from {place}. Info to Crimestoppers on 0800 555 111.",
    ],
    "court": [
        "{full}, {age}, of {place} was jailed for six years at Snaresbrook Crown Court.",
        "{full} and {first2} {surname} were convicted of conspiracy to supply drugs.",
        "Jailed: {hyph} admitted dangerous driving on the {road}.",
        "{full} pleaded guilty to burglary. {first} will be sentenced next month.",
        "{full} of {address} was charged with assault and will appear at Thames Magistrates' Court.",
        "Drug dealer {nick} was sentenced to 8 years. {op} continues.",
    ],
    "thanks": [
        "A huge thank you to {full}, who chased the thief down {street} and held him until "
        "officers arrived.",
        "Well done {first}! {full} handed in a lost wallet at {station} this morning.",
        "Shout out to {full} ({handle}) for the dashcam clip from the {road}.",
    ],
    "road": [
        "ROAD CLOSED | The {road} is closed between {place} and {place2} after a collision. "
        "Follow @TfLTrafficNews for updates.",
        "{street} in {place} is closed while we deal with a gas leak. Avoid the area.",
        "Drivers: expect delays near {station} until {time}. Travel advice from @TfL.",
        "{n} drivers stopped on the {road} this morning as part of {op}.",
        "The {road} has reopened. Thank you for your patience.",
    ],
    "prevention": [
        "Moped thefts are up in {place}. Lock it, chain it, cover it. #LockItDontLoseIt",
        "Worried about domestic abuse? Call the National Domestic Abuse Helpline on "
        "0808 2000 247, any time.",
        "See it, say it, sorted: text British Transport Police on 61016 or call 0800 40 50 40.",
        "Concerned about a child? The NSPCC helpline is 0808 800 5000.",
        "Free bike marking at {station} on {day} from {time}, with {official}.",
        "Scam alert: nobody from the bank or the police will ask for your PIN. Report fraud to "
        "Action Fraud on 0300 123 2040.",
        "Need to talk? Samaritans are there day or night on 116 123.",
        "{op}: {n} knives handed in at {place} police station this week.",
        "Catalytic converter thefts are rising in {place}. Park in a garage if you can.",
    ],
    "humour": [
        "Police dog {dog} would like to remind you that stealing sausages is still theft. 🐶",
        "To the driver doing 74 in a 30 on {street}: the speed limit is not a target. 🙃",
        "Our officers in {place} found a tortoise on the A-road. It was not speeding.",
        "Happy retirement, PD {dog}! {n} arrests and countless treats.",
        "Someone reported a suspicious man in {place}. It was a scarecrow. We checked twice.",
    ],
    "events": [
        "Come and meet your Safer Neighbourhoods team at {place} Library on {day} at {time}.",
        "Cuppa with a Copper at the Costa on {street}, {place}, this {day}.",
        "Our cadets raised £{n}0 for Macmillan at the {place} fun run. Well done all!",
        "Remembrance Sunday: road closures in {place} from {time}. Details: {official}.",
    ],
    "results": [
        "{op} update: {n} arrests in {place} this week, {n} vehicles seized.",
        "This month in {place}: {n} burglaries, down from last year. Keep locking up.",
        "Knife crime in {place} fell by {n}% this year. Thank you for your help.",
    ],
}

HELD: dict[str, list[str]] = {
    "missing": [
        "Please help us find {full}. {first} left home in {place} on {day} and has not been "
        "in touch. Anything at all: 101.",
        "Concern is growing for mum-of-two {full}, {age}, last seen at {station}.",
        "{full} ({age}) missing from {place}. {first}, your family just want to know you're ok.",
        "Found: thank you for sharing our appeal for {triple}. {first} is home safe.",
        "Our search for {hyph}, {age}, continues in {place}. Call 999 if you see him.",
    ],
    "appeal": [
        "Did you see a grey hatchback, {vehicle}, near {station} around {time}? Call {phone}.",
        "Witness appeal: pensioner {full} was knocked down on {street}. Any info to 101.",
        "Her neighbour, {full}, heard shouting at about {time}. Did anyone else?",
        "{full} lives at {address}. Her house was burgled while she was at work.",
        "{full}, 19 ({dob}), was stabbed outside a shop in {place}. Call 101 or Crimestoppers.",
        "Information to DC Hayes on {phone} or email {email}.",
        "Delivery rider {full} was threatened with a knife in {place}. Help us find the men.",
    ],
    "wanted": [
        "Have you seen {full}? He is wanted for breaching a court order. Call 999.",
        "{nick} is wanted. He is 6ft, slim, with links to {place}.",
        "Wanted: {full}, also known as {first2}. Do not approach him.",
        "Can you help locate {caps}? {age}, wanted for assault in {place}.",
        "{full} (born {dob}) is wanted for failing to appear at court.",
    ],
    "court": [
        "{full}, {age}, was sentenced to 4 years for robbery at Wood Green Crown Court.",
        "{first2} and {first} {surname} both admitted handling stolen goods.",
        "{full} of {place} was found guilty of causing death by dangerous driving.",
        "Convicted: {hyph}, {age}. {first} sold drugs on {street} for over a year.",
    ],
    "thanks": [
        "Thank you {full} for handing in the phone you found at {station}.",
        "Massive thanks to the bus driver, {full}, who stopped to help an injured man.",
        "{full} spotted a stolen van and called us straight away. Hero.",
    ],
    "road": [
        "Traffic: the {road} is shut northbound at {place} after a crash. Use alternatives.",
        "Closure: {street}, {place}, overnight on {day} for resurfacing.",
        "Marathon day: roads around {station} close from {time}. See @TfL for travel.",
        "Heavy traffic on the {road} near {place2} this morning. Allow extra time.",
    ],
    "prevention": [
        "Domestic abuse is never ok. Refuge: 0808 2000 247. In an emergency call 999.",
        "Phone snatchers operate around {station}. Keep your phone in your pocket.",
        "{op} officers are in {place} today talking about knife crime. Say hello!",
        "Scammers are calling pretending to be from Amazon. Hang up. Report it to Action "
        "Fraud on 0300 123 2040.",
        "Report information anonymously to Crimestoppers on 0800 555 111 or {official}.",
        "Children can call Childline on 0800 1111 about anything.",
        "Lock your shed. Mark your tools. Register them on Immobilise.",
    ],
    "humour": [
        "Apparently {place} has a new resident: an escaped parrot called {dog}. Please don't "
        "call 999 about it.",
        "We stopped a car on the {road} for a broken light. The driver was eating a trifle. 🍮",
        "PD {dog} has completed his training and is ready for work. Sit. Stay. Arrest.",
        "No, the pigeon on {street} is not under arrest.",
    ],
    "events": [
        "Ward panel meeting at {place} Community Centre, {day} at {time}. All welcome.",
        "We'll be at the {place} Mela this weekend with free bike marking.",
        "Eid Mubarak to everyone celebrating in {place} and beyond.",
        "Open day at Hendon on {day}: meet the horses and the dogs.",
    ],
    "results": [
        "Week of action in {place}: {n} arrests, {n} knives seized.",
        "{op}: {n} e-bikes recovered and returned to their owners this month.",
        "Burglary in {place} is down {n}% on last year.",
    ],
}


FRESH: dict[str, list[str]] = {
    "missing": [
        "We need your help. {full}, aged {age}, was last seen leaving a friend's house in {place} "
        "at around {time} on {day}. She has family in {place2}. Seen {first}? Call 999.",
        "Still missing: {triple}. {first} may be sleeping rough around {station}.",
        "{caps} HAS BEEN FOUND. Thank you all for sharing.",
        "Our search for {full} continues. {first}'s mum says: please just come home.",
    ],
    "appeal": [
        "Shop worker {full} was threatened with a hammer in {place}. The suspect fled towards "
        "{street}. Call 101 ref {ref}.",
        "Can you help? A man was seen trying car doors near {address} at {time}. Ring {phone}.",
        "Do you have doorbell footage from {street} between 2am and 4am? Email {email}.",
        "{full}, who was injured in the attack, thanked the passers-by who helped her.",
        "Stolen from {address}, {postcode}: a black Audi, {vehicle}. Seen it? Call 101.",
    ],
    "wanted": [
        "Wanted on recall: {nick}. He is known to frequent {place} and {place2}.",
        "Help us trace {full}, {age}, who is wanted for a burglary in {place}.",
        "{full}, date of birth {dob}, is wanted for GBH. Do not approach.",
        "Have you seen this man? {full} may be using the name {full2}.",
    ],
    "court": [
        "Guilty: {full}, {age}, of {place} will be sentenced at Inner London Crown Court.",
        "{first} {surname} and {full2} were each jailed for three years.",
        "Convicted: {hyph} stole from elderly neighbours in {place}.",
        "A {age}-year-old, {full}, was given a suspended sentence for affray.",
    ],
    "thanks": [
        "Thank you to {full}, who gave first aid to a man stabbed on {street}.",
        "Big thanks to {first2} and {first} {surname} for reporting the fly-tipping.",
        "Well done to young {full}, who found and handed in £200 at {station}.",
    ],
    "road": [
        "Collision on the {road} near {place}: one lane closed. Check @TfLTrafficNews.",
        "{street} will be closed on {day} for the {place} Carnival. Diversions in place.",
        "Expect delays around {station} this evening due to a police incident.",
    ],
    "prevention": [
        "Fraudsters are posing as police officers. We will never ask you to withdraw cash. "
        "Report to Action Fraud on 0300 123 2040.",
        "If you are in danger and can't speak, call 999 and press 55.",
        "Worried someone is being exploited? Call the Modern Slavery Helpline on 08000 121 700.",
        "Missing People can be reached free on 116 000, day or night.",
        "Keep your car keys away from the front door: keyless theft is rising in {place}.",
        "Our {place} team are running {op} this week around {station}.",
    ],
    "humour": [
        "Shoutout to the fox in {place} who set off every burglar alarm on {street}. Not arrested.",
        "PD {dog} found drugs, a missing phone and half a sandwich today. He ate the sandwich.",
        "Reminder: a traffic cone is not a hat. Yes, we saw you on {street}.",
    ],
    "events": [
        "Drop-in session at {place} Library, {day} {time}. Come and ask us anything.",
        "Join us for Iftar at the {place} mosque this {day}. All welcome.",
        "Pride in {place} this weekend: look out for our officers at the stalls.",
    ],
    "results": [
        "{op}: {n} arrests across {place} and {place2} last month.",
        "Stop and search in {place}: {n} searches, {n} arrests, {n} weapons found.",
    ],
}


def _posts(templates, people, places, streets, size: int, seed: int) -> pd.DataFrame:
    rng = random.Random(seed)
    pairs = [(category, t) for category, ts in templates.items() for t in ts]
    personal = [p for p in pairs if "{" in p[1] and _has_personal(p[1])]
    clean = [p for p in pairs if p not in personal]
    rows = []
    for number in range(size):
        category, template = rng.choice(personal if number % 2 == 0 else clean)
        text, spans = render(template, _fields(rng, people, places, streets))
        rows.append({"post": number + 1, "category": category, "text": text, "spans": spans})
    return pd.DataFrame(rows)


PERSONAL_SLOTS = frozenset(
    {
        "full",
        "first",
        "surname",
        "full2",
        "first2",
        "nick",
        "triple",
        "hyph",
        "caps",
        "phone",
        "email",
        "handle",
        "address",
        "postcode",
        "vehicle",
        "dob",
    }
)


def _has_personal(template: str) -> bool:
    return any(f in PERSONAL_SLOTS for _, f, _, _ in string.Formatter().parse(template) if f)


def tuned(size: int = 520) -> pd.DataFrame:
    """The set the scrubber was tuned on."""
    return _posts(TUNED, TUNED_PEOPLE, TUNED_PLACES, TUNED_STREETS, size, SEED)


def fresh(size: int = 240) -> pd.DataFrame:
    """Written last and measured once, after every change: neither tuned on nor looked at."""
    return _posts(FRESH, FRESH_PEOPLE, FRESH_PLACES, FRESH_STREETS, size, SEED + 2)


def held_out(size: int = 320) -> pd.DataFrame:
    """The set it was not tuned on: other templates, people, places and streets."""
    return _posts(HELD, HELD_PEOPLE, HELD_PLACES, HELD_STREETS, size, SEED + 1)
