"""The entry point other apps call when something completes, and its idempotency."""

from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections, connection

from kuza.accounts.tests.factories import UserFactory
from kuza.credentials import services
from kuza.credentials.models import Assertion, AwardRule
from kuza.credentials.tests.factories import AwardRuleFactory, BadgeClassFactory

pytestmark = pytest.mark.django_db


def test_completing_a_course_awards_the_badge_of_its_rule_with_evidence():
    rule = AwardRuleFactory(kind=AwardRule.Kind.COURSE_COMPLETED, target_key="12")
    learner = UserFactory()

    awarded = services.award_for_achievement(
        rule_kind="course_completed",
        subject_id=12,
        user=learner,
        evidence_url="https://kuza.example.org/learn/courses/12/",
    )

    assert [(a.badge_class, a.recipient, a.rule) for a in awarded] == [
        (rule.badge_class, learner, rule)
    ]
    assert awarded[0].achievement_key == "course_completed:12"
    assert awarded[0].evidence_url == "https://kuza.example.org/learn/courses/12/"


def test_repeated_triggers_for_the_same_achievement_award_once():
    AwardRuleFactory(kind=AwardRule.Kind.COHORT_COMPLETED, target_key="cohort-7")
    learner = UserFactory()

    first = services.award_for_achievement(
        rule_kind="cohort_completed", subject_id="cohort-7", user=learner
    )
    for _ in range(5):
        again = services.award_for_achievement(
            rule_kind="cohort_completed", subject_id="cohort-7", user=learner
        )
        assert [assertion.pk for assertion in again] == [assertion.pk for assertion in first]

    assert Assertion.objects.filter(recipient=learner).count() == 1


def test_each_mentorship_is_its_own_achievement_for_mentor_and_learner():
    mentor_badge = AwardRuleFactory(kind=AwardRule.Kind.MENTORSHIP_COMPLETED_MENTOR, target_key="")
    learner_badge = AwardRuleFactory(
        kind=AwardRule.Kind.MENTORSHIP_COMPLETED_LEARNER, target_key=""
    )
    mentor, learner = UserFactory(), UserFactory()

    for mentorship_id in (41, 42, 42):
        services.award_for_achievement(
            rule_kind="mentorship_mentor", subject_id=mentorship_id, user=mentor
        )
        services.award_for_achievement(
            rule_kind="mentorship_learner", subject_id=mentorship_id, user=learner
        )

    assert set(
        Assertion.objects.filter(recipient=mentor).values_list("badge_class", "achievement_key")
    ) == {
        (mentor_badge.badge_class_id, "mentorship_mentor:41"),
        (mentor_badge.badge_class_id, "mentorship_mentor:42"),
    }
    assert (
        Assertion.objects.filter(recipient=learner, badge_class=learner_badge.badge_class).count()
        == 2
    )


def test_a_once_only_badge_uses_one_achievement_key_for_every_subject():
    AwardRuleFactory(kind=AwardRule.Kind.MENTORSHIP_COMPLETED_MENTOR, target_key="")
    mentor = UserFactory()

    for mentorship_id in (1, 2, 3):
        services.award_for_achievement(
            rule_kind="mentorship_mentor",
            subject_id=mentorship_id,
            user=mentor,
            achievement_key="first-mentorship",
        )

    assert Assertion.objects.filter(recipient=mentor).count() == 1


def test_campaign_participation_awards_only_at_or_above_the_threshold():
    AwardRuleFactory(
        kind=AwardRule.Kind.CAMPAIGN_PARTICIPATION, target_key="shesaid-2026", threshold=10
    )
    editor = UserFactory()

    below = services.award_for_achievement(
        rule_kind="campaign_participation", subject_id="shesaid-2026", user=editor, value=9
    )
    unknown = services.award_for_achievement(
        rule_kind="campaign_participation", subject_id="shesaid-2026", user=editor
    )
    at = services.award_for_achievement(
        rule_kind="campaign_participation", subject_id="shesaid-2026", user=editor, value=10
    )
    above = services.award_for_achievement(
        rule_kind="campaign_participation", subject_id="shesaid-2026", user=editor, value=250
    )

    assert below == [] and unknown == []
    assert len(at) == 1 and above == at


