"""Public badge pages, the backpack, and who sees whose name."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kuza.accounts.tests.factories import UserFactory
from kuza.credentials import selectors, services
from kuza.credentials.models import Assertion
from kuza.credentials.tests.factories import AssertionFactory, BadgeClassFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder():
    user = UserFactory(username="hiwot")
    user.profile.display_name = "Hiwot Girma"
    user.profile.save()
    return user


def page(client, assertion, **params) -> tuple[int, str]:
    response = client.get(f"/badges/assertions/{assertion.uuid}/", params)
    return response.status_code, response.content.decode()


def test_a_private_badge_page_confirms_the_badge_without_naming_the_holder(client, holder):
    assertion = AssertionFactory(recipient=holder, evidence_url="https://example.org/hiwot")
    client.force_login(UserFactory())

    status, html = page(client, assertion)

    assert status == 200
    assert "Valid" in html and assertion.badge_class.name in html
    assert "Hiwot" not in html and "hiwot" not in html
    assert "The holder has not made their name public." in html
    assert "badge.png" not in html


def test_anonymous_visitors_do_not_see_the_name_of_a_private_badge_either(client, holder):
    status, html = page(client, AssertionFactory(recipient=holder))

    assert status == 200 and "Hiwot" not in html


def test_the_holder_sees_their_own_name_and_downloads(client, holder):
    assertion = AssertionFactory(recipient=holder)
    client.force_login(holder)

    _status, html = page(client, assertion)

    assert "Hiwot Girma" in html and "badge.png" in html


def test_a_public_badge_names_its_holder_to_anyone(client, holder):
    assertion = AssertionFactory(recipient=holder, is_public=True)

    _status, html = page(client, assertion)

    assert "Hiwot Girma" in html


def test_the_certificate_code_reveals_the_name_only_when_it_is_right(client, holder):
    assertion = AssertionFactory(recipient=holder)
    code = selectors.certificate_key(assertion)

    _status, wrong = page(client, assertion, code="0" * len(code))
    _status, right = page(client, assertion, code=code)

    assert "Hiwot" not in wrong
    assert "Hiwot Girma" in right and "The certificate code is correct" in right


def test_revoked_and_expired_badges_say_so(client, holder):
    revoked = AssertionFactory(recipient=holder)
    services.assertion_revoke(
        assertion=revoked, actor=UserFactory(is_staff=True), reason="Awarded twice."
    )
    expired = AssertionFactory(
        recipient=holder, expires_at=timezone.now() - timedelta(days=1), is_public=True
    )

    _status, revoked_html = page(client, revoked)
    _status, expired_html = page(client, expired)

    assert "Revoked" in revoked_html and "Awarded twice." in revoked_html
    assert "Expired" in expired_html and "This badge expired on" in expired_html


def test_the_holder_makes_a_badge_public_and_private_again(client, holder):
    assertion = AssertionFactory(recipient=holder)
    client.force_login(holder)

    client.post(f"/badges/assertions/{assertion.uuid}/visibility/", {"public": "1"})
    assertion.refresh_from_db()
    assert assertion.is_public
    client.post(f"/badges/assertions/{assertion.uuid}/visibility/", {"public": "0"})
    assertion.refresh_from_db()
    assert not assertion.is_public


def test_nobody_else_can_change_a_badge_visibility(client, holder):
    assertion = AssertionFactory(recipient=holder)
    client.force_login(UserFactory(is_staff=True))

    response = client.post(f"/badges/assertions/{assertion.uuid}/visibility/", {"public": "1"})

    assertion.refresh_from_db()
    assert response.status_code == 404 and not assertion.is_public


def test_visibility_changes_need_post(client, holder):
    assertion = AssertionFactory(recipient=holder)
    client.force_login(holder)

    assert client.get(f"/badges/assertions/{assertion.uuid}/visibility/").status_code == 405


def test_the_backpack_lists_only_my_badges_with_share_links(client, holder):
    mine = AssertionFactory(recipient=holder)
    theirs = AssertionFactory()
    client.force_login(holder)

    html = client.get("/badges/backpack/").content.decode()

    assert mine.badge_class.name in html and theirs.badge_class.name not in html
    assert f"/badges/assertions/{mine.uuid}/" in html


def test_the_backpack_is_for_members(client):
    response = client.get("/badges/backpack/")

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_baked_downloads_of_private_badges_are_for_the_holder_only(client, holder):
    private = AssertionFactory(recipient=holder)
    public = AssertionFactory(recipient=holder, is_public=True)

    assert client.get(f"/badges/assertions/{private.uuid}/badge.png").status_code == 404
    assert client.get(f"/badges/assertions/{public.uuid}/badge.png").status_code == 200
    client.force_login(holder)
    assert client.get(f"/badges/assertions/{private.uuid}/badge.svg").status_code == 200


def test_issuer_and_badge_class_pages_are_public(client):
    badge_class = BadgeClassFactory(criteria="Write **three** articles.")
    AssertionFactory(badge_class=badge_class)

    issuer_html = client.get(f"/badges/issuers/{badge_class.issuer.uuid}/").content.decode()
    class_html = client.get(f"/badges/classes/{badge_class.uuid}/").content.decode()
    index_html = client.get("/badges/").content.decode()

    assert badge_class.name in issuer_html and "1 holder" in issuer_html
    assert "<strong>three</strong>" in class_html
    assert badge_class.issuer.name in index_html


def test_the_badge_image_is_served_with_a_locked_down_policy(client):
    badge_class = BadgeClassFactory()

    response = client.get(f"/badges/classes/{badge_class.uuid}/image.svg")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response.content.startswith(b"<svg")


def test_deleting_an_account_keeps_the_badge_verifiable_without_a_name(client, holder):
    assertion = AssertionFactory(recipient=holder, is_public=True)
    holder.delete()

    json_response = client.get(f"/badges/assertions/{assertion.uuid}.json")
    _status, html = page(client, Assertion.objects.get(pk=assertion.pk))

    assert json_response.status_code == 200
    assert "Hiwot" not in html
