"""Authoring pages: write and edit a course, its modules, lessons and quizzes, without script.

Every view fetches the course through `selectors.course_for_editing`, which checks that the
person may edit it; writes go through `kuza.learning.authoring`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kuza.core.markdown import render_markdown
from kuza.learning import authoring, permissions, selectors
from kuza.learning.forms.authoring import (
    CourseForm,
    LessonForm,
    LessonImageTextForm,
    MediaLinkForm,
    TitleForm,
)
from kuza.learning.models import Course, Lesson, Module, Quiz


def _course_initial(course: Course) -> dict:
    return {
        "title": course.title,
        "summary": course.summary,
        "language": course.language,
        "self_paced": "1" if course.self_paced else "0",
        "completion_rule": course.completion_rule,
        "completion_percent": course.completion_percent,
    }


def _fail(form, error: authoring.AuthoringError) -> None:
    form.add_error(None, str(error))


@login_required
@require_http_methods(["GET", "POST"])
def course_new(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_course(request.user):
        raise PermissionDenied
    form = CourseForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        try:
            course = authoring.course_create(
                **form.cleaned_data, author=request.user, is_published=False
            )
        except authoring.AuthoringError as error:
            _fail(form, error)
        else:
            messages.success(request, _("Course created. Add its first module."))
            return redirect("learning:edit_course", slug=course.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "learning/edit/course_new.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request: HttpRequest, slug: str) -> HttpResponse:
    course = selectors.course_for_editing(slug=slug, user=request.user)
    form = CourseForm(request.POST or None, initial=_course_initial(course), prefix="course")
    if request.method == "POST" and form.is_valid():
        try:
            authoring.course_update(course=course, **form.cleaned_data)
        except authoring.AuthoringError as error:
            _fail(form, error)
        else:
            messages.success(request, _("Course saved."))
            return redirect("learning:edit_course", slug=course.slug)
    return _course_page(
        request,
        course,
        form=form,
        module_form=TitleForm(prefix="module"),
        status=400 if request.method == "POST" else 200,
    )


def _course_page(request, course: Course, *, form, module_form, status: int = 200):
    return render(
        request,
        "learning/edit/course.html",
        {
            "course": course,
            "form": form,
            "module_form": module_form,
            "outline": selectors.course_outline(course),
            "cohorts": selectors.cohort_list(course),
            "empty_quizzes": list(
                Quiz.objects.filter(course=course, questions__isnull=True).order_by("pk")
            ),
        },
        status=status,
    )


@login_required
@require_POST
def module_add(request: HttpRequest, slug: str) -> HttpResponse:
    course = selectors.course_for_editing(slug=slug, user=request.user)
    module_form = TitleForm(request.POST, prefix="module")
    if module_form.is_valid():
        try:
            module = authoring.module_create(course=course, title=module_form.cleaned_data["title"])
        except authoring.AuthoringError as error:
            _fail(module_form, error)
        else:
            messages.success(request, _("Module added."))
            return redirect("learning:edit_module", slug=course.slug, module_id=module.pk)
    form = CourseForm(initial=_course_initial(course), prefix="course")
    return _course_page(request, course, form=form, module_form=module_form, status=400)


@login_required
@require_POST
def course_publish(request: HttpRequest, slug: str) -> HttpResponse:
    course = selectors.course_for_editing(slug=slug, user=request.user)
    published = request.POST.get("published") == "1"
    try:
        authoring.course_publish(course=course, published=published)
    except authoring.AuthoringError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The course is published.") if published else _("The course is unpublished."),
        )
    return redirect("learning:edit_course", slug=course.slug)


@login_required
@require_POST
def outline_move(request: HttpRequest, slug: str) -> HttpResponse:
    """One form for the outline: each ↑/↓ button posts "module:<id>:up" and the like."""
    course = selectors.course_for_editing(slug=slug, user=request.user)
    kind, _sep, rest = request.POST.get("move", "").partition(":")
    item_id, _sep, direction = rest.partition(":")
    if direction not in {"up", "down"} or not item_id.isdigit():
        raise Http404
    if kind == "module":
        module = Module.objects.filter(course=course, pk=item_id).first()
        if module is None:
            raise Http404
        authoring.module_move(module=module, direction=direction)  # type: ignore[arg-type]
    elif kind == "lesson":
        lesson = Lesson.objects.filter(course=course, pk=item_id).first()
        if lesson is None:
            raise Http404
        authoring.lesson_move(lesson=lesson, direction=direction)  # type: ignore[arg-type]
    elif kind == "quiz":
        quiz = Quiz.objects.filter(course=course, pk=item_id).first()
        if quiz is None:
            raise Http404
        authoring.quiz_move(quiz=quiz, direction=direction)  # type: ignore[arg-type]
    else:
        raise Http404
    return _back(request, course)


def _back(request: HttpRequest, course: Course) -> HttpResponse:
    """Back to the page the ↑/↓ button was on."""
    kind, _sep, item_id = request.POST.get("back", "").partition(":")
    if kind == "module" and item_id.isdigit():
        return redirect("learning:edit_module", slug=course.slug, module_id=int(item_id))
    if kind == "lesson" and item_id.isdigit():
        return redirect("learning:edit_lesson", slug=course.slug, lesson_id=int(item_id))
    return redirect("learning:edit_course", slug=course.slug)


@login_required
@require_http_methods(["GET", "POST"])
def module_edit(request: HttpRequest, slug: str, module_id: int) -> HttpResponse:
    course = selectors.course_for_editing(slug=slug, user=request.user)
    module = selectors.module_for(course=course, module_id=module_id)
    is_rename = request.method == "POST" and "rename" in request.POST
    is_add = request.method == "POST" and "add_lesson" in request.POST
    form = TitleForm(request.POST if is_rename else None, initial={"title": module.title})
    lesson_form = TitleForm(request.POST if is_add else None, prefix="lesson")
    if is_rename and form.is_valid():
        try:
            authoring.module_update(module=module, title=form.cleaned_data["title"])
        except authoring.AuthoringError as error:
            _fail(form, error)
        else:
            messages.success(request, _("Module saved."))
            return redirect("learning:edit_module", slug=course.slug, module_id=module.pk)
    if is_add and lesson_form.is_valid():
        try:
            lesson = authoring.lesson_create(module=module, title=lesson_form.cleaned_data["title"])
        except authoring.AuthoringError as error:
            _fail(lesson_form, error)
        else:
            messages.success(request, _("Lesson added. Write its text."))
            return redirect("learning:edit_lesson", slug=course.slug, lesson_id=lesson.pk)
    return render(
        request,
        "learning/edit/module.html",
        {
            "course": course,
            "module": module,
            "form": form,
            "lesson_form": lesson_form,
            "lessons": list(module.lessons.order_by("position", "pk")),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def lesson_edit(
    request: HttpRequest, slug: str, lesson_id: int, media_form: MediaLinkForm | None = None
) -> HttpResponse:
    course = selectors.course_for_editing(slug=slug, user=request.user)
    lesson = selectors.lesson_for(course=course, lesson_id=lesson_id, user=request.user)
    # A media link refused by media_link_add comes back here with its form, lesson unchanged.
    posted = request.POST if request.method == "POST" and media_form is None else None
    form = LessonForm(posted, initial={"title": lesson.title, "body": lesson.body})
    preview = None
    if posted is not None and form.is_valid():
        if "preview" in request.POST:
            preview = render_markdown(form.cleaned_data["body"])
        else:
            try:
                authoring.lesson_update(lesson=lesson, **form.cleaned_data)
            except authoring.AuthoringError as error:
                _fail(form, error)
            else:
                messages.success(request, _("Lesson saved."))
                return redirect("learning:edit_lesson", slug=course.slug, lesson_id=lesson.pk)
    invalid = request.method == "POST" and preview is None
    return render(
        request,
        "learning/edit/lesson.html",
        {
            "course": course,
            "lesson": lesson,
            "form": form,
            "preview": preview,
            "quiz_form": TitleForm(prefix="quiz"),
            "quizzes": list(lesson.quizzes.order_by("position", "pk")),
            "images": list(lesson.images.all()),
            "media_links": list(lesson.media_links.all()),
            "media_form": media_form or MediaLinkForm(prefix="media"),
        },
        status=400 if invalid else 200,
    )


@login_required
@require_POST
def media_link_add(request: HttpRequest, slug: str, lesson_id: int) -> HttpResponse:
    course = selectors.course_for_editing(slug=slug, user=request.user)
    lesson = selectors.lesson_for(course=course, lesson_id=lesson_id, user=request.user)
    form = MediaLinkForm(request.POST, prefix="media")
    if form.is_valid():
        try:
            authoring.media_link_add(lesson=lesson, **form.cleaned_data)
        except authoring.AuthoringError as error:
            _fail(form, error)
        else:
            messages.success(request, _("Link added."))
            return redirect("learning:edit_lesson", slug=course.slug, lesson_id=lesson.pk)
    return lesson_edit(request, slug, lesson_id, media_form=form)


@login_required
@require_POST
def media_link_delete(
    request: HttpRequest, slug: str, lesson_id: int, link_id: int
) -> HttpResponse:
    course = selectors.course_for_editing(slug=slug, user=request.user)
    lesson = selectors.lesson_for(course=course, lesson_id=lesson_id, user=request.user)
    link = lesson.media_links.filter(pk=link_id).first()
    if link is None:
        raise Http404
    authoring.media_link_delete(link=link)
    messages.success(request, _("Link removed."))
    return redirect("learning:edit_lesson", slug=course.slug, lesson_id=lesson.pk)


def _image_for_editing(request: HttpRequest, slug: str, lesson_id: int, image_id: int):
    course = selectors.course_for_editing(slug=slug, user=request.user)
    lesson = selectors.lesson_for(course=course, lesson_id=lesson_id, user=request.user)
    image = lesson.images.filter(pk=image_id).first()
    if image is None:
        raise Http404
    return course, lesson, image


@login_required
@require_http_methods(["GET", "POST"])
def lesson_image_edit(
    request: HttpRequest, slug: str, lesson_id: int, image_id: int
) -> HttpResponse:
    course, lesson, image = _image_for_editing(request, slug, lesson_id, image_id)
    form = LessonImageTextForm(
        request.POST or None, initial={"alt_text": image.alt_text, "caption": image.caption}
    )
    if request.method == "POST" and form.is_valid():
        try:
            authoring.lesson_image_update(image=image, **form.cleaned_data)
        except authoring.AuthoringError as error:
            _fail(form, error)
        else:
            messages.success(request, _("Image saved."))
            return redirect("learning:edit_lesson", slug=course.slug, lesson_id=lesson.pk)
    return render(
        request,
        "learning/edit/image.html",
        {"course": course, "lesson": lesson, "image": image, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def lesson_image_delete(
    request: HttpRequest, slug: str, lesson_id: int, image_id: int
) -> HttpResponse:
    course, lesson, image = _image_for_editing(request, slug, lesson_id, image_id)
    authoring.lesson_image_delete(image=image)
    messages.success(request, _("Image removed."))
    return redirect("learning:edit_lesson", slug=course.slug, lesson_id=lesson.pk)