def test_rules_for_other_targets_kinds_or_paused_rules_do_not_fire():
    AwardRuleFactory(kind=AwardRule.Kind.COURSE_COMPLETED, target_key="other-course")
    AwardRuleFactory(kind=AwardRule.Kind.COHORT_COMPLETED, target_key="12")
    AwardRuleFactory(kind=AwardRule.Kind.COURSE_COMPLETED, target_key="12", is_active=False)

    awarded = services.award_for_achievement(
        rule_kind="course_completed", subject_id="12", user=UserFactory()
    )

    assert awarded == []
    assert Assertion.objects.count() == 0


def test_one_achievement_can_earn_badges_of_several_rules():
    specific = AwardRuleFactory(kind=AwardRule.Kind.COURSE_COMPLETED, target_key="12")
    any_course = AwardRuleFactory(kind=AwardRule.Kind.COURSE_COMPLETED, target_key="")
    learner = UserFactory()

    awarded = services.award_for_achievement(
        rule_kind="course_completed", subject_id="12", user=learner
    )

    assert {assertion.badge_class for assertion in awarded} == {
        specific.badge_class,
        any_course.badge_class,
    }


def test_someone_without_an_email_is_skipped_not_failed():
    AwardRuleFactory(kind=AwardRule.Kind.COURSE_COMPLETED, target_key="12")
    learner = UserFactory(email="")

    assert (
        services.award_for_achievement(rule_kind="course_completed", subject_id="12", user=learner)
        == []
    )


def test_an_invalid_evidence_address_is_dropped_rather_than_published():
    AwardRuleFactory(kind=AwardRule.Kind.COURSE_COMPLETED, target_key="12")

    [assertion] = services.award_for_achievement(
        rule_kind="course_completed",
        subject_id="12",
        user=UserFactory(),
        evidence_url="javascript:alert(1)",
    )

    assert assertion.evidence_url == ""


def test_the_expiry_follows_the_badge_class_validity():
    rule = AwardRuleFactory(badge_class=BadgeClassFactory(valid_for_days=30))

    [assertion] = services.award_for_achievement(
        rule_kind=rule.kind, subject_id=rule.target_key, user=UserFactory()
    )

    assert (assertion.expires_at - assertion.issued_on).days == 30


def test_the_database_refuses_a_second_assertion_for_the_same_achievement():
    from django.db import IntegrityError, transaction

    rule = AwardRuleFactory()
    learner = UserFactory()
    [assertion] = services.award_for_achievement(
        rule_kind=rule.kind, subject_id=rule.target_key, user=learner
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        Assertion.objects.create(
            badge_class=assertion.badge_class,
            recipient=learner,
            achievement_key=assertion.achievement_key,
            recipient_identity=assertion.recipient_identity,
            recipient_salt=assertion.recipient_salt,
        )


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_triggers_for_one_achievement_award_exactly_once():
    rule = AwardRuleFactory(kind=AwardRule.Kind.COURSE_COMPLETED, target_key="12")
    learner = UserFactory()
    threads_count = 8
    barrier = threading.Barrier(threads_count)
    results: list[list[int]] = []
    errors: list[BaseException] = []

    def trigger() -> None:
        try:
            barrier.wait(timeout=10)
            awarded = services.award_for_achievement(
                rule_kind="course_completed", subject_id="12", user=learner
            )
            results.append([assertion.pk for assertion in awarded])
        except BaseException as error:  # reported by the assertion below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    for _round in range(5):
        Assertion.objects.all().delete()
        results.clear()
        threads = [threading.Thread(target=trigger) for _ in range(threads_count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert errors == []
        assert (
            Assertion.objects.filter(badge_class=rule.badge_class, recipient=learner).count() == 1
        )
        winner = Assertion.objects.get(recipient=learner).pk
        assert results == [[winner]] * threads_count


def test_the_background_task_awards_by_user_id_once():
    from kuza.credentials.tasks import award_for_achievement as award_task

    rule = AwardRuleFactory(kind=AwardRule.Kind.COHORT_COMPLETED, target_key="7")
    learner = UserFactory()

    first = award_task.call(rule_kind="cohort_completed", subject_id="7", user_id=learner.pk)
    again = award_task.call(rule_kind="cohort_completed", subject_id="7", user_id=learner.pk)

    assert first == again == [str(Assertion.objects.get(badge_class=rule.badge_class).uuid)]
