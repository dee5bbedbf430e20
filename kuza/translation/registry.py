"""Which model fields hold translatable content: declared once by the app that owns the model.

An app declares its fields from its integrations.py:

    from kuza.translation import registry

    registry.register(
        Lesson,
        fields={"title": registry.PLAIN, "body": registry.MARKDOWN},
        named={"quiz": lambda lesson: {"question": ..., "option:1": ...}},
        source_language=lambda lesson: lesson.course.language,
        title=lambda lesson: lesson.title,
    )

and calls `kuza.translation.services.translation_sync_source(obj=lesson)` after writing one
(a post_save hook does it too, for the admin and the shell). Readers then get
`kuza.translation.selectors.translated_field(obj, "body")`, or the `{% translated_field %}`
tag in templates.

- MARKDOWN fields are split into paragraphs, headings, list items, quotes and table rows;
- PLAIN fields (a skill name, a badge name) are one unit;
- NAMED fields are structured content whose parts the caller keys itself, e.g. a quiz's
  question and each option: the getter returns {key: text}; keys must stay the same across
  edits (see kuza.translation.keys.named_units).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from django.conf import settings
from django.db import models


class Format(StrEnum):
    MARKDOWN = "markdown"
    PLAIN = "plain"
    NAMED = "named"


MARKDOWN = Format.MARKDOWN
PLAIN = Format.PLAIN


# Private-use characters the reader rendering uses to mark units in Markdown before it is
# turned into HTML (see rendering.py); removed from every source and translation first, so
# no text can forge a marker.
MARKERS = "\ue001\ue002\ue003"
_NO_MARKERS = str.maketrans("", "", MARKERS)


def without_markers(text: str) -> str:
    return text.translate(_NO_MARKERS)


class RegistryError(ValueError):
    """A translatable declaration that cannot work."""


def _default_source_language(obj: models.Model) -> str:
    return settings.LANGUAGE_CODE


@dataclass(frozen=True)
class TranslatableModel:
    """How to read the translatable content of one model."""

    model: type[models.Model]
    fields: Mapping[str, Format]
    named: Mapping[str, Callable[[models.Model], Mapping[str, str]]] = field(default_factory=dict)
    source_language: Callable[[models.Model], str] = _default_source_language
    title: Callable[[models.Model], str] = str
    # For a whole a translator takes on at once (a course, a toolkit): the other translatable
    # objects that belong to it, in reading order. Its exchange file holds them all.
    parts: Callable[[models.Model], Iterable[models.Model]] | None = None

    @property
    def label(self) -> str:
        """'app_label.modelname', as in exported unit contexts and URLs."""
        return self.model._meta.label_lower

    @property
    def field_names(self) -> tuple[str, ...]:
        return (*self.fields, *self.named)

    def format_of(self, field_name: str) -> Format:
        if field_name in self.named:
            return Format.NAMED
        try:
            return self.fields[field_name]
        except KeyError:
            raise RegistryError(
                f"{self.label} has no translatable field {field_name!r}; declared: "
                f"{', '.join(self.field_names)}"
            ) from None

    def text_of(self, obj: models.Model, field_name: str) -> str:
        """The source text of a MARKDOWN or PLAIN field ('' when empty)."""
        return without_markers(str(getattr(obj, field_name) or ""))

    def named_texts_of(
        self, obj: models.Model, field_name: str, texts: Mapping[str, str] | None = None
    ) -> Mapping[str, str]:
        """The named texts of `obj`: read by the declared getter, or `texts` when the caller
        has already read them from the rows the page shows."""
        return {
            key: without_markers(str(text or ""))
            for key, text in (self.named[field_name](obj) if texts is None else texts).items()
        }


_registered: dict[str, TranslatableModel] = {}


def register(
    model: type[models.Model],
    *,
    fields: Mapping[str, str] | None = None,
    named: Mapping[str, Callable[[models.Model], Mapping[str, str]]] | None = None,
    source_language: Callable[[models.Model], str] | None = None,
    title: Callable[[models.Model], str] | None = None,
    parts: Callable[[models.Model], Iterable[models.Model]] | None = None,
    sync_on_save: bool = True,
) -> TranslatableModel:
    """Declare `model`'s translatable content; safe to call again with the same declaration.

    With `sync_on_save` (the default) every save of an instance re-syncs its units once the
    transaction commits, so edits made in the admin are tracked too. Objects changed with
    QuerySet.update() or raw SQL need `kuza translation-sync`.

    `parts(obj)` lists the registered objects that belong to `obj` (a course's lessons and
    quizzes), so translators can export and import all of it as one file.
    """
    declared_fields = {name: Format(value) for name, value in (fields or {}).items()}
    if Format.NAMED in declared_fields.values():
        raise RegistryError("declare NAMED content with named={name: getter}, not in fields")
    declared_named = dict(named or {})
    if not declared_fields and not declared_named:
        raise RegistryError(f"{model._meta.label} declares no translatable field")
    overlap = set(declared_fields) & set(declared_named)
    if overlap:
        raise RegistryError(f"{sorted(overlap)} declared both as fields and as named content")
    for name in declared_fields:
        model._meta.get_field(name)  # FieldDoesNotExist at start-up rather than at the first save
    spec = TranslatableModel(
        model=model,
        fields=declared_fields,
        named=declared_named,
        source_language=source_language or _default_source_language,
        title=title or str,
        parts=parts,
    )
    _registered[spec.label] = spec
    if sync_on_save:
        _connect_hooks(model)
    return spec


def _connect_hooks(model: type[models.Model]) -> None:
    from django.db.models.signals import post_delete, post_save

    from kuza.translation import hooks

    post_save.connect(hooks.sync_after_save, sender=model, dispatch_uid=f"translation-sync-{model}")
    post_delete.connect(
        hooks.forget_after_delete, sender=model, dispatch_uid=f"translation-forget-{model}"
    )


def spec_for_label(label: str) -> TranslatableModel | None:
    return _registered.get(label.lower())


def spec_for(model_or_obj: type[models.Model] | models.Model) -> TranslatableModel:
    label = model_or_obj._meta.label_lower
    spec = _registered.get(label)
    if spec is None:
        raise RegistryError(f"{label} is not registered as translatable")
    return spec


def registered() -> tuple[TranslatableModel, ...]:
    return tuple(sorted(_registered.values(), key=lambda spec: spec.label))
