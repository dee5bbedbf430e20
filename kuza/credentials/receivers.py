"""Badges follow achievements elsewhere: each completion signal becomes an award request.

Rules name their target in the other app's terms: a course by its short name (slug), a
cohort as "<course slug>/<cohort slug>". Awards are idempotent, so a repeated signal is safe.
"""

from __future__ import annotations

from django.conf import settings
from django.dispatch import receiver
from django.urls import reverse

from kuza.credentials import services
from kuza.credentials.models import AwardRule
from kuza.learning.signals import cohort_completed, course_completed


def _course_url(course) -> str:
    return settings.SITE_URL + reverse("learning:course", args=[course.slug])


@receiver(course_completed, dispatch_uid="credentials.course_completed")
def award_course_badges(sender, enrolment, **kwargs) -> None:
    services.award_for_achievement(
        rule_kind=AwardRule.Kind.COURSE_COMPLETED,
        subject_id=enrolment.course.slug,
        user=enrolment.user,
        evidence_url=_course_url(enrolment.course),
    )


@receiver(cohort_completed, dispatch_uid="credentials.cohort_completed")
def award_cohort_badges(sender, enrolment, cohort, **kwargs) -> None:
    services.award_for_achievement(
        rule_kind=AwardRule.Kind.COHORT_COMPLETED,
        subject_id=f"{enrolment.course.slug}/{cohort.slug}",
        user=enrolment.user,
        evidence_url=_course_url(enrolment.course),
    )
