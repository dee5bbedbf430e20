"""Offline copies: a course or one module as one self-contained HTML file.

Everything is inside the file: a little CSS, images as data: URIs recompressed small (480 px
wide JPEG) or left out in text-only mode, and quizzes with their answers folded in <details>
so a learner can test themself before looking. No script, no external request.
Sizes are cached per course version, language and mode, to show them before download.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db.models import Count, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language

from kuza.audience.selectors import published_rows
from kuza.learning.images import OFFLINE_MAX_WIDTH, OFFLINE_QUALITY, ImageError, compress_image
from kuza.learning.models import Course, Lesson, LessonImage, Module, Quiz
from kuza.learning.rendering import (
    lesson_body_for,
    lesson_parts,
    shown_hints,
    shown_questions,
    with_missing_images_shown,
)
from kuza.translation.models import UnitTranslation
from kuza.translation.selectors import (
    prefetch_translations,
    reader_language,
    translated_field,
)

CACHE_SECONDS = 60 * 60 * 24 * 7
_IMG_SRC = re.compile(r'(<img\b[^>]*\bsrc=")([^"]+)(")')
_HEADING = re.compile(r"<(/?)h([2-5])\b")


def _data_uri(data: bytes) -> str | None:
    try:
        small = compress_image(
            data, max_width=OFFLINE_MAX_WIDTH, quality=OFFLINE_QUALITY, fmt="JPEG"
        )
    except ImageError:
        return None
    return "data:image/jpeg;base64," + base64.b64encode(small.data).decode("ascii")


def _stored_file(url: str) -> bytes | None:
    """The bytes of a file in media storage, from its URL; None for other addresses."""
    media_url = settings.MEDIA_URL
    if not url.startswith(media_url):
        return None
    name = url[len(media_url) :]
    if ".." in name.split("/") or not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def inline_images(html: str) -> str:
    """Each <img> of our own media as a small data: URI; any other image is dropped."""

    def replace(match: re.Match[str]) -> str:
        data = _stored_file(match[2].replace("&amp;", "&"))
        uri = _data_uri(data) if data is not None else None
        return f"{match[1]}{uri}{match[3]}" if uri else f"{match[1]}{match[3]}"

    html = _IMG_SRC.sub(replace, html)
    return re.sub(r'<img\b[^>]*\bsrc=""[^>]*>', "", html)


def _shift_headings(html: str) -> str:
    # Lessons are h3 in the file, so their own h2-h5 become h4-h6.
    return _HEADING.sub(lambda m: f"<{m[1]}h{min(6, int(m[2]) + 2)}", html)


@dataclass
class OfflineLesson:
    lesson: Lesson
    title: str
    parts: list
    images: list
    media_links: list


def _lesson(lesson: Lesson, *, language: str, text_only: bool) -> OfflineLesson:
    body = lesson_body_for(lesson, language)
    parts = []
    for part in lesson_parts(lesson, body, text_only=text_only):
        shown = {"kind": part.kind, "quiz": part.quiz, "placeholder": part.placeholder}
        if part.kind == "html":
            html = str(part.html) if text_only else inline_images(str(part.html))
            shown["html"] = mark_safe(_shift_headings(html))  # noqa: S308 - sanitised HTML
        elif part.kind == "quiz":
            intro = translated_field(part.quiz, "intro", language).html
            shown["intro"] = with_missing_images_shown(intro)
            shown["questions"] = shown_questions(part.quiz, language)
            shown["hints"] = shown_hints(part.quiz, language)
        else:
            shown["name"] = translated_field(part.placeholder, "display_name", language).text
        parts.append(shown)
    images = []
    if not text_only:
        for image in lesson.images.all():
            if not image.shown_below_text:
                continue  # an imported image, already inlined in its place in the text
            data = _stored_file(image.image.url)
            uri = _data_uri(data) if data else None
            if uri:
                alt = translated_field(image, "alt_text", language).text.strip()
                caption = translated_field(image, "caption", language).text.strip()
                images.append((uri, alt, caption))
    return OfflineLesson(
        lesson=lesson,
        title=str(translated_field(lesson, "title", language).text),
        parts=parts,
        images=images,
        media_links=[
            (link, translated_field(link, "title", language).text.strip())
            for link in lesson.media_links.all()
        ],
    )


def _sections(
    course: Course, modules: list[Module], *, language: str, text_only: bool
) -> dict[int, dict]:
    """{module pk: section} for the modules' lessons, read in a fixed number of queries."""
    # Lessons moderators hid are left out of every copy.
    lessons = list(
        published_rows(Lesson.objects.filter(module__in=modules))
        .order_by("position", "pk")
        .prefetch_related("quizzes__questions__options", "placeholders", "images", "media_links")
    )
    prefetch_translations(
        [
            course,
            *modules,
            *lessons,
            *(
                shown
                for lesson in lessons
                for related in ("quizzes", "placeholders", "images", "media_links")
                for shown in getattr(lesson, related).all()
            ),
        ],
        language,
    )
    by_module: dict[int, list[Lesson]] = {module.pk: [] for module in modules}
    for lesson in lessons:
        by_module[lesson.module_id].append(lesson)
    return {
        module.pk: {
            "module": module,
            "title": translated_field(module, "title", language).text,
            "lessons": [
                _lesson(lesson, language=language, text_only=text_only)
                for lesson in by_module[module.pk]
            ],
        }
        for module in modules
    }


