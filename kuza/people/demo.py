"""Demo people and user groups: organisers and members across Africa and France."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from kuza.accounts.selectors import current_code_of_conduct
from kuza.accounts.services import conduct_accept
from kuza.core.demo_loader import DEMO_ORGANISER, DEMO_PASSWORD, DemoCommunity
from kuza.people.models import Membership, Organisation, Profile

# (country, region, given names, family names): names as people there commonly write them.
PEOPLE_BY_COUNTRY = [
    ("KE", "Nairobi", ["Amina", "Wanjiru", "Achieng", "Njeri"], ["Odhiambo", "Kamau", "Mwangi"]),
    ("NG", "Lagos", ["Ngozi", "Funmilayo", "Aisha", "Chiamaka"], ["Adeyemi", "Okafor", "Bello"]),
    ("GH", "Greater Accra", ["Akosua", "Efua", "Abena"], ["Mensah", "Owusu", "Boateng"]),
    ("CM", "Centre", ["Mireille", "Nadège", "Ange"], ["Ngono", "Fotso", "Tchoumi"]),
    ("CI", "Abidjan", ["Aya", "Mariam", "Adjoua"], ["Kouassi", "Koné", "Yao"]),
    ("SN", "Dakar", ["Fatou", "Awa", "Khady"], ["Diop", "Ndiaye", "Sow"]),
    ("UG", "Central", ["Nakato", "Apio", "Namubiru"], ["Nansubuga", "Okello", "Mukasa"]),
    ("TZ", "Dar es Salaam", ["Neema", "Rehema", "Zawadi"], ["Mushi", "Mollel", "Massawe"]),
    ("ET", "Addis Ababa", ["Selam", "Hiwot", "Meron"], ["Tesfaye", "Bekele", "Girma"]),
    ("MA", "Casablanca-Settat", ["Salma", "Khadija", "Imane"], ["El Idrissi", "Benali", "Amrani"]),
    ("TN", "Tunis", ["Yasmine", "Rim", "Asma"], ["Trabelsi", "Ben Salah", "Gharbi"]),
    ("ZA", "Gauteng", ["Thandeka", "Lerato", "Naledi"], ["Dlamini", "Mokoena", "Nkosi"]),
    ("CD", "Kinshasa", ["Grâce", "Esther", "Divine"], ["Mbuyi", "Kabongo", "Ilunga"]),
    ("BJ", "Littoral", ["Rosine", "Carine", "Sèna"], ["Hounkpatin", "Agossou", "Dossou"]),
    ("FR", "Île-de-France", ["Claire", "Sophie", "Léa"], ["Martin", "Bernard", "Dubois"]),
]

ORGANISATIONS = [
    (
        "wiki-women-east-africa",
        "Wiki Women of East Africa",
        Organisation.Kind.THEMATIC,
        "KE",
        "Women editors and organisers in Kenya, Uganda and Tanzania closing the gender gap.",
    ),
    (
        "wikimedians-lagos",
        "Wikimedians of Lagos User Group",
        Organisation.Kind.USER_GROUP,
        "NG",
        "Edit-a-thons, training and Wikidata projects in Lagos and beyond.",
    ),
    (
        "wikifemmes-afrique-ouest",
        "WikiFemmes Afrique de l'Ouest",
        Organisation.Kind.THEMATIC,
        "SN",
        "Des contributrices du Sénégal, de Côte d'Ivoire et du Bénin.",
    ),
    (
        "wikimedians-maghreb",
        "Wikimedians of the Maghreb",
        Organisation.Kind.USER_GROUP,
        "MA",
        "Arabic, Amazigh and French content from Morocco and Tunisia.",
    ),
    (
        "wikimedia-france-demo",
        "Wikimédia France (demo)",
        Organisation.Kind.CHAPTER,
        "FR",
        "A chapter partnering with African user groups on the #SheSaid drive.",
    ),
]

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


def _username(given: str, family: str) -> str:
    ascii_name = f"{given}.{family}".encode("ascii", "ignore").decode().lower()
    return ascii_name.replace(" ", "").replace("'", "")


def load(community: DemoCommunity) -> None:
    user_model = get_user_model()
    conduct = current_code_of_conduct()
    # Hashing once: a strong hash per person would make loading the demo take minutes.
    password_hash = make_password(DEMO_PASSWORD)
    for slug, name, kind, country, description in ORGANISATIONS:
        community.organisations[slug] = Organisation.objects.create(
            slug=slug, name=name, kind=kind, country=country, description=description
        )
    for country, region, given_names, family_names in PEOPLE_BY_COUNTRY:
        for index, given in enumerate(given_names):
            family = family_names[index % len(family_names)]
            is_demo_organiser = country == "KE" and index == 0
            username = DEMO_ORGANISER if is_demo_organiser else _username(given, family)
            user = user_model.objects.create(
                username=username, email=f"{username}@example.org", password=password_hash
            )
            Profile.objects.create(
                user=user, display_name=f"{given} {family}", country=country, region=region
            )
            if conduct is not None:
                conduct_accept(user=user, conduct=conduct)
            organisation_slug = ORGANISATION_OF_COUNTRY.get(country)
            if organisation_slug:
                Membership.objects.create(
                    organisation=community.organisations[organisation_slug],
                    user=user,
                    role=Membership.Role.ORGANISER if index == 0 else Membership.Role.MEMBER,
                )
            community.users[username] = user
    organiser = community.users[DEMO_ORGANISER]
    # The demo organiser runs the platform, so she can edit everything in the admin.
    organiser.is_staff = organiser.is_superuser = True
    organiser.save(update_fields=["is_staff", "is_superuser"])
