"""The learning API: the course list, and each caller's own progress only."""

import pytest

from kuza.accounts.services import api_token_create
from kuza.learning import services
from kuza.learning.models import Lesson
from kuza.learning.tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db


def test_courses_are_listed_for_anyone(client):
    course = make_course()
    make_course(title="Hidden", is_published=False)
    body = client.get("/api/learning/courses").json()
    assert [item["slug"] for item in body["items"]] == [course.slug]
    assert body["items"][0]["modules"] == 2


def test_my_progress_needs_authentication(client):
    response = client.get("/api/learning/me/progress")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_my_progress_shows_only_the_callers_enrolments(client):
    course = make_course()
    me, other = UserFactory(), UserFactory()
    mine = services.enrolment_create(user=me, course=course)
    services.enrolment_create(user=other, course=make_course(title="Other course"))
    services.lesson_mark_read(enrolment=mine, lesson=Lesson.objects.filter(course=course).first())
    secret = api_token_create(user=me, name="script").plaintext
    body = client.get(
        "/api/learning/me/progress", headers={"Authorization": f"Bearer {secret}"}
    ).json()
    assert [row["course"] for row in body] == [course.slug]
    assert body[0]["lessons_read"] == 1 and body[0]["lessons_total"] == 4
