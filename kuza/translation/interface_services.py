"""Writes to the interface catalogs: a translator's PO upload, all or nothing."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from kuza.core.catalogs import PLURAL_FORMS, TRANSLATED_LANGUAGES, plural_count
from kuza.translation import interface_corrections, permissions
from kuza.translation.interface_catalog import (
    Correction,
    UploadError,
    UploadOutcome,
    UploadReport,
    entry_key,
    read_upload,
    reconcile,
)
from kuza.translation.interface_selectors import shipped_entries
from kuza.translation.models import InterfaceCorrection
from kuza.translation.services import TranslationError, TranslationPermissionError

__all__ = ["UploadError", "interface_po_upload"]


def interface_po_upload(*, user, language: str, data: bytes) -> UploadReport:
    """Store a translator's reviewed and corrected entries for `language`.

    UploadError (naming each broken line) if any entry is broken: then nothing is stored.
    Conflicts and unknown entries are reported, never stored. Uploading the same file twice
    changes nothing the second time.
    """
    if language not in TRANSLATED_LANGUAGES:
        raise TranslationError(_("Kuza's interface is not translated into this language."))
    if not permissions.can_translate(user, language):
        raise TranslationPermissionError(
            _("You are not a translator for this language. Ask an organiser to add you.")
        )
    entries, base_revision = read_upload(
        data, language=language, nplurals=plural_count(PLURAL_FORMS[language])
    )
    shipped = shipped_entries(language)
    with transaction.atomic():
        rows = {
            (row.context, row.msgid): row
            for row in InterfaceCorrection.objects.select_for_update().filter(language=language)
        }
        stored = {
            key: Correction(tuple(row.strings), row.reviewed, "", row.revision)
            for key, row in rows.items()
        }
        report = reconcile(entries, shipped, stored, base_revision=base_revision)
        if not report.to_save:
            return report
        revision = max((row.revision for row in rows.values()), default=0) + 1
        for result in report.to_save:
            entry = result.entry
            InterfaceCorrection.objects.update_or_create(
                language=language,
                key=entry_key(entry.context, entry.msgid),
                defaults={
                    "context": entry.context,
                    "msgid": entry.msgid,
                    "msgid_plural": entry.msgid_plural,
                    "strings": list(entry.strings),
                    "reviewed": result.outcome is not UploadOutcome.DRAFT,
                    "translator": user,
                    "revision": revision,
                },
            )
    # Committed (this function owns the transaction): this machine's catalogs at once; the
    # other machines read the new revision from the database (interface_corrections).
    interface_corrections.write_corrections([language])
    return report
