"""Offline copies: one self-contained HTML file per course or module, size shown first."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kuza.learning import offline
from kuza.learning.authoring import lesson_image_add
from kuza.learning.models import Lesson, Module
from kuza.learning.tests.factories import make_course, png_bytes
from kuza.learning.views.common import TEXT_ONLY_COOKIE

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    course = make_course(modules=2, lessons_per_module=2)
    lesson = Lesson.objects.filter(course=course).first()
    lesson_image_add(lesson=lesson, data=png_bytes(1600, 800), alt_text="A teal banner")
    lesson.body += "\n\n![Inline chart](https://elsewhere.example/chart.png)"
    lesson.save()
    return course


def test_the_file_holds_every_lesson_and_needs_nothing_from_the_network(course):
    html = offline.offline_html(course=course).decode()
    for lesson in Lesson.objects.filter(course=course):
        assert f"<h3>{lesson.title}</h3>" in html
    srcs = re.findall(r'(?:src|href)="([^"#]+)"', html)
    assert srcs, "the image should be there"
    assert all(
        src.startswith("data:image/jpeg;base64,") for src in srcs if not src.startswith("http")
    )
    assert not re.search(r"<(?:link|script|iframe)\b", html)
    assert "elsewhere.example/chart.png" not in html  # another site's image is left out
    assert "<style>" in html


def test_quiz_answers_are_folded_in_details(course):
    html = offline.offline_html(course=course).decode()
    assert html.count("<details>") == 8  # 2 quizzes of 4 questions
    assert "Q5" in html.split("<details>", 3)[3]  # the text answer sits inside a details


def test_text_only_copy_has_no_images_and_is_smaller(course):
    with_images = offline.offline_html(course=course)
    text_only = offline.offline_html(course=course, text_only=True)
    assert b"<img" not in text_only
    assert len(text_only) < len(with_images)


def test_a_module_copy_holds_only_that_module(course):
    first, second = Module.objects.filter(course=course)
    html = offline.offline_html(course=course, module=second).decode()
    assert "Lesson 2.1" in html and "Lesson 1.1" not in html


def test_size_is_shown_before_download_and_cached(client, course):
    page = client.get(reverse("learning:offline", args=[course.slug])).content.decode()
    size = offline.offline_size(course=course)
    assert size == len(offline.offline_html(course=course))
    with CaptureQueriesContext(connection) as queries:
        assert offline.offline_size(course=course) == size
    assert len(queries) < 10  # the fingerprint only, not a new rendering
    assert "KB" in page and "Download" in page
    lesson = Lesson.objects.filter(course=course).first()
    lesson.body += "\n\nOne more paragraph for the new version."
    lesson.save()
    assert offline.offline_size(course=course) > size


def test_download_is_an_attachment_and_follows_the_text_only_cookie(client, course):
    url = reverse("learning:offline_download", args=[course.slug])
    response = client.get(url)
    assert response["Content-Disposition"] == f'attachment; filename="{course.slug}.html"'
    assert b"<img" in response.content
    client.cookies[TEXT_ONLY_COOKIE] = "1"
    assert b"<img" not in client.get(url).content
    module = Module.objects.filter(course=course).last()
    assert b"Lesson 1.1" not in client.get(url, {"module": module.pk}).content
    assert client.get(url, {"module": "x"}).status_code == 404
