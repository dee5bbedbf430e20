"""Courses and their content: modules, lessons, images, links to media, kept placeholders."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CurrentContentManager(models.Manager):
    """Leaves out content archived by a re-import (see ArchivableContent)."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(archived_at__isnull=True)


class AllContentManager(models.Manager):
    """Current and archived content alike."""


class ArchivableContent(models.Model):
    """Imported content that left a newer export: archived, never deleted.

    `objects` (the default, so also every related manager such as `course.lessons`) shows
    current content only, so archived content leaves the outline, progress and exports
    without each query remembering to filter. It keeps its learners' attempts and its
    translations, and a later export that brings it back restores it (kuza.learning.importing).
    `all_objects` sees both; Django's base manager, used to follow foreign keys from an
    attempt to its quiz, sees both too.
    """

    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False)

    objects = CurrentContentManager()
    all_objects = AllContentManager()

    class Meta:
        abstract = True


class Course(models.Model):
    class CompletionRule(models.TextChoices):
        ALL = "all", _("Every lesson read and every quiz passed")
        PERCENT = "percent", _("A percentage of lessons and quizzes done")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=100, unique=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    language = models.CharField(
        _("language"), max_length=12, default="en", help_text=_("The language it is written in.")
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="courses",
        help_text=_("Its organisers manage the course and see every learner's progress."),
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("authors"),
        related_name="authored_courses",
        blank=True,
        help_text=_("They write and edit the course, and see every learner's progress."),
    )
    is_published = models.BooleanField(_("published"), default=True)
    self_paced = models.BooleanField(
        _("self-paced"),
        default=True,
        help_text=_("Anyone may enrol and learn at their own pace, outside any cohort."),
    )
    completion_rule = models.CharField(
        _("completion rule"),
        max_length=10,
        choices=CompletionRule.choices,
        default=CompletionRule.ALL,
    )
    completion_percent = models.PositiveSmallIntegerField(
        _("percentage to complete"),
        default=80,
        help_text=_("Used with the percentage rule: lessons and quizzes done out of all."),
    )
    # "org/number/run" of an Open edX export, so importing it again updates this course.
    olx_key = models.CharField(_("Open edX key"), max_length=300, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [
            models.UniqueConstraint(
                fields=["olx_key"], condition=~Q(olx_key=""), name="learning_course_olx_key"
            ),
            models.CheckConstraint(
                condition=Q(completion_percent__gte=1, completion_percent__lte=100),
                name="learning_course_completion_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Module(ArchivableContent):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    olx_key = models.CharField(_("Open edX key"), max_length=300, blank=True, default="")

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "olx_key"],
                condition=~Q(olx_key=""),
                name="learning_module_olx_key",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Lesson(ArchivableContent):
    # The course is the module's; kept here too so import keys are unique per course.
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    # Markdown; imported Open edX HTML is converted to it (kuza.learning.htmlmarkdown), so
    # every lesson is translated unit by unit the same way.
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    olx_key = models.CharField(_("Open edX key"), max_length=300, blank=True, default="")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["module__position", "position", "pk"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "olx_key"],
                condition=~Q(olx_key=""),
                name="learning_lesson_olx_key",
            ),
        ]

    def __str__(self) -> str:
        return self.title


def lesson_image_path(image: LessonImage, filename: str) -> str:
    return f"learning/images/{image.lesson.course_id}/{filename}"


class LessonImage(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="images")
    position = models.PositiveIntegerField(_("position"), default=0)
    image = models.ImageField(_("image"), upload_to=lesson_image_path)
    alt_text = models.CharField(
        _("text alternative"),
        max_length=300,
        help_text=_("What the image shows, for people who cannot see it or hide images."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)
    size_bytes = models.PositiveIntegerField(_("size in bytes"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # An image imported from a data: URI in an Open edX export: the SHA-256 of its original
    # bytes, so a re-import finds it again. The lesson text shows it in its place, so the
    # lesson page does not list it again below the text (see `shown_below_text`).
    olx_key = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("lesson image")
        verbose_name_plural = _("lesson images")
        constraints = [
            models.CheckConstraint(condition=~Q(alt_text=""), name="learning_image_has_alt_text"),
        ]

    def __str__(self) -> str:
        return self.alt_text

    @property
    def shown_below_text(self) -> bool:
        """Uploaded images are listed below the lesson text; imported ones sit inside it."""
        return not self.olx_key


class MediaLink(models.Model):
    """A video, recording or slides elsewhere: shown as a link, never embedded."""

    class Kind(models.TextChoices):
        VIDEO = "video", _("Video")
        AUDIO = "audio", _("Audio")
        SLIDES = "slides", _("Slides")
        OTHER = "other", _("Other")

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="media_links")
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.VIDEO)
    size_note = models.CharField(
        _("length or size"), max_length=60, blank=True, help_text=_("e.g. 12 minutes, 40 MB")
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("link to media")
        verbose_name_plural = _("links to media")

    def __str__(self) -> str:
        return self.title


class Placeholder(ArchivableContent):
    """An imported block Kuza cannot represent, kept visible where it was in the lesson."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="placeholders")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="placeholders")
    position = models.PositiveIntegerField(_("position"), default=0)
    block_type = models.CharField(_("block type"), max_length=100)
    display_name = models.CharField(_("name"), max_length=300)
    reason = models.TextField(_("reason"))
    links = models.JSONField(_("links"), default=list, blank=True)  # [{"label", "url"}]
    olx_key = models.CharField(_("Open edX key"), max_length=300)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("placeholder")
        verbose_name_plural = _("placeholders")
        constraints = [
            models.UniqueConstraint(fields=["course", "olx_key"], name="learning_placeholder_key"),
        ]

    def __str__(self) -> str:
        return f"{self.block_type}: {self.display_name}"