def _render(
    course: Course, module: Module | None, sections: list[dict], *, language: str, text_only: bool
) -> bytes:
    html = render_to_string(
        "learning/offline.html",
        {
            "course": course,
            "course_title": translated_field(course, "title", language).text,
            "summary": translated_field(course, "summary", language).html,
            "module": module,
            "module_title": translated_field(module, "title", language).text if module else "",
            "sections": sections,
            "text_only": text_only,
            "language": language,
            "made_at": timezone.now(),
            "site_url": settings.SITE_URL,
        },
    )
    return html.encode("utf-8")


def offline_html(
    *,
    course: Course,
    module: Module | None = None,
    language: str | None = None,
    text_only: bool = False,
) -> bytes:
    language = reader_language(language)
    modules = [module] if module is not None else list(course.modules.order_by("position", "pk"))
    sections = _sections(course, modules, language=language, text_only=text_only)
    return _render(course, module, list(sections.values()), language=language, text_only=text_only)


def offline_filename(course: Course, module: Module | None = None) -> str:
    name = (
        course.slug
        if module is None
        else f"{course.slug}-{slugify(module.title)[:40] or module.pk}"
    )
    return f"{name}.html"


def _latest_and_count(rows: QuerySet, group: str) -> dict:
    """The newest `updated_at` and the number of `rows`, as two expressions of one query."""
    grouped = rows.order_by().values(group)
    return {
        "latest": Subquery(grouped.annotate(value=Max("updated_at")).values("value")),
        "count": Coalesce(Subquery(grouped.annotate(value=Count("pk")).values("value")), 0),
    }


def _fingerprint(course: Course, language: str, modules: list[Module] | None = None) -> str:
    """What the copies are made of, read in two queries: the dates and sizes of the course's
    lessons, quizzes, images and translations in one, the lessons moderators left shown in the
    other. `modules`, every module of the course when the caller has read them."""
    facts = {
        "lessons": _latest_and_count(Lesson.objects.filter(course=OuterRef("pk")), "course"),
        "quizzes": _latest_and_count(Quiz.objects.filter(course=OuterRef("pk")), "course"),
        "images": _latest_and_count(
            LessonImage.objects.filter(lesson__course=OuterRef("pk")), "lesson__course"
        ),
        "translated": _latest_and_count(
            UnitTranslation.objects.filter(language=language), "language"
        ),
    }
    columns = {
        f"{kind}_{name}": expression
        for kind, expressions in facts.items()
        for name, expression in expressions.items()
    }
    read = Course.objects.filter(pk=course.pk).annotate(**columns).values(*columns).get()
    lessons, quizzes, images, translated = (
        {name: read[f"{kind}_{name}"] for name in ("latest", "count")} for kind in facts
    )
    if modules is None:
        modules = list(course.modules.all())
    shown = sorted(
        published_rows(Lesson.objects.filter(course=course)).values_list("pk", flat=True)
    )
    parts = [
        course.updated_at,
        lessons,
        quizzes,
        images,
        translated,
        [(module.pk, module.title, module.position) for module in modules],
        shown,
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:20]


def _size_key(course: Course, scope, language: str, text_only: bool, fingerprint: str) -> str:
    return f"learning:offline-size:{course.pk}:{scope}:{language}:{int(text_only)}:{fingerprint}"


def offline_sizes(
    *,
    course: Course,
    modules: list[Module],
    language: str | None = None,
    text_only: bool = False,
    course_modules: list[Module] | None = None,
) -> tuple[int, dict[int, int]]:
    """(size of the whole course's file, {module pk: size of its file}), in bytes.

    Computed once per version of the course and cached; on a miss the course is read once for
    all the copies, not once per copy. `course_modules`: every module of the course in order,
    when the caller has read them (the offline page), so they are not read again.
    """
    language = reader_language(language or get_language())
    fingerprint = _fingerprint(course, language, course_modules)
    keys = {
        scope: _size_key(course, scope, language, text_only, fingerprint)
        for scope in ["all", *(module.pk for module in modules)]
    }
    cached = cache.get_many(list(keys.values()))
    sizes = {scope: cached.get(key) for scope, key in keys.items()}
    if None in sizes.values():
        every_module = (
            course_modules
            if course_modules is not None
            else list(course.modules.order_by("position", "pk"))
        )
        sections = _sections(course, every_module, language=language, text_only=text_only)
        for scope in [scope for scope, size in sizes.items() if size is None]:
            module = next((item for item in every_module if item.pk == scope), None)
            shown = list(sections.values()) if module is None else [sections[module.pk]]
            sizes[scope] = len(
                _render(course, module, shown, language=language, text_only=text_only)
            )
        cache.set_many({keys[scope]: size for scope, size in sizes.items()}, CACHE_SECONDS)
    return sizes["all"], {module.pk: sizes[module.pk] for module in modules}


def offline_size(
    *,
    course: Course,
    module: Module | None = None,
    language: str | None = None,
    text_only: bool = False,
) -> int:
    """The file's size in bytes, computed once per version of the course and cached."""
    course_size, module_sizes = offline_sizes(
        course=course,
        modules=[module] if module is not None else [],
        language=language,
        text_only=text_only,
    )
    return module_sizes[module.pk] if module is not None else course_size
