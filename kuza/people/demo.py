"""Demo people and user groups: 200+ organisers and members across Africa and France.

Everyone gets skills, languages and a visibility: a few public profiles, most members-only
(the default), a few shared only with their mentors and organisers or kept to themselves.
Created in bulk: the demo must load in seconds.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from kuza.accounts.models import ConductAcceptance
from kuza.accounts.selectors import current_code_of_conduct
from kuza.core.demo_loader import DEMO_ORGANISER, DEMO_PASSWORD, DemoCommunity
from kuza.people.models import (
    ContactRequest,
    Membership,
    Organisation,
    OrganisationLanguage,
    OrganisationSkill,
    Profile,
    ProfileLanguage,
    SkillClaim,
    Visibility,
)
from kuza.safety.models import SafetyPreferences
from kuza.skills.models import Skill

# (country, region, given names, family names, time zone, languages): names as people there
# commonly write them. The first given names are the original demo people (fixed usernames).
PEOPLE_BY_COUNTRY = [
    ("KE", "Nairobi", ["Amina", "Wanjiru", "Achieng", "Njeri", "Atieno", "Chebet"],
     ["Odhiambo", "Kamau", "Mwangi"], "Africa/Nairobi", ["sw", "en"]),
    ("NG", "Lagos", ["Ngozi", "Funmilayo", "Aisha", "Chiamaka", "Folake", "Hauwa"],
     ["Adeyemi", "Okafor", "Bello"], "Africa/Lagos", ["en", "yo", "ig", "ha", "pcm"]),
    ("GH", "Greater Accra", ["Akosua", "Efua", "Abena", "Esi", "Adwoa"],
     ["Mensah", "Owusu", "Boateng"], "Africa/Accra", ["en", "tw", "ee"]),
    ("CM", "Centre", ["Mireille", "Nadège", "Ange", "Brigitte", "Solange"],
     ["Ngono", "Fotso", "Tchoumi"], "Africa/Douala", ["fr", "en"]),
    ("CI", "Abidjan", ["Aya", "Mariam", "Adjoua", "Affoué", "Salimata"],
     ["Kouassi", "Koné", "Yao"], "Africa/Abidjan", ["fr", "dyu"]),
    ("SN", "Dakar", ["Fatou", "Awa", "Khady", "Mame", "Ndeye"],
     ["Diop", "Ndiaye", "Sow"], "Africa/Dakar", ["fr", "wo"]),
    ("UG", "Central", ["Nakato", "Apio", "Namubiru", "Babirye", "Akello"],
     ["Nansubuga", "Okello", "Mukasa"], "Africa/Kampala", ["en", "lg", "sw"]),
    ("TZ", "Dar es Salaam", ["Neema", "Rehema", "Zawadi", "Upendo", "Imani"],
     ["Mushi", "Mollel", "Massawe"], "Africa/Dar_es_Salaam", ["sw", "en"]),
    ("ET", "Addis Ababa", ["Selam", "Hiwot", "Meron", "Bethlehem", "Tigist"],
     ["Tesfaye", "Bekele", "Girma"], "Africa/Addis_Ababa", ["am", "en", "om"]),
    ("MA", "Casablanca-Settat", ["Salma", "Khadija", "Imane", "Meryem", "Nadia"],
     ["El Idrissi", "Benali", "Amrani"], "Africa/Casablanca", ["ar", "fr", "zgh"]),
    ("TN", "Tunis", ["Yasmine", "Rim", "Asma", "Ines", "Sonia"],
     ["Trabelsi", "Ben Salah", "Gharbi"], "Africa/Tunis", ["ar", "fr"]),
    ("ZA", "Gauteng", ["Thandeka", "Lerato", "Naledi", "Palesa", "Zanele"],
     ["Dlamini", "Mokoena", "Nkosi"], "Africa/Johannesburg", ["en", "zu", "xh", "af"]),
    ("CD", "Kinshasa", ["Grâce", "Esther", "Divine", "Merveille", "Patience"],
     ["Mbuyi", "Kabongo", "Ilunga"], "Africa/Kinshasa", ["fr", "ln", "sw"]),
    ("BJ", "Littoral", ["Rosine", "Carine", "Sèna", "Edwige", "Flora"],
     ["Hounkpatin", "Agossou", "Dossou"], "Africa/Porto-Novo", ["fr", "fon"]),
    ("FR", "Île-de-France", ["Claire", "Sophie", "Léa", "Camille", "Manon"],
     ["Martin", "Bernard", "Dubois"], "Europe/Paris", ["fr", "en"]),
]  # fmt: skip

ORGANISATIONS = [
    ("wiki-women-east-africa", "Wiki Women of East Africa", Organisation.Kind.THEMATIC, "KE",
     "Women editors and organisers in Kenya, Uganda and Tanzania closing the gender gap.",
     ["sw", "en"], ["grant-writing", "board-training"], ["gender-gap-campaigning", "edit-a-thons"]),
    ("wikimedians-lagos", "Wikimedians of Lagos User Group", Organisation.Kind.USER_GROUP, "NG",
     "Edit-a-thons, training and Wikidata projects in Lagos and beyond.",
     ["en", "yo", "pcm"], ["strategic-planning", "sparql-queries"], ["wikidata", "outreach"]),
    ("wikifemmes-afrique-ouest", "WikiFemmes Afrique de l'Ouest", Organisation.Kind.THEMATIC, "SN",
     "Des contributrices du Sénégal, de Côte d'Ivoire et du Bénin.",
     ["fr", "wo"], ["online-facilitation", "project-management"], ["lessons-for-new-users"]),
    ("wikimedians-maghreb", "Wikimedians of the Maghreb", Organisation.Kind.USER_GROUP, "MA",
     "Arabic, Amazigh and French content from Morocco and Tunisia.",
     ["ar", "fr", "zgh"], ["wikicite", "conflict-resolution"], ["article-translation"]),
    ("wikimedia-france-demo", "Wikimédia France (demo)", Organisation.Kind.CHAPTER, "FR",
     "A chapter partnering with African user groups on the #SheSaid drive.",
     ["fr", "en"], ["storytelling"], ["grant-writing", "glam-partnerships", "board-training"]),
]  # fmt: skip

ORGANISATION_OF_COUNTRY = {
    "KE": "wiki-women-east-africa",
    "UG": "wiki-women-east-africa",
    "TZ": "wiki-women-east-africa",
    "NG": "wikimedians-lagos",
    "GH": "wikimedians-lagos",
    "SN": "wikifemmes-afrique-ouest",
    "CI": "wikifemmes-afrique-ouest",
    "BJ": "wikifemmes-afrique-ouest",
    "CM": "wikifemmes-afrique-ouest",
    "MA": "wikimedians-maghreb",
    "TN": "wikimedians-maghreb",
    "FR": "wikimedia-france-demo",
}

PRONOUNS = ["she/her", "elle", "", "", "she/her", "", "yeye", "هي"]
BIOS = [
    "I edit articles about women scientists and run monthly edit-a-thons.",
    "Librarian by day, **Wikidata** enthusiast by night.",
    "Teacher. I bring Wikipedia assignments into my classes.",
    "Photographer for Commons; happy to help with *batch uploads*.",
    "Organiser of our local user group; learning grant writing.",
    "",
]
CONTACT_MESSAGES = [
    "Hello! I saw you can mentor Wikidata. Could we talk about a SPARQL workshop?",
    "Habari! Ningependa kujifunza kuandika maombi ya ruzuku. Una muda mwezi huu?",
    "Bonjour, notre groupe prépare un éditathon : accepteriez-vous d'animer une session ?",
]


def _username(given: str, family: str) -> str:
    ascii_name = f"{given}.{family}".encode("ascii", "ignore").decode().lower()
    return ascii_name.replace(" ", "").replace("'", "")


def _people():
    """(username, display name, country row, position in the country, original?) for all."""
    for row in PEOPLE_BY_COUNTRY:
        _country, _region, given_names, family_names, _zone, _languages = row
        # The original demo people: one family name each, in order.
        originals = [
            (given, family_names[i % len(family_names)])
            for i, given in enumerate(given_names[: 4 if row[0] in {"KE", "NG"} else 3])
        ]
        everyone = originals + [
            (given, family)
            for given in given_names
            for family in family_names
            if (given, family) not in originals
        ]
        for index, (given, family) in enumerate(everyone):
            yield given, family, row, index


def _visibility(rng, index: int) -> int:
    if index == 0:
        return Visibility.MEMBERS  # the organisers can be found by members
    roll = rng.random()
    if roll < 0.15:
        return Visibility.PUBLIC
    if roll < 0.9:
        return Visibility.MEMBERS
    if roll < 0.96:
        return Visibility.MENTORS_AND_ORGANISERS
    return Visibility.ONLY_ME


def load(community: DemoCommunity) -> None:
    rng = community.rng
    user_model = get_user_model()
    conduct = current_code_of_conduct()
    # Hashing once: a strong hash per person would make loading the demo take minutes.
    password_hash = make_password(DEMO_PASSWORD)
    skills = {skill.slug: skill for skill in Skill.objects.all()}
    for slug, name, kind, country, description, languages, needs, offers in ORGANISATIONS:
        organisation = Organisation.objects.create(
            slug=slug, name=name, kind=kind, country=country, description=description
        )
        community.organisations[slug] = organisation
        OrganisationLanguage.objects.bulk_create(
            [OrganisationLanguage(organisation=organisation, tag=tag) for tag in languages]
        )
        OrganisationSkill.objects.bulk_create(
            [
                OrganisationSkill(organisation=organisation, skill=skills[s], kind=kind)
                for kind, slugs in (("needs", needs), ("offers", offers))
                for s in slugs
                if s in skills
            ]
        )

    people = list(_people())
    usernames = [
        DEMO_ORGANISER if row[0] == "KE" and index == 0 else _username(given, family)
        for given, family, row, index in people
    ]
    users = user_model.objects.bulk_create(
        [
            user_model(username=username, email=f"{username}@example.org", password=password_hash)
            for username in usernames
        ]
    )
    profiles, off_the_map = [], []
    for user, (given, family, row, index) in zip(users, people, strict=True):
        country, region, _given, _family, zone, _languages = row
        profile = Profile(
            user=user,
            display_name=f"{given} {family}",
            country=country,
            region=region,
            time_zone=zone,
            pronouns=rng.choice(PRONOUNS),
            bio=rng.choice(BIOS),
            availability_hours=rng.choice([None, 2, 4, 6, 8, 10, 16, 20]),
            visibility=_visibility(rng, index),
            location_visibility=Visibility.PUBLIC if rng.random() < 0.3 else Visibility.MEMBERS,
            skills_visibility=Visibility.PUBLIC if rng.random() < 0.3 else Visibility.MEMBERS,
        )
        # A few leave the capacity map (a safety preference, kept by the safety app).
        if rng.random() < 0.05:
            off_the_map.append(SafetyPreferences(user=user, hide_from_map=True))
        if rng.random() < 0.5:
            profile.wikimedia_username = f"{given}{family[:1]}".replace(" ", "")
        profiles.append(profile)
        community.users[user.username] = user
    profiles = Profile.objects.bulk_create(profiles)
    SafetyPreferences.objects.bulk_create(off_the_map)
    if conduct is not None:
        now = timezone.now()
        ConductAcceptance.objects.bulk_create(
            [ConductAcceptance(user=user, conduct=conduct, accepted_at=now) for user in users]
        )

    memberships, languages, claims = [], [], []
    skill_list = sorted(skills.values(), key=lambda skill: skill.slug)
    for user, profile, (_given, _family, row, index) in zip(users, profiles, people, strict=True):
        organisation_slug = ORGANISATION_OF_COUNTRY.get(row[0])
        if organisation_slug:
            memberships.append(
                Membership(
                    organisation=community.organisations[organisation_slug],
                    user=user,
                    role=Membership.Role.ORGANISER if index == 0 else Membership.Role.MEMBER,
                )
            )
        spoken = rng.sample(row[5], k=min(len(row[5]), rng.randint(1, 3)))
        for position, tag in enumerate(spoken):
            languages.append(
                ProfileLanguage(profile=profile, tag=tag, proficiency=4 if position == 0 else 3)
            )
        for skill in rng.sample(skill_list, k=rng.randint(2, 6)) if skill_list else []:
            level = rng.choice([None, 1, 2, 3, 4])
            wants = level is None or rng.random() < 0.2
            claims.append(
                SkillClaim(
                    profile=profile,
                    skill=skill,
                    level=level,
                    knows=level is not None,
                    wants_to_learn=wants,
                    can_mentor=bool(level and level >= 3 and rng.random() < 0.6),
                    offers_service=bool(level and level >= 3 and rng.random() < 0.25),
                )
            )
    Membership.objects.bulk_create(memberships)
    ProfileLanguage.objects.bulk_create(languages)
    SkillClaim.objects.bulk_create(claims)

    organiser = community.users[DEMO_ORGANISER]
    # The demo organiser runs the platform, so she can edit everything in the admin.
    organiser.is_staff = organiser.is_superuser = True
    organiser.save(update_fields=["is_staff", "is_superuser"])
    senders = [user for user in users if user.pk != organiser.pk][:3]
    ContactRequest.objects.bulk_create(
        [
            ContactRequest(sender=sender, recipient=organiser, message=message)
            for sender, message in zip(senders, CONTACT_MESSAGES, strict=True)
        ]
    )
