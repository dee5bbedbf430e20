"""Authors change an image's text alternative and caption, or remove it, from the lesson
editor: plain forms, no script, no admin."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from kuza.learning import authoring
from kuza.learning.models import Lesson, LessonImage
from kuza.learning.tests.factories import UserFactory, make_course, png_bytes
from kuza.translation.models import SourceUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return UserFactory()


@pytest.fixture
def image(author):
    course = make_course(modules=1, lessons_per_module=1, with_quiz=False)
    course.authors.add(author)
    return authoring.lesson_image_add(
        lesson=Lesson.objects.get(course=course),
        data=png_bytes(80, 40),
        alt_text="A bar chart",
        caption="Old caption",
    )


def _urls(image: LessonImage) -> tuple[str, str, str]:
    lesson = image.lesson
    args = [lesson.course.slug, lesson.pk]
    return (
        reverse("learning:edit_lesson", args=args),
        reverse("learning:edit_image", args=[*args, image.pk]),
        reverse("learning:edit_image_delete", args=[*args, image.pk]),
    )


def test_the_lesson_editor_offers_editing_and_removing_each_image_with_forms(client, author, image):
    editor, edit, delete = _urls(image)
    client.force_login(author)

    page = client.get(editor).content.decode()

    assert f'href="{edit}"' in page and f'action="{delete}"' in page and "<script" not in page
    form = client.get(edit).content.decode()
    assert 'value="A bar chart"' in form and 'value="Old caption"' in form


def test_an_author_changes_the_text_alternative_and_caption_and_learners_and_translators_see_it(
    client, author, image
):
    editor, edit, _delete = _urls(image)
    client.force_login(author)

    response = client.post(
        edit, {"alt_text": "  Women's share of biographies, 2015–2024 ", "caption": ""}
    )

    assert response.status_code == 302 and response["Location"] == editor
    image.refresh_from_db()
    assert (image.alt_text, image.caption) == ("Women's share of biographies, 2015–2024", "")
    lesson = client.get(
        reverse("learning:lesson", args=[image.lesson.course.slug, image.lesson.pk])
    )
    assert "Women&#x27;s share of biographies" in lesson.content.decode()
    units = SourceUnit.objects.filter(
        field__translatable__object_id=image.pk,
        field__translatable__content_type__model="lessonimage",
        removed=False,
    )
    assert "Women's share of biographies, 2015–2024" in {unit.text for unit in units}


@pytest.mark.parametrize(
    ("posted", "error"),
    [
        ({"alt_text": "   ", "caption": "Kept?"}, "Describe the image"),
        ({"alt_text": "x" * 301, "caption": ""}, "at most 300"),
        ({"alt_text": "Fine", "caption": "y" * 301}, "at most 300"),
    ],
)
def test_a_refused_change_says_why_and_changes_nothing(client, author, image, posted, error):
    _editor, edit, _delete = _urls(image)
    client.force_login(author)

    response = client.post(edit, posted)

    assert response.status_code == 400 and error in response.content.decode()
    assert posted["caption"][:20] in response.content.decode()  # what was typed is kept
    image.refresh_from_db()
    assert (image.alt_text, image.caption) == ("A bar chart", "Old caption")


def test_the_service_refuses_an_empty_text_alternative(image):
    with pytest.raises(authoring.AuthoringError, match="Describe the image"):
        authoring.lesson_image_update(image=image, alt_text=" ", caption="")


def test_removing_an_image_deletes_it_and_its_file(
    client, author, image, django_capture_on_commit_callbacks
):
    editor, _edit, delete = _urls(image)
    name = image.image.name
    assert default_storage.exists(name)
    client.force_login(author)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete)

    assert response.status_code == 302 and response["Location"] == editor
    assert not LessonImage.objects.filter(pk=image.pk).exists()
    assert not default_storage.exists(name)
    assert client.get(_urls(image)[1]).status_code == 404


@pytest.mark.parametrize("who", ["learner", "another author", "visitor"])
def test_nobody_but_the_courses_managers_edits_or_removes_its_images(client, image, who):
    _editor, edit, delete = _urls(image)
    if who == "learner":
        from kuza.learning import services

        user = UserFactory()
        services.enrolment_create(user=user, course=image.lesson.course)
        client.force_login(user)
    elif who == "another author":
        user = UserFactory()
        authoring.course_create(title="Their own course", author=user)
        client.force_login(user)

    expected = 302 if who == "visitor" else 403
    assert client.get(edit).status_code == expected
    assert client.post(edit, {"alt_text": "Hijacked", "caption": "x"}).status_code == expected
    assert client.post(delete).status_code == expected
    image.refresh_from_db()
    assert (image.alt_text, image.caption) == ("A bar chart", "Old caption")


def test_an_image_of_another_lesson_is_not_found_through_this_one(client, author, image):
    other_lesson = authoring.lesson_create(module=image.lesson.module, title="Another lesson")
    client.force_login(author)
    slug = image.lesson.course.slug

    url = reverse("learning:edit_image", args=[slug, other_lesson.pk, image.pk])
    assert client.get(url).status_code == 404
    delete = reverse("learning:edit_image_delete", args=[slug, other_lesson.pk, image.pk])
    assert client.post(delete).status_code == 404
    assert LessonImage.objects.filter(pk=image.pk).exists()
