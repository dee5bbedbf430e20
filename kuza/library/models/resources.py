"""Resources (tutorials, links, files, episodes), their tags, revisions and search documents."""

from __future__ import annotations

import langcodes
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def validate_language_tag(value: str) -> None:
    if not langcodes.tag_is_valid(value):
        raise ValidationError(
            _("“%(value)s” is not a language tag; use one like en, fr, ar, sw or pt-BR."),
            params={"value": value},
        )


class Resource(models.Model):
    """One piece of learning material in its source language.

    Readers get it in their language through kuza.translation, unit by unit
    (integrations.py); `translation_of` links a separately written version instead.
    """

    class Kind(models.TextChoices):
        TUTORIAL = "tutorial", _("Tutorial")
        LINK = "link", _("External link")
        FILE = "file", _("Downloadable file")
        EPISODE = "episode", _("Audio or video episode")

    class Level(models.TextChoices):
        BEGINNER = "beginner", _("Beginner")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        NEWCOMERS = "newcomers", _("New contributors")
        EDITORS = "editors", _("Experienced editors")
        ORGANISERS = "organisers", _("Event and community organisers")
        TRAINERS = "trainers", _("Trainers and mentors")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "Markdown. The tutorial itself, or a description of the link, file or episode."
        ),
    )
    url = models.URLField(_("address"), max_length=500, blank=True)
    licence = models.CharField(
        _("licence"), max_length=100, blank=True, help_text=_("For example CC BY-SA 4.0.")
    )
    last_checked = models.DateField(_("link last checked"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="library/%Y/%m/", blank=True)
    file_size = models.PositiveBigIntegerField(_("file size in bytes"), null=True, blank=True)
    duration_minutes = models.PositiveIntegerField(_("duration in minutes"), null=True, blank=True)
    transcript = models.TextField(_("transcript"), blank=True)
    language = models.CharField(
        _("language"), max_length=35, validators=[validate_language_tag], db_index=True
    )
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    audience = models.CharField(
        _("audience"), max_length=12, choices=Audience.choices, default=Audience.EVERYONE
    )
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name=_("translation of"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    review_note = models.TextField(_("note from the curator"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="library_resources",
        verbose_name=_("author"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("library resource")
        verbose_name_plural = _("library resources")
        constraints = [
            models.UniqueConstraint(
                fields=["translation_of", "language"], name="library_one_translation_per_language"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "kind", "level"]),
            # Every filter of a search, then the id: the candidates of a search are read from
            # this index alone (an index-only scan on PostgreSQL), never from the wide rows.
            models.Index(
                fields=["status", "language", "kind", "level", "audience", "id"],
                name="library_resource_filters",
            ),
            # The id, then every filter: whether one match of a search is a candidate is read
            # from this index alone, never from the wide row (on SQLite its filter columns
            # sit past the body and transcript, on overflow pages).
            models.Index(
                fields=["id", "status", "language", "kind", "level", "audience"],
                name="library_resource_id_filters",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:resource", args=[self.pk])

    @property
    def original(self) -> Resource:
        return self.translation_of or self


class ResourceSkillTag(models.Model):
    """A skill of the taxonomy (kuza.skills) that a resource teaches.

    `unmatched_slug` keeps a tag from before skills were foreign keys whose slug named no
    skill (migration 0003 reports them): such a row has no `skill`, is shown to curators in
    the admin and on the edit form, and never reaches readers or search filters.
    """

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="skill_tags")
    skill = models.ForeignKey(
        "skills.Skill",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="library_tags",
        verbose_name=_("skill"),
    )
    unmatched_slug = models.SlugField(
        _("unknown skill"),
        max_length=80,
        blank=True,
        help_text=_("A tag whose short name matched no skill of the taxonomy; fix or remove it."),
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "skill"], name="library_one_skill_tag"),
            models.CheckConstraint(
                condition=(
                    models.Q(skill__isnull=False, unmatched_slug="")
                    | models.Q(skill__isnull=True) & ~models.Q(unmatched_slug="")
                ),
                name="library_tag_skill_or_unmatched",
            ),
        ]
        indexes = [models.Index(fields=["skill", "resource"], name="library_tag_skill_idx")]
        verbose_name = _("skill tag")
        verbose_name_plural = _("skill tags")

    def __str__(self) -> str:
        return self.skill.slug if self.skill_id else self.unmatched_slug


class ResourceRevision(models.Model):
    """A snapshot of a resource after one save: who, when, and every field's value."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    snapshot = models.JSONField(_("snapshot"))

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "number"], name="library_revision_number"),
        ]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self) -> str:
        return f"{self.resource_id} r{self.number}"


class Curator(models.Model):
    """Someone who reviews and publishes library resources (staff are curators too)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="library_curator"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("library curator")
        verbose_name_plural = _("library curators")

    def __str__(self) -> str:
        return str(self.user)


class SearchDocument(models.Model):
    """The normalised text of one resource and of its translations, as the engines index it.

    Written only by `kuza.library.search.index_resources`. On SQLite an FTS5 table
    (`library_search`, external content) follows this table through triggers created in
    migration 0002; a migration that rebuilds this table on SQLite must recreate them.
    On PostgreSQL a trigger (migration 0004) fills `vector` (title and body, GIN-indexed,
    used to match; with lexemes placing the document, migration 0007) and `lead` (title and
    first line, small, stored plain in the row, used to shortlist before the full ranking);
    texts and `vector` are stored out of line, so a scan of the matches reads little more
    than the index. On SQLite both vectors stay empty.
    """

    resource = models.OneToOneField(
        Resource, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    title = models.TextField()
    body = models.TextField()
    vector = SearchVectorField(null=True)
    lead = SearchVectorField(null=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return self.title


class SearchTerm(models.Model):
    """A word some search document holds, normalised: what a prefix ("wiki*") stands for.

    Written by `kuza.library.search.index_resources` (never removed: a word no document
    holds any more matches nothing) and emptied by `rebuild_index`. Ordered by code point
    on both engines (PostgreSQL: the "C" collation, migration 0006), so the words beginning
    with a prefix are one range of the primary key.
    """

    term = models.CharField(max_length=64, primary_key=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self) -> str:
        return self.term
