from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kuza.learning import authoring, permissions, selectors, services
from kuza.learning.forms import LessonImageForm
from kuza.learning.rendering import lesson_body_for, lesson_parts
from kuza.learning.views.common import is_text_only, outline_step
from kuza.translation.selectors import prefetch_translations


@require_GET
def lesson_detail(request: HttpRequest, slug: str, lesson_id: int) -> HttpResponse:
    course = selectors.course_for(slug=slug, user=request.user)
    lesson = selectors.lesson_for(course=course, lesson_id=lesson_id, user=request.user)
    enrolment = selectors.enrolment_for(user=request.user, course=course)
    if enrolment is not None:
        services.enrolment_visit(enrolment=enrolment, lesson=lesson)
    text_only = is_text_only(request)
    previous, following = selectors.lesson_neighbours(lesson)
    prefetch_related_objects([lesson], "quizzes", "placeholders", "images", "media_links")
    images = [image for image in lesson.images.all() if image.shown_below_text]
    media_links = list(lesson.media_links.all())
    # Every translated field the page shows, read in one query.
    prefetch_translations(
        [
            course,
            lesson,
            lesson.module,
            previous,
            following,
            *lesson.quizzes.all(),
            *lesson.placeholders.all(),
            *images,
            *media_links,
        ]
    )
    body = lesson_body_for(lesson)
    image_count = len(images)
    return render(
        request,
        "learning/lesson.html",
        {
            "course": course,
            "lesson": lesson,
            "body": body,
            "parts": lesson_parts(lesson, body, text_only=text_only),
            "images": [] if text_only else images,
            "image_count": image_count,
            # Imported lessons carry their images inside the text.
            "has_images": bool(image_count) or "<img" in body.html,
            "media_links": media_links,
            "enrolment": enrolment,
            "is_read": enrolment is not None and lesson.reads.filter(enrolment=enrolment).exists(),
            "previous": previous,
            "next": following,
            "next_item": _next_item(course, lesson),
            "text_only": text_only,
            "can_manage": permissions.can_manage_course(request.user, course),
        },
    )


@login_required
@require_POST
def lesson_read(request: HttpRequest, slug: str, lesson_id: int) -> HttpResponse:
    course = selectors.course_for(slug=slug, user=request.user)
    lesson = selectors.lesson_for(course=course, lesson_id=lesson_id, user=request.user)
    enrolment = selectors.enrolment_for(user=request.user, course=course)
    if enrolment is None:
        messages.error(request, _("Enrol in the course to keep track of your reading."))
        return redirect("learning:course", slug=course.slug)
    if services.lesson_mark_read(enrolment=enrolment, lesson=lesson):
        messages.success(request, _("Congratulations: you have completed this course!"))
    return redirect(_next_item(course, lesson)["url"])


def _next_item(course, lesson) -> dict:
    """Where the lesson's main button leads: the next item of the outline, a quiz or a
    lesson, or the course page at the end."""
    return outline_step(course, selectors.next_in_outline(lesson))


@login_required
@require_http_methods(["GET", "POST"])
def lesson_images(request: HttpRequest, slug: str, lesson_id: int) -> HttpResponse:
    course = selectors.course_for(slug=slug, user=request.user)
    if not permissions.can_manage_course(request.user, course):
        raise PermissionDenied
    lesson = selectors.lesson_for(course=course, lesson_id=lesson_id, user=request.user)
    form = LessonImageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["image"]
        upload.seek(0)
        try:
            image = authoring.lesson_image_add(
                lesson=lesson,
                data=upload.read(),
                alt_text=form.cleaned_data["alt_text"],
                caption=form.cleaned_data["caption"],
                name=upload.name,
            )
        except authoring.AuthoringError as error:
            form.add_error("image", str(error))
        else:
            messages.success(
                request,
                _("Image added (%(width)s×%(height)s pixels).")
                % {"width": image.width, "height": image.height},
            )
            return redirect("learning:lesson_images", slug=course.slug, lesson_id=lesson.pk)
    return render(
        request,
        "learning/lesson_images.html",
        {"course": course, "lesson": lesson, "form": form, "images": lesson.images.all()},
    )
