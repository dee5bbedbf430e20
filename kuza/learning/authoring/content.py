"""Creating courses and their content: modules, lessons, images and links to media.

Each write re-syncs the translation units of what it changed (the translation registry's
save hook does it for each save).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kuza.learning.images import ImageError, compress_image
from kuza.learning.models import Course, Lesson, LessonImage, MediaLink, Module


class AuthoringError(ValueError):
    """Content that cannot be stored, with a message for the author."""


# Addresses under /learn/ that are not courses.
RESERVED_SLUGS = frozenset({"me", "text-only", "calendar", "new"})


def unique_course_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:90] or "course"
    if base in RESERVED_SLUGS:
        base = f"{base}-course"
    slug, number = base, 2
    while Course.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def course_create(
    *, title: str, summary: str = "", language: str = "en", author=None, **options
) -> Course:
    """A new course; `author`, if given, becomes its first author (and may edit it)."""
    if not title.strip():
        raise AuthoringError(_("A course needs a title."))
    with transaction.atomic():
        course = Course.objects.create(
            title=title.strip(),
            slug=options.pop("slug", "") or unique_course_slug(title),
            summary=clean_markdown(summary),
            language=language,
            **options,
        )
        if author is not None:
            course.authors.add(author)
    return course


_INVISIBLE_LINE = re.compile(r"^[^\S\r\n]+(?=\r?$)", re.MULTILINE)


def clean_markdown(text: str) -> str:
    """Lines holding only spaces (non-breaking ones too) emptied.

    Markdown reads a line of non-breaking spaces as a paragraph with nothing to show, and the
    translation app cannot make a unit of it; to the author it is a blank line.
    """
    return _INVISIBLE_LINE.sub("", text)


def next_position(queryset) -> int:
    return (queryset.aggregate(top=Max("position"))["top"] or 0) + 1


def module_create(*, course: Course, title: str) -> Module:
    if not title.strip():
        raise AuthoringError(_("A module needs a title."))
    return Module.objects.create(
        course=course, title=title, position=next_position(course.modules.all())
    )


def lesson_create(*, module: Module, title: str, body: str = "") -> Lesson:
    if not title.strip():
        raise AuthoringError(_("A lesson needs a title."))
    return Lesson.objects.create(
        course=module.course,
        module=module,
        title=title,
        body=clean_markdown(body),
        position=next_position(module.lessons.all()),
    )


def media_link_add(
    *, lesson: Lesson, title: str, url: str, kind: str = "video", size_note: str = ""
) -> MediaLink:
    """A link to media elsewhere; only http(s) addresses, as learners' browsers open them."""
    if not title.strip():
        raise AuthoringError(_("Give the link a title."))
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise AuthoringError(_("Give a web address starting with https:// or http://.")) from None
    if kind not in MediaLink.Kind.values:
        raise AuthoringError(_("Choose what kind of media it is."))
    return MediaLink.objects.create(
        lesson=lesson,
        title=title.strip(),
        url=url,
        kind=kind,
        size_note=size_note,
        position=next_position(lesson.media_links.all()),
    )


def media_link_delete(*, link: MediaLink) -> None:
    with transaction.atomic():
        link.delete()


def lesson_image_add(
    *, lesson: Lesson, data: bytes, alt_text: str, caption: str = "", name: str = "image"
) -> LessonImage:
    """Store an image resized to at most 1024 px wide and recompressed (WebP, quality 70)."""
    if not alt_text.strip():
        raise AuthoringError(_("Describe the image for people who cannot see it."))
    try:
        compressed = compress_image(data)
    except ImageError as error:
        raise AuthoringError(_("This file is not an image Kuza can read.")) from error
    stem = slugify(name.rsplit(".", 1)[0])[:60] or "image"
    image = LessonImage(
        lesson=lesson,
        alt_text=alt_text.strip(),
        caption=caption.strip(),
        width=compressed.width,
        height=compressed.height,
        size_bytes=len(compressed.data),
        position=next_position(lesson.images.all()),
    )
    image.image.save(stem + compressed.extension, ContentFile(compressed.data), save=False)
    image.save()
    return image


def lesson_image_update(*, image: LessonImage, alt_text: str, caption: str = "") -> LessonImage:
    """Change an image's text alternative (required) and caption; translators see the change."""
    alt_text, caption = alt_text.strip(), caption.strip()
    if not alt_text:
        raise AuthoringError(_("Describe the image for people who cannot see it."))
    limit = LessonImage._meta.get_field("alt_text").max_length
    if len(alt_text) > limit or len(caption) > limit:
        raise AuthoringError(
            _("A text alternative or caption has at most %(count)d characters.") % {"count": limit}
        )
    image.alt_text, image.caption = alt_text, caption
    with transaction.atomic():
        image.save(update_fields=["alt_text", "caption", "updated_at"])
    return image


def lesson_image_delete(*, image: LessonImage) -> None:
    """Remove the image and, once that is committed, its file."""
    storage, name = image.image.storage, image.image.name
    with transaction.atomic():
        image.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))
