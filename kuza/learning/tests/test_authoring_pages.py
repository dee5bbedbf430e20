"""Authoring on the web, without script: who may edit, and writing a course from scratch."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kuza.learning import authoring, services
from kuza.learning.models import Course, Lesson, LessonImage, MediaLink, Module, Question, Quiz
from kuza.learning.tests.factories import CohortFactory, UserFactory, make_course, png_bytes
from kuza.people.models import Membership, Organisation
from kuza.translation.models import SourceUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return UserFactory()


@pytest.fixture
def course(author):
    course = make_course(modules=2, lessons_per_module=2, title="Sources for biographies")
    course.authors.add(author)
    authoring.media_link_add(
        lesson=Lesson.objects.filter(course=course).first(),
        title="Recording",
        url="https://video.example.org/1",
    )
    authoring.lesson_image_add(
        lesson=Lesson.objects.filter(course=course).first(),
        data=png_bytes(40, 20),
        alt_text="A map of the gap",
        caption="Figures from 2024",
    )
    return course


def edit_urls(course: Course) -> list[str]:
    module = course.modules.first()
    lesson = Lesson.objects.filter(course=course).first()
    quiz = Quiz.objects.filter(course=course).first()
    link = lesson.media_links.first()
    image = lesson.images.first()
    slug = course.slug
    media = [reverse("learning:edit_media_add", args=[slug, lesson.pk])]
    if link is not None:
        media.append(reverse("learning:edit_media_delete", args=[slug, lesson.pk, link.pk]))
    if image is not None:
        media += [
            reverse("learning:edit_image", args=[slug, lesson.pk, image.pk]),
            reverse("learning:edit_image_delete", args=[slug, lesson.pk, image.pk]),
        ]
    return [
        reverse("learning:edit_course", args=[slug]),
        reverse("learning:edit_publish", args=[slug]),
        reverse("learning:edit_move", args=[slug]),
        reverse("learning:edit_module_add", args=[slug]),
        reverse("learning:edit_module", args=[slug, module.pk]),
        reverse("learning:edit_lesson", args=[slug, lesson.pk]),
        reverse("learning:edit_quiz_add", args=[slug, lesson.pk]),
        reverse("learning:edit_quiz", args=[slug, quiz.pk]),
        reverse("learning:edit_quiz_delete", args=[slug, quiz.pk]),
        reverse("learning:edit_question_new", args=[slug, quiz.pk]) + "?kind=single",
        reverse("learning:edit_question", args=[slug, quiz.pk, 1]),
        reverse("learning:edit_question_action", args=[slug, quiz.pk, 1]),
        reverse("learning:lesson_images", args=[slug, lesson.pk]),
        *media,
    ]


def snapshot(course: Course) -> tuple:
    course.refresh_from_db()
    return (
        course.title,
        course.is_published,
        list(course.modules.values_list("pk", "position", "title")),
        list(Lesson.objects.filter(course=course).values_list("pk", "position", "title", "body")),
        list(Quiz.objects.filter(course=course).values_list("pk", "title", "pass_mark")),
        list(Question.objects.filter(quiz__course=course).values_list("position", "prompt")),
        list(MediaLink.objects.filter(lesson__course=course).values_list("pk", "title", "url")),
        list(
            LessonImage.objects.filter(lesson__course=course).values_list(
                "pk", "alt_text", "caption"
            )
        ),
    )


HOSTILE_POST = {
    "course-title": "Taken over",
    "course-summary": "x",
    "course-language": "en",
    "course-self_paced": "1",
    "course-completion_rule": "all",
    "course-completion_percent": "80",
    "published": "0",
    "move": "module:1:down",
    "module-title": "Injected module",
    "title": "Injected",
    "body": "Injected",
    "rename": "1",
    "quiz-title": "Injected quiz",
    "prompt": "Injected?",
    "o1_text": "a",
    "o1_correct": "on",
    "o2_text": "b",
    "action": "delete",
    "media-title": "Injected link",
    "media-url": "https://evil.example",
    "media-kind": "video",
    "alt_text": "Injected description",
    "caption": "Injected caption",
}


def test_a_learner_can_neither_open_nor_post_any_authoring_page(client, course):
    learner = UserFactory()
    services.enrolment_create(user=learner, course=course)
    CohortFactory(course=course).facilitators.add(UserFactory())  # a facilitator elsewhere
    before = snapshot(course)
    client.force_login(learner)
    for url in edit_urls(course):
        assert client.get(url).status_code in {403, 405}, url
        assert client.post(url, HOSTILE_POST).status_code == 403, url
    assert snapshot(course) == before
    assert client.get(reverse("learning:course_new")).status_code == 403
    client.post(reverse("learning:course_new"), {"title": "Mine"})
    assert not Course.objects.filter(title="Mine").exists()
    page = client.get(reverse("learning:course", args=[course.slug])).content.decode()
    assert reverse("learning:edit_course", args=[course.slug]) not in page


def test_visitors_are_sent_to_log_in(client, course):
    for url in edit_urls(course)[:1] + [reverse("learning:course_new")]:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_another_author_cannot_edit_someone_elses_course(client, course):
    other = UserFactory()
    authoring.course_create(title="Other's course", author=other)
    before = snapshot(course)
    client.force_login(other)
    for url in edit_urls(course):
        assert client.post(url, HOSTILE_POST).status_code == 403, url
    assert snapshot(course) == before
    # An unpublished course of someone else's is not even visible.
    Course.objects.filter(pk=course.pk).update(is_published=False)
    assert client.get(edit_urls(course)[0]).status_code == 404
    assert client.get(reverse("learning:catalogue")).content.decode().count(course.title) == 0


def test_authors_organisers_of_its_organisation_and_staff_may_edit(client, course):
    organisation = Organisation.objects.create(name="Wiki Women", slug="wiki-women")
    Course.objects.filter(pk=course.pk).update(organisation=organisation)
    organiser, member = UserFactory(), UserFactory()
    Membership.objects.create(organisation=organisation, user=organiser, role="organiser")
    Membership.objects.create(organisation=organisation, user=member, role="member")
    url = edit_urls(course)[0]
    for user, status in ((organiser, 200), (UserFactory(is_staff=True), 200), (member, 403)):
        client.force_login(user)
        assert client.get(url).status_code == status


def test_writing_a_course_from_scratch(client, author):
    organisation = Organisation.objects.create(name="Kuza", slug="kuza")
    Membership.objects.create(organisation=organisation, user=author, role="organiser")
    client.force_login(author)
    assert "Write a course" in client.get(reverse("learning:catalogue")).content.decode()

    response = client.post(
        reverse("learning:course_new"),
        {
            "title": "Citing sources",
            "summary": "How to **cite**.",
            "language": "fr",
            "self_paced": "0",
            "completion_rule": "percent",
            "completion_percent": "60",
        },
    )
    course = Course.objects.get(title="Citing sources")
    assert response["Location"] == reverse("learning:edit_course", args=[course.slug])
    assert (course.language, course.self_paced, course.completion_rule) == ("fr", False, "percent")
    assert course.completion_percent == 60 and not course.is_published
    assert list(course.authors.all()) == [author]

    # Publishing an empty course is refused with a message.
    publish = reverse("learning:edit_publish", args=[course.slug])
    page = client.post(publish, {"published": "1"}, follow=True).content.decode()
    assert "Add at least one lesson" in page
    course.refresh_from_db()
    assert not course.is_published

    client.post(reverse("learning:edit_module_add", args=[course.slug]), {"module-title": "Bases"})
    module = Module.objects.get(course=course)
    response = client.post(
        reverse("learning:edit_module", args=[course.slug, module.pk]),
        {"lesson-title": "Why cite", "add_lesson": "1"},
    )
    lesson = Lesson.objects.get(module=module)
    lesson_url = reverse("learning:edit_lesson", args=[course.slug, lesson.pk])
    assert response["Location"] == lesson_url

    # Preview shows the rendered Markdown and saves nothing.
    preview = client.post(
        lesson_url, {"title": "Why cite", "body": "## Reasons\n\n- *trust*", "preview": "1"}
    )
    assert preview.status_code == 200
    assert "<h2>Reasons</h2>" in preview.content.decode()
    assert "<em>trust</em>" in preview.content.decode()
    lesson.refresh_from_db()
    assert lesson.body == ""
    client.post(lesson_url, {"title": "Why cite", "body": "## Reasons\n\n- *trust*", "save": "1"})
    lesson.refresh_from_db()
    assert lesson.body == "## Reasons\n\n- *trust*"
    # Written through the services, so the text is ready for translators.
    assert SourceUnit.objects.filter(
        field__translatable__object_id=lesson.pk, text="Reasons", kind="heading"
    ).exists()

    # The image upload page is part of the lesson editor.
    assert (
        reverse("learning:lesson_images", args=[course.slug, lesson.pk])
        in client.get(lesson_url).content.decode()
    )
    client.post(
        reverse("learning:lesson_images", args=[course.slug, lesson.pk]),
        {
            "image": _upload(),
            "alt_text": "A citation needed tag",
            "caption": "",
        },
    )
    assert "A citation needed tag" in client.get(lesson_url).content.decode()

    client.post(publish, {"published": "1"})
    course.refresh_from_db()
    assert course.is_published
    client.post(publish, {"published": "0"})
    course.refresh_from_db()
    assert not course.is_published


def _upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("tag.png", png_bytes(300, 200), content_type="image/png")


def test_up_and_down_buttons_reorder_modules_lessons_and_quizzes(client, author, course):
    client.force_login(author)
    move = reverse("learning:edit_move", args=[course.slug])
    first, second = course.modules.order_by("position")
    client.post(move, {"move": f"module:{second.pk}:up"})
    assert list(course.modules.order_by("position").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    lessons = list(first.lessons.order_by("position"))
    response = client.post(
        move, {"move": f"lesson:{lessons[0].pk}:down", "back": f"module:{first.pk}"}
    )
    assert response["Location"] == reverse("learning:edit_module", args=[course.slug, first.pk])
    assert list(first.lessons.order_by("position")) == [lessons[1], lessons[0]]
    # Moving the first up or the last down changes nothing.
    client.post(move, {"move": f"module:{second.pk}:up"})
    assert course.modules.order_by("position").first() == second
    # The learner's outline follows.
    page = client.get(reverse("learning:course", args=[course.slug])).content.decode()
    assert page.index("Module 2") < page.index("Module 1")
    # Another course's module cannot be moved from here.
    other = make_course(modules=2, with_quiz=False)
    assert client.post(move, {"move": f"module:{other.modules.first().pk}:down"}).status_code == 404
    assert client.post(move, {"move": "module:x:sideways"}).status_code == 404


def test_the_course_settings_form_saves_every_setting(client, author, course):
    client.force_login(author)
    client.post(
        reverse("learning:edit_course", args=[course.slug]),
        {
            "course-title": "Sources, revised",
            "course-summary": "New summary.",
            "course-language": "sw",
            "course-self_paced": "0",
            "course-completion_rule": "percent",
            "course-completion_percent": "75",
        },
    )
    course.refresh_from_db()
    assert (course.title, course.summary, course.language) == (
        "Sources, revised",
        "New summary.",
        "sw",
    )
    assert (course.self_paced, course.completion_rule, course.completion_percent) == (
        False,
        "percent",
        75,
    )


def test_a_line_of_non_breaking_spaces_is_saved_as_a_blank_line(client, author, course):
    client.force_login(author)
    lesson = Lesson.objects.filter(course=course).first()
    url = reverse("learning:edit_lesson", args=[course.slug, lesson.pk])
    response = client.post(
        url, {"title": "T", "body": "One.\r\n\u00a0\r\n\u00a0 \r\nTwo.", "save": "1"}
    )
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.body == "One.\r\n\r\n\r\nTwo."
    assert set(
        SourceUnit.objects.filter(
            field__translatable__object_id=lesson.pk, field__field_name="body", removed=False
        ).values_list("text", flat=True)
    ) == {"One.", "Two."}


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl"), ("fr", "ltr")])
def test_every_authoring_page_fits_the_budget_needs_no_script_and_is_translated(
    client, author, language, direction
):
    from django.utils import translation

    from kuza.core.pagecheck import check_page

    course = make_course(modules=3, lessons_per_module=3, title="A long enough course title")
    course.authors.add(author)
    client.force_login(author)
    client.cookies["django_language"] = language
    quiz = Quiz.objects.filter(course=course).first()
    slug = course.slug
    pages = [
        url for url in edit_urls(course) if not {"action", "delete", "media"} & set(url.split("/"))
    ]
    pages = [url for url in pages if not url.endswith(("/publish/", "/move/", "/add/"))]
    pages += [
        reverse("learning:course_new"),
        *(
            reverse("learning:edit_question", args=[slug, quiz.pk, question.position])
            for question in quiz.questions.all()
        ),
        *(
            reverse("learning:edit_question_new", args=[slug, quiz.pk]) + f"?kind={kind}"
            for kind in Question.Kind.values
        ),
    ]
    assert len(pages) >= 14
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        report = check_page(url, response.content)
        assert not report.problems(), (url, report.problems())
        assert (report.lang, report.direction) == (language, direction), url
    with translation.override(language):
        label = translation.gettext("Add a module")
    if language != "en":
        assert label != "Add a module"
    page = client.get(reverse("learning:edit_course", args=[slug])).content.decode()
    assert label in page


def test_authors_add_and_remove_links_to_media_with_clear_errors(client, author, course):
    client.force_login(author)
    lesson = Lesson.objects.filter(course=course).first()
    edit = reverse("learning:edit_lesson", args=[course.slug, lesson.pk])
    add = reverse("learning:edit_media_add", args=[course.slug, lesson.pk])
    body_before = lesson.body

    response = client.post(
        add,
        {
            "media-title": "Webinar recording",
            "media-url": "https://video.example.org/42",
            "media-kind": "video",
            "media-size_note": "45 minutes, 90 MB",
        },
    )
    assert response["Location"] == edit
    link = lesson.media_links.get(title="Webinar recording")
    assert (link.title, link.url, link.size_note) == (
        "Webinar recording",
        "https://video.example.org/42",
        "45 minutes, 90 MB",
    )
    page = client.get(reverse("learning:lesson", args=[course.slug, lesson.pk])).content.decode()
    assert 'href="https://video.example.org/42"' in page and "45 minutes, 90 MB" in page
    assert "<iframe" not in page

    for data, message in (
        ({"media-title": "", "media-url": "https://v.example", "media-kind": "video"}, "required"),
        ({"media-title": "X", "media-url": "ftp://v.example/f", "media-kind": "video"}, "https://"),
        ({"media-title": "X", "media-url": "javascript:alert(1)", "media-kind": "video"}, "URL"),
    ):
        response = client.post(add, data)
        assert response.status_code == 400
        assert message in response.content.decode()
        # What the author typed is still there to correct.
        assert f'value="{data["media-url"]}"' in response.content.decode()
    assert lesson.media_links.count() == 2  # the fixture's and the one added
    lesson.refresh_from_db()
    assert lesson.body == body_before

    client.post(reverse("learning:edit_media_delete", args=[course.slug, lesson.pk, link.pk]))
    assert not lesson.media_links.filter(pk=link.pk).exists()
    other = make_course(modules=1, lessons_per_module=1, with_quiz=False)
    foreign = authoring.media_link_add(
        lesson=Lesson.objects.get(course=other), title="Theirs", url="https://v.example"
    )
    url = reverse("learning:edit_media_delete", args=[course.slug, lesson.pk, foreign.pk])
    assert client.post(url).status_code == 404
    assert MediaLink.objects.filter(pk=foreign.pk).exists()
