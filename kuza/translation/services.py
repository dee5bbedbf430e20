"""Writes: keeping source units in step with content, saving translations, translator roles."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from enum import StrEnum

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kuza.core.problems import Problem
from kuza.translation import permissions, registry, selectors
from kuza.translation.catalog import CatalogFormatError, CatalogLanguageError, ImportReport
from kuza.translation.keys import KeyedUnit, UnitStatus, assign_keys, named_units
from kuza.translation.languages import content_languages
from kuza.translation.models import (
    SourceUnit,
    TranslatableField,
    TranslatableObject,
    TranslatorRole,
    UnitTranslation,
)
from kuza.translation.po import import_po
from kuza.translation.units import UnitKind, single_unit, split_markdown
from kuza.translation.xliff import import_xliff

_HASH = re.compile(r"[0-9a-f]{32}")


class TranslationError(Exception):
    """A translation request that cannot be honoured, with a message for the person."""


class TranslationPermissionError(TranslationError):
    """The person may not do this."""


class TranslationFileError(TranslationError):
    """An import file that cannot be used. `problems` say why, as codes with parameters: show
    them with problem_messages.UPLOAD_PROBLEMS, in the reader's language."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


# --- Keeping source units in step ----------------------------------------------------------


@dataclass(frozen=True)
class FieldSync:
    new: tuple[str, ...] = ()
    edited: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class SyncResult:
    translatable: TranslatableObject
    fields: dict[str, FieldSync] = field(default_factory=dict)
    """Only the fields whose source changed since the last sync."""

    @property
    def changed(self) -> bool:
        return bool(self.fields)


def _fingerprint(spec: registry.TranslatableModel, obj: models.Model, field_name: str) -> str:
    field_format = spec.format_of(field_name)
    if field_format is registry.Format.NAMED:
        source = json.dumps(dict(spec.named_texts_of(obj, field_name)), sort_keys=True)
    else:
        source = spec.text_of(obj, field_name)
    return hashlib.sha256(f"{field_format}\0{source}".encode()).hexdigest()


def _is_current(
    translatable: TranslatableObject | None,
    stored: dict[str, TranslatableField],
    fingerprints: dict[str, str],
    title: str,
    source_language: str,
) -> bool:
    return (
        translatable is not None
        and translatable.title == title
        and translatable.source_language == source_language
        and all(
            name in stored and stored[name].source_fingerprint == value
            for name, value in fingerprints.items()
        )
        and all(
            row.source_fingerprint == "" for name, row in stored.items() if name not in fingerprints
        )
    )


def translation_sync_source(*, obj: models.Model) -> SyncResult:
    """Split `obj`'s translatable fields into units and align them with the stored ones.

    Call after every write of a registered object (the registry's post_save hook does).
    Unchanged units keep their key and translations; an edited unit keeps its key, and its
    translations stay but become outdated; removed units are kept, flagged, for history.
    Idempotent, and two queries when nothing changed.
    """
    selectors.forget_loaded_translations(obj)
    spec = registry.spec_for(obj)
    content_type = ContentType.objects.get_for_model(obj)
    title = str(spec.title(obj))[:300]
    source_language = spec.source_language(obj)
    fingerprints = {name: _fingerprint(spec, obj, name) for name in spec.field_names}
    existing = TranslatableObject.objects.filter(
        content_type=content_type, object_id=obj.pk
    ).first()
    stored = {row.field_name: row for row in existing.fields.all()} if existing else {}
    if _is_current(existing, stored, fingerprints, title, source_language):
        return SyncResult(existing)

    with transaction.atomic():
        translatable, _created = TranslatableObject.objects.get_or_create(
            content_type=content_type,
            object_id=obj.pk,
            defaults={
                "title": title,
                "source_language": source_language,
                "synced_at": timezone.now(),
            },
        )
        # Locks the object's row, so concurrent syncs of one object apply one after the other.
        translatable = TranslatableObject.objects.select_for_update().get(pk=translatable.pk)
        translatable.title = title
        translatable.source_language = source_language
        translatable.synced_at = timezone.now()
        translatable.save(update_fields=["title", "source_language", "synced_at"])
        stored = {row.field_name: row for row in translatable.fields.all()}
        changes = {}
        for name, fingerprint in fingerprints.items():
            row = stored.get(name)
            if row is not None and row.source_fingerprint == fingerprint:
                continue
            if row is None:
                row = TranslatableField.objects.create(
                    translatable=translatable, field_name=name, format=spec.format_of(name)
                )
            changes[name] = _sync_field(spec, obj, row, fingerprint)
        # A field no longer declared keeps its units and translations, all flagged removed.
        for name in set(stored) - set(fingerprints):
            SourceUnit.objects.filter(field=stored[name], removed=False).update(
                removed=True, updated_at=timezone.now()
            )
            stored[name].source_fingerprint = ""
            stored[name].save(update_fields=["source_fingerprint"])
    return SyncResult(translatable, changes)


