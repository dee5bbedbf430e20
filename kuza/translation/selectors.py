"""Reads: translated content for readers, progress, and what translators work on."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils.translation import get_language

from kuza.translation import permissions, registry
from kuza.translation.catalog import CatalogUnit
from kuza.translation.fallback import Progress
from kuza.translation.keys import KeyedUnit, Translation
from kuza.translation.languages import content_languages
from kuza.translation.models import SourceUnit, TranslatableObject, UnitTranslation
from kuza.translation.rendering import (
    RenderedField,
    RenderedPart,
    render_field,
    render_named_units,
    render_source,
)
from kuza.translation.units import UnitKind


def reader_language(language: str | None = None) -> str:
    """The language to show content in: the given one, else the active one.

    The active language is the reader's choice: LocaleMiddleware takes it from the
    language cookie (the footer's language form), then the browser's Accept-Language.
    """
    return (language or get_language() or "en").lower()


# What a page reads of an object's translation data is kept on the object itself, so a page
# that shows one object's title, summary and body asks once, and a page listing many objects
# asks once for all of them (`prefetch_translations`), instead of once per field shown.
_LOADED = "_kuza_translation_data"


@dataclass
class _LoadedTranslations:
    fields: dict[str, object]  # field name -> TranslatableField (with its translatable)
    units: dict[tuple[int, str], tuple[list[KeyedUnit], dict[str, Translation]]]


def prefetch_translations(objects: Iterable[models.Model], language: str | None = None) -> None:
    """Load the stored translation data of every object shown, in one query for all of them.

    When `language` (default: the reader's) differs from an object's source language, its
    units and their translations into that language come too, in two more queries in all.
    Objects of several models may be mixed; objects already loaded are left as they are.
    """
    pending = [
        obj
        for obj in objects
        if obj is not None and obj.pk is not None and _LOADED not in obj.__dict__
    ]
    if not pending:
        return
    rows = _load_fields(pending)
    requested = reader_language(language)
    to_translate = [row for row in rows if requested != row.translatable.source_language.lower()]
    if to_translate:
        _load_units(pending, [row.pk for row in to_translate], requested)


def _load_fields(pending: Sequence[models.Model]) -> list:
    from kuza.translation.models import TranslatableField

    by_type: dict[ContentType, dict[int, list[models.Model]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for obj in pending:
        by_type[ContentType.objects.get_for_model(obj)][obj.pk].append(obj)
        obj.__dict__[_LOADED] = _LoadedTranslations(fields={}, units={})
    wanted = Q()
    for content_type, by_pk in by_type.items():
        wanted |= Q(translatable__content_type=content_type, translatable__object_id__in=by_pk)
    rows = list(TranslatableField.objects.select_related("translatable").filter(wanted))
    for row in rows:
        content_type_id = row.translatable.content_type_id
        for content_type, by_pk in by_type.items():
            if content_type.pk != content_type_id:
                continue
            for obj in by_pk.get(row.translatable.object_id, ()):
                obj.__dict__[_LOADED].fields[row.field_name] = row
    return rows


def _load_units(objects: Sequence[models.Model], field_ids: list[int], language: str) -> None:
    units: dict[int, list[KeyedUnit]] = {field_id: [] for field_id in field_ids}
    for field_id, key, text, kind in (
        SourceUnit.objects.filter(field_id__in=field_ids, removed=False)
        .order_by("field_id", "position")
        .values_list("field_id", "key", "text", "kind")
    ):
        units[field_id].append(KeyedUnit(key, text, UnitKind(kind)))
    translations: dict[int, dict[str, Translation]] = {field_id: {} for field_id in field_ids}
    for field_id, key, text, source_hash in UnitTranslation.objects.filter(
        unit__field_id__in=field_ids, unit__removed=False, language=language
    ).values_list("unit__field_id", "unit__key", "text", "source_hash_at_translation"):
        translations[field_id][key] = Translation(text, source_hash)
    for obj in objects:
        loaded = obj.__dict__[_LOADED]
        for row in loaded.fields.values():
            if row.pk in units:
                loaded.units[(row.pk, language)] = (units[row.pk], translations[row.pk])


def _loaded(obj: models.Model) -> _LoadedTranslations:
    if _LOADED not in obj.__dict__ and obj.pk is not None:
        _load_fields([obj])  # the fields only: the units once a translation is needed
    if _LOADED not in obj.__dict__:  # not saved yet: nothing stored
        return _LoadedTranslations(fields={}, units={})
    return obj.__dict__[_LOADED]


def forget_loaded_translations(obj: models.Model) -> None:
    """After changing an object's translation data, so the same instance reads it afresh."""
    obj.__dict__.pop(_LOADED, None)


def _stored_field(obj: models.Model, field_name: str):
    return _loaded(obj).fields.get(field_name)


def _keyed_units_and_translations(
    obj: models.Model, field_id: int, language: str
) -> tuple[list[KeyedUnit], dict[str, Translation]]:
    loaded = _loaded(obj)
    if (field_id, language) not in loaded.units:
        field_ids = [row.pk for row in loaded.fields.values()]
        _load_units([obj], field_ids, language)
    return loaded.units[(field_id, language)]


def translated_field(
    obj: models.Model, field_name: str, language: str | None = None
) -> RenderedField:
    """`obj.<field_name>` in the reader's language, unit by unit, falling back to the source."""
    spec = registry.spec_for(obj)
    field_format = spec.format_of(field_name)
    if field_format is registry.Format.NAMED:
        raise registry.RegistryError(f"{field_name!r} holds named parts: use translated_parts()")
    text = spec.text_of(obj, field_name)
    requested = reader_language(language)
    stored = _stored_field(obj, field_name)
    source_language = stored.translatable.source_language if stored else spec.source_language(obj)
    if stored is None or requested == source_language.lower():
        return render_source(
            text, field_format, source_language=source_language, requested_language=requested
        )
    units, translations = _keyed_units_and_translations(obj, stored.pk, requested)
    return render_field(
        text,
        field_format,
        units,
        translations,
        source_language=source_language,
        requested_language=requested,
    )


def translated_parts(
    obj: models.Model,
    field_name: str,
    language: str | None = None,
    *,
    texts: Mapping[str, str] | None = None,
) -> tuple[dict[str, RenderedPart], Progress]:
    """Named parts (a quiz's question, options...) in the reader's language; `texts`, the
    source texts when the caller has already read the rows they come from."""
    spec = registry.spec_for(obj)
    texts = dict(spec.named_texts_of(obj, field_name, texts))
    requested = reader_language(language)
    stored = _stored_field(obj, field_name)
    source_language = stored.translatable.source_language if stored else spec.source_language(obj)
    if stored is None or requested == source_language.lower():
        return render_named_units(
            texts, {}, {}, source_language=source_language, requested_language=requested
        )
    units, translations = _keyed_units_and_translations(obj, stored.pk, requested)
    return render_named_units(
        texts,
        {unit.key: unit for unit in units},
        translations,
        source_language=source_language,
        requested_language=requested,
    )


# --- Progress ------------------------------------------------------------------------------


def progress_by_object(
    translatables: Sequence[TranslatableObject], languages: Iterable[str] | None = None
) -> dict[int, dict[str, Progress]]:
    """{translatable pk: {language: Progress}} for every target language of each object."""
    languages = tuple(languages or content_languages())
    ids = [translatable.pk for translatable in translatables]
    totals = dict(
        SourceUnit.objects.filter(field__translatable_id__in=ids, removed=False)
        .values_list("field__translatable_id")
        .annotate(total=Count("id"))
        .values_list("field__translatable_id", "total")
    )
    counts: dict[tuple[int, str], tuple[int, int]] = {}
    for translatable_id, language, current, outdated in (
        UnitTranslation.objects.filter(
            unit__field__translatable_id__in=ids, unit__removed=False, language__in=languages
        )
        .values("unit__field__translatable_id", "language")
        .annotate(
            current=Count("id", filter=Q(source_hash_at_translation=F("unit__source_hash"))),
            outdated=Count("id", filter=~Q(source_hash_at_translation=F("unit__source_hash"))),
        )
        .values_list("unit__field__translatable_id", "language", "current", "outdated")
    ):
        counts[(translatable_id, language)] = (current, outdated)
    result: dict[int, dict[str, Progress]] = {}
    for translatable in translatables:
        total = totals.get(translatable.pk, 0)
        per_language = {}
        for language in languages:
            if language == translatable.source_language:
                continue
            current, outdated = counts.get((translatable.pk, language), (0, 0))
            per_language[language] = Progress(
                translated=current, outdated=outdated, missing=total - current - outdated
            )
        result[translatable.pk] = per_language
    return result


def translatable_for(obj: models.Model) -> TranslatableObject | None:
    return TranslatableObject.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).first()


def object_progress(obj: models.Model) -> dict[str, Progress]:
    """Progress per target language of one registered object (empty if never synced)."""
    translatable = translatable_for(obj)
    if translatable is None:
        return {}
    return progress_by_object([translatable])[translatable.pk]


# --- What translators and organisers see ---------------------------------------------------


def _require_progress_viewer(user) -> None:
    if not permissions.can_view_progress(user):
        raise PermissionDenied


def translatable_objects(*, user, model_label: str = "") -> QuerySet[TranslatableObject]:
    """Objects with translatable content, for translators, organisers and staff."""
    _require_progress_viewer(user)
    objects = TranslatableObject.objects.select_related("content_type").order_by(
        "content_type__app_label", "content_type__model", "title", "pk"
    )
    if model_label:
        app_label, _, model = model_label.partition(".")
        objects = objects.filter(content_type__app_label=app_label, content_type__model=model)
    return objects


def translatable_object(*, user, pk: int) -> TranslatableObject:
    _require_progress_viewer(user)
    translatable = TranslatableObject.objects.select_related("content_type").filter(pk=pk).first()
    if translatable is None:
        raise Http404
    return translatable


def has_parts(translatable: TranslatableObject) -> bool:
    spec = registry.spec_for_label(translatable.model_label)
    return spec is not None and spec.parts is not None


def translatable_whole(translatable: TranslatableObject) -> list[TranslatableObject]:
    """The object and every translatable part of it (registry `parts`), in reading order:
    what one exchange file for a course or a toolkit holds. Parts not synced yet (no units)
    are left out, as they have nothing to translate."""
    spec = registry.spec_for_label(translatable.model_label)
    if spec is None or spec.parts is None:
        return [translatable]
    obj = translatable.content_type.get_object_for_this_type(pk=translatable.object_id)
    parts = list(spec.parts(obj))
    content_types = ContentType.objects.get_for_models(*{type(part) for part in parts})
    wanted: dict[int, list[int]] = defaultdict(list)
    for part in parts:
        wanted[content_types[type(part)].pk].append(part.pk)
    found = {
        (item.content_type_id, item.object_id): item
        for content_type_id, ids in wanted.items()
        for item in TranslatableObject.objects.select_related("content_type").filter(
            content_type_id=content_type_id, object_id__in=ids
        )
    }
    ordered = [translatable]
    for part in parts:
        item = found.get((content_types[type(part)].pk, part.pk))
        if item is not None and item not in ordered:
            ordered.append(item)
    return ordered


def model_labels_in_use() -> list[str]:
    return [
        f"{app_label}.{model}"
        for app_label, model in TranslatableObject.objects.values_list(
            "content_type__app_label", "content_type__model"
        )
        .distinct()
        .order_by("content_type__app_label", "content_type__model")
    ]


@dataclass(frozen=True)
class EditorUnit:
    """One unit in the translation editor."""

    unit: SourceUnit
    translation: UnitTranslation | None
    field_label: str = ""

    @property
    def state(self) -> str:
        if self.translation is None:
            return "missing"
        if self.translation.source_hash_at_translation != self.unit.source_hash:
            return "outdated"
        return "translated"

    @property
    def anchor(self) -> str:
        return f"unit-{self.unit.pk}"


_STATE_ORDER = {"missing": 0, "outdated": 0, "translated": 1}


def editor_units(*, user, translatable: TranslatableObject, language: str) -> list[EditorUnit]:
    """The object's units with their translations, missing and outdated ones first."""
    if not permissions.can_translate(user, language):
        raise PermissionDenied
    units = (
        SourceUnit.objects.filter(field__translatable=translatable, removed=False)
        .select_related("field")
        .order_by("field__field_name", "position")
    )
    translations = {
        translation.unit_id: translation
        for translation in UnitTranslation.objects.filter(
            unit__field__translatable=translatable, unit__removed=False, language=language
        )
    }
    labels = _field_labels(translatable)
    listed = [
        EditorUnit(unit, translations.get(unit.pk), labels.get(unit.field.field_name, ""))
        for unit in units
    ]
    # Stable sort: document order within each group.
    return sorted(listed, key=lambda item: _STATE_ORDER[item.state])


def _field_labels(translatable: TranslatableObject) -> dict[str, str]:
    """Field name -> the model field's verbose name, for the fields that have one."""
    model = translatable.content_type.model_class()
    if model is None:
        return {}
    labels = {}
    for model_field in model._meta.get_fields():
        verbose_name = getattr(model_field, "verbose_name", None)
        if verbose_name:
            labels[model_field.name] = str(verbose_name)
    return labels


def catalog_units(
    translatables: Sequence[TranslatableObject], language: str
) -> list[tuple[CatalogUnit, SourceUnit]]:
    """The units of `translatables` with their `language` translations, for export/import."""
    by_id = {translatable.pk: translatable for translatable in translatables}
    units = (
        SourceUnit.objects.filter(field__translatable_id__in=by_id, removed=False)
        .exclude(field__translatable__source_language=language)
        .select_related("field")
        .order_by("field__translatable_id", "field__field_name", "position")
    )
    translations = {
        unit_id: Translation(text, source_hash)
        for unit_id, text, source_hash in UnitTranslation.objects.filter(
            unit__field__translatable_id__in=by_id, unit__removed=False, language=language
        ).values_list("unit_id", "text", "source_hash_at_translation")
    }
    result = []
    for unit in units:
        translatable = by_id[unit.field.translatable_id]
        unit.field.translatable = translatable
        catalog_unit = CatalogUnit(
            context=unit.context,
            source=unit.text,
            title=translatable.title,
            translation=translations.get(unit.pk),
        )
        result.append((catalog_unit, unit))
    return result


def translatables_by_context(contexts: Iterable[str]) -> list[TranslatableObject]:
    """The objects that unit contexts ('label:object id:field:key') point at."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for context in contexts:
        parts = context.split(":", 3)
        if len(parts) == 4 and parts[1].isdigit():
            wanted[parts[0].lower()].add(int(parts[1]))
    query = Q(pk__in=[])
    for label, object_ids in wanted.items():
        app_label, _, model = label.partition(".")
        query |= Q(
            content_type__app_label=app_label,
            content_type__model=model,
            object_id__in=object_ids,
        )
    return list(TranslatableObject.objects.select_related("content_type").filter(query))


def translator_roles(*, user) -> QuerySet:
    """Every translator role, for the organisers and staff who grant them."""
    if not permissions.can_manage_translators(user):
        raise PermissionDenied
    from kuza.translation.models import TranslatorRole

    return TranslatorRole.objects.select_related("user").order_by("language", "user__username")


def localise_home_titles(items: list) -> list:
    """The personal home's items with each content title in the reader's language (all
    translations loaded at once: no query when all is in the reader's language, else at most
    three)."""
    reader = reader_language()

    def foreign(item) -> bool:
        # Content already in the reader's language needs nothing (and no query); providers
        # select what a model's source language reads (a session's course, for instance).
        if not item.source:
            return False
        obj = item.source[0]
        return registry.spec_for(obj).source_language(obj).lower() != reader

    to_translate = [item for item in items if foreign(item)]
    if not to_translate:
        return items
    prefetch_translations([item.source[0] for item in to_translate])
    return [
        replace(item, title=translated_field(*item.source).text) if foreign(item) else item
        for item in items
    ]
