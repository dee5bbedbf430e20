"""Each named measure, computed from fixtures of its source app, and hand-entered values."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from kuza.campaigns.tests.factories import CampaignFactory, ParticipantFactory, RevisionFactory
from kuza.credentials.tests.factories import AssertionFactory
from kuza.events.models import Registration
from kuza.events.tests.factories import EventFactory, RegistrationFactory
from kuza.learning import services as learning
from kuza.learning.models import Lesson
from kuza.learning.tests.factories import make_course
from kuza.programs import measures, services
from kuza.programs.models import KeyResult, Milestone, Plan, PlanNote, VisionPost
from kuza.programs.tests.factories import (
    CohortFactory,
    MemberFactory,
    PersonFactory,
    PlanFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    return CohortFactory()


def _members(cohort, count):
    return [MemberFactory(cohort=cohort) for _ in range(count)]


def test_countries_represented_counts_each_country_of_the_members_once(cohort):
    for member, country in zip(_members(cohort, 4), ["KE", "KE", "FR", ""], strict=True):
        member.user.profile.country = country
        member.user.profile.save()
    outsider = PersonFactory()
    outsider.profile.country = "SN"
    outsider.profile.save()

    assert measures.countries_represented(cohort.programme) == Decimal(2)


def test_course_completions_follow_learnings_completion_rule(cohort):
    course = make_course(with_quiz=False)
    other_course = make_course(with_quiz=False, title="Not linked")
    cohort.programme.courses.add(course)
    done, halfway, outsider = *_members(cohort, 2), MemberFactory()
    lessons = list(Lesson.objects.filter(course=course).order_by("module__position", "position"))
    for member, read in ((done, lessons), (halfway, lessons[:1]), (outsider, lessons)):
        enrolment = learning.enrolment_create(user=member.user, course=course)
        for lesson in read:
            learning.lesson_mark_read(enrolment=enrolment, lesson=lesson)
    # Completing a course the programme does not link counts for nothing.
    other = learning.enrolment_create(user=halfway.user, course=other_course)
    for lesson in Lesson.objects.filter(course=other_course):
        learning.lesson_mark_read(enrolment=other, lesson=lesson)

    assert measures.course_completions(cohort.programme) == Decimal(1)


def test_articles_created_is_the_linked_campaigns_own_figure(cohort):
    campaign = CampaignFactory()
    wiki = campaign.wikis.get()
    ParticipantFactory(campaign=campaign, wiki_username="Editor 1")
    RevisionFactory(wiki=wiki, user="Editor 1", page_id=1)
    RevisionFactory(wiki=wiki, user="Editor 1", page_id=2)
    # Improving an existing page, and a redirect, are not articles created.
    RevisionFactory(wiki=wiki, user="Editor 1", page_id=3, parentid=5, is_page_creation=False)
    RevisionFactory(wiki=wiki, user="Editor 1", page_id=4, is_redirect=True)
    cohort.programme.campaigns.add(campaign)
    unlinked = CampaignFactory(on_wikis=[wiki])
    ParticipantFactory(campaign=unlinked, wiki_username="Editor 1")

    assert measures.campaign_articles_created(cohort.programme) == 0  # not collected yet

    for each in (campaign, unlinked):
        each.last_synced_at = datetime(2025, 4, 2, tzinfo=UTC)
        each.save()
    assert measures.campaign_articles_created(cohort.programme) == Decimal(2)


def test_badges_issued_counts_members_unrevoked_badges_within_the_period(cohort):
    programme = cohort.programme
    first, second = _members(cohort, 2)
    inside = datetime(2026, 3, 1, tzinfo=UTC)
    AssertionFactory(recipient=first.user, issued_on=inside)
    AssertionFactory(recipient=second.user, issued_on=datetime(2026, 12, 31, 23, tzinfo=UTC))
    AssertionFactory(recipient=first.user, issued_on=inside, revoked_at=inside)
    AssertionFactory(recipient=first.user, issued_on=datetime(2025, 12, 31, tzinfo=UTC))
    AssertionFactory(recipient=PersonFactory(), issued_on=inside)

    assert measures.badges_issued(programme) == Decimal(2)


def test_event_participants_use_the_events_participation_rule(cohort):
    marked = EventFactory(attendance_marked_at=datetime(2026, 2, 1, tzinfo=UTC))
    unmarked = EventFactory()
    cohort.programme.events.add(marked, unmarked)
    attended = RegistrationFactory(event=marked, attended=True)
    RegistrationFactory(event=marked, attended=False)
    RegistrationFactory(event=unmarked, user=attended.user)  # counts once
    RegistrationFactory(event=unmarked)
    RegistrationFactory(event=unmarked, status=Registration.Status.WAITING)
    RegistrationFactory(event=EventFactory())  # not linked

    assert measures.event_participants(cohort.programme) == Decimal(2)


def test_active_members_counts_members_active_in_any_linked_source(cohort):
    programme = cohort.programme
    writer, poster, attendee, learner, editor, idle = _members(cohort, 6)
    plan = PlanFactory(member=writer)
    PlanNote.objects.create(plan=plan, author=writer.user, kind=PlanNote.Kind.UPDATE, body="x")
    VisionPost.objects.create(cohort=cohort, author=poster.user, body="A goal")
    event = EventFactory()
    programme.events.add(event)
    RegistrationFactory(event=event, user=attendee.user)
    RegistrationFactory(event=event)  # not a member: not counted here
    course = make_course(with_quiz=False)
    programme.courses.add(course)
    learning.enrolment_create(user=learner.user, course=course)
    campaign = CampaignFactory()
    programme.campaigns.add(campaign)
    ParticipantFactory(campaign=campaign, user=editor.user)
    # A mentor's comment makes the plan's author no more active than she was.
    PlanNote.objects.create(plan=plan, author=idle.user, kind=PlanNote.Kind.COMMENT, body="y")

    assert measures.active_members(programme) == Decimal(5)


def test_plans_and_milestones_measures(cohort):
    active = PlanFactory(member=MemberFactory(cohort=cohort), status=Plan.Status.ACTIVE)
    PlanFactory(member=MemberFactory(cohort=cohort), status=Plan.Status.DONE)
    PlanFactory(member=MemberFactory(cohort=cohort), status=Plan.Status.DRAFT)
    for status in (Milestone.Status.DONE, Milestone.Status.DONE, Milestone.Status.STARTED):
        Milestone.objects.create(plan=active, title="m", due_on=date(2026, 5, 1), status=status)

    assert measures.plans_under_way(cohort.programme) == Decimal(2)
    assert measures.milestones_done(cohort.programme) == Decimal(2)


def test_a_key_result_is_measured_live_or_entered_by_hand_with_a_source(cohort):
    organiser = cohort.programme.organisers.get()
    _members(cohort, 3)
    fields = {
        "title": "Members",
        "target": Decimal(18),
        "unit": "people",
        "deadline": date(2026, 6, 1),
    }
    live = services.key_result_save(
        programme=cohort.programme, actor=organiser,
        fields={**fields, "measure": "countries_represented", "manual_value": Decimal(99)},
    )  # fmt: skip
    manual = services.key_result_save(
        programme=cohort.programme, actor=organiser,
        fields={**fields, "measure": "", "manual_value": Decimal(6), "source_note": "Reports"},
    )  # fmt: skip

    assert live.manual_value is None
    assert measures.current_value(live) == Decimal(1)  # the factory's profiles are all in KE
    assert measures.current_value(manual) == Decimal(6)
    with pytest.raises(services.ProgrammeError):
        services.key_result_save(
            programme=cohort.programme, actor=organiser,
            fields={**fields, "measure": "", "manual_value": Decimal(6), "source_note": " "},
        )  # fmt: skip
    with pytest.raises(services.ProgrammeError):
        services.key_result_save(
            programme=cohort.programme, actor=organiser, fields={**fields, "measure": "guess"}
        )
    assert KeyResult.objects.count() == 2


def test_every_measure_has_a_label_and_a_written_definition():
    assert len(measures.all_measures()) >= 8
    for measure in measures.all_measures():
        assert str(measure.label) and len(str(measure.definition)) > 30


def test_organisers_engaged_counts_organisers_who_took_part_once_each(cohort):
    from kuza.people.models import Membership
    from kuza.people.tests.factories import MembershipFactory, OrganisationFactory

    programme = cohort.programme
    event, course, campaign = EventFactory(), make_course(with_quiz=False), CampaignFactory()
    programme.events.add(event)
    programme.courses.add(course)
    programme.campaigns.add(campaign)
    # Organisers, each by a different kind of organising and taking part in a different way.
    org_member, event_organiser, campaign_organiser, learner = (PersonFactory() for _ in range(4))
    MembershipFactory(
        user=org_member, organisation=OrganisationFactory(), role=Membership.Role.ORGANISER
    )
    MemberFactory(cohort=cohort, user=org_member)
    EventFactory(organisers=[event_organiser])
    RegistrationFactory(event=event, user=event_organiser)
    CampaignFactory(organisers=[campaign_organiser])
    ParticipantFactory(campaign=campaign, user=campaign_organiser)
    learning.enrolment_create(user=learner, course=course)
    MembershipFactory(
        user=learner, organisation=OrganisationFactory(), role=Membership.Role.ORGANISER
    )
    # The same organiser in every source counts once.
    RegistrationFactory(event=event, user=org_member)
    learning.enrolment_create(user=org_member, course=course)
    # Not counted: a cohort member who organises nothing, a plain organisation member, an
    # organiser on the waiting list, an organiser who took part in nothing linked.
    MemberFactory(cohort=cohort)
    plain = PersonFactory()
    MembershipFactory(user=plain, organisation=OrganisationFactory(), role=Membership.Role.MEMBER)
    RegistrationFactory(event=event, user=plain)
    waiting = PersonFactory()
    EventFactory(organisers=[waiting])
    RegistrationFactory(event=event, user=waiting, status=Registration.Status.WAITING)
    EventFactory(organisers=[PersonFactory()])

    assert measures.organisers_engaged(programme) == Decimal(4)


def _report_queries(programme) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kuza.programs.reporting import report_rows

    with CaptureQueriesContext(connection) as queries:
        report_rows(programme, snapshot=False)
    return len(queries)


def test_a_report_reads_each_kind_of_fact_once_whatever_its_key_results(cohort):
    programme = cohort.programme
    organiser = programme.organisers.get()
    _members(cohort, 3)
    programme.campaigns.add(CampaignFactory())
    fields = {"target": Decimal(10), "unit": "people", "deadline": date(2026, 6, 1)}

    def measure_everything(round_: int) -> None:
        for measure in measures.all_measures():
            services.key_result_save(
                programme=programme,
                actor=organiser,
                fields={**fields, "title": f"{measure.key} {round_}", "measure": measure.key},
            )

    measure_everything(1)
    once = _report_queries(programme)
    measure_everything(2)

    assert _report_queries(programme) == once  # a second key result per measure is free
    assert once <= 9  # the key results, members, a union of who took part, organisers,...