def _current_units(
    spec: registry.TranslatableModel, obj: models.Model, row: TranslatableField
) -> tuple[tuple[KeyedUnit, ...], tuple[UnitStatus, ...], tuple[str, ...], int]:
    previous = [
        KeyedUnit(unit.key, unit.text, UnitKind(unit.kind))
        for unit in row.units.filter(removed=False).order_by("position")
    ]
    field_format = spec.format_of(row.field_name)
    if field_format is registry.Format.NAMED:
        units = named_units(spec.named_texts_of(obj, row.field_name))
        before = {unit.key: unit.source_hash for unit in previous}
        statuses = tuple(
            UnitStatus.NEW
            if unit.key not in before
            else UnitStatus.UNCHANGED
            if before[unit.key] == unit.source_hash
            else UnitStatus.EDITED
            for unit in units
        )
        kept = {unit.key for unit in units}
        removed = tuple(key for key in before if key not in kept)
        return units, statuses, removed, row.last_minted
    text = spec.text_of(obj, row.field_name)
    document = (
        split_markdown(text) if field_format is registry.Format.MARKDOWN else single_unit(text)
    )
    assignment = assign_keys(previous, document.units, last_minted=row.last_minted)
    return assignment.units, assignment.statuses, assignment.removed_keys, assignment.last_minted


def _sync_field(
    spec: registry.TranslatableModel, obj: models.Model, row: TranslatableField, fingerprint: str
) -> FieldSync:
    units, statuses, removed, last_minted = _current_units(spec, obj, row)
    now = timezone.now()
    by_key = {unit.key: unit for unit in row.units.all()}
    to_create, to_update = [], []
    for position, unit in enumerate(units):
        stored = by_key.get(unit.key)
        if stored is None:
            to_create.append(
                SourceUnit(
                    field=row,
                    key=unit.key,
                    text=unit.text,
                    kind=unit.kind,
                    source_hash=unit.source_hash,
                    position=position,
                )
            )
            continue
        # A named key can come back after removal: its old translations return, outdated
        # if the text differs.
        stored.text, stored.kind, stored.source_hash = unit.text, unit.kind, unit.source_hash
        stored.position, stored.removed, stored.updated_at = position, False, now
        to_update.append(stored)
    for key in removed:
        stored = by_key[key]
        stored.removed, stored.updated_at = True, now
        to_update.append(stored)
    SourceUnit.objects.bulk_create(to_create)
    SourceUnit.objects.bulk_update(
        to_update, ["text", "kind", "source_hash", "position", "removed", "updated_at"]
    )
    row.format = spec.format_of(row.field_name)
    row.last_minted = last_minted
    row.source_fingerprint = fingerprint
    row.save(update_fields=["format", "last_minted", "source_fingerprint"])
    return FieldSync(
        new=tuple(u.key for u, s in zip(units, statuses, strict=True) if s == UnitStatus.NEW),
        edited=tuple(u.key for u, s in zip(units, statuses, strict=True) if s == UnitStatus.EDITED),
        removed=tuple(removed),
    )


def translation_forget_source(*, model: type[models.Model], object_id: int) -> None:
    """Drop the units and translations of a deleted object."""
    TranslatableObject.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=object_id
    ).delete()


# --- Translations --------------------------------------------------------------------------


def _check_language(language: str) -> None:
    if language not in content_languages():
        raise TranslationError(
            _("“%(language)s” is not a language content is translated into.")
            % {"language": language}
        )


def _check_hash(source_hash_seen: str) -> None:
    if not _HASH.fullmatch(source_hash_seen):
        raise TranslationError(_("The form is incomplete; reload the page and try again."))


def _unit_to_translate(*, user, unit_id: int, language: str) -> SourceUnit:
    _check_language(language)
    if not permissions.can_translate(user, language):
        raise TranslationPermissionError(
            _("You are not a translator for this language. Ask an organiser to add you.")
        )
    unit = (
        SourceUnit.objects.select_related("field__translatable")
        .filter(pk=unit_id, removed=False)
        .first()
    )
    if unit is None:
        raise TranslationError(_("This part of the text no longer exists."))
    if unit.field.translatable.source_language == language:
        raise TranslationError(_("This text is written in that language already."))
    return unit


@dataclass(frozen=True)
class SavedTranslation:
    translation: UnitTranslation
    source_changed_meanwhile: bool
    """The source changed after the translator loaded it: saved, but shown as outdated."""


