"""Writes for running cohorts: a course's cohorts, their facilitators and their sessions.

Course managers create and edit cohorts (`permissions.can_manage_course`); a cohort's
facilitators and the course's managers schedule, change and cancel its sessions
(`permissions.can_facilitate`). The views check who asks; these functions check every rule
again, so the admin, the shell and the web behave alike. A session's start is given as a
date and time on the wall clock of a named time zone and stored in UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kuza.learning.authoring.content import AuthoringError, clean_markdown
from kuza.learning.models import Cohort, CohortSession, Course
from kuza.learning.timezones import valid_time_zone

MAX_DURATION_MINUTES = 12 * 60


class UnknownUsernames(AuthoringError):
    """Facilitators named by usernames no active member has."""


@dataclass(frozen=True)
class CohortInput:
    name: str
    starts_on: date
    ends_on: date
    slug: str = ""  # empty: made from the name
    description: str = ""
    is_open: bool = True
    facilitators: tuple[str, ...] = ()  # usernames


@dataclass(frozen=True)
class SessionInput:
    title: str
    day: date
    start: time
    time_zone: str
    kind: str = CohortSession.Kind.WEBINAR
    duration_minutes: int = 60
    description: str = ""
    join_url: str = ""


def parse_usernames(text: str) -> tuple[str, ...]:
    """Usernames separated by commas, spaces or new lines; a leading @ is dropped."""
    names = (name.strip().lstrip("@") for name in re.split(r"[,\s]+", text or ""))
    return tuple(dict.fromkeys(name for name in names if name))


def facilitators_named(usernames: tuple[str, ...]) -> list:
    """The active members with these usernames (any case); an error names every unknown one."""
    users = get_user_model().objects.filter(is_active=True)
    found, unknown = [], []
    for name in usernames:
        user = users.filter(username__iexact=name).first()
        if user is None:
            unknown.append(name)
        elif user not in found:
            found.append(user)
    if unknown:
        raise UnknownUsernames(
            _("No member has the username %(names)s. Check the spelling.")
            % {"names": ", ".join(unknown)}
        )
    return found


def _check_cohort(course: Course, data: CohortInput, *, exclude_pk: int | None = None) -> str:
    if not data.name.strip():
        raise AuthoringError(_("A cohort needs a name."))
    if len(data.name.strip()) > Cohort._meta.get_field("name").max_length:
        raise AuthoringError(_("A cohort's name has at most 200 characters."))
    if data.ends_on < data.starts_on:
        raise AuthoringError(_("A cohort cannot end before it starts."))
    slug = slugify(data.slug or data.name)[:100].strip("-")
    if not slug:
        raise AuthoringError(_("Give the cohort a short name with letters or digits."))
    taken = Cohort.objects.filter(course=course, slug=slug).exclude(pk=exclude_pk)
    if taken.exists():
        raise AuthoringError(
            _("Another cohort of this course already has the short name %(slug)s.") % {"slug": slug}
        )
    return slug


def _write_cohort(cohort: Cohort, data: CohortInput, slug: str) -> Cohort:
    facilitators = facilitators_named(data.facilitators)
    cohort.name = data.name.strip()
    cohort.slug = slug
    cohort.description = clean_markdown(data.description)
    cohort.starts_on, cohort.ends_on = data.starts_on, data.ends_on
    cohort.is_open = data.is_open
    try:
        with transaction.atomic():
            cohort.save()
            cohort.facilitators.set(facilitators)
    except IntegrityError:
        # Another manager took the short name between the check and the write.
        raise AuthoringError(
            _("Another cohort of this course already has the short name %(slug)s.") % {"slug": slug}
        ) from None
    return cohort


def cohort_create(*, course: Course, data: CohortInput) -> Cohort:
    slug = _check_cohort(course, data)
    return _write_cohort(Cohort(course=course), data, slug)


def cohort_update(*, cohort: Cohort, data: CohortInput) -> Cohort:
    slug = _check_cohort(cohort.course, data, exclude_pk=cohort.pk)
    return _write_cohort(cohort, data, slug)


def _starts_at(data: SessionInput) -> datetime:
    zone = valid_time_zone(data.time_zone)
    if not zone:
        raise AuthoringError(
            _("%(zone)s is not a time zone Kuza knows; use a name such as Africa/Nairobi.")
            % {"zone": data.time_zone}
        )
    return datetime.combine(data.day, data.start, tzinfo=ZoneInfo(zone))


def _check_session(data: SessionInput) -> datetime:
    if not data.title.strip():
        raise AuthoringError(_("A session needs a title."))
    if data.kind not in CohortSession.Kind.values:
        raise AuthoringError(_("Choose what kind of session it is."))
    if not 1 <= data.duration_minutes <= MAX_DURATION_MINUTES:
        raise AuthoringError(
            _("A session lasts from 1 to %(count)d minutes.") % {"count": MAX_DURATION_MINUTES}
        )
    if data.join_url:
        try:
            URLValidator(schemes=["http", "https"])(data.join_url)
        except ValidationError:
            raise AuthoringError(
                _("Give a web address starting with https:// or http://.")
            ) from None
    return _starts_at(data)


def _write_session(session: CohortSession, data: SessionInput, starts_at: datetime):
    session.title = data.title.strip()
    session.kind = data.kind
    session.description = data.description.strip()
    session.starts_at = starts_at
    session.duration_minutes = data.duration_minutes
    session.join_url = data.join_url
    with transaction.atomic():
        session.save()
    return session


def session_create(*, cohort: Cohort, data: SessionInput) -> CohortSession:
    starts_at = _check_session(data)
    return _write_session(CohortSession(cohort=cohort), data, starts_at)


def session_update(*, session: CohortSession, data: SessionInput) -> CohortSession:
    starts_at = _check_session(data)
    session.sequence = F("sequence") + 1
    session = _write_session(session, data, starts_at)
    session.refresh_from_db(fields=["sequence"])
    return session


def session_cancel(*, session: CohortSession) -> None:
    """Mark the session cancelled; it stays listed so nobody waits for it."""
    with transaction.atomic():
        CohortSession.objects.filter(pk=session.pk, cancelled=False).update(
            cancelled=True, sequence=F("sequence") + 1
        )
    session.refresh_from_db(fields=["cancelled", "sequence"])
