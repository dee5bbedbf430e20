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

from django.db.models import Exists, OuterRef, QuerySet

from kuza.accounts.selectors import is_signed_in
from kuza.learning.models import Cohort, Course
from kuza.people.models import Membership


def _asked_once(obj, question: str, user, answer) -> bool:
    """`answer()` for `user`, remembered on this course or cohort object: a page asks the same
    question from its view, its selectors and its template (a change made by a service is seen
    on the next request, which fetches the object again)."""
    remembered = obj.__dict__.setdefault("_permissions_asked", {})
    if (question, user.pk) not in remembered:
        remembered[(question, user.pk)] = answer()
    return remembered[(question, user.pk)]


def can_manage_course(user, course: Course) -> bool:
    if not is_signed_in(user):
        return False
    if user.is_staff:
        return True
    if course.pk is None:
        return _organises(user, course.organisation_id)
    return _asked_once(course, "manage", user, lambda: _manages(user, course))


def with_viewer_permissions(courses: QuerySet[Course], user) -> QuerySet[Course]:
    """`courses` carrying whether `user` manages each (`can_manage_course`), read in the same
    query as the course; `remember_viewer_permissions` then keeps the answer on the fetched
    course, for `user` only."""
    if not is_signed_in(user) or user.is_staff:
        return courses
    author = Course.authors.through.objects.filter(course_id=OuterRef("pk"), user_id=user.pk)
    organiser = Membership.objects.filter(
        user_id=user.pk,
        organisation_id=OuterRef("organisation_id"),
        role=Membership.Role.ORGANISER,
    )
    return courses.annotate(_viewer_authors=Exists(author), _viewer_organises=Exists(organiser))


def remember_viewer_permissions(course: Course, user) -> Course:
    """Keep on `course` what `with_viewer_permissions` read for `user` (the page asks it from
    its view, its selectors and its template)."""
    if "_viewer_authors" in course.__dict__:
        authors = course.__dict__.pop("_viewer_authors")
        manages = course.__dict__.pop("_viewer_organises") or authors
        course.__dict__.setdefault("_permissions_asked", {})[("manage", user.pk)] = manages
    return course


def with_facilitator(cohorts: QuerySet[Cohort], user) -> QuerySet[Cohort]:
    """`cohorts` carrying whether `user` facilitates each (`is_facilitator`), in the same
    query; `remember_facilitator` keeps the answer on the fetched cohort, for `user` only."""
    if not is_signed_in(user):
        return cohorts
    facilitator = Cohort.facilitators.through.objects.filter(
        cohort_id=OuterRef("pk"), user_id=user.pk
    )
    return cohorts.annotate(_viewer_facilitates=Exists(facilitator))


def remember_facilitator(cohort: Cohort, user) -> Cohort:
    if "_viewer_facilitates" in cohort.__dict__:
        facilitates = cohort.__dict__.pop("_viewer_facilitates")
        cohort.__dict__.setdefault("_permissions_asked", {})[("facilitate", user.pk)] = facilitates
    return cohort


def _manages(user, course: Course) -> bool:
    """An author of the course or an organiser of its organisation, in one query."""
    author = Course.authors.through.objects.filter(course_id=course.pk, user_id=user.pk)
    organiser = Membership.objects.filter(
        user_id=user.pk, organisation_id=course.organisation_id, role=Membership.Role.ORGANISER
    )
    return Course.objects.filter(pk=course.pk).filter(Exists(author) | Exists(organiser)).exists()


def _organises(user, organisation_id: int | None) -> bool:
    return bool(
        organisation_id
        and Membership.objects.filter(
            user=user, organisation_id=organisation_id, role=Membership.Role.ORGANISER
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
    return is_signed_in(user) and _asked_once(
        cohort, "facilitate", user, lambda: cohort.facilitators.filter(pk=user.pk).exists()
    )


def can_facilitate(user, cohort: Cohort) -> bool:
    return is_facilitator(user, cohort) or can_manage_course(user, cohort.course)