def unit_translation_save(
    *, user, unit_id: int, language: str, text: str, source_hash_seen: str
) -> SavedTranslation:
    """Save one unit's translation, made from the source whose hash the translator saw."""
    unit = _unit_to_translate(user=user, unit_id=unit_id, language=language)
    _check_hash(source_hash_seen)
    text = registry.without_markers(text).strip()
    if not text:
        raise TranslationError(_("Write a translation before saving."))
    translation, _created = UnitTranslation.objects.update_or_create(
        unit=unit,
        language=language,
        defaults={
            "text": text,
            "source_hash_at_translation": source_hash_seen,
            "translator": user,
        },
    )
    translation.unit = unit
    return SavedTranslation(translation, source_hash_seen != unit.source_hash)


def unit_translation_confirm(
    *, user, unit_id: int, language: str, source_hash_seen: str
) -> UnitTranslation:
    """Mark an outdated translation as still correct for the source the translator saw."""
    unit = _unit_to_translate(user=user, unit_id=unit_id, language=language)
    _check_hash(source_hash_seen)
    if source_hash_seen != unit.source_hash:
        raise TranslationError(
            _("The source changed again since you loaded the page; review it once more.")
        )
    translation = UnitTranslation.objects.filter(unit=unit, language=language).first()
    if translation is None:
        raise TranslationError(_("There is no translation to confirm yet."))
    translation.source_hash_at_translation = unit.source_hash
    translation.translator = user
    translation.save(update_fields=["source_hash_at_translation", "translator", "updated_at"])
    return translation


# --- Translator roles ----------------------------------------------------------------------


def translator_role_grant(*, granted_by, username: str, language: str) -> TranslatorRole:
    if not permissions.can_manage_translators(granted_by):
        raise TranslationPermissionError(_("Only organisers and staff can add translators."))
    _check_language(language)
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise TranslationError(_("Nobody has the user name “%(name)s”.") % {"name": username})
    role, _created = TranslatorRole.objects.get_or_create(
        user=user, language=language, defaults={"granted_by": granted_by}
    )
    return role


def translator_role_revoke(*, revoked_by, role_id: int) -> TranslatorRole:
    if not permissions.can_manage_translators(revoked_by):
        raise TranslationPermissionError(_("Only organisers and staff can remove translators."))
    role = TranslatorRole.objects.select_related("user").filter(pk=role_id).first()
    if role is None:
        raise TranslationError(_("This translator role no longer exists."))
    role.delete()
    return role


# --- Importing PO and XLIFF files ----------------------------------------------------------


class FileFormat(StrEnum):
    PO = "po"
    XLIFF = "xliff"


_IMPORTERS = {FileFormat.PO: import_po, FileFormat.XLIFF: import_xliff}


def guess_file_format(name: str, data: bytes) -> FileFormat:
    """XLIFF for .xlf/.xliff names or XML content, else PO."""
    if name.lower().endswith((".xlf", ".xliff")):
        return FileFormat.XLIFF
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return FileFormat.XLIFF
    return FileFormat.PO


def translation_import(
    *, user, data: bytes, language: str, file_format: FileFormat
) -> ImportReport:
    """Store the new and updated translations of a PO or XLIFF file, all or nothing.

    Entries whose source changed since the export are CONFLICTs and entries for units Kuza
    does not know are UNKNOWN_CONTEXT: both are reported, never stored. `user` is the
    translator, or None for an operator at the command line (`kuza translation-import`).
    Importing the same file twice changes nothing the second time.
    """
    _check_language(language)
    if user is not None and not permissions.can_translate(user, language):
        raise TranslationPermissionError(
            _("You are not a translator for this language. Ask an organiser to add you.")
        )
    importer = _IMPORTERS[FileFormat(file_format)]
    try:
        # A first reading against no units lists the contexts the file is about.
        contexts = [
            result.entry.context for result in importer(data, [], language=language).results
        ]
        from kuza.translation.selectors import catalog_units, translatables_by_context

        units = catalog_units(translatables_by_context(contexts), language)
        report = importer(data, [catalog_unit for catalog_unit, _unit in units], language=language)
    except (CatalogFormatError, CatalogLanguageError) as error:
        raise TranslationFileError(error.problems) from error
    source_units = {catalog_unit.context: unit for catalog_unit, unit in units}
    with transaction.atomic():
        for result in report.to_save:
            UnitTranslation.objects.update_or_create(
                unit=source_units[result.entry.context],
                language=language,
                defaults={
                    "text": registry.without_markers(result.translation.text),
                    "source_hash_at_translation": result.translation.source_hash,
                    "translator": user,
                },
            )
    return report
