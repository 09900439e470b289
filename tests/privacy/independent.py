"""An independent labelled set: 200+ posts written before the scrubber was read.

Written by a second engineer (branch ``privacy2``) BEFORE reading
``postlab/privacy/names.py`` or the other labelled sets (``realistic.py``,
``labelled.py``), in the voice of London borough police accounts on X and
Facebook. Its first measurement is the honest one and is kept in README
("first measurement on a set written independently"); later figures are after
general fixes made on reading its misses.

``late`` holds 79 more posts by the same writer, written after the fixes the
first set's misses led to, and measured once without changing anything for
them: the honest figure after the fixes.

Each post is written by hand, not from templates. Posts are separated by a
line ``---``. Personal data is marked inline: ``{{Jordan Mbeki}}`` is a name,
``{{kind:text}}`` another kind (``phone``, ``postcode``, ``vehicle``, ``dob``,
``address``, ``email``, ``handle``). Officers' names in official quotes are
labelled as names too (a team may allow its officers' public names in
settings; nothing is allowed here). Police dogs and horses, places, streets
without a house number, stations, operations, public helplines and official
accounts are not personal. Every postcode is labelled (one narrows a post down
to a handful of homes).
"""

from __future__ import annotations

import re

import pandas as pd

MARK = re.compile(r"\{\{(?:(email|phone|postcode|vehicle|dob|address|handle|nino):)?(.+?)\}\}")

# Strings the scrubber must leave alone wherever they occur in the set.
SAFE = (
    "999",
    "101",
    "111",
    "105",
    "0800 555 111",
    "0808 2000 247",
    "0800 40 50 40",
    "0808 800 5000",
    "116 123",
    "116 000",
    "0300 123 2040",
    "0800 1111",
    "0808 808 4994",
    "0800 0 608 608",
    "0808 1689 111",
    "0800 028 4428",
    "0800 789 321",
    "61016",
    "159",
    "@TfL",
    "@TfLTrafficNews",
    "@BTP",
    "@LondonFire",
    "@metpoliceuk",
    "@MPSHackney",
    "@MPSNewham",
    "@MPSLewisham",
    "@MPSBrent",
    "@MPSCroydon",
    "@MPSHaringey",
    "@MPSEaling",
    "@MPSSouthwark",
    "@MPSRedbridge",
    "@MPSWaltham",
    "@LDNAmbulance",
    "@CrimestoppersUK",
    "@VictimSupport",
    "@actionfrauduk",
    "@HackneyCouncil",
    "@NewhamLondon",
    "@MetPoliceEvents",
    "@MPSDogs",
    "@MPSMountedBranch",
    "@NHSuk",
    "@LBofBrent",
)


