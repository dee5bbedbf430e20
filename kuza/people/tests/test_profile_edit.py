import pytest

from kuza.people.models import Profile, ProfileLanguage, SkillClaim, Visibility
from kuza.people.tests.factories import make_person, skill

pytestmark = pytest.mark.django_db

VALID = {
    "display_name": "Wanjiru K.",
    "pronouns": "she/her",
    "country": "KE",
    "region": "Nairobi",
    "time_zone": "Africa/Nairobi",
    "affiliations": "Wikimedia Kenya",
    "bio": "Hello <script>alert(1)</script> [x](javascript:alert(1)) **bold**",
    "availability_hours": "8",
    "preferred_contact": "platform",
    "wikimedia_username": "Wanjiru",
    "visibility": Visibility.PUBLIC,
    **{
        f"{name}_visibility": Visibility.MEMBERS
        for name in [
            "pronouns",
            "location",
            "time_zone",
            "languages",
            "affiliations",
            "bio",
            "availability",
            "skills",
            "wikimedia",
        ]
    },
}


def test_members_only_is_the_default_for_profile_and_fields():
    profile = make_person("fresh")
    fresh = Profile(user=profile.user)
    assert fresh.visibility == Visibility.MEMBERS
    assert fresh.skills_visibility == fresh.bio_visibility == Visibility.MEMBERS


def test_editing_my_profile_and_the_bio_is_sanitised(client):
    profile = make_person("editor")
    client.force_login(profile.user)

    response = client.post("/people/me/", VALID)
    page = client.get(f"/people/{profile.pk}/").content.decode()

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.time_zone == "Africa/Nairobi" and profile.availability_hours == 8
    assert "<strong>bold</strong>" in page
    assert "<script>alert" not in page
    assert 'href="javascript' not in page
    assert "Wanjiru ✓" not in page  # not verified: no Wikimedia login


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("time_zone", "Mars/Olympus", "No time zone is called “Mars/Olympus”"),
        ("availability_hours", "500", "less than or equal to 200"),
        ("display_name", "   ", "This field is required"),
    ],
)
def test_bad_profile_input_is_refused_with_a_message(client, field, value, message):
    profile = make_person("careful")
    client.force_login(profile.user)

    response = client.post("/people/me/", {**VALID, field: value})

    assert response.status_code == 200 and message in response.content.decode()


def test_languages_are_validated_and_shown_in_their_own_name(client):
    profile = make_person("polyglot", visibility=Visibility.PUBLIC, fields=Visibility.PUBLIC)
    client.force_login(profile.user)
    management = {"form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "0"}

    bad = client.post(
        "/people/me/languages/",
        {**management, "form-0-tag": "klingonish", "form-0-proficiency": "4"},
    )
    good = client.post(
        "/people/me/languages/",
        {
            **management,
            "form-0-tag": "sw",
            "form-0-proficiency": "4",
            "form-1-tag": "AR",
            "form-1-proficiency": "2",
            "form-2-tag": "",
            "form-2-proficiency": "1",
        },
    )
    page = client.get(f"/people/{profile.pk}/").content.decode()

    assert "is not a language we know" in bad.content.decode()
    assert good.status_code == 302
    assert set(ProfileLanguage.objects.values_list("tag", flat=True)) == {"sw", "ar"}
    assert '<span lang="sw">Kiswahili</span>' in page and "العربية" in page


def test_adding_and_removing_a_skill(client):
    profile = make_person("skilled")
    client.force_login(profile.user)

    client.post(
        "/people/me/skills/",
        {"skill": "wikicite", "level": "3", "can_mentor": "on", "evidence_url": "example.org/x"},
    )
    claim = SkillClaim.objects.get()
    page = client.get("/people/me/skills/").content.decode()
    client.post(f"/people/me/skills/{claim.pk}/delete/")

    assert claim.knows and claim.can_mentor and claim.level == 3
    assert claim.evidence_url == "https://example.org/x"
    assert "WikiCite" in page
    assert not SkillClaim.objects.exists()


def test_a_skill_needs_at_least_one_statement(client):
    profile = make_person("vague")
    client.force_login(profile.user)

    response = client.post("/people/me/skills/", {"skill": "wikicite"})

    assert "Say at least one thing" in response.content.decode()
    assert not SkillClaim.objects.exists()


def test_someone_elses_skill_cannot_be_removed(client):
    owner = make_person("owner")
    claim = SkillClaim.objects.create(profile=owner, skill=skill("wikicite"), knows=True)
    client.force_login(make_person("intruder").user)

    client.post(f"/people/me/skills/{claim.pk}/delete/")

    assert SkillClaim.objects.filter(pk=claim.pk).exists()


def test_verified_wikimedia_username_comes_from_wikimedia_login(client):
    from allauth.socialaccount.models import SocialAccount

    profile = make_person("wikimedian")
    SocialAccount.objects.create(
        user=profile.user, provider="mediawiki", uid="42", extra_data={"username": "Wanjiru"}
    )
    client.force_login(profile.user)

    client.post("/people/me/", VALID)

    profile.refresh_from_db()
    assert profile.wikimedia_verified


def test_each_visibility_choice_sits_right_after_the_fields_it_governs(client):
    profile = make_person("orderly")
    client.force_login(profile.user)

    page = client.get("/people/me/").content.decode()

    order = [
        page.index(f'name="{name}"')
        for name in [
            "display_name",
            "visibility",
            "pronouns",
            "pronouns_visibility",
            "country",
            "region",
            "location_visibility",
            "time_zone",
            "time_zone_visibility",
            "bio",
            "bio_visibility",
            "wikimedia_username",
            "wikimedia_visibility",
        ]
    ]
    assert order == sorted(order)


@pytest.mark.parametrize(
    "language,typed",
    [("en", "Nairobi"), ("en", "Kenya"), ("ar", "كينيا"), ("fr", "Africa/Nairobi")],
)
def test_the_time_zone_is_picked_by_name_in_the_readers_language(client, language, typed):
    profile = make_person("traveller")
    client.force_login(profile.user)
    client.cookies["django_language"] = language

    response = client.post("/people/me/", {**VALID, "time_zone": typed})

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.time_zone == "Africa/Nairobi"
    shown = client.get("/people/me/").content.decode()
    assert "Africa/Nairobi" not in shown.split('name="time_zone"')[1].split(">")[0]


def test_an_ambiguous_time_zone_name_lists_the_places_to_choose_from(client):
    profile = make_person("unsure")
    client.force_login(profile.user)

    page = client.post("/people/me/", {**VALID, "time_zone": "United States"}).content.decode()

    assert "Several time zones match “United States”" in page
    assert page.count("United States (") >= 2  # named places to type instead


def test_languages_are_typed_by_name_and_shown_by_name():
    from kuza.core.languages import language_display
    from kuza.people.services import normalise_language_tag

    assert [normalise_language_tag(name) for name in ["Kiswahili", "French", "العربية", "pcm"]] == [
        "sw",
        "fr",
        "ar",
        "pcm",
    ]
    for language in ["en", "fr", "ar", "sw", "pt"]:
        for tag in ["sw", "fr", "ar", "en", "ha", "am"]:
            assert normalise_language_tag(language_display(tag, language)) == tag
