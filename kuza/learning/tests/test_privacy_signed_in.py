"""One's enrolment (progress, the course's own pages) is a signed-in, active member's
(is_signed_in): tried as a visitor, the member, the member once someone blocked her, and
once suspended."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from kuza.accounts.tests.factories import UserFactory
from kuza.learning import selectors, services
from kuza.learning.tests.factories import make_course
from kuza.safety.services import block_create

pytestmark = pytest.mark.django_db


def test_an_enrolment_is_read_only_by_its_signed_in_active_learner():
    learner = UserFactory(username="imani")
    course = make_course(modules=1, lessons_per_module=1, with_quiz=False)
    enrolment = services.enrolment_create(user=learner, course=course)

    assert selectors.enrolment_for(user=AnonymousUser(), course=course) is None
    assert selectors.enrolment_for(user=UserFactory(), course=course) is None  # another member
    assert selectors.enrolment_for(user=learner, course=course) == enrolment
    block_create(blocker=UserFactory(), blocked=learner)
    assert selectors.enrolment_for(user=learner, course=course) == enrolment

    learner.is_active = False
    learner.save(update_fields=["is_active"])

    assert selectors.enrolment_for(user=learner, course=course) is None
