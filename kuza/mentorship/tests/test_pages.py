"""Pages: the learner's and mentor's flow, privacy of check-ins, organiser permissions, budget."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kuza.core.pagecheck import check_page
from kuza.core.tests.test_page_budget import assert_within_budget, crawl
from kuza.mentorship import rounds, services
from kuza.mentorship.models import CheckIn, Mentorship, MentorshipRequest, SwapExchange
from kuza.mentorship.tests.factories import (
    MentorshipFactory,
    mentor,
    organisation_with,
    person,
    skill,
)

pytestmark = pytest.mark.django_db


def test_a_learner_finds_asks_and_a_mentor_accepts_through_the_pages(client):
    learner = person("wanjiru", languages=("sw",))
    teacher = mentor("achieng", languages=("sw", "en"))
    client.force_login(learner)

    response = client.post(
        reverse("mentorship:find"),
        {
            "skill": skill("wikidata").pk,
            "goals": "Write my first query.",
            "languages": "sw",
            "format": "calls",
            "time_frame": "1m",
        },
    )
    request = MentorshipRequest.objects.get(learner=learner)
    assert response.url == reverse("mentorship:request", args=[request.pk])
    page = client.get(response.url).content.decode()
    assert "Achieng" in page and "Speaks Kiswahili, one of your languages." in page

    response = client.post(reverse("mentorship:request_ask", args=[request.pk, teacher.pk]))
    mentorship = Mentorship.objects.get()
    assert response.url == reverse("mentorship:detail", args=[mentorship.pk])

    client.force_login(teacher)
    assert "Waiting for your answer" in client.get(reverse("mentorship:home")).content.decode()
    client.post(reverse("mentorship:accept", args=[mentorship.pk]), {"goals": ""})
    client.post(
        reverse("mentorship:checkin", args=[mentorship.pk]),
        {"date": "2026-01-15", "note": "We met."},
    )
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ACTIVE
    assert CheckIn.objects.get().note == "We met."


def test_an_illegal_action_shows_its_message_and_changes_nothing(client):
    mentorship = MentorshipFactory(status=Mentorship.Status.REQUESTED)
    client.force_login(mentorship.learner)

    response = client.post(reverse("mentorship:complete", args=[mentorship.pk]), follow=True)

    assert "cannot become" in response.content.decode()
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.REQUESTED


def test_check_ins_and_goals_are_visible_to_the_two_people_only(client):
    mentorship = MentorshipFactory(goals="Secret goal")
    CheckIn.objects.create(
        mentorship=mentorship, author=mentorship.learner, date="2026-01-01", note="Private note"
    )
    url = reverse("mentorship:detail", args=[mentorship.pk])
    organiser = person("organiser")
    organisation_with(organiser, mentorship.learner, mentorship.mentor)
    staff = person("staff")
    staff.is_staff = True
    staff.save()

    for party in (mentorship.learner, mentorship.mentor):
        client.force_login(party)
        page = client.get(url).content.decode()
        assert "Private note" in page and "Secret goal" in page
    for outsider in (person("stranger"), organiser, staff):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.post(reverse("mentorship:checkin", args=[mentorship.pk])).status_code == 404
        listed = client.get("/api/mentorship/mentorships").json()
        assert listed == []
    client.logout()
    assert client.get(url).status_code == 302


@pytest.fixture
def round_setup():
    organiser = person("organiser")
    member = person("member")
    other_organiser = person("other")
    organisation = organisation_with(organiser, member)
    organisation_with(other_organiser, slug="another-group")
    staff = person("staff")
    staff.is_staff = True
    staff.save()
    mentorship_round = rounds.round_create(
        organiser=organiser, organisation=organisation, title="Round one"
    )
    return {
        "organiser": organiser,
        "member": member,
        "other": other_organiser,
        "staff": staff,
        "round": mentorship_round,
    }


@pytest.mark.parametrize(
    "who,list_status,detail_status,compute_status",
    [
        ("anonymous", 302, 302, 302),
        ("member", 403, 403, 403),
        ("other", 200, 403, 403),
        ("organiser", 200, 200, 302),
        ("staff", 200, 200, 302),
    ],
)
def test_organiser_pages_permissions(
    client, round_setup, who, list_status, detail_status, compute_status
):
    if who != "anonymous":
        client.force_login(round_setup[who])
    mentorship_round = round_setup["round"]

    assert client.get(reverse("mentorship:rounds")).status_code == list_status
    assert (
        client.get(reverse("mentorship:round", args=[mentorship_round.pk])).status_code
        == detail_status
    )
    response = client.post(reverse("mentorship:round_compute", args=[mentorship_round.pk]))
    assert response.status_code == compute_status
    mentorship_round.refresh_from_db()
    assert (mentorship_round.status == "computed") == (who in {"organiser", "staff"})


@pytest.mark.parametrize(
    "who,status", [("anonymous", 302), ("member", 403), ("organiser", 200), ("staff", 200)]
)
def test_swap_round_pages_permissions(client, round_setup, who, status):
    if who != "anonymous":
        client.force_login(round_setup[who])
    assert client.get(reverse("mentorship:swap_rounds")).status_code == status
    response = client.post(reverse("mentorship:swap_round_start"))
    assert response.status_code == (302 if status == 200 else status)


def test_exchange_pages_are_for_their_members_only(client, demo_community):
    exchange = SwapExchange.objects.first()
    member = exchange.members.first().user
    url = reverse("mentorship:exchange", args=[exchange.pk])
    client.force_login(member)
    assert client.get(url).status_code == 200
    client.force_login(person("stranger"))
    assert client.get(url).status_code == 404
    assert client.post(reverse("mentorship:exchange_answer", args=[exchange.pk])).status_code == 404


@pytest.mark.parametrize("language,direction", [("en", "ltr"), ("ar", "rtl")])
def test_every_mentorship_page_fits_the_budget_without_script(
    client, demo_community, language, direction
):
    client.cookies["django_language"] = language
    client.force_login(demo_community.users["amina"])

    # Mentorship's pages link to one another: the same 17 pages are reached as by a crawl
    # of the whole site (400 pages, the other apps' pages left to their own crawls).
    reports = crawl(client, "/mentorship/", within="/mentorship/")

    urls = {report.url for report in reports}
    mentorship_pages = {url for url in urls if url.startswith("/mentorship/")}
    expected = {
        "/mentorship/",
        "/mentorship/find/",
        "/mentorship/requests/",
        "/mentorship/swaps/",
        "/mentorship/swaps/exchanges/",
        "/mentorship/swaps/rounds/",
        "/mentorship/rounds/",
        "/mentorship/notifications/",
        "/mentorship/settings/",
    }
    assert expected <= mentorship_pages
    assert any(url.startswith("/mentorship/rounds/") and url[-2].isdigit() for url in urls)
    ours = [report for report in reports if report.url.startswith("/mentorship/")]
    assert_within_budget(ours)
    assert {(report.lang, report.direction) for report in ours} == {(language, direction)}


def test_a_request_page_with_suggestions_fits_the_budget(client, demo_community):
    learner = demo_community.users["wanjiru.kamau"]
    client.force_login(learner)
    response = client.post(
        reverse("mentorship:find"),
        {
            "skill": skill("wikidata").pk,
            "goals": "Learn Wikidata.",
            "languages": "sw, en",
            "format": "chat",
            "time_frame": "3m",
        },
    )
    page = client.get(response.url)

    report = check_page(response.url, page.content)
    assert not report.problems()
    assert "Suggested mentors" in report.main_text


def test_the_demo_has_mentorships_in_every_state_a_round_and_proposed_exchanges(demo_community):
    amina = demo_community.users["amina"]
    mine = Mentorship.objects.filter(learner=amina) | Mentorship.objects.filter(mentor=amina)
    statuses = set(mine.values_list("status", flat=True))
    assert {"active", "completed", "requested"} <= statuses
    assert CheckIn.objects.filter(mentorship__status="active").exists()
    assert mine.get(status="completed").feedback.count() == 2
    assert demo_community.organisations[
        "wiki-women-east-africa"
    ].mentorship_rounds.get().status == ("open")
    assert SwapExchange.objects.filter(status="proposed", members__user=amina).exists()


def test_mentorship_is_in_the_navigation_for_members_only(client):
    client.force_login(person("member"))
    assert 'href="/mentorship/"' in client.get("/").content.decode()
    client.logout()
    assert 'href="/mentorship/"' not in client.get("/").content.decode()


def test_withdrawing_from_the_request_page(client):
    learner = person("wanjiru")
    request = services.request_create(
        learner=learner,
        skill=skill(),
        goals="x",
        languages=[],
        format="chat",
        time_frame="1m",
    )
    client.force_login(learner)
    client.post(reverse("mentorship:request_withdraw", args=[request.pk]))
    request.refresh_from_db()
    assert request.status == MentorshipRequest.Status.CLOSED
    client.force_login(person("other"))
    response = client.post(reverse("mentorship:request_withdraw", args=[request.pk]))
    assert response.status_code == 404
