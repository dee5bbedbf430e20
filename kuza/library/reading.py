"""Library content in the reader's language, through the translation app, unit by unit.

Each unit is shown translated when a translation exists (marked when outdated) and in the
source language otherwise (kuza.translation's per-unit fallback). Lists use one query for a
page of titles and summaries; a single resource or toolkit renders every field.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models

from kuza.library.models import Resource, Toolkit, ToolkitStep
from kuza.translation.models import UnitTranslation
from kuza.translation.rendering import RenderedField, RenderedPart
from kuza.translation.selectors import reader_language, translated_field, translated_parts


@dataclass(frozen=True)
class ResourceTexts:
    title: RenderedField
    summary: RenderedField
    body: RenderedField
    transcript: RenderedField


def resource_texts(resource: Resource, language: str | None = None) -> ResourceTexts:
    return ResourceTexts(
        **{
            name: translated_field(resource, name, language)
            for name in ("title", "summary", "body", "transcript")
        }
    )


@dataclass(frozen=True)
class StepTexts:
    step: ToolkitStep
    title: RenderedField
    body: RenderedField
    items: list[RenderedPart]


@dataclass(frozen=True)
class ToolkitTexts:
    title: RenderedField
    summary: RenderedField
    steps: list[StepTexts]


def toolkit_texts(toolkit: Toolkit, language: str | None = None) -> ToolkitTexts:
    """The toolkit, its steps and their checklists in the reader's language."""
    steps = []
    for step in toolkit.steps.all():
        parts, _progress = translated_parts(step, "checklist", language)
        items = [parts[f"item:{item.pk}"] for item in step.items.all() if item.text.strip()]
        steps.append(
            StepTexts(
                step=step,
                title=translated_field(step, "title", language),
                body=translated_field(step, "body", language),
                items=items,
            )
        )
    return ToolkitTexts(
        title=translated_field(toolkit, "title", language),
        summary=translated_field(toolkit, "summary", language),
        steps=steps,
    )


def localise_titles(
    objects: Sequence[models.Model],
    *,
    fields: Iterable[str] = ("title", "summary"),
    language: str | None = None,
) -> None:
    """Give each object `shown_<field>` and `shown_<field>_language` for the reader.

    For short one-unit (PLAIN) fields of a page of resources or toolkits, in one query. A
    translation made from an older source is still shown: a list is no place for notes.
    """
    fields = tuple(fields)
    requested = reader_language(language)
    found: dict[tuple[int, str], tuple[str, str]] = {}
    if objects:
        model = type(objects[0])
        rows = UnitTranslation.objects.filter(
            language=requested,
            unit__removed=False,
            unit__field__field_name__in=fields,
            unit__field__translatable__content_type=ContentType.objects.get_for_model(model),
            unit__field__translatable__object_id__in=[obj.pk for obj in objects],
        ).values_list(
            "unit__field__translatable__object_id", "unit__field__field_name", "unit__text", "text"
        )
        found = {(pk, name): (source, text) for pk, name, source, text in rows}
    for obj in objects:
        for name in fields:
            source = getattr(obj, name) or ""
            entry = found.get((obj.pk, name))
            # A unit whose source differs from the field is stale (synced before an edit).
            usable = entry is not None and entry[0].strip() == source.strip()
            setattr(obj, f"shown_{name}", entry[1] if usable else source)
            setattr(obj, f"shown_{name}_language", requested if usable else obj.language)
