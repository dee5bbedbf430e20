"""Course content can be reported by those who may read it, and what moderators hide goes."""

from __future__ import annotations

import pytest

from kuza.learning import services
from kuza.learning.models import Announcement
from kuza.learning.tests.factories import CohortFactory, UserFactory, make_course
from kuza.safety import moderation
from kuza.safety import services as safety
from kuza.safety.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return UserFactory(username="author-amina")


@pytest.fixture
def course(author):
    return make_course(title="Closing the gap", author=author)


def _hide(kind: str, target) -> None:
    report = safety.report_create(
        reporter=UserFactory(),
        kind=kind,
        target_id=target.pk,
        description="Spam",
        evidence_links=[],
    )
    moderation.content_hide(moderator=UserFactory(is_staff=True), report=report, reason="Spam")


def test_a_learner_finds_a_report_link_on_the_course_and_lesson_pages_and_reports_the_author(
    client, course, author
):
    lesson = course.lessons.first()
    client.force_login(UserFactory(username="learner"))

    course_page = client.get(f"/learn/{course.slug}/").content.decode()
    lesson_page = client.get(f"/learn/{course.slug}/lessons/{lesson.pk}/").content.decode()
    assert f"/safety/report/course/{course.pk}/" in course_page
    assert f"/safety/report/course-lesson/{lesson.pk}/" in lesson_page

    assert "Closing the gap" in client.get(f"/safety/report/course/{course.pk}/").content.decode()
    client.post(f"/safety/report/course-lesson/{lesson.pk}/", {"description": "Hateful text."})
    report = Report.objects.get()
    assert report.reported_user == author and report.kind == "course-lesson"
    assert lesson.title in report.target_snapshot


def test_authors_and_visitors_get_no_report_link(client, course, author):
    lesson = course.lessons.first()
    for viewer in (None, author):
        if viewer is not None:
            client.force_login(viewer)
        assert "/safety/report/" not in client.get(f"/learn/{course.slug}/").content.decode()
        assert (
            "/safety/report/"
            not in client.get(f"/learn/{course.slug}/lessons/{lesson.pk}/").content.decode()
        )


def test_an_unpublished_course_and_its_lessons_cannot_be_reported_or_named_by_id(client, author):
    draft = make_course(title="Secret draft course", author=author, is_published=False)
    lesson = draft.lessons.first()
    prober = UserFactory(username="prober")
    client.force_login(prober)

    for kind, target in (("course", draft), ("course-lesson", lesson)):
        page = client.get(f"/safety/report/{kind}/{target.pk}/")
        assert page.status_code == 404 and "Secret draft" not in page.content.decode()
        with pytest.raises(safety.SafetyError):
            safety.report_create(
                reporter=prober, kind=kind, target_id=target.pk, description="x", evidence_links=""
            )
    assert not Report.objects.exists()


def test_a_cohort_announcement_is_reported_with_its_author_and_not_by_its_author(client, author):
    cohort = CohortFactory(course=make_course(author=author))
    announcement = services.announcement_post(
        cohort=cohort, author=author, title="Meet at nine", body="Details follow."
    )
    learner = UserFactory(username="learner")
    client.force_login(learner)
    page = client.get(f"/learn/{cohort.course.slug}/cohorts/{cohort.slug}/").content.decode()
    assert f"/safety/report/course-announcement/{announcement.pk}/" in page

    client.post(f"/safety/report/course-announcement/{announcement.pk}/", {"description": "Rude"})

    assert Report.objects.get().reported_user == author
    with pytest.raises(safety.SafetyError, match="yourself"):
        safety.report_create(
            reporter=author,
            kind="course-announcement",
            target_id=announcement.pk,
            description="x",
            evidence_links="",
        )


def test_a_hidden_course_leaves_every_learner_listing_and_page_but_its_authors_keep_it(
    client, course, author
):
    learner = UserFactory(username="learner")
    services.enrolment_create(user=learner, course=course)
    cohort = CohortFactory(course=course)
    _hide("course", course)

    client.force_login(learner)
    assert "Closing the gap" not in client.get("/learn/").content.decode()
    assert client.get(f"/learn/{course.slug}/").status_code == 404
    assert client.get(f"/learn/{course.slug}/cohorts/{cohort.slug}/").status_code == 404
    assert client.get(f"/learn/{course.slug}/offline/download/").status_code == 404
    assert "Closing the gap" not in client.get("/learn/me/").content.decode()
    assert course.slug not in client.get("/api/learning/courses").content.decode()
    assert client.get(f"/safety/report/course/{course.pk}/").status_code == 404
    assert client.get(f"/learn/calendar/{cohort.feed_token}.ics").status_code == 404

    client.force_login(author)
    assert client.get(f"/learn/{course.slug}/").status_code == 200
    assert "Closing the gap" in client.get("/learn/").content.decode()


def test_a_hidden_lesson_leaves_the_outline_pages_quizzes_and_offline_copy(client, course, author):
    module = course.modules.first()
    hidden, kept = list(module.lessons.order_by("position"))
    quiz = hidden.quizzes.first() or kept.quizzes.first()
    quiz.lesson = hidden
    quiz.save()
    _hide("course-lesson", hidden)
    learner = UserFactory(username="learner")
    services.enrolment_create(user=learner, course=course)
    client.force_login(learner)

    outline = client.get(f"/learn/{course.slug}/").content.decode()
    assert f"/lessons/{hidden.pk}/" not in outline and f"/lessons/{kept.pk}/" in outline
    assert client.get(f"/learn/{course.slug}/lessons/{hidden.pk}/").status_code == 404
    assert client.get(f"/learn/{course.slug}/quizzes/{quiz.pk}/").status_code == 404
    offline = client.get(f"/learn/{course.slug}/offline/download/").content.decode()
    assert hidden.title not in offline and kept.title in offline
    progress = client.get(f"/learn/{course.slug}/").context["progress"]
    assert progress.counts.lessons_total == course.lessons.count() - 1

    client.force_login(author)
    assert client.get(f"/learn/{course.slug}/lessons/{hidden.pk}/").status_code == 200


def test_a_hidden_announcement_leaves_the_cohort_page(client, author):
    cohort = CohortFactory(course=make_course(author=author))
    for title in ("Welcome", "Buy cheap links"):
        services.announcement_post(cohort=cohort, author=author, title=title, body="Text")
    _hide("course-announcement", Announcement.objects.get(title="Buy cheap links"))
    client.force_login(UserFactory())

    page = client.get(f"/learn/{cohort.course.slug}/cohorts/{cohort.slug}/").content.decode()

    assert "Welcome" in page and "Buy cheap links" not in page
