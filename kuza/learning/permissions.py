"""Who may write courses, manage a course and facilitate a cohort.

- Staff, the course's authors, and organisers (people.Membership role "organiser") of the
  course's organisation manage the course: they edit its content, publish it, see every
  learner's progress in every cohort and post announcements. Nobody else edits it.
- Staff, organisers of any organisation, cohort facilitators and existing authors may start
  a new course (they become its author).
- Course managers create and edit the course's cohorts and name their facilitators.
- A cohort's facilitators see the progress of that cohort's learners, post announcements
  to it and schedule, change and cancel its sessions. Learners see their own progress only.
"""

from __future__ import annotations

from kuza.accounts.selectors import is_signed_in
from kuza.learning.models import Cohort, Course
from kuza.people.models import Membership


def can_manage_course(user, course: Course) -> bool:
    if not is_signed_in(user):
        return False
    if user.is_staff:
        return True
    if course.pk is not None and course.authors.filter(pk=user.pk).exists():
        return True
    return bool(
        course.organisation_id
        and Membership.objects.filter(
            user=user, organisation_id=course.organisation_id, role=Membership.Role.ORGANISER
        ).exists()
    )


def can_create_course(user) -> bool:
    if not is_signed_in(user):
        return False
    return bool(
        user.is_staff
        or Membership.objects.filter(user=user, role=Membership.Role.ORGANISER).exists()
        or user.facilitated_cohorts.exists()
        or user.authored_courses.exists()
    )


def is_facilitator(user, cohort: Cohort) -> bool:
    return is_signed_in(user) and cohort.facilitators.filter(pk=user.pk).exists()


def can_facilitate(user, cohort: Cohort) -> bool:
    return is_facilitator(user, cohort) or can_manage_course(user, cohort.course)
