"""The home: what Kuza offers for a visitor; what waits and what is next for a member."""

import pytest
from django.urls import reverse

from kuza.core import home
from kuza.core.home import HomeItem
from kuza.people.models import ContactRequest
from kuza.people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_a_visitor_sees_an_entry_to_every_capability(client):
    page = client.get("/").content.decode()

    for path in ("/people/", "/learn/", "/campaigns/", "/events/", "/library/", "/badges/"):
        assert f'href="{path}"' in page, path
    # Members-only capabilities are offered too, through sign-up and then straight to them.
    for path in ("/mentorship/", "/mentorship/swaps/", "/programmes/", "/surveys/", "/translate/"):
        assert f'href="/accounts/signup/?next={path.replace("/", "%2F")}"' in page, path
    assert "Skill swaps" in page and "Translation" in page


def test_a_member_sees_what_waits_for_them_and_the_menu_counts_it(client):
    member = make_person("zawadi", display_name="Zawadi Mrema").user
    sender = make_person("baraka", display_name="Baraka Otieno").user
    ContactRequest.objects.create(sender=sender, recipient=member, message="Hello")
    client.force_login(member)

    page = client.get("/").content.decode()

    assert "Welcome, <bdi>Zawadi Mrema</bdi>" in page
    waiting = page[page.index('id="waiting"') : page.index('id="next"')]
    assert "Baraka Otieno" in waiting and "wants to get in touch" in waiting
    assert f'href="{reverse("people:inbox")}"' in waiting
    assert '<span class="count"' in page and ">1</span>" in page


def test_a_member_with_nothing_waiting_is_told_where_to_start(client):
    client.force_login(make_person("juma").user)

    page = client.get("/").content.decode()

    assert "Nothing waits for your answer." in page
    assert reverse("mentorship:find") in page and reverse("learning:catalogue") in page
    assert '<span class="count"' not in page


def test_a_blocked_senders_request_waits_for_no_one(client):
    from kuza.safety.services import block_create

    member = make_person("zawadi").user
    sender = make_person("baraka", display_name="Baraka Otieno").user
    ContactRequest.objects.create(sender=sender, recipient=member, message="Hello")
    block_create(blocker=member, blocked=sender)
    client.force_login(member)

    assert "Baraka Otieno" not in client.get("/").content.decode()


@pytest.fixture
def provider():
    calls = []

    def items(user):
        calls.append(user)
        return [HomeItem(title=f"item {n}", url="/", reason="why") for n in range(9)]

    home.register(home.NEXT, "tests.many", items)
    yield calls
    home.unregister("tests.many")


def test_each_provider_contributes_at_most_the_limit_and_only_for_members(provider, client):
    member = make_person("zawadi").user

    shown = home.personal_home(member)

    assert len([item for item in shown.next if item.title.startswith("item")]) == home.LIMIT
    client.get("/")  # a visitor: providers are not asked
    assert provider == [member]


def test_a_section_that_does_not_exist_is_refused():
    with pytest.raises(ValueError):
        home.register("later", "tests.bad", lambda user: [])


def test_the_demo_members_home_is_small_in_queries(
    client, demo_community, django_assert_max_num_queries
):
    # The organiser, a mentee, the platform moderator and a member waiting for an answer.
    # Session and account (with the facts every page shows: kuza/core/viewers.py) are 2, each
    # provider 1. Site-wide cached values (the next suspension's end, the current code of
    # conduct) are read once for the whole site, as on a running site, not per person.
    client.get("/")
    for username in ("amina", "wanjiru.kamau", "thandeka.dlamini", "aisha.bello"):
        client.force_login(demo_community.users[username])
        with django_assert_max_num_queries(15):
            response = client.get("/")
        assert response.status_code == 200


def test_the_layout_reads_what_it_shows_about_the_member_with_the_account(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kuza.safety.models import MemberNotice
    from kuza.safety.selectors import unread_notice_count

    member = make_person("zawadi", display_name="Zawadi Mrema").user
    for message in ("one", "two"):
        MemberNotice.objects.create(user=member, kind=MemberNotice.Kind.WARNING, message=message)
    client.force_login(member)
    client.get("/")  # site-wide cached values

    with CaptureQueriesContext(connection) as captured:
        page = client.get("/").content.decode()

    statements = " ".join(query["sql"] for query in captured.captured_queries)
    for table in ("safety_membernotice", "safety_moderatorrole", "accounts_conductacceptance"):
        assert statements.count(f'FROM "{table}"') == 1, table  # inside the account's query
    assert "Welcome, <bdi>Zawadi Mrema</bdi>" in page
    assert "You have 2 messages from the moderators." in page
    assert unread_notice_count(member) == 2  # an account loaded without the facts asks


def test_the_demo_organiser_has_something_waiting_and_something_next(client, demo_community):
    client.force_login(demo_community.users["amina"])

    page = client.get("/").content.decode()

    waiting = page[page.index('id="waiting"') : page.index('id="next"')]
    # aisha.bello asked amina to mentor her in the demo.
    assert "A member asks you to mentor them" in waiting
    assert "Nothing planned yet" not in page
