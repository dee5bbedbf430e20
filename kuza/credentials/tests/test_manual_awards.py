"""Organisers award badges by hand, one person or a CSV file, and revoke them."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from kuza.accounts.tests.factories import UserFactory
from kuza.campaigns.tests.factories import CampaignFactory
from kuza.credentials.models import Assertion, AwardRule
from kuza.credentials.tests.factories import (
    AssertionFactory,
    BadgeClassFactory,
    MembershipFactory,
)
from kuza.people.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_and_badge():
    membership = MembershipFactory(user=UserFactory(username="rehema"))
    badge_class = BadgeClassFactory(issuer__organisation=membership.organisation)
    return membership.user, badge_class


def manage_url(badge_class, action: str = "") -> str:
    return f"/badges/manage/classes/{badge_class.uuid}/{action}"


def test_an_organiser_awards_a_badge_to_one_member(client, organiser_and_badge):
    organiser, badge_class = organiser_and_badge
    learner = UserFactory(username="zawadi")
    client.force_login(organiser)

    response = client.post(
        manage_url(badge_class, "award/"),
        {"person": "zawadi", "evidence_url": "https://example.org/work", "narrative": "Great"},
    )

    assert response.status_code == 302
    assertion = Assertion.objects.get(recipient=learner)
    assert (assertion.badge_class, assertion.awarded_by) == (badge_class, organiser)
    assert assertion.evidence_url == "https://example.org/work"


def test_awarding_the_same_person_again_is_a_no_op(client, organiser_and_badge):
    organiser, badge_class = organiser_and_badge
    UserFactory(username="zawadi")
    client.force_login(organiser)

    client.post(manage_url(badge_class, "award/"), {"person": "zawadi"})
    response = client.post(manage_url(badge_class, "award/"), {"person": "zawadi"}, follow=True)

    assert Assertion.objects.count() == 1
    assert "already holds this badge" in response.content.decode()


def test_an_unknown_username_is_reported_on_the_form(client, organiser_and_badge):
    organiser, badge_class = organiser_and_badge
    client.force_login(organiser)

    response = client.post(manage_url(badge_class, "award/"), {"person": "nobody"})

    assert response.status_code == 400
    assert "Nobody you can see matches" in response.content.decode()
    assert Assertion.objects.count() == 0


def test_a_csv_awards_everyone_listed_and_reports_each_bad_row(client, organiser_and_badge):
    organiser, badge_class = organiser_and_badge
    for username in ("amina", "neema", "selam"):
        UserFactory(username=username)
    UserFactory(username="noemail", email="")
    AssertionFactory(
        badge_class=badge_class, recipient=UserFactory(username="holder"), achievement_key="manual"
    )
    csv_text = (
        "username,evidence\n"
        "amina,https://example.org/amina\n"
        "ghost\n"
        "Neema\n"
        "amina\n"
        "selam,not a link\n"
        "noemail\n"
        "holder\n"
    )
    client.force_login(organiser)

    response = client.post(
        manage_url(badge_class, "award-csv/"),
        {"file": SimpleUploadedFile("people.csv", csv_text.encode(), "text/csv")},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert sorted(
        Assertion.objects.filter(badge_class=badge_class).values_list(
            "recipient__username", flat=True
        )
    ) == ["amina", "holder", "neema"]
    assert Assertion.objects.get(recipient__username="amina").evidence_url == (
        "https://example.org/amina"
    )
    assert "Awarded: 2. Already held: 1. Problems: 4." in page
    for line, problem in [
        (3, "No active member has this username."),
        (5, "Listed already on line 2."),
        (6, "The evidence is not a web address (http or https)."),
        (7, "noemail has no email address to receive a badge."),
    ]:
        assert f"<td>{line}</td>" in page
        assert problem in page


def test_the_csv_report_is_worded_in_the_reader_s_language(client, organiser_and_badge):
    organiser, badge_class = organiser_and_badge
    UserFactory(username="amina")
    client.force_login(organiser)
    client.cookies["django_language"] = "sw"

    response = client.post(
        manage_url(badge_class, "award-csv/"),
        {"file": SimpleUploadedFile("people.csv", b"amina\nghost\namina\n", "text/csv")},
    )

    page = response.content.decode()
    with translation.override("sw"):
        for problem in (
            translation.gettext("No active member has this username."),
            translation.gettext("Listed already on line %(line)s.") % {"line": 1},
        ):
            assert problem in page
    assert "No active member has this username." not in page


def test_uploading_the_same_csv_twice_awards_nobody_twice(client, organiser_and_badge):
    organiser, badge_class = organiser_and_badge
    UserFactory(username="amina")
    UserFactory(username="neema")
    client.force_login(organiser)
    upload = b"amina\nneema\n"

    client.post(
        manage_url(badge_class, "award-csv/"), {"file": SimpleUploadedFile("a.csv", upload)}
    )
    response = client.post(
        manage_url(badge_class, "award-csv/"), {"file": SimpleUploadedFile("a.csv", upload)}
    )

    assert Assertion.objects.count() == 2
    assert "Awarded: 0. Already held: 2. Problems: 0." in response.content.decode()


def test_a_file_that_is_not_utf8_is_refused_with_a_clear_error(client, organiser_and_badge):
    organiser, badge_class = organiser_and_badge
    client.force_login(organiser)

    response = client.post(
        manage_url(badge_class, "award-csv/"),
        {"file": SimpleUploadedFile("a.csv", "amina\nréka\n".encode("utf-16"))},
    )

    assert response.status_code == 400
    assert "Save the file as UTF-8 text." in response.content.decode()


@pytest.mark.parametrize("role", [None, Membership.Role.MEMBER, "other-organisation"])
def test_people_who_do_not_organise_the_issuer_cannot_award_or_configure(
    client, organiser_and_badge, role
):
    _organiser, badge_class = organiser_and_badge
    outsider = UserFactory(username="outsider")
    UserFactory(username="target")
    if role == Membership.Role.MEMBER:
        MembershipFactory(user=outsider, organisation=badge_class.issuer.organisation, role=role)
    elif role == "other-organisation":
        MembershipFactory(user=outsider)
    client.force_login(outsider)

    responses = [
        client.get(manage_url(badge_class)),
        client.post(manage_url(badge_class, "award/"), {"person": "target"}),
        client.post(
            manage_url(badge_class, "award-csv/"),
            {"file": SimpleUploadedFile("a.csv", b"target\n")},
        ),
        client.post(
            manage_url(badge_class, "rules/"),
            {"achievement": f"{AwardRule.Kind.COURSE_COMPLETED}:"},
        ),
        client.get(f"/badges/manage/issuers/{badge_class.issuer.uuid}/"),
    ]

    assert [response.status_code for response in responses] == [403] * 5
    assert Assertion.objects.count() == 0
    assert AwardRule.objects.count() == 0


def test_an_organiser_configures_award_rules(client, organiser_and_badge):
    organiser, badge_class = organiser_and_badge
    CampaignFactory(slug="shesaid", name="#SheSaid")
    client.force_login(organiser)
    shesaid = f"{AwardRule.Kind.CAMPAIGN_PARTICIPATION}:shesaid"

    missing_threshold = client.post(manage_url(badge_class, "rules/"), {"achievement": shesaid})
    saved = client.post(manage_url(badge_class, "rules/"), {"achievement": shesaid, "threshold": 5})
    rule = AwardRule.objects.get()
    paused = client.post(manage_url(badge_class, f"rules/{rule.pk}/"), {"active": "0"})

    assert missing_threshold.status_code == 400
    assert "A campaign rule needs a threshold." in missing_threshold.content.decode()
    assert saved.status_code == paused.status_code == 302
    rule.refresh_from_db()
    assert (rule.kind, rule.target_key, rule.threshold, rule.is_active) == (
        "campaign_participation",
        "shesaid",
        5,
        False,
    )


def test_an_organiser_creates_a_badge_class_with_aligned_skills(client, organiser_and_badge):
    organiser, badge_class = organiser_and_badge
    client.force_login(organiser)

    response = client.post(
        f"/badges/manage/issuers/{badge_class.issuer.uuid}/",
        {
            "name": "Wikidata Ready",
            "description": "Can model items on Wikidata.",
            "criteria": "Create 20 items.",
            "valid_for_days": "365",
            "alignments": "Wikidata editing | https://www.wikidata.org/wiki/Q2013\n",
        },
    )

    created = badge_class.issuer.badge_classes.get(name="Wikidata Ready")
    assert response.status_code == 302
    assert created.alignments == [
        {"targetName": "Wikidata editing", "targetUrl": "https://www.wikidata.org/wiki/Q2013"}
    ]
    assert created.valid_for_days == 365


def test_revoking_needs_a_reason_and_is_published(client, organiser_and_badge):
    organiser, badge_class = organiser_and_badge
    assertion = AssertionFactory(badge_class=badge_class)
    client.force_login(organiser)
    url = f"/badges/manage/assertions/{assertion.uuid}/revoke/"

    empty = client.post(url, {"reason": "  "})
    done = client.post(url, {"reason": "Awarded by mistake."})

    assertion.refresh_from_db()
    assert empty.status_code == 200 and done.status_code == 302
    assert assertion.is_revoked and assertion.revocation_reason == "Awarded by mistake."


def test_only_organisers_may_revoke(client, organiser_and_badge):
    _organiser, badge_class = organiser_and_badge
    assertion = AssertionFactory(badge_class=badge_class)
    client.force_login(assertion.recipient)

    response = client.post(
        f"/badges/manage/assertions/{assertion.uuid}/revoke/", {"reason": "I want to"}
    )

    assertion.refresh_from_db()
    assert response.status_code == 403 and not assertion.is_revoked


def test_an_organiser_starts_issuing_for_their_organisation_only(client):
    membership = MembershipFactory()
    other = MembershipFactory(role=Membership.Role.MEMBER, user=membership.user)
    client.force_login(membership.user)

    started = client.post("/badges/manage/start/", {"organisation": membership.organisation.slug})
    refused = client.post("/badges/manage/start/", {"organisation": other.organisation.slug})
    platform = client.post("/badges/manage/start/", {})

    assert started.status_code == 302
    assert membership.organisation.badge_issuer.name == membership.organisation.name
    assert refused.status_code == 403 and platform.status_code == 403
