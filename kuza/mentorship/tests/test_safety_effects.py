"""Safety in mentorship: reporting a mentorship, hiding it, and what a block ends."""

from __future__ import annotations

import pytest

from kuza.credentials.models import AwardRule
from kuza.credentials.selectors import rule_pending_achievements
from kuza.credentials.tests.factories import AwardRuleFactory
from kuza.mentorship import rounds, services, swapping
from kuza.mentorship.models import (
    Feedback,
    Mentorship,
    MentorshipRequest,
    Notification,
    SwapExchange,
    SwapPoolEntry,
    SwapRound,
)
from kuza.mentorship.notifications import notification_texts
from kuza.mentorship.selectors import active_mentorship_partner_ids, average_feedback
from kuza.mentorship.suggestions import rank_for
from kuza.mentorship.swaps import SwapSolverSettings
from kuza.mentorship.tests.factories import (
    MentorshipFactory,
    mentor,
    organisation_with,
    person,
    skill,
)
from kuza.mentorship.tests.test_rounds import submit
from kuza.mentorship.tests.test_services import ask
from kuza.safety import moderation
from kuza.safety import services as safety_services
from kuza.safety.models import Block, Report
from kuza.safety.tests.factories import ModeratorRoleFactory

pytestmark = pytest.mark.django_db
Status = Mentorship.Status
FAST = SwapSolverSettings(time_limit_seconds=2.0, improvement_seconds=0.5)


@pytest.fixture
def active():
    """Wanjiru is mentored by Ngozi in Wikidata; Zawadi is neither."""
    learner, teacher = person("wanjiru"), mentor("ngozi")
    mentorship = services.mentorship_propose(learner=learner, request=ask(learner), mentor=teacher)
    services.mentorship_accept(mentorship=mentorship, mentor=teacher)
    return learner, teacher, person("zawadi"), Mentorship.objects.get(pk=mentorship.pk)


def _report(client, user, mentorship, text="She insults me in our calls."):
    client.force_login(user)
    return client.post(
        f"/safety/report/mentorship/{mentorship.pk}/",
        {"description": text, "evidence_links": ""},
    )


# --- Reports ---------------------------------------------------------------------------------


def test_each_party_reports_the_mentorship_about_the_other(client, active):
    learner, teacher, _outsider, mentorship = active

    assert _report(client, learner, mentorship).status_code == 302
    assert _report(client, teacher, mentorship, "He threatens me.").status_code == 302

    reports = {report.reporter_id: report for report in Report.objects.filter(kind="mentorship")}
    assert reports[learner.pk].reported_user == teacher
    assert reports[teacher.pk].reported_user == learner
    assert "wikidata" in reports[learner.pk].target_snapshot.lower()


def test_only_its_two_people_can_report_or_even_see_the_report_form(client, active):
    _learner, _teacher, outsider, mentorship = active
    client.force_login(outsider)

    assert client.get(f"/safety/report/mentorship/{mentorship.pk}/").status_code == 404
    assert _report(client, outsider, mentorship).status_code == 404
    with pytest.raises(safety_services.SafetyError, match="no longer exists"):
        safety_services.report_create(
            reporter=outsider,
            kind="mentorship",
            target_id=mentorship.pk,
            description="Curious.",
            evidence_links="",
        )
    response = client.post(
        "/api/safety/reports",
        {"kind": "mentorship", "target_id": mentorship.pk, "description": "Curious."},
        content_type="application/json",
    )
    assert response.status_code == 400 and "no longer exists" in response.content.decode()
    assert not Report.objects.exists()
    client.logout()
    assert client.get(f"/safety/report/mentorship/{mentorship.pk}/").status_code == 302


def test_the_mentorship_page_links_its_two_people_to_the_report_form(client, active):
    learner, teacher, outsider, mentorship = active
    link = f'href="/safety/report/mentorship/{mentorship.pk}/"'
    for party in (learner, teacher):
        client.force_login(party)
        assert link in client.get(f"/mentorship/{mentorship.pk}/").content.decode()
    client.force_login(outsider)
    assert client.get(f"/mentorship/{mentorship.pk}/").status_code == 404


# --- Hiding ----------------------------------------------------------------------------------


