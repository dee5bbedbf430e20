"""The pages end to end: an organiser sets up a programme; a member plans, asks for support."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kuza.people.models import Membership
from kuza.people.tests.factories import OrganisationFactory
from kuza.programs.models import Milestone, Plan, PlanNote, Programme, SupportRequest
from kuza.programs.tests.factories import CohortFactory, MemberFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_an_organisation_organiser_starts_a_programme_and_builds_a_cohort(client):
    organiser, mentor, learner = PersonFactory(), PersonFactory(), PersonFactory()
    Membership.objects.create(
        organisation=OrganisationFactory(), user=organiser, role=Membership.Role.ORGANISER
    )
    client.force_login(organiser)

    response = client.post(
        reverse("programs:create"),
        {"name": "Women leaders", "description": "Plans", "language": "en",
         "starts_on": "2026-01-01", "ends_on": "2026-06-30", "listed": "on"},
    )  # fmt: skip
    programme = Programme.objects.get()
    client.post(
        reverse("programs:edit", args=[programme.pk]),
        {"name": "Women leaders", "description": "Plans", "language": "en",
         "starts_on": "2026-01-01", "ends_on": "2026-06-30", "listed": "on",
         "organisers": organiser.username, "mentors": mentor.username},
    )  # fmt: skip
    client.post(reverse("programs:cohort_add", args=[programme.pk]), {"name": "2026"})
    cohort = programme.cohorts.get()
    client.post(
        reverse("programs:member_add", args=[programme.pk]),
        {"person": learner.username, "cohort": cohort.pk, "mentor": mentor.pk},
    )

    assert response.status_code == 302
    assert list(programme.mentors.all()) == [mentor]
    member = programme.members.get()
    assert (member.user, member.mentor) == (learner, mentor)
    page = client.get(reverse("programs:manage", args=[programme.pk])).content.decode()
    assert "No plan yet" in page


def test_a_programme_cannot_end_before_it_starts_and_nothing_is_saved(client):
    organiser = PersonFactory(is_staff=True)
    client.force_login(organiser)

    response = client.post(
        reverse("programs:create"),
        {"name": "Backwards", "language": "en", "starts_on": "2026-06-01", "ends_on": "2026-01-01"},
    )

    assert (
        response.status_code == 400 and "cannot end before it starts" in response.content.decode()
    )
    assert not Programme.objects.exists()


def test_members_who_are_not_organisers_cannot_start_programmes(client):
    client.force_login(PersonFactory())

    assert client.get(reverse("programs:create")).status_code == 404


def test_a_member_writes_her_plan_with_milestones_and_updates_and_her_mentor_comments(client):
    mentor = PersonFactory()
    cohort = CohortFactory()
    cohort.programme.mentors.add(mentor)
    member = MemberFactory(cohort=cohort, mentor=mentor)
    programme = cohort.programme
    client.force_login(member.user)

    client.post(
        reverse("programs:my_plan", args=[programme.pk]),
        {"title": "Swahili science", "goal": "30 **biographies**", "audience": "Girls",
         "country": "KE", "language": "sw", "resources": ["connectivity", "childcare"],
         "status": "active", "visibility": "cohort"},
    )  # fmt: skip
    plan = Plan.objects.get()
    client.post(
        reverse("programs:milestone_add", args=[programme.pk, plan.pk]),
        {"title": "First workshop", "due_on": "2026-03-01"},
    )
    milestone = plan.milestones.get()
    client.post(
        reverse("programs:milestone_status", args=[programme.pk, plan.pk, milestone.pk]),
        {"status": "done"},
    )
    client.post(reverse("programs:note_add", args=[programme.pk, plan.pk]), {"body": "Went well"})
    client.force_login(mentor)
    client.post(reverse("programs:note_add", args=[programme.pk, plan.pk]), {"body": "Bravo"})
    page = client.get(plan.get_absolute_url()).content.decode()

    assert plan.resources == ["connectivity", "childcare"]
    assert Milestone.objects.get().status == Milestone.Status.DONE
    assert list(plan.notes.values_list("kind", "body")) == [
        (PlanNote.Kind.UPDATE, "Went well"),
        (PlanNote.Kind.COMMENT, "Bravo"),
    ]
    assert "<strong>biographies</strong>" in page and "Connectivity support" in page


def test_organisers_see_every_plan_at_a_glance(client):
    cohort = CohortFactory()
    first, second = MemberFactory(cohort=cohort), MemberFactory(cohort=cohort)
    Plan.objects.create(member=first, title="One", goal="g", status=Plan.Status.PAUSED)
    Plan.objects.create(
        member=second, title="Two", goal="g", visibility=Plan.Visibility.MENTORS,
        status=Plan.Status.DONE,
    )  # fmt: skip
    client.force_login(cohort.programme.organisers.get())

    page = client.get(reverse("programs:manage", args=[cohort.programme.pk])).content.decode()

    assert "Paused" in page and "Completed" in page
    client.force_login(first.user)
    assert client.get(reverse("programs:manage", args=[cohort.programme.pk])).status_code == 404


def test_support_requests_are_decided_by_organisers_with_totals_per_currency_and_status(client):
    member = MemberFactory()
    programme = member.programme
    url = reverse("programs:support", args=[programme.pk])
    client.force_login(member.user)
    for amount, currency in (("1500", "kes"), ("500", "KES"), ("250", "EUR")):
        client.post(
            url, {"kind": "connectivity", "amount": amount, "currency": currency, "reason": "Data"}
        )
    bad = client.post(url, {"kind": "travel", "amount": "10", "currency": "XYZ", "reason": "Bus"})
    negative = client.post(
        url, {"kind": "travel", "amount": "-5", "currency": "EUR", "reason": "x"}
    )

    assert bad.status_code == 400 and "XYZ is not an ISO 4217 currency code" in bad.content.decode()
    assert negative.status_code == 400
    assert SupportRequest.objects.count() == 3
    organiser = programme.organisers.get()
    client.force_login(organiser)
    first, second, euros = SupportRequest.objects.order_by("pk")
    client.post(reverse("programs:decide", args=[programme.pk, first.pk]), {"decision": "approve"})
    client.post(reverse("programs:decide", args=[programme.pk, second.pk]), {"decision": "decline"})
    client.post(reverse("programs:decide", args=[programme.pk, euros.pk]), {"decision": "approve"})
    # A decision is final: a second one changes nothing.
    client.post(reverse("programs:decide", args=[programme.pk, second.pk]), {"decision": "approve"})
    page = client.get(url)

    assert [row.status for row in SupportRequest.objects.order_by("pk")] == [
        "approved", "declined", "approved",
    ]  # fmt: skip
    totals = [(t.currency, t.status, t.amount) for t, _label in page.context["totals"]]
    assert totals == [
        ("EUR", "approved", Decimal("250")),
        ("KES", "approved", Decimal("1500")),
        ("KES", "declined", Decimal("500")),
    ]
    client.force_login(member.user)
    assert (
        client.post(
            reverse("programs:decide", args=[programme.pk, euros.pk]), {"decision": "decline"}
        ).status_code
        == 404
    )


def test_a_decision_without_an_answer_decides_nothing(client):
    member = MemberFactory()
    programme = member.programme
    request = SupportRequest.objects.create(
        member=member, kind="travel", amount=Decimal(10), currency="EUR", reason="Bus"
    )
    client.force_login(programme.organisers.get())

    for data in ({}, {"decision": "maybe"}):
        response = client.post(reverse("programs:decide", args=[programme.pk, request.pk]), data)
        assert response.status_code == 302
        request.refresh_from_db()
        assert request.status == SupportRequest.Status.PENDING and request.decided_by is None
    page = client.get(reverse("programs:support", args=[programme.pk]), follow=True)
    assert "Choose Approve or Decline." in page.content.decode()


def test_removing_a_member_asks_first_and_says_what_goes_with_her(client):
    member = MemberFactory()
    programme = member.programme
    plan = Plan.objects.create(member=member, title="Radio show", goal="g")
    Milestone.objects.create(plan=plan, title="m", due_on="2026-03-01")
    SupportRequest.objects.create(
        member=member, kind="travel", amount=Decimal(10), currency="EUR", reason="Bus"
    )
    client.force_login(programme.organisers.get())
    url = reverse("programs:member_remove", args=[programme.pk, member.pk])

    page = client.get(url).content.decode()

    assert "Radio show" in page and "1 milestone" in page and "1 support request" in page
    assert programme.members.exists()  # looking is not removing
    client.force_login(member.user)
    assert client.post(url).status_code == 404
    client.force_login(programme.organisers.get())
    assert client.post(url).status_code == 302
    assert not programme.members.exists() and not Plan.objects.exists()


def test_a_member_writes_her_plan_in_french_naming_the_language_as_she_says_it(client):
    member = MemberFactory()
    programme = member.programme
    client.force_login(member.user)
    url = reverse("programs:my_plan", args=[programme.pk])
    fields = {"title": "Éditathon à Douala", "goal": "Des biographies de **femmes** politiques",
              "audience": "Étudiantes", "country": "CM", "status": "active",
              "visibility": "cohort"}  # fmt: skip

    wrong = client.post(url, {**fields, "language": "Xyzzy"}, HTTP_ACCEPT_LANGUAGE="fr")
    client.post(url, {**fields, "language": "Français"}, HTTP_ACCEPT_LANGUAGE="fr")
    plan = Plan.objects.get()
    page = client.get(plan.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert wrong.status_code == 400 and "Xyzzy" in wrong.content.decode()
    assert (plan.title, plan.language, plan.country.code) == ("Éditathon à Douala", "fr", "CM")
    assert "Éditathon à Douala" in page and "<strong>femmes</strong>" in page
    assert "Cameroun" in page and "français" in page.lower()


def test_the_at_a_glance_table_counts_milestones_done_and_overdue():
    from datetime import timedelta

    from django.utils import timezone

    from kuza.programs import selectors

    cohort = CohortFactory()
    busy, idle = MemberFactory(cohort=cohort), MemberFactory(cohort=cohort)
    plan = Plan.objects.create(member=busy, title="One", goal="g")
    today = timezone.localdate()
    for days, status in (
        (-10, "done"),
        (-5, "planned"),
        (-3, "dropped"),
        (4, "started"),
        (9, "planned"),
    ):
        Milestone.objects.create(
            plan=plan, title=f"m{days}", due_on=today + timedelta(days=days), status=status
        )

    rows = {row.member: row for row in selectors.plans_at_a_glance(
        cohort.programme.organisers.get(), cohort.programme
    )}  # fmt: skip

    row = rows[busy]
    assert (row.milestones_done, row.milestones_total, row.overdue) == (1, 4, 1)
    assert row.next_milestone.title == "m-5"
    assert (rows[idle].plan, rows[idle].milestones_total) == (None, 0)
    assert selectors.plans_at_a_glance(busy.user, cohort.programme) == []
