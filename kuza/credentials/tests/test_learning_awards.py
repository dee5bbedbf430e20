"""Completing a course or a cohort earns the badges organisers attached to it, once."""

import pytest

from kuza.accounts.tests.factories import UserFactory
from kuza.credentials.models import Assertion, AwardRule
from kuza.credentials.tests.factories import AwardRuleFactory
from kuza.learning import services as learning
from kuza.learning.tests.factories import CohortFactory, make_course

pytestmark = pytest.mark.django_db(transaction=True)  # signals are sent on commit


def test_completing_a_course_awards_its_badge_exactly_once():
    course = make_course(with_quiz=False)
    rule = AwardRuleFactory(kind=AwardRule.Kind.COURSE_COMPLETED, target_key=course.slug)
    other_course_rule = AwardRuleFactory(
        kind=AwardRule.Kind.COURSE_COMPLETED, target_key="another-course"
    )
    learner = UserFactory()
    enrolment = learning.enrolment_create(user=learner, course=course)

    assert learning.course_complete(enrolment=enrolment)
    assert not learning.course_complete(enrolment=enrolment)

    assertion = Assertion.objects.get(recipient=learner)
    assert assertion.badge_class == rule.badge_class
    assert course.slug in assertion.evidence_url
    assert not Assertion.objects.filter(badge_class=other_course_rule.badge_class).exists()


def test_completing_a_cohort_awards_the_course_and_the_cohort_badges():
    cohort = CohortFactory()
    course_rule = AwardRuleFactory(kind=AwardRule.Kind.COURSE_COMPLETED, target_key="")
    cohort_rule = AwardRuleFactory(
        kind=AwardRule.Kind.COHORT_COMPLETED, target_key=f"{cohort.course.slug}/{cohort.slug}"
    )
    learner = UserFactory()
    enrolment = learning.enrolment_create(user=learner, course=cohort.course, cohort=cohort)

    learning.course_complete(enrolment=enrolment)

    earned = set(Assertion.objects.filter(recipient=learner).values_list("badge_class", flat=True))
    assert earned == {course_rule.badge_class_id, cohort_rule.badge_class_id}