def _hide(reporter, mentorship) -> Report:
    report = safety_services.report_create(
        reporter=reporter,
        kind="mentorship",
        target_id=mentorship.pk,
        description="A fake mentorship to push ratings.",
        evidence_links="",
    )
    moderator = ModeratorRoleFactory(organisation=None).user
    moderation.content_hide(moderator=moderator, report=report, reason="Abuse of the mentorship.")
    return report


def test_hiding_an_open_mentorship_closes_it_for_both_with_a_neutral_notice(active):
    learner, teacher, _outsider, mentorship = active
    assert teacher.pk in set(active_mentorship_partner_ids(learner))

    _hide(learner, mentorship)

    mentorship.refresh_from_db()
    assert (mentorship.status, mentorship.ended_by) == (Status.CANCELLED, None)
    assert MentorshipRequest.objects.get(pk=mentorship.request_id).status == "closed"
    assert teacher.pk not in set(active_mentorship_partner_ids(learner))
    for party in (learner, teacher):
        notice = Notification.objects.get(user=party, kind="mentorship_closed")
        ((_n, text),) = notification_texts([notice])
        assert text.startswith("The moderators closed your mentorship in")
        assert "wanjiru" not in text.lower() and "ngozi" not in text.lower()


def test_a_hidden_mentorships_feedback_stops_counting_for_the_mentor(active):
    learner, teacher, _outsider, mentorship = active
    services.mentorship_complete(mentorship=mentorship, user=learner)
    services.feedback_give(mentorship=mentorship, author=learner, rating=5)
    assert average_feedback([teacher.pk]) == {teacher.pk: 5.0}

    _hide(learner, mentorship)

    assert average_feedback([teacher.pk]) == {}
    assert Mentorship.objects.get(pk=mentorship.pk).status == Status.COMPLETED
    assert Feedback.objects.filter(mentorship=mentorship).exists()


def test_a_hidden_mentorship_earns_no_badge_from_a_rule_applied_to_the_past(active):
    learner, teacher, _outsider, mentorship = active
    services.mentorship_complete(mentorship=mentorship, user=learner)
    # Rules made after the mentorship ended: awarding them looks back at completed mentorships.
    as_mentor = AwardRuleFactory(kind=AwardRule.Kind.MENTORSHIP_COMPLETED_MENTOR, target_key="")
    as_learner = AwardRuleFactory(kind=AwardRule.Kind.MENTORSHIP_COMPLETED_LEARNER, target_key="")
    assert [a.user for a in rule_pending_achievements(as_mentor)] == [teacher]
    assert [a.user for a in rule_pending_achievements(as_learner)] == [learner]

    _hide(learner, mentorship)

    assert rule_pending_achievements(as_mentor) == []
    assert rule_pending_achievements(as_learner) == []
    assert Mentorship.objects.get(pk=mentorship.pk).status == Status.COMPLETED


# --- Blocks ----------------------------------------------------------------------------------


def _block(client, blocker, blocked):
    client.force_login(blocker)
    assert client.post(f"/safety/block/{blocked.pk}/").status_code == 302


def test_a_block_ends_an_active_mentorship_as_if_the_blocker_had_ended_it(client, active):
    learner, teacher, _outsider, mentorship = active

    _block(client, teacher, learner)

    mentorship.refresh_from_db()
    assert (mentorship.status, mentorship.ended_by) == (Status.CANCELLED, teacher)
    assert MentorshipRequest.objects.get(pk=mentorship.request_id).status == "closed"
    notice = Notification.objects.get(user=learner, kind="mentorship_cancelled")
    ((_n, text),) = notification_texts([notice])
    assert "block" not in text.lower()
    with pytest.raises(services.MentorshipError):
        services.checkin_add(
            mentorship=mentorship, author=learner, date=mentorship.created_at.date(), note="Hi"
        )
    assert teacher.pk not in set(active_mentorship_partner_ids(learner))


def test_a_mentor_blocking_a_waiting_learner_declines_and_is_never_suggested_again(client):
    learner, teacher = person("wanjiru"), mentor("ngozi")
    request = ask(learner)
    assert teacher.pk in {s.mentor_id for s in rank_for(learner=learner, skill=skill()).suggestions}
    waiting = services.mentorship_propose(learner=learner, request=request, mentor=teacher)

    _block(client, teacher, learner)

    waiting.refresh_from_db()
    assert waiting.status == Status.DECLINED
    assert MentorshipRequest.objects.get(pk=request.pk).status == "open"
    assert Notification.objects.filter(user=learner, kind="mentorship_declined").count() == 1
    ranking = rank_for(learner=learner, skill=skill(), only_user_ids=[teacher.pk])
    assert not ranking.suggestions
    with pytest.raises(services.MentorshipError, match="cannot be asked"):
        services.mentorship_propose(learner=learner, request=request, mentor=teacher)


