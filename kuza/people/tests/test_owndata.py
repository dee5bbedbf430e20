import json

import pytest
from django.contrib.auth import get_user_model

from kuza.people.models import ContactRequest, Membership, Profile, ProfileLanguage, SkillClaim
from kuza.people.tests.factories import (
    ContactRequestFactory,
    LanguageFactory,
    MembershipFactory,
    OrganisationFactory,
    SkillClaimFactory,
    make_person,
    skill,
)
from kuza.safety.models import Block
from kuza.safety.selectors import preferences_of
from kuza.safety.services import block_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    profile = make_person(
        "owner", display_name="Owner Person", bio="My **bio**", pronouns="she/her", country="KE"
    )
    LanguageFactory(profile=profile, tag="sw")
    SkillClaimFactory(profile=profile, skill=skill("wikidata"), can_mentor=True)
    MembershipFactory(organisation=OrganisationFactory(slug="own-group"), user=profile.user)
    other = make_person("other", display_name="Other Person")
    ContactRequestFactory(sender=profile.user, recipient=other.user, message="Sent by me")
    ContactRequestFactory(sender=other.user, recipient=profile.user, message="Sent to me")
    block_create(blocker=profile.user, blocked=make_person("pest").user)
    return profile


def test_download_holds_everything_about_me(client, owner):
    client.force_login(owner.user)

    response = client.get("/people/me/data.json")
    data = json.loads(response.content)

    assert response["Content-Disposition"].startswith("attachment")
    assert data["account"]["username"] == "owner" and data["account"]["email"]
    assert data["profile"]["display_name"] == "Owner Person"
    assert data["profile"]["bio"] == "My **bio**"
    assert data["languages"] == [{"tag": "sw", "proficiency": 3}]
    assert data["skills"][0]["skill"] == "wikidata" and data["skills"][0]["can_mentor"]
    assert data["organisations"] == [{"organisation": "own-group", "role": "member"}]
    assert [row["message"] for row in data["contact_requests_sent"]] == ["Sent by me"]
    assert [row["message"] for row in data["contact_requests_received"]] == ["Sent to me"]
    assert [row["blocked"] for row in data["blocks"]] == ["Pest"]


def test_download_is_only_ever_my_own(client, owner):
    client.force_login(make_person("someone").user)

    data = json.loads(client.get("/people/me/data.json").content)

    assert data["account"]["username"] == "someone"
    assert "Owner Person" not in json.dumps(data)


def test_api_export_matches_the_download(client, owner):
    client.force_login(owner.user)

    assert client.get("/api/people/me/export").json()["profile"]["display_name"] == "Owner Person"
    client.logout()
    assert client.get("/api/people/me/export").status_code == 401


def test_deleting_my_account_removes_personal_data_and_keeps_an_anonymous_user(client, owner):
    user_id = owner.user_id
    client.force_login(owner.user)

    wrong = client.post("/people/me/data/", {"confirm": "not-me"})
    assert get_user_model().objects.get(pk=user_id).is_active
    assert "That is not your username." in wrong.content.decode()

    response = client.post("/people/me/data/", {"confirm": "owner"})

    assert response.status_code == 302
    user = get_user_model().objects.get(pk=user_id)
    assert user.username == f"deleted-{user_id}" and user.email == "" and not user.is_active
    assert not user.has_usable_password()
    profile = Profile.objects.get(user_id=user_id)
    assert profile.display_name == "" and profile.bio == "" and profile.pronouns == ""
    assert profile.country == "" and preferences_of(user).hide_from_map
    assert not ProfileLanguage.objects.filter(profile=profile).exists()
    assert not SkillClaim.objects.filter(profile=profile).exists()
    assert not Membership.objects.filter(user_id=user_id).exists()
    assert not ContactRequest.objects.filter(sender_id=user_id).exists()
    assert not ContactRequest.objects.filter(recipient_id=user_id).exists()
    assert not Block.objects.filter(blocker_id=user_id).exists()
    # Logged out, and gone from every listing.
    assert client.get("/people/inbox/").status_code == 302
    assert client.get(f"/people/{profile.pk}/").status_code == 404


def test_deleting_needs_post_and_a_login(client, owner):
    assert client.post("/people/me/data/", {"confirm": "owner"}).status_code == 302
    assert get_user_model().objects.get(pk=owner.user_id).is_active
