"""Reads about the interface catalogs: what is shipped, what translators corrected, status."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.apps import apps
from django.db.models import Max

from kuza.audience.presenter import person_name
from kuza.core import catalogs
from kuza.translation.interface_catalog import (
    Correction,
    Key,
    ShippedEntry,
    export_po,
    is_translated,
    read_shipped,
)
from kuza.translation.languages import language_label, language_name
from kuza.translation.models import InterfaceCorrection


def shipped_catalogs(language: str) -> list[tuple[str, Path]]:
    """The language's .po files in gettext's order of priority: Kuza's third-party catalog
    (first in LOCALE_PATHS), then the apps' in INSTALLED_APPS order."""
    found = []
    third_party = catalogs.third_party_po_file(language)
    if third_party.exists():
        found.append(("allauth+django", third_party))
    for app_config in apps.get_app_configs():
        path = Path(app_config.path) / "locale" / language / "LC_MESSAGES" / "django.po"
        if path.exists() and catalogs.KUZA_DIR in path.parents:
            found.append((app_config.label, path))
    return found


@lru_cache(maxsize=len(catalogs.TRANSLATED_LANGUAGES))
def _read_shipped(language: str, fingerprint: tuple) -> dict[Key, ShippedEntry]:
    return read_shipped(shipped_catalogs(language))


def shipped_entries(language: str) -> dict[Key, ShippedEntry]:
    """Read once per process, and again when a catalog file changes."""
    fingerprint = tuple(
        (str(path), path.stat().st_mtime_ns) for _app, path in shipped_catalogs(language)
    )
    return _read_shipped(language, fingerprint)


def corrections(language: str, *, viewer) -> dict[Key, Correction]:
    rows = InterfaceCorrection.objects.filter(language=language).select_related("translator")
    return {
        (row.context, row.msgid): Correction(
            strings=tuple(row.strings),
            reviewed=row.reviewed,
            reviewer=person_name(viewer, row.translator) if row.reviewed and row.translator else "",
            revision=row.revision,
        )
        for row in rows
    }


def catalog_revision(language: str) -> int:
    latest = InterfaceCorrection.objects.filter(language=language).aggregate(Max("revision"))
    return latest["revision__max"] or 0


def interface_po(language: str, *, viewer) -> bytes:
    """The language's whole interface as one PO file, for a translator's tool."""
    return export_po(
        shipped_entries(language),
        corrections(language, viewer=viewer),
        language=language,
        revision=catalog_revision(language),
    )


@dataclass(frozen=True)
class CatalogStatus:
    language: str
    name: str
    label: str
    entries: int
    translated: int
    reviewed: int
    corrected: int
    reviewers: tuple

    @property
    def complete_percent(self) -> int:
        return int(100 * self.translated / self.entries) if self.entries else 0

    @property
    def reviewed_percent(self) -> int:
        return int(100 * self.reviewed / self.entries) if self.entries else 0

    @property
    def is_reviewed(self) -> bool:
        """Reviewed by native speakers only when every entry is; a draft until then."""
        return self.entries > 0 and self.reviewed == self.entries


def catalog_statuses() -> list[CatalogStatus]:
    """Each translated language's catalog: how complete, how much reviewed, by whom."""
    rows = InterfaceCorrection.objects.select_related("translator").order_by("updated_at")
    by_language: dict[str, list[InterfaceCorrection]] = {}
    for row in rows:
        by_language.setdefault(row.language, []).append(row)
    statuses = []
    for language in catalogs.TRANSLATED_LANGUAGES:
        shipped = shipped_entries(language)
        stored = {(row.context, row.msgid): row for row in by_language.get(language, [])}
        translated = reviewed = corrected = 0
        reviewers = {}
        for key, entry in shipped.items():
            row = stored.get(key)
            strings = tuple(row.strings) if row else entry.strings
            translated += is_translated(strings)
            if row is not None:
                corrected += tuple(row.strings) != entry.strings
                if row.reviewed:
                    reviewed += 1
                    if row.translator is not None:
                        reviewers[row.translator.pk] = row.translator
        statuses.append(
            CatalogStatus(
                language=language,
                name=language_name(language),
                label=language_label(language),
                entries=len(shipped),
                translated=translated,
                reviewed=reviewed,
                corrected=corrected,
                reviewers=tuple(reviewers.values()),
            )
        )
    return statuses