def test_a_learner_blocking_a_mentor_withdraws_the_waiting_proposal(client):
    learner, teacher = person("wanjiru"), mentor("ngozi")
    request = ask(learner)
    waiting = services.mentorship_propose(learner=learner, request=request, mentor=teacher)
    other = MentorshipFactory(mentor=teacher)  # someone else's mentorship goes on

    _block(client, learner, teacher)

    assert Mentorship.objects.get(pk=waiting.pk).status == Status.CANCELLED
    assert Mentorship.objects.get(pk=other.pk).status == Status.ACTIVE
    assert MentorshipRequest.objects.get(pk=request.pk).status == "open"
    assert Notification.objects.filter(user=teacher, kind="mentorship_cancelled").count() == 1


def _join(username, offers, wants):
    user = person(username)
    swapping.pool_join(
        user=user, offers=[skill(offers).pk], wants=[skill(wants).pk], languages=["en"]
    )
    return user


def _run() -> SwapRound:
    return swapping.swap_round_run(round_id=SwapRound.objects.create().pk, settings=FAST)


def test_a_block_withdraws_a_proposed_exchange_and_no_run_pairs_them_again(client):
    a = _join("a", "wikidata", "grant-writing")
    b = _join("b", "grant-writing", "wikidata")
    _run()
    exchange = SwapExchange.objects.get()

    _block(client, b, a)

    exchange.refresh_from_db()
    assert exchange.status == SwapExchange.Status.DISSOLVED
    assert set(SwapPoolEntry.objects.values_list("status", flat=True)) == {"waiting"}
    assert Notification.objects.filter(user=a, kind="swap_dissolved").count() == 1
    assert not Notification.objects.filter(user=b, kind="swap_dissolved").exists()
    assert _run().people_served == 0
    assert SwapExchange.objects.count() == 1


def test_a_swap_run_drops_an_exchange_whose_people_blocked_each_other_meanwhile(monkeypatch):
    a = _join("a", "wikidata", "grant-writing")
    b = _join("b", "grant-writing", "wikidata")
    planned = swapping.plan_swaps

    def plan_then_block(participants, settings):
        plan = planned(participants, settings)
        Block.objects.create(blocker=a, blocked=b)  # while the plan was being computed
        return plan

    monkeypatch.setattr(swapping, "plan_swaps", plan_then_block)

    assert _run().people_served == 0
    assert not SwapExchange.objects.exists()


def test_a_round_sent_after_a_block_does_not_propose_that_pair():
    organiser, learner, teacher = person("amina"), person("wanjiru"), mentor("ngozi")
    organisation = organisation_with(organiser, learner, teacher)
    mentorship_round = rounds.round_create(
        organiser=organiser, organisation=organisation, title="Round"
    )
    submit(learner, mentorship_round)
    computed = rounds.round_compute(organiser=organiser, mentorship_round=mentorship_round)
    assert computed.served_count == 1

    safety_services.block_create(blocker=learner, blocked=teacher)

    assert rounds.round_send(organiser=organiser, mentorship_round=mentorship_round) == []
    assert not Mentorship.objects.filter(learner=learner, mentor=teacher).exists()


def test_a_round_sent_after_a_suspension_does_not_propose_the_suspended_mentor():
    organiser, learner, teacher = person("amina"), person("wanjiru"), mentor("ngozi")
    organisation = organisation_with(organiser, learner, teacher)
    mentorship_round = rounds.round_create(
        organiser=organiser, organisation=organisation, title="Round"
    )
    submit(learner, mentorship_round)
    rounds.round_compute(organiser=organiser, mentorship_round=mentorship_round)

    type(teacher).objects.filter(pk=teacher.pk).update(is_active=False)

    assert rounds.round_send(organiser=organiser, mentorship_round=mentorship_round) == []
    assert not Mentorship.objects.filter(mentor=teacher).exists()
