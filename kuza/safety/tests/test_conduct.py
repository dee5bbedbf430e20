"""A new code of conduct must be accepted again before a member can contact anyone."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from kuza.accounts.selectors import current_code_of_conduct
from kuza.accounts.services import conduct_accept
from kuza.accounts.tests.factories import UserFactory
from kuza.safety import selectors, services
from kuza.safety.context_processors import safety
from kuza.safety.decorators import conduct_required
from kuza.safety.models import ModerationLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    member = UserFactory(username="rehema")
    conduct_accept(user=member, conduct=current_code_of_conduct())
    return member


@pytest.fixture
def staff():
    return UserFactory(username="admin1", is_staff=True)


def _publish(staff, body: str = "Be kind. Ask before sharing photos."):
    return services.conduct_publish(publisher=staff, title="Kuza code of conduct", body=body)


def test_a_member_who_accepted_may_contact_others_until_a_new_version(member, staff):
    assert selectors.may_contact_others(member)
    services.require_current_conduct(member)

    conduct = _publish(staff)

    assert conduct.version == 2
    assert not selectors.may_contact_others(member)
    with pytest.raises(services.ConductNotAccepted, match="code of conduct has changed"):
        services.require_current_conduct(member)
    assert ModerationLogEntry.objects.filter(action="conduct_published").count() == 1


def test_visitors_and_suspended_members_may_not_contact_anyone(member):
    from django.contrib.auth.models import AnonymousUser

    assert not selectors.may_contact_others(AnonymousUser())
    member.is_active = False
    assert not selectors.may_contact_others(member)


def test_accepting_the_new_version_on_its_page(client, member, staff):
    _publish(staff)
    client.force_login(member)

    page = client.get("/safety/conduct/?next=/safety/blocked/")
    assert page.status_code == 200
    assert "Ask before sharing photos." in page.content.decode()

    response = client.post(
        "/safety/conduct/", {"version": 2, "accept": "on", "next": "/safety/blocked/"}
    )

    assert response.status_code == 302 and response["Location"] == "/safety/blocked/"
    assert selectors.may_contact_others(member)


def test_accepting_a_version_that_was_replaced_meanwhile_is_refused(client, member, staff):
    _publish(staff)
    client.force_login(member)
    _publish(staff, body="Third version.")

    client.post("/safety/conduct/", {"version": 2, "accept": "on"})

    assert not selectors.may_contact_others(member)


def test_accepting_needs_the_box_ticked(client, member, staff):
    _publish(staff)
    client.force_login(member)

    response = client.post("/safety/conduct/", {"version": 2})

    assert "Tick the box" in response.content.decode()
    assert not selectors.may_contact_others(member)


def test_the_guard_decorator_sends_members_to_accept_first(rf: RequestFactory, member, staff):
    from django.contrib.messages.storage.fallback import FallbackStorage

    @conduct_required
    def contact(request):
        return HttpResponse("contact form")

    request = rf.get("/people/5/contact/")
    request.user = member
    request.session = {}
    request._messages = FallbackStorage(request)
    assert contact(request).content == b"contact form"

    _publish(staff)
    response = contact(request)

    assert response.status_code == 302
    assert response["Location"] == "/safety/conduct/?next=%2Fpeople%2F5%2Fcontact%2F"


def test_only_staff_publish_a_new_version(client, member, staff):
    client.force_login(member)
    assert client.get("/safety/conduct/publish/").status_code == 403
    assert client.post("/safety/conduct/publish/", {"title": "t", "body": "b"}).status_code == 403
    with pytest.raises(services.NotAllowed):
        services.conduct_publish(publisher=member, title="t", body="b")

    client.force_login(staff)
    form = client.get("/safety/conduct/publish/")
    assert "Kuza code of conduct" in form.content.decode()  # starts from the current text
    client.post("/safety/conduct/publish/", {"title": "Kuza code", "body": "Version two."})

    assert current_code_of_conduct().version == 2
    assert current_code_of_conduct().body == "Version two."


def test_the_account_page_and_the_site_notice_point_to_the_acceptance_page(
    client, rf, member, staff
):
    _publish(staff)
    client.force_login(member)

    assert "/safety/conduct/" in client.get("/account/").content.decode()
    request = rf.get("/")
    request.user = member
    assert safety(request) == {"safety_conduct_outdated": True, "safety_unread_notices": 0}
    assert "/safety/conduct/" in client.get("/safety/").content.decode()


def test_the_site_notice_template_renders_both_notices(rf, member, staff):
    from django.template.loader import render_to_string

    _publish(staff)
    html = render_to_string(
        "safety/includes/site_notice.html",
        {"safety_conduct_outdated": True, "safety_unread_notices": 2},
    )

    assert "/safety/conduct/" in html and "2 messages from the moderators" in html
