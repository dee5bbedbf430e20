"""The mentorship state machine, its guards, notifications, the completion event and badges."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from kuza.credentials.models import Assertion, AwardRule
from kuza.credentials.tests.factories import AwardRuleFactory
from kuza.mentorship import services, signals
from kuza.mentorship.models import (
    CheckIn,
    Format,
    MentorSettings,
    Mentorship,
    MentorshipRequest,
    Notification,
    TimeFrame,
)
from kuza.mentorship.services import MentorshipError
from kuza.mentorship.tests.factories import (
    MentorshipFactory,
    RequestFactory,
    mentor,
    person,
    skill,
)

pytestmark = pytest.mark.django_db
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
Status = Mentorship.Status


def ask(learner, **overrides) -> MentorshipRequest:
    values = {
        "skill": skill("wikidata"),
        "goals": "Write my first SPARQL query.",
        "languages": ["en"],
        "format": Format.CALLS,
        "time_frame": TimeFrame.ONE_MONTH,
    }
    values.update(overrides)
    return services.request_create(learner=learner, **values)


@pytest.fixture
def pair():
    learner = person("wanjiru")
    teacher = mentor("ngozi")
    request = ask(learner)
    return learner, teacher, request


def test_a_mentorship_goes_from_request_to_completion_with_check_ins_and_feedback(pair):
    learner, teacher, request = pair

    mentorship = services.mentorship_propose(learner=learner, request=request, mentor=teacher)
    assert (mentorship.status, _status(request)) == (Status.REQUESTED, "proposed")

    services.mentorship_accept(mentorship=mentorship, mentor=teacher, goals="One query a week.")
    services.checkin_add(
        mentorship=mentorship, author=learner, date=timezone.localdate(), note="First query ran."
    )
    services.mentorship_complete(mentorship=mentorship, user=teacher)
    services.feedback_give(mentorship=mentorship, author=learner, rating=5, comment="Great.")
    services.feedback_give(mentorship=mentorship, author=teacher, rating=4)

    mentorship.refresh_from_db()
    assert mentorship.status == Status.COMPLETED
    assert mentorship.goals == "One query a week."
    assert mentorship.accepted_at is not None and mentorship.ended_by == teacher
    assert _status(request) == "closed"
    assert mentorship.checkins.count() == 1
    assert sorted(mentorship.feedback.values_list("rating", flat=True)) == [4, 5]


def _status(request: MentorshipRequest) -> str:
    request.refresh_from_db()
    return request.status


@pytest.mark.parametrize(
    "status,action,message",
    [
        (Status.REQUESTED, "complete", "cannot become"),
        (Status.ACTIVE, "accept", "cannot become"),
        (Status.ACTIVE, "decline", "cannot become"),
        (Status.COMPLETED, "cancel", "cannot become"),
        (Status.DECLINED, "accept", "cannot become"),
        (Status.CANCELLED, "complete", "cannot become"),
        (Status.REQUESTED, "checkin", "active mentorship"),
        (Status.ACTIVE, "feedback", "once the mentorship is completed"),
    ],
)
def test_illegal_transitions_are_refused_with_a_clear_message(status, action, message):
    mentorship = MentorshipFactory(status=status, mentor=mentor("teacher"))
    teacher, learner = mentorship.mentor, mentorship.learner
    actions = {
        "complete": lambda: services.mentorship_complete(mentorship=mentorship, user=learner),
        "accept": lambda: services.mentorship_accept(mentorship=mentorship, mentor=teacher),
        "decline": lambda: services.mentorship_decline(mentorship=mentorship, mentor=teacher),
        "cancel": lambda: services.mentorship_cancel(mentorship=mentorship, user=learner),
        "checkin": lambda: services.checkin_add(
            mentorship=mentorship, author=learner, date=timezone.localdate(), note="Hi"
        ),
        "feedback": lambda: services.feedback_give(mentorship=mentorship, author=learner, rating=5),
    }

    with pytest.raises(MentorshipError, match=message):
        actions[action]()

    mentorship.refresh_from_db()
    assert mentorship.status == status


def test_only_the_mentor_answers_and_outsiders_cannot_act(pair):
    learner, teacher, request = pair
    mentorship = services.mentorship_propose(learner=learner, request=request, mentor=teacher)
    outsider = person("outsider")

    with pytest.raises(MentorshipError, match="Only the mentor"):
        services.mentorship_accept(mentorship=mentorship, mentor=learner)
    with pytest.raises(MentorshipError, match="does not exist"):
        services.mentorship_cancel(mentorship=mentorship, user=outsider)
    with pytest.raises(MentorshipError, match="does not exist"):
        services.checkin_add(
            mentorship=mentorship, author=outsider, date=timezone.localdate(), note="Hello"
        )
    assert Mentorship.objects.get(pk=mentorship.pk).status == Status.REQUESTED


def test_a_declined_request_looks_for_a_mentor_again_and_can_ask_someone_else(pair):
    learner, teacher, request = pair
    other = mentor("akosua")
    first = services.mentorship_propose(learner=learner, request=request, mentor=teacher)

    services.mentorship_decline(mentorship=first, mentor=teacher)
    assert _status(request) == "open"
    second = services.mentorship_propose(learner=learner, request=request, mentor=other)

    assert second.status == Status.REQUESTED
    assert Notification.objects.filter(user=learner, kind="mentorship_declined").exists()


def test_a_request_waiting_for_an_answer_cannot_ask_a_second_mentor(pair):
    learner, teacher, request = pair
    services.mentorship_propose(learner=learner, request=request, mentor=teacher)

    with pytest.raises(MentorshipError, match="not looking for a mentor"):
        services.mentorship_propose(learner=learner, request=request, mentor=mentor("akosua"))


def test_withdrawing_a_request_cancels_the_waiting_proposal(pair):
    learner, teacher, request = pair
    mentorship = services.mentorship_propose(learner=learner, request=request, mentor=teacher)

    services.request_withdraw(learner=learner, request=request)

    mentorship.refresh_from_db()
    assert (mentorship.status, _status(request)) == (Status.CANCELLED, "closed")


def test_a_mentor_at_capacity_cannot_accept_more(pair):
    learner, teacher, request = pair
    mentorship = services.mentorship_propose(learner=learner, request=request, mentor=teacher)
    MentorSettings.objects.create(user=teacher, capacity=1)
    MentorshipFactory(mentor=teacher, status=Status.ACTIVE)

    with pytest.raises(MentorshipError, match="capacity"):
        services.mentorship_accept(mentorship=mentorship, mentor=teacher)


def test_check_ins_cannot_be_dated_in_the_future():
    mentorship = MentorshipFactory()
    with pytest.raises(MentorshipError, match="future"):
        services.checkin_add(
            mentorship=mentorship,
            author=mentorship.learner,
            date=timezone.localdate() + datetime.timedelta(days=5),
            note="Later",
        )
    assert not CheckIn.objects.exists()


def test_feedback_is_given_once_per_side():
    mentorship = MentorshipFactory(status=Status.COMPLETED)
    services.feedback_give(mentorship=mentorship, author=mentorship.learner, rating=5)

    with pytest.raises(MentorshipError, match="already"):
        services.feedback_give(mentorship=mentorship, author=mentorship.learner, rating=1)
    with pytest.raises(MentorshipError, match="1 to 5"):
        services.feedback_give(mentorship=mentorship, author=mentorship.mentor, rating=6)


def test_asking_needs_the_current_code_of_conduct():
    newcomer = person("newcomer", accepted_conduct=False)

    with pytest.raises(MentorshipError, match="code of conduct"):
        ask(newcomer)
    assert not MentorshipRequest.objects.exists()


def test_requests_are_rate_limited():
    learner = person("eager")
    for _attempt in range(services.REQUESTS_PER_HOUR):
        ask(learner)

    with pytest.raises(MentorshipError, match="try again later"):
        ask(learner)
    assert MentorshipRequest.objects.count() == services.REQUESTS_PER_HOUR


def test_asking_mentors_is_rate_limited(pair):
    learner, teacher, _request = pair
    requests = RequestFactory.create_batch(services.ASKS_PER_HOUR + 1, learner=learner)
    for request in requests[:-1]:
        services.mentorship_propose(learner=learner, request=request, mentor=teacher)
        services.request_withdraw(learner=learner, request=request)

    with pytest.raises(MentorshipError, match="try again later"):
        services.mentorship_propose(learner=learner, request=requests[-1], mentor=teacher)
    assert Mentorship.objects.count() == services.ASKS_PER_HOUR


def test_the_mentor_is_notified_in_the_app_and_by_email(
    pair, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE_TASKS
    learner, teacher, request = pair

    with django_capture_on_commit_callbacks(execute=True):
        mentorship = services.mentorship_propose(learner=learner, request=request, mentor=teacher)

    notification = Notification.objects.get(user=teacher)
    assert (notification.kind, notification.url) == (
        "mentor_asked",
        f"/mentorship/{mentorship.pk}/",
    )
    assert [message.to for message in mail.outbox] == [[teacher.email]]
    assert "Wanjiru asks you to mentor them in Wikidata." in mail.outbox[0].body


def test_email_goes_out_in_the_recipients_language(settings, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE_TASKS
    learner = person("claire", languages=("fr",))
    teacher = mentor("ngozi", languages=("en", "fr"))
    request = ask(learner, languages=["fr"])
    mentorship = services.mentorship_propose(learner=learner, request=request, mentor=teacher)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.mentorship_accept(mentorship=mentorship, mentor=teacher)

    assert mail.outbox[0].to == [learner.email]
    assert "Ngozi a accepté de vous accompagner en Wikidata." in mail.outbox[0].body


def test_completion_emits_the_signal_once_with_the_mentorship():
    mentorship = MentorshipFactory()
    received = []

    def receiver(sender, mentorship, **kwargs):
        received.append((sender, mentorship.pk, mentorship.status))

    signals.mentorship_completed.connect(receiver, weak=False)
    try:
        services.mentorship_complete(mentorship=mentorship, user=mentorship.learner)
    finally:
        signals.mentorship_completed.disconnect(receiver)

    assert received == [(Mentorship, mentorship.pk, Status.COMPLETED)]


def test_completion_awards_the_configured_badges_exactly_once():
    mentor_rule = AwardRuleFactory(kind=AwardRule.Kind.MENTORSHIP_COMPLETED_MENTOR, target_key="")
    learner_rule = AwardRuleFactory(kind=AwardRule.Kind.MENTORSHIP_COMPLETED_LEARNER, target_key="")
    mentorship = MentorshipFactory()

    services.mentorship_complete(mentorship=mentorship, user=mentorship.mentor)
    mentorship.refresh_from_db()
    services.award_completion_badges(mentorship)  # a retry must not award again

    awarded = Assertion.objects.values_list("badge_class_id", "recipient_id")
    assert sorted(awarded) == sorted(
        [
            (mentor_rule.badge_class_id, mentorship.mentor_id),
            (learner_rule.badge_class_id, mentorship.learner_id),
        ]
    )


def test_cancelling_an_active_mentorship_closes_the_request_and_tells_the_other():
    mentorship = MentorshipFactory()

    services.mentorship_cancel(mentorship=mentorship, user=mentorship.learner)

    mentorship.refresh_from_db()
    assert mentorship.status == Status.CANCELLED
    assert mentorship.request.status == MentorshipRequest.Status.CLOSED
    assert Notification.objects.filter(user=mentorship.mentor, kind="mentorship_cancelled").exists()


def test_capacity_must_be_within_bounds():
    user = person("someone")
    with pytest.raises(MentorshipError):
        services.mentor_settings_save(user=user, capacity=99)
    assert services.mentor_settings_save(user=user, capacity=0).capacity == 0