def parse(post: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The plain text of a marked-up post and its labelled (start, end, kind) spans."""
    text, spans, last = "", [], 0
    for match in MARK.finditer(post):
        text += post[last : match.start()]
        value = match.group(2)
        spans.append((len(text), len(text) + len(value), match.group(1) or "name"))
        text += value
        last = match.end()
    return text + post[last:], spans


def _table(posts: str) -> pd.DataFrame:
    rows = [parse(post.strip()) for post in posts.split("\n---\n") if post.strip()]
    return pd.DataFrame(rows, columns=["text", "spans"])


def independent() -> pd.DataFrame:
    """The set as a table: text, spans (lists of (start, end, kind))."""
    return _table(POSTS)


def late() -> pd.DataFrame:
    """79 more posts by the same writer, written after the fixes and measured once."""
    return _table(LATE)


POSTS = r"""
APPEAL: We're looking for witnesses after a man was stabbed on Mare Street, E8, at about 23:40 on Friday 9 February. The victim, {{Kwame Asante}}, 31, remains in hospital in a stable condition. Call 101 quoting CAD 7741/09Feb or tell @CrimestoppersUK anonymously on 0800 555 111.
---
Can you help? {{Oliwia Zielinska}}, 16, has been missing from her home in Leyton since Tuesday. She is 5ft 4in, slim, with long dark hair, and was last seen wearing a grey North Face puffer jacket. She has links to Walthamstow and Stratford. If you see her call 999. #Missing
---
{{Jordan Mbeki}}, 24, of Ilford was jailed for six years at Snaresbrook Crown Court on Thursday for robbery and possession of a bladed article.
---
Do you know {{Ryan 'Rizzo' O'Connell-Price}}? He is wanted in connection with a burglary in Tottenham and has links to Edmonton and Enfield. Do not approach him – call 999 or 101 quoting 01/445566/24. #Wanted
---
Huge thanks to {{Harpreet Sandhu}} who chased down a phone snatcher on Ealing Broadway on Saturday and held on to him until officers arrived. Community spirit at its best 👏
---
"Knife crime wrecks families. We will keep taking weapons off the streets of Newham," said Detective Chief Inspector {{Rachel Okonjo}} after this week's operation.
---
ROAD CLOSURE: Lewisham High Street is closed in both directions between Rushey Green and Catford Broadway following a collision. Please avoid the area and follow @TfLTrafficNews for bus diversions.
---
Lock it or lose it 🔒 Three sheds were broken into on Fairlop Road last week. Mark your tools, use a closed shackle padlock and keep bikes out of sight. Free property marking at Leytonstone Library on Saturday 10am–1pm.
---
Meet PD Bruno, our newest general purpose dog 🐕 He passed his licensing course this week and is already proving he's better at finding things than we are. @MPSDogs
---
Come and meet your Safer Neighbourhood Team at our Street Briefing outside Brixton tube station on Wednesday from 2pm. Bring your questions, concerns and biscuits (optional).
---
MISSING: {{Chidera}}, 14, from Peckham. She was last seen on Rye Lane on Sunday afternoon. {{Chidera}}, if you see this, please get in touch – you're not in trouble, we just want to know you're safe. Anyone with information please call 101 ref 24MIS009812.
---
We are appealing for information after an elderly woman was pushed to the ground and her handbag snatched on Church Street, Croydon. The victim, 84-year-old {{Margaret Doyle}}, suffered a broken wrist. Her son {{Declan}} said: "Mum is shaken but determined not to let this stop her going out."
---
CHARGED: {{Bilal Haddad}}, 19, of {{address:27 Selby Road}}, Plaistow, has been charged with possession with intent to supply class A drugs. He will appear at Thames Magistrates' Court on Monday.
---
Officers from @MPSHaringey have seized 14 e-bikes and scooters in Wood Green this week under Operation Cubo. Riding on the pavement puts pedestrians at risk – we will seize.
---
A reminder that if you're in immediate danger, always call 999. For non-emergencies call 101 or report online. If you can't speak, press 55 when prompted on a mobile.
---
Have you seen {{Tadeusz Wróbel}}? The 67-year-old has dementia and was last seen leaving his home in Acton at around 7am. He may be confused and is wearing a brown flat cap and beige raincoat. Please call 999 immediately quoting 24MIS011203.
---
UPDATE: {{Tadeusz}} has been found safe and well. Thank you to everyone who shared our appeal.
---
CCTV APPEAL: Do you recognise this man? We'd like to speak to him about an assault on a bus driver on the 38 route in Hackney Central. Call 101 ref 2716/12MAR or Crimestoppers on 0800 555 111. @TfL
---
{{Precious Adeyemi-Cole}}, 22, of Thamesmead was sentenced to 18 months' imprisonment at Woolwich Crown Court for assaulting an emergency worker.
---
PC {{Daniel Kowalczyk}} said: "This was a frightening attack on a woman walking home. I'd urge anyone who was on Clapton Road that night and has dashcam footage to get in touch."
---
Sunday funday for PH Windsor and PH Bertie, two of our police horses, who paid a visit to the children at Springfield Park this afternoon 🐴 @MPSMountedBranch
---
Hope you all had a great Bank Holiday weekend! Our officers were out on patrol across Brent and Harrow, and the sun even came out at Gladstone Park.
---
Wanted: {{Mohammed Tariq Hussain}}, 34, is wanted on recall to prison. He is known to frequent Whitechapel, Bethnal Green and Mile End. If you see him, call 999 – do not approach.
---
Witness appeal: A cyclist, {{Femi Ogunleye}}, was knocked down by a van on Holloway Road near Archway at 8:15am on Wednesday. The van, a white Ford Transit, registration {{vehicle:LK19 XDF}}, failed to stop. Please call 101 quoting 1945/14FEB.
---
Scam alert ⚠️ Residents in Redbridge are getting calls from people pretending to be police officers asking them to withdraw cash. We will NEVER ask you to hand over money or bank cards. Report to @actionfrauduk on 0300 123 2040.
---
Thanks to {{Grace}} and {{Tomasz}} at the Costcutter on Lower Clapton Road for helping us identify a shoplifter who'd been targeting local shops for weeks.
---
Our Ward Officers for Forest Gate North held a surgery at the Wanstead Flats café today. Next one is Saturday 20 April, 11am, at Forest Gate Library.
---
MISSING | {{Shay-Leigh Bennett}}, 15, has not been seen since leaving school in Anerley on Monday. {{Shay-Leigh}} is known as "{{Shay}}" to friends and may be in the Croydon or Penge area. Call 101 ref 24MIS010044.
---
Police Sergeant {{Aoife Gallagher}} has been recognised at the Borough Commander's Awards for her work supporting victims of domestic abuse in Lewisham. Well deserved, Sarge!
---
SENTENCED | {{Stefan Dumitrescu}} (29) and {{Ionut Popa}} (32) were jailed for a total of nine years after a string of catalytic converter thefts across Ealing and Hounslow.
---
It's Bonfire Night 🎆 Please stay safe, keep pets indoors and only buy fireworks from licensed sellers. If you see fireworks being used to intimidate or harm, call 101.
---
Do you know this man? He's wanted for questioning about a sexual assault at Seven Sisters station. Contact @BTP by texting 61016 or call 0800 40 50 40 quoting ref 451 of 3/3/24.
---
Sad news: Retired police dog Max has passed away aged 13. Max caught more than 90 suspects in his career with PC {{Lee Barnard}}. Run free, good boy 🐾
---
A 52-year-old man has been charged after a woman was assaulted at a house on {{address:118 Brettenham Road}}, Walthamstow, {{postcode:E17 5AY}}.
---
Thank you Mrs {{Gloria Henry}}, 91, for the fantastic homemade ginger cake you brought into Tottenham police station. The team polished it off in about four minutes 🍰
---
We've arrested a 17-year-old boy in connection with the robbery of a teenager near Mitcham Eastfields on Friday. He has been released on bail. #Merton
---
Do you know where {{Ewa 'Ewcia' Malinowska}} is? She's 38 and was last seen on the Kingsland Road in Dalston on Sunday night. Her family are very worried.
---
REMINDER: The Notting Hill Carnival road closures begin at 6am tomorrow. Ladbroke Grove, Westbourne Park Road and surrounding streets will be closed. Follow @TfL for travel updates.
---
The car, a black Mercedes C-Class {{vehicle:YG68 KRN}}, was seen speeding from the scene on Green Street towards Upton Park. If you have dashcam footage please upload it to our portal or call 101.
---
If you are being abused at home, you are not alone. The National Domestic Abuse Helpline is free and open 24/7 on 0808 2000 247. In an emergency call 999.
---
We're appealing for help to find {{Victor Adebayo}}, 45, who has been missing from Woolwich since 3 March. {{Victor}} is 6ft tall with a shaved head and a grey beard. He may be sleeping rough around Greenwich or Deptford.
---
ARRESTED: Thanks to quick-thinking shop staff at Whitgift Centre, officers arrested a man for theft within minutes. Retailers, keep reporting – it works.
---
We need your help finding {{Summer Okafor-Reid}}, 13, missing from Stockwell. {{Summer}} was last seen wearing her school uniform from Lambeth Academy. Her mum says she may go to Clapham Common.
---
Operation Sceptre week of action: 41 knives surrendered in our bins at Hackney Town Hall and Stoke Newington police station. Every knife handed in is one fewer on our streets. #OpSceptre
---
"I'm just glad I could help," said {{Kofi Boateng}}, 28, who performed CPR on a man who collapsed outside Stratford Centre until paramedics from @LDNAmbulance arrived.
---
#TrafficAlert: Expect delays on the A406 North Circular westbound near Brent Cross due to roadworks until 6pm. Plan ahead.
---
WANTED | Police are searching for {{Darius Karimi}}, also known as "{{DK}}", 27, who is wanted in connection with a firearms offence in Harlesden. He has links to Kilburn and Neasden. Call 999 if seen.
---
Detective Constable {{Hannah Liu}} from the Central East Public Protection team said: "We urge anyone who has been targeted by this man to come forward. You will be believed."
---
Did you know? Most burglaries happen through unlocked doors and windows. Before you leave home, do the lock check. #CrimePrevention
---
The victim's family have paid tribute to {{Nathaniel 'Nate' Francis}}, 19, who died after being stabbed in Edmonton Green on Tuesday. They described him as "a kind soul who lit up every room".
---
A man who threatened staff at a Lidl in Tooting with a syringe has been jailed. {{Gareth Pritchard}}, 41, of no fixed address, admitted robbery at Kingston Crown Court.
---
Massive well done to the Year 9 students at Stoke Newington School who took part in our knife crime workshop today. Great questions and brilliant debate!
---
missing from home: {{jade okonkwo}}, 15, from Plumstead. last seen in Woolwich town centre wearing a pink hoodie. call 101 ref 24MIS012277 #missing
---
MISSING: {{KACPER NOWICKI}}, 14, LAST SEEN IN BARKING ON FRIDAY EVENING. PLEASE SHARE AND CALL 999 IF YOU SEE HIM.
---
Cyclists, please don't leave your bike locked with a cable lock outside Canada Water station. Use a D-lock through the frame and wheel. Free bike marking at our stall on Saturday.
---
Missing 78-year-old {{Joyce Whitmore}} has been found safe in Bexleyheath after a member of the public recognised her from our appeal. Thank you for sharing.
---
Thank you to Mr {{Li Wei}}, owner of the Golden Dragon takeaway on Deptford High Street, who let our officers use his CCTV to trace a suspect within an hour.
---
We attended a report of an injured fox on Lordship Lane. The fox has been taken to a local animal rescue. Not every call is a crime! 🦊
---
COURT RESULT: {{Tyrese Campbell-Lewis}}, 21, of Streatham, was found guilty of murder at the Old Bailey. {{Tyrese}} will be sentenced on 12 June.
---
Burglary appeal in Muswell Hill: jewellery including a gold necklace with the name "{{Amina}}" on it was stolen from a home on Fortis Green Road. Recognise it? Call 101 ref 5532/02APR.
---
Chief Inspector {{Marcus Oyelaran}} (@MPSSouthwark) said: "Our officers will be highly visible in Peckham and Camberwell this weekend to reassure residents."
---
Our Response Team in Croydon answered 1,140 emergency calls in March. That's an average of 37 every single day. Thank you for your patience when lines are busy.
---
Free Bike Marking event 🚲 Saturday 13 April, 10am–2pm at Hornsey Library, Haringey Park N8. All welcome, no appointment needed.
---
URGENT: Have you seen {{Aleksander Petrov}}? {{Aleksander}}, 23, was last seen on Romford Road in Manor Park. He may be in crisis and we are very concerned for his welfare. Call 999.
---
{{Deborah}}, a nurse at Whipps Cross Hospital, chased a man who had stolen a patient's handbag and got it back. We're giving her a Commander's commendation. Legend.
---
Road closure: Wandsworth Bridge Road is closed southbound from New King's Road due to a burst water main. Buses 28 and 295 are diverted.
---
A man has been charged with causing death by dangerous driving after pensioner {{Ravi Shankar Iyer}}, 82, was hit by a car on Kenton Road, Harrow, on 17 January.
---
📣 Neighbourhood Watch coordinators in Ealing — join us on Zoom on Thursday at 7pm to hear about the latest scams targeting older residents.
---
Officers were called to {{address:4 Wellington Mews}}, Hackney, at 02:10 following reports of a disturbance. A 35-year-old woman was taken to hospital. A man was arrested at the scene.
---
Shoutout to our Special Constables who gave 3,200 hours of their own time in Newham this year. If you'd like to volunteer, search "Met Specials". @MPSNewham
---
Statement from the family of {{Hope Nwosu}}: "{{Hope}} was our sunshine. We ask that the media respect our privacy at this terrible time."
---
We're looking for {{Conor Mac Giolla Bhríde}}, 30, in connection with an assault outside a pub on Kilburn High Road. He is 5ft 10in, stocky, with red hair and an Irish accent. Call 101 ref 1187/23MAR.
---
Catch of the day 🎣 Our marine unit pulled two stolen bikes out of the Regent's Canal near Broadway Market. If they're yours, email us with proof of ownership.
---
Safer Schools Officer PC {{Ben Adeleke}} with pupils at Lister Community School after a talk about online safety. Thanks for having us!
---
Wanted: {{Nikolai Ivanov}}, 44, DOB {{dob:03/11/1979}}, wanted for failing to appear at court for fraud offences. Believed to be in the Walthamstow area.
---
Help us trace {{Zainab Mahmood}}, 16, missing from Ilford since 19 April. She was last seen at Gants Hill station. She wears glasses and a black hijab. {{Zainab}}, please call us or text a friend.
---
The Met's Violence Suppression Unit arrested 12 people in Lewisham and Greenwich this week and seized two firearms. #LewishamSafe
---
If you've lost a family member or friend to suicide, Samaritans are there 24/7 on 116 123. You don't have to go through it alone.
---
Officers arrested a man on Broadway Market after a member of the public, {{Olumide}}, spotted him trying car door handles and called 999. Thanks {{Olumide}}!
---
Victim of crime? @VictimSupport offer free, confidential help whether or not you reported it to police. Call 0808 1689 111.
---
WANTED: Do you know {{Ahmed 'Shorty' Al-Rashid}}? Aged 26, he's wanted for a series of robberies in Brent Park. Call 101 or @CrimestoppersUK.
---
Happy retirement to PC {{Sandra Mullins}}, who hangs up her hat after 32 years policing Waltham Forest! Cake was eaten. Tears were shed.
---
We have a new phone scam doing the rounds: texts saying your parcel couldn't be delivered and asking you to pay a £1.45 fee. Don't click the link. Forward the text to 7726.
---
A woman has been jailed after she repeatedly stalked her ex-partner. {{Kerry-Ann Thompson}}, 36, of Norwood, breached a restraining order 14 times.
---
Our Harrow Neighbourhood Team found a lost tortoise called Speedy wandering down Station Road this morning. Speedy has been reunited with his owners. He was not speeding.
---
Do you recognise the man in these images? We'd like to speak to him about an indecent exposure on the Northern line between Camden Town and Kentish Town. Call @BTP on 0800 40 50 40 or text 61016.
---
Paying tribute to {{Grant Mensah}}, a beloved youth worker from Tottenham who died this week. {{Grant}} worked with us on our youth engagement programme for ten years.
---
Ealing CID are investigating a series of burglaries in Hanwell where jewellery was targeted. Residents of Cuckoo Avenue and Greenford Avenue, please check your doorbell cameras.
---
MISSING: Have you seen {{Rose}}? She's 12 and was last seen at Lewisham shopping centre with a friend. She has a distinctive pink school bag. Call 999 ref 24MIS013001.
---
UPDATE: Thank you for sharing our appeal. {{Rose}} has been found safe.
---
Guilty: {{Wei Zhang}}, 33, and {{Xiaoming Chen}}, 29, were convicted of running a cannabis factory above a shop on Walworth Road.
---
Calling all Brent businesses 🏪 Join our Shopwatch scheme and get free radios to talk to other retailers and officers. Sign up at Wembley police station.
---
We're working with @HackneyCouncil on a crackdown on fly-tipping in Homerton. Anyone caught dumping rubbish faces a fine of up to £1,000.
---
A man has been arrested after a woman was sexually assaulted in Haringey. The victim, {{Natasha}}, 29, waived her anonymity and said: "I want women to know they will be listened to."
---
The driver, {{Sebastian Kowalski-Hart}}, 25, of Orpington, was disqualified from driving for three years after being caught at 98mph on the A20.
---
Can you help identify this cyclist? He knocked over an elderly man on the Thames Path near Tower Bridge and rode off. Call 101 quoting 3101/15MAY.
---
We've been out with @LondonFire on Holloway Road today fitting free smoke alarms for older residents. Ask for a home fire safety visit on 0800 028 4428.
---
{{Funmilayo Bakare}}, the mother of murdered teenager {{Jamal Bakare}}, has launched a charity in his name to help young people in Croydon.
---
This is PD Luna 🐶 She's a search dog with the Met and just found £40,000 of drugs hidden in a car in Thornton Heath. Good girl! @MPSDogs
---
Arrest made: A 16-year-old boy was arrested on suspicion of robbery in Catford on Saturday evening. Enquiries continue.
---
"It took me 20 minutes to get my bike back thanks to the Met's cycle team," says local resident {{Amara Nwachukwu}}. Register your bike at BikeRegister to give yourself the same chance.
---
Our Tooting Safer Neighbourhood team held a knife arch at Tooting Broadway station today with @BTP. No weapons found 👍
---
We're appealing for information about a hit-and-run on Barking Road at 21:30 on Tuesday. A 14-year-old boy was injured. The car, a silver Vauxhall Corsa, index {{vehicle:BD17 VGH}}, was later found abandoned.
---
Police Constable {{Ifeoma Eze}} spent her day off helping a lost elderly gentleman find his way home from Forest Hill station. She says it was nothing. It wasn't.
---
If you see something that doesn't feel right on the train, text @BTP on 61016. See it. Say it. Sorted.
---
WANTED | Officers in Southwark would like to speak to {{Leon Forbes}}, 31, about a stabbing in Camberwell. {{Forbes}} is described as black, 6ft 2in and of slim build. Call 999 if you see him.
---
A teenage girl was robbed of her mobile phone at knifepoint at a bus stop on Lea Bridge Road. Anyone with information is asked to call 101 quoting CAD 5588/18May.
---
Thank you to Mr and Mrs {{Okoro}} for letting us use their front garden as a lookout post during a drugs operation in Tulse Hill! We brought biscuits.
---
The Met will be at Newham Mela this weekend in Central Park, East Ham. Come and say hello to our Community Engagement Team and meet PH Duke the police horse.
---
Motorcyclist {{Arjun Patel}}, 19, has died after a collision with a lorry on the A13 near Beckton. Our thoughts are with his family. Witnesses, please call 020 8345 3865.
---
Online shopping fraud is up 30% this year. Buy from trusted sellers, pay by credit card and never transfer money to someone you've only met online. @actionfrauduk
---
Missing from Tower Hamlets: {{Rahima Khatun}}, 17. {{Rahima}} was last seen at Shadwell DLR station at 3pm on Sunday. She speaks Bengali and English. Call 101 quoting 24MIS013377.
---
Our officers in Hammersmith have been out with the Street Pastors tonight, supporting people leaving clubs on King Street. Stay safe and look out for your mates.
---
Sentenced: {{Callum Whelan}}, 28, of {{address:31 Brockley Rise}}, {{postcode:SE23 1JN}}, was jailed for 4 years for supplying heroin and crack cocaine in Lewisham.
---
"Our message is simple: if you carry a knife, you will be caught," said Superintendent {{Olu Adeyinka}}, who leads policing in Hackney and Tower Hamlets.
---
📢 Public meeting: Ward panel for Stamford Hill West on Tuesday 7pm at Stamford Hill Library. Tell us your priorities for the next three months.
---
Have you seen {{Dorota}}? She's 42 and was last seen in Walthamstow Village wearing a red coat. Her family say it's out of character. Call 999 quoting 24MIS014420.
---
A driver who hit a pedestrian on Lewisham Way and drove off has been jailed. {{Ashley Griffiths}}, 27, was also banned from driving for five years.
---
Reminder: Hoverboards and e-scooters (other than rental ones) are illegal on public roads and pavements. We will seize them. @TfL
---
Easter egg hunt at Beckenham Place Park! 🐣 Our Safer Neighbourhood team will be hiding eggs from 10am on Saturday. Bring the kids, the dog and your wellies.
---
{{Abdirahman Farah}}, 20, has been charged with attempted murder after a man was stabbed outside Hayes & Harlington station. He will appear at Uxbridge Magistrates' Court today.
---
Thanks to {{Bogdan}}, a bus driver on the 207 route in Southall, who spotted a missing 9-year-old and kept her safe until officers arrived.
---
Water safety warning 🌊 With the hot weather, please don't swim in the Thames, the canals or reservoirs. Cold water shock can kill even strong swimmers.
---
Our detective team has been nominated for a Pride of London award for Operation Cranberry, which dismantled a county lines network running from Deptford.
---
Can anyone help? We found this teddy bear at Greenwich Park on Sunday. Someone little must be missing him. Collect from Greenwich police station. 🧸
---
APPEAL: {{Marlon Joseph}} (known as "{{Smokey}}"), 39, is wanted for breaching his licence conditions. He has links to Brixton, Stockwell and Kennington.
---
The victim, {{Layla Hassan}}, was walking her dog on Tooting Common when she was approached by a man who grabbed her. She fought him off. We're looking for witnesses.
---
Our Facebook Live Q&A with Borough Commander Chief Superintendent {{James Conway}} is tonight at 7pm. Send your questions in the comments.
---
Happy Diwali to everyone celebrating across Southall, Wembley and Ilford! 🪔 Enjoy the festivities and stay safe with fireworks.
---
You asked, we listened 👂 More patrols on Roman Road following your feedback at the last ward panel. Let us know what you think.
---
A 25-year-old man has been charged with burglary after a break-in at {{address:56 Amhurst Road}}, {{postcode:E8 2AW}}, last Tuesday.
---
Do you know this woman? Officers believe she may have information about a fraud targeting elderly people in Harrow. Call 101 ref 2200/01JUN.
---
HORSE POWER 🐎 PH Clyde and PH Quantum helped patrol the crowds at Wembley Stadium for the FA Cup semi-final. 10/10 for behaviour (the horses, anyway).
---
WANTED: {{Jerome Blackwood}}, 22, known as "{{J-Dog}}". Wanted for robbery in Thornton Heath. Call 999, do not approach.
---
The family of {{Siobhan McNamara}}, who died following a collision in Kentish Town, have released a photograph and asked for privacy.
---
Police Staff Investigator {{Nadia Rahman}} said: "This case shows that we will pursue those who exploit vulnerable people, however long it takes."
---
Thanks to everyone who came along to our coffee with a cop morning at Hackney Wick. Special thanks to Mother's Café for the coffee ☕
---
ALERT: Reports of a distraction burglar in Chingford claiming to be from the water board. Always ask for ID and call the company to check. Don't let anyone in who you weren't expecting.
---
Charged: {{Patrick Byrne}}, 54, and {{Eamon Byrne}}, 51, of Cricklewood, have been charged with conspiracy to commit fraud. They appear at Willesden Magistrates' today.
---
{{Mustafa}} from the Turkish barbers on Green Lanes flagged down our officers after seeing a man with a knife. Quick thinking that may have saved a life. Thank you.
---
Did you know you can report anonymously to Crimestoppers? They never ask your name and can't trace your call. 0800 555 111 or via their website.
---
Met Police Cadets from Lewisham volunteered at the Lewisham People's Day festival this weekend. Proud of you all!
---
Court result: Former care worker {{Lorraine Fitzgerald}}, 58, of Bromley, has been jailed for stealing £23,000 from elderly residents.
---
Quick reminder that we don't use WhatsApp to ask for money. If someone claiming to be us contacts you like this, it's a scam. Report it to Action Fraud.
---
Any information about the disappearance of {{Thi Lan Nguyen}}, 19, from Hackney? She was last seen near Hackney Downs. Her friends call her "{{Lanny}}". Please call 101.
---
MISSING PERSON: {{Dylan}}, 11, missing from Eltham. {{Dylan}} is white, 4ft 9in, with short blond hair. He was wearing a blue Chelsea shirt. Please call 999 quoting 24MIS015555.
---
PC {{Yusuf Demir}} and PC {{Chloe Barrett}} delivered a baby in the back of a car on the A2 at 3am today! Mum and baby are doing well. All in a night's work.
---
#OperationNightHawk: Our officers arrested 18 people for drink and drug driving in Croydon over the Christmas period. Don't risk it.
---
The new Wanstead police contact point is now open every Wednesday from 6pm to 8pm at Wanstead Library, Spratt Hall Road.
---
APPEAL FOR WITNESSES: A woman in her 40s, named locally as {{Bernadette Quinn}}, was found seriously injured at her home in Cricklewood on Sunday morning.
---
Mr {{Iqbal}}'s shop in Forest Gate was the target of a racially motivated attack last week. We stand with him and the community. Hate crime will not be tolerated.
---
Sgt {{Vikram Malhotra}} and his team hosted an iftar at Walthamstow mosque last night. Thank you to everyone who welcomed us.
---
Mind the phone snatchers! 📱 Thieves on mopeds are targeting people using their phones near kerbs in Shoreditch and Old Street. Keep your phone inside when walking near the road.
---
SENTENCED: {{Tiago Ferreira}}, 30, of Stockwell was jailed for 3 years for dangerous driving after a police pursuit through Vauxhall and Kennington.
---
Officers have been called to reports of a man with a weapon on Bethnal Green Road. A man has been arrested and there is no ongoing risk to the public.
---
Children's Mental Health Week: If a young person in your life is struggling, Childline is there on 0800 1111. Free, confidential, 24/7.
---
Wanted for theft: {{Ciprian Lungu}}, 37, is believed to be sleeping rough in the Stratford area. He's linked to a string of bike thefts at Westfield.
---
"Don't park across dropped kerbs, folks." – a message from the parking team in Ealing, who have had a very long week.
---
Detective Sergeant {{Obinna Chukwu}} said: "We're determined to find whoever is responsible for the death of {{Kieran}}. Somebody knows something."
---
Our thoughts are with the family of {{Kieran Dempsey}}, 17, who died in hospital after being attacked in Walthamstow. An 18-year-old man has been charged with murder.
---
Road closure update: Holloway Road has now reopened in both directions following the earlier police incident. Thanks for your patience.
---
DOB {{dob:12.07.2006}} – {{Kayla Martin}} has been missing from home in Brixton since Thursday. Call 101 or text {{phone:07700 900441}}.
---
Missing person {{Ahmad Noori}}, 19 ({{dob:02/05/2005}}), was last seen at Hounslow Central on Tuesday. He is Afghan and speaks Pashto and some English.
---
{{DANIEL OKORO}}, 23, OF PLAISTOW, HAS BEEN CHARGED WITH ROBBERY. HE WILL APPEAR AT STRATFORD MAGISTRATES' COURT TOMORROW.
---
A huge thank you to the Bangladeshi community at Brick Lane Mosque, who raised £3,000 for the Met Police Benevolent Fund.
---
Winter is coming ❄️ Thieves steal cars left running to defrost. Stay with your car or use a scraper. It takes two minutes.
---
We're looking for a woman called {{Krystyna}} who may have witnessed an assault at Walthamstow Central bus station on 12 May. {{Krystyna}}, if you see this, please call 101.
---
Happy 100th birthday to {{Albert Hargreaves}}, a Second World War veteran from Eltham, who we visited with PH Jasper today 🎂 What a gentleman!
---
Our cycle team is out in Hyde Park and on the Embankment this morning. Say hi if you see us – and please remember your lights.
---
Arrested: A man, {{Obi}}, 33, was arrested in Woolwich for possession of a knife. He has been charged and remanded in custody.
---
{{Victoria Ashworth-Jones}}, 47, a former school business manager, was jailed for stealing £120,000 from St Mary's Primary in Islington.
---
Beat the burglar 🏠 Dark evenings = opportunity for burglars. Use timer switches, close curtains and keep keys away from the letterbox. Free timer switches at Southwark Police Station this week.
---
A big thank you to the residents of Rectory Road who came out with cups of tea for our officers during the long cordon yesterday. Much appreciated ❤️
---
Do you know {{Jamie Sullivan}}? He's 41 and wanted on suspicion of grievous bodily harm after an assault at a pub on Essex Road. Call 101 ref 4420/25JUN.
---
Officers on foot patrol in Wood Green arrested a man wanted on recall to prison after they recognised him from our wanted posters. Nice spot!
---
"We know families are worried about youth violence in Harlesden," said Inspector {{Camille Dubois}}. "That's why we are working with schools and youth clubs every day."
---
Rainbow crossings painted in Soho for Pride 🏳️‍🌈 Our LGBT+ liaison officers will be at Trafalgar Square all afternoon. @metpoliceuk
---
Found: a black Labrador in Springfield Park. No collar or chip. He is safe with us at Stoke Newington police station. Do you know his owner?
---
MISSING | {{Marcus 'Mazza' Delaney}}, 16, from Deptford. He may be using public transport to travel to Kent. If you see him please call 999. #Find{{Marcus}}
---
A man has been jailed for stealing charity collection tins from shops in Bexleyheath. {{Lee Tranter}}, 44, admitted 11 thefts.
---
Our neighbourhood officers in Barnet are running a free Cyber Safety Session for older people at Hendon Library on Monday, 2pm. No computer skills needed!
---
Could you be a Volunteer Police Cadet leader? We're recruiting in Hackney and Islington. Find out more at our open evening at Shoreditch police station.
---
Thanks to {{Emeka}} and {{Blessing Oduya}}, who found a missing 5-year-old in Brockwell Park and stayed with him until his mum arrived.
---
Serious collision: Edgware Road is closed between Marble Arch and Sussex Gardens. A man in his 60s has been taken to hospital. Diversions in place.
---
The victim's mother, Ms {{Hadiza Bello}}, said she was "relieved justice had been done" after {{Kelvin Osei}}, 20, was jailed for life at the Old Bailey.
---
Hackney's Gangs Unit has secured 14 criminal behaviour orders this year. Those subject to the orders are banned from entering parts of Dalston and Homerton.
---
If you're worried about someone being radicalised, call the Anti-Terrorist Hotline on 0800 789 321 or visit ACT Early. #ActEarly
---
SUSPECT SOUGHT: Do you know {{Vasile Constantin}}, 32? He is wanted over a £50,000 jewellery theft from a shop in Hatton Garden. Call 101 quoting ref 01/77123/24.
---
Police dog Oscar found a missing 80-year-old man in undergrowth in Epping Forest after a four-hour search 🐕 Oscar got extra biscuits tonight.
---
Saturday night on Clapham High Street 🌙 Our officers will be out with the Welfare and Vulnerability Engagement team. Look after each other.
---
Help needed: we're trying to trace {{Siddharth Menon}}, a witness to a collision on Western Avenue. He stopped to help but left before officers arrived. {{Siddharth}}, please get in touch.
---
Missing: {{Mercy Appiah}}, 58, from Tottenham Hale. She has Alzheimer's and may be disorientated. Call 999 ref 24MIS016101.
---
Bike stolen? Check the Facebook marketplace group 'Stolen Bikes London' and report any sightings to us — never confront the seller yourself.
---
Officers arrested two men in Enfield Town after they tried to sell a stolen car to an undercover officer. Nice work, team!
---
We've launched a new operation, Operation Harbour, to tackle anti-social behaviour along the River Lea towpath between Hackney Marshes and Springfield Park.
---
Today we remember PC {{Keith Palmer}}, who gave his life protecting Parliament on 22 March 2017. We will never forget.
---
Court: {{Aaliyah Mensah-Boateng}}, 18, of Peckham was sentenced to a youth rehabilitation order for her role in an attack on a fellow pupil.
---
Community alert: Pickpockets are active around Camden Market. Keep bags zipped and phones in your front pocket.
---
We'd like to speak to {{Faisal Chaudhary}}, 29, of Southall, about a serious assault. He's about 5ft 8in with a beard. Call 101 ref 2901/10JUL or email {{email:cid.ealing.appeal@met.police.uk}}.
---
Congratulations to our Newham officers who completed the London Marathon for the Met Police Benevolent Fund today! 🏃‍♀️ Legs: destroyed. Spirits: high.
---
{{Natalia Kuznetsova}} has thanked the officers who found her missing son in Barking Park on Friday night. Her son is safe and well.
---
APPEAL | A 21-year-old man was shot in the leg on the Stonebridge estate on Saturday night. His injuries are not life-threatening. Did you see or hear anything? Call 101 or Crimestoppers anonymously.
---
Our partners at @NewhamLondon are running free self-defence classes for women at East Ham Leisure Centre this month. Book now!
---
It's National Police Dog Day 🐾 Meet PD Kaiser, PD Storm and PD Hugo – three of the hardest working members of our team in Haringey.
---
Chief Inspector {{Siobhan Keane}} has been appointed as the new neighbourhood policing lead for Ealing, Hounslow and Hillingdon.
---
Thanks to the keen-eyed {{Pat}} who called us about a suspicious van on Harrow Road. The van was full of stolen copper cable 💪
---
WANTED: Officers in Croydon are looking for {{Kemar Reid}} (pictured), 35, who breached a domestic violence protection order. Do not approach; call 999.
---
The A12 Blackwall Tunnel northbound is closed due to a broken-down lorry. Please use alternative routes. @TfLTrafficNews
---
We're aware of a video circulating on social media from Tottenham Court Road last night. The incident is being investigated and a man has been arrested.
---
Missing | {{Sami}}, 15, has links to the Broadwater Farm estate. He is mixed race, slim and was wearing a black tracksuit. Call 101 ref 24MIS017000.
---
Happy Eid Mubarak to all our Muslim colleagues and communities in Redbridge, Newham and Tower Hamlets! 🌙
---
JAILED | {{Mikołaj Wiśniewski}}, 31, has been jailed for 12 years for rape. He attacked a woman he met on a dating app in Croydon. DC {{Laura Fenton}} praised the victim's courage.
---
Our Hackney officers gave a talk about consent and healthy relationships to students at BSix College this week. Thanks for the great discussion!
---
Spotted this sign outside a Walthamstow café: "Free coffee for police, nurses and anyone who's had a rough day." Cheers, Lloyd Park Café!
---
Charged: {{Kamal Uddin}}, 27, of Poplar, with possession of an offensive weapon after officers stopped his car, {{vehicle:LN21 OPA}}, on East India Dock Road.
---
Our Brent officers would like to thank {{Joy Alabi}}, who runs a youth football club in Stonebridge, for inviting them to train with the under-12s. We lost 8–2.
---
Reports of a man exposing himself to women on Streatham Common. If you have seen anything, call 101 quoting 6301/03AUG. We'll be increasing patrols.
---
A man who sent hundreds of abusive messages to his ex-wife has been jailed. {{Harvey Lindqvist}}, 39, of Chiswick, also breached a restraining order. Call 0808 2000 247 for support.
---
Missing teenager {{Daisy-Mae Collins}}, 14, has been found safe in Margate. Thanks for your help.
---
We're recruiting! 👮 Join the Met as a police constable in Lewisham and Greenwich. Apply via the Met careers site.
---
Have you seen {{Ngozi}}? She's 33 and was last seen at Catford Bridge station. She's believed to be with her partner, {{Gbenga}}. We need to check she's okay.
---
Road closure: Tottenham High Road will be closed between Lordship Lane and White Hart Lane on Saturday from 10am for the Spurs match. Allow extra time.
---
Police horse Harvey is retiring after 17 years' service 🐴 He'll spend his days grazing in a field in Surrey. Thanks for everything, Harvey.
---
The family of {{Jun Li}}, who died after a fall from a balcony in Canary Wharf, have asked for privacy. The death is not being treated as suspicious.
---
Tonight on Whitechapel Road: a knife arch, a drugs dog and 26 stop and searches. 3 arrests. 2 knives seized. We'll be back.
---
The last bus has gone, the taxi rank is empty, and your phone is at 1%. Plan your journey home before a night out. #SafeNightOut
---
{{Elif Yilmaz}} was walking home along Stoke Newington High Street when a man grabbed her bag. Can you help us find him? Call 101 ref 7766/11SEP.
---
Thanks to {{handle:@jmartinez_ldn}} for sending us the dashcam clip that helped us charge a driver for careless driving on the A40. Dashcams help!
---
"We take all reports of hate crime seriously," said PC {{Rosa Hernández}}, the hate crime officer for Lewisham. "Please report it – to us or via True Vision."
---
Get ready for the Lewisham Half Marathon this Sunday! Roads in Blackheath and Lewisham will close from 7am. Full list on the council website.
---
WANTED: {{Lamar Thompson-Baptiste}}, 23, for robbery in Clapham Junction. Also known as "{{Lamz}}". Please call 999 if you see him.
---
Fireworks at Alexandra Palace go ahead tonight 🎆 Expect road closures around Muswell Hill and Wood Green. Don't drive if you can avoid it.
---
Fraud prevention: If a caller claims to be from your bank, hang up, wait 5 minutes and call the number on the back of your card. Call 159 to reach your bank safely.
---
A man who assaulted a shop worker at Sainsbury's on Kennington Road has been identified as {{Troy Barker}}, 38. He was charged after a public appeal.
---
Here's to the cleaners, caterers and custody staff at Lewisham police station who keep us going 24/7. Unsung heroes 💙
---
Grandmother {{Parveen Akhtar}} has praised Ilford officers who recovered her late husband's wedding ring after a burglary.
---
Stop and search in Hackney is intelligence-led. Last month 32% of searches led to an arrest or other outcome. See the Met stop and search dashboard for the figures.
---
APPEAL: A jogger, {{Martha}}, was assaulted on Hampstead Heath near Parliament Hill at around 6:30am on Sunday. Anyone who saw a man in a green jacket running from the area, please call 101.
---
Happy new year from all of us at @MPSLewisham! 🎉 A busy night: 14 arrests, no serious injuries. Thanks for celebrating safely.
---
Our thoughts are with everyone affected by the fire on Brixton Road last night. We're working with @LondonFire to establish the cause.
---
Congratulations to {{Sophie Tanaka}}, 16, who won our Year 11 poster competition on online safety. Her design will be used on posters across Merton.
---
Lost property 🧳 If you've left something in a black cab, contact TfL Lost Property, not the police. We don't have your umbrella. Sorry.
"""


LATE = r"""
Have you seen {{Gintare Vaitkute}}? She's 27 and went missing after a night out in Shoreditch. Her sister {{Egle}} says it's completely out of character. Call 101 ref 24MIS020301.
---
Our Clapham Safer Neighbourhood Team will be at Clapham Common bandstand on Sunday 11am–1pm. Pop by for a chat and a free bike lock voucher.
---
{{Samuel Osei-Tutu}}, 33, of Thamesmead, has been jailed for eight years after he was caught with a loaded handgun in a car on Plumstead High Street.
---
Thank you to eagle-eyed bus driver {{Dariusz}} who spotted a vulnerable man on Waterloo Bridge and kept talking to him until we arrived.
---
ROAD CLOSED: Old Kent Road is closed northbound at the junction with Albany Road after a crash. Avoid the area. @TfLTrafficNews
---
WANTED: {{Chantelle 'Chan' Morrison}}, 29, for fraud offences against elderly victims in Bromley. Call 101 quoting 01/88210/24.
---
It's our police dog Rocco's 9th birthday today 🎂 He celebrated by finding a burglar hiding in a shed in Eltham. Good boy, Rocco.
---
The victim, 15-year-old {{Mariam}}, was robbed of her phone near Tooting Bec station. Her dad {{Hassan Ali}} said: "She is scared to go to school now."
---
Shopkeepers in Kilburn: we're holding a free security advice session at Kilburn Library on Wednesday at 10am. Bring your questions!
---
Wanted on recall to prison: {{ABDULLAHI WARSAME}}, 24, from Camden. Do not approach, call 999.
---
Superintendent {{Helen Agbaje}}: "Violence against women and girls is a priority for every officer in Southwark."
---
We're working with @BTP tonight at Stratford station. Expect to see more officers and a knife arch. Nothing to worry about.
---
Missing: {{Brandon}}, 13, from Feltham. He left home on his blue BMX on Saturday afternoon. {{Brandon}}, your mum just wants to know you're OK. Call 101.
---
Sentenced: a man who filmed women on the Victoria line has been jailed for 16 weeks. {{Owen Castellano}}, 45, of Stockwell, must also sign the sex offenders register.
---
Please don't leave your dog in a hot car. It takes minutes for a dog to die in hot weather. If you see a dog in distress, call 999.
---
PCSO {{Adaeze Nnamdi}} has been out on Deptford High Street this week talking to traders about shoplifting. Thanks for the warm welcome!
---
Have you seen this car? A silver Toyota Prius, {{vehicle:LR70 WKT}}, was used in a robbery on Kingsland High Street. Call 101 ref 4455/02OCT.
---
Enfield officers want to trace {{Nasser}}, a man in his 50s who helped a woman who was attacked in Enfield Town on Monday. He may be a vital witness.
---
Thieves are stealing number plates to use on cloned cars. Fit anti-theft screws – free at Wembley police station this Saturday.
---
{{Imogen Barclay-Fox}}, 17, from Richmond, has been found safe and well. Thank you for sharing.
---
Today PC {{Tomás Ó Briain}} ran the Ealing Half in full uniform to raise money for Mind. Respect.
---
DOB: {{dob:23/09/1998}}. {{Ruslan Aliyev}} is wanted for breach of bail. He is known to frequent Edgware and Burnt Oak.
---
Follow @MPSCroydon for updates on tonight's operation in Thornton Heath. We'll share results tomorrow.
---
{{Claire}} from Penge called us after spotting two men trying car doors on Maple Road. Both were arrested. Thanks, {{Claire}}!
---
Lost your bike in Hackney? We recovered 23 bikes from a lock-up in Homerton this week. Check our album and bring proof of ownership.
---
Murder charge: {{Kwabena Ofori}}, 22, has been charged with the murder of {{Tyler Grant}}, 18, in Walworth. {{Tyler}}'s family have been informed.
---
The Met Volunteer Police Cadets in Haringey raised £800 for Noah's Ark Children's Hospice with a sponsored walk. Amazing effort!
---
Appeal: A delivery rider, {{Mehmet}}, was assaulted and his moped stolen on Caledonian Road. He needed stitches. Call 101.
---
Happy Chinese New Year from everyone at @MPSNewham! 🐉 Our officers joined the celebrations at Stratford Centre.
---
missing: {{tyrell james-brown}}, 16, from Catford. last seen Lewisham DLR. please share #missing
---
Police horse Quantum has been named Horse of the Year at the Met awards 🏆 Quantum has patrolled every Notting Hill Carnival since 2016.
---
{{Hope Adeleye}}, the mum of a stabbing victim, will speak to pupils at Harris Academy Peckham about knife crime next week.
---
Be scam aware: fraudsters are posing as HMRC and threatening arrest. HMRC will never call you to demand payment. Report it to @actionfrauduk.
---
The man who died in the crash on the A23 at Streatham Hill has been named as {{Godfrey Nwankwo}}, 71. {{Godfrey}}'s family say he was "a proud grandad of nine".
---
Detective Inspector {{Sunita Rao}} said: "We believe the suspect knew the victim."
---
Catalytic converter thefts are up in Barnet. Park in a garage or well-lit area, and ask your garage about a marking kit.
---
Thank you {{Lily}} and {{Freya}} (both 10) for the lovely cards you made for officers at Bexleyheath police station 💌
---
WANTED | {{Zoltan Farkas}} (also known as "{{Zoli}}") is wanted for a burglary in Harrow on the Hill. Call 999 if you see him.
---
Event: Safer Streets walkabout with councillors in Loughborough Junction, Thursday 6pm, meeting at the railway arches.
---
The owner of a Lewisham café, Mrs {{Adunni Bello}}, was threatened with a knife during a robbery. We arrested a 19-year-old man within an hour.
---
It's Hate Crime Awareness Week. If you've been targeted because of who you are, report it. You can call 101 or Stop Hate UK.
---
Big thanks to {{Ravi}} at the Chalk Farm Road off-licence who refused to sell alcohol to a group of 14-year-olds and called us when they threatened him.
---
COLLISION: Western Avenue is closed eastbound at Hanger Lane gyratory. Expect long delays. @TfL
---
{{Precious}} and {{Daniel Mensah}} have thanked officers who rescued their son from the River Thames near Putney Bridge.
---
The suspect, {{Lukasz Kaminski}}, 36, was arrested at Stansted Airport as he tried to board a flight to Warsaw.
---
Our Tower Hamlets officers played football against the youth team at Mile End Park tonight. Score: 9–3 to the kids. We demand a rematch.
---
Remember: you can report crime online 24/7 at met.police.uk. In an emergency always dial 999.
---
MISSING | {{Oluwaseun 'Seun' Adebisi}}, 19, was last seen in Woolwich Arsenal. He has links to Abbey Wood and Plumstead. Call 101.
---
A woman, {{Agnieszka Nowicka}}, 41, of Leyton, was sentenced to community service for assaulting a police officer.
---
Want to be a Special Constable? Come to our recruitment evening at Lewisham police station on Tuesday 7pm.
---
Officers from the Roads and Transport Policing Command stopped 41 vehicles on the A13 in Dagenham today. 6 arrests for no insurance.
---
{{Isaac Bloom}}, 19, of Golders Green, has been charged with a racially aggravated assault on a bus in Hendon.
---
Can you help us reunite this lost ring with its owner? It was handed in at Kentish Town police station with the inscription "{{Sam}} & {{Jo}} 2010".
---
Hot weather tips for Notting Hill Carnival: drink water, keep phones zipped away, and agree a meeting point with friends.
---
Well done to Sgt {{Nicola Farrell}} and her team for shutting down a cannabis farm in a flat above a Streatham shop.
---
Wanted: {{Mustafa Yildiz}}, 28. {{Yildiz}} is wanted for an assault in Tottenham. He has a tattoo of a lion on his neck.
---
Our Ealing Neighbourhood teams are at Ealing Common tonight for Diwali fireworks. Have fun and stay safe!
---
Baby {{Amelia}} was born in the back of a police car on the North Circular last night. Congratulations to her mum and dad!
---
Court: {{Liam O'Sullivan}}, 27, admitted dangerous driving after a chase through Hammersmith and Fulham.
---
Burglary is down 20% in Redbridge this year compared with last. Thank you to everyone who locks up and reports suspicious activity.
---
{{Yasmin}}, a pupil at Plashet School, asked us: "What do police do all night?" Answer: a lot of paperwork.
---
APPEAL: We're trying to identify a woman who tried to use a stolen bank card at a shop on Lavender Hill. Call 101 quoting 7789/04NOV.
---
Help us find {{Jasper}}, 82, missing from his care home in Wimbledon. He uses a walking stick and may be heading to Wimbledon station.
---
Police dog Blue and his handler PC {{Mark Ferreira}} tracked a suspect for two miles across Wanstead Flats.
---
Our response officers in Hounslow answered 200 calls on Friday night. It's been a busy one.
---
The family of {{Rhianna Clarke}}, 16, who died in a collision in Sydenham, have paid tribute: "{{Rhi}} was the light of our lives."
---
Reminder: The Brixton Splash event will close Coldharbour Lane and Atlantic Road from 10am on Sunday. Plan ahead.
---
{{Akua}}, 8, wrote to us asking to meet a police horse. Today she met PH Jupiter at Hyde Park stables. Dreams do come true 🐴
---
ARRESTED: Two teenagers have been arrested after a stabbing on Brixton Hill. A 17-year-old boy is in hospital.
---
We'd like to thank {{Gavin Price}}, 52, a taxi driver who blocked a getaway car in Soho with his cab. Brave (and very useful).
---
Don't be a victim of courier fraud. Your bank or the police will never send a courier to collect your card. @actionfrauduk
---
Victim's name: {{Leticia Alves}}. {{Leticia}} was 24. We continue to appeal for information about her death in Harlesden.
---
Our Hackney Youth Engagement team ran a boxing session with Fight for Peace in Dalston this week. Great to see so many young people.
---
Found: a set of keys with a Chelsea FC keyring on Mare Street. Hand-in at Stoke Newington police station.
---
{{DAVID OYELOWO-GRANT}}, 30, WAS JAILED FOR 5 YEARS FOR ROBBERY AT THE OLD BAILEY TODAY.
---
Please share: {{Mohammed}}, 16, missing from Southall. He was last seen in Hayes on Friday night wearing a black North Face jacket.
---
Ever wondered what goes on behind the scenes in a police control room? Join our live Q&A with the Met Command and Control team on Thursday.
---
We said goodbye to Sgt {{Winston Clarke}} today after 35 years at Brixton. He joined when {{Winston}} was 19 and never left. Happy retirement!
---
Tonight in Croydon: 5 arrests, 2 knives seized and a very tired police dog called Nala.
"""
