"""Corrections to the interface catalogs, applied over the shipped ones on every machine.

Where corrections live: in the database (InterfaceCorrection), because a deploy replaces the
code and its shipped catalogs, while the database is what a deployment keeps and backs up.
Gettext reads files, so each machine writes the stored corrections out as one .mo catalog per
language in KUZA_INTERFACE_CORRECTIONS_DIR, which is first in LOCALE_PATHS and so wins over
Kuza's and the packages' catalogs:

- every web process writes them when it starts (kuza/wsgi.py), and `kuza prepare` too;
- an upload writes its language's file at once, on the machine that took it;
- every process notices a rewritten file (one stat of a stamp file per request, in
  InterfaceCorrectionsMiddleware) and reloads its catalogs;
- other machines learn of an upload from the database itself: at most every CHECK_SECONDS a
  process reads the stored revision (one small query) and, when it differs from the one its
  machine wrote in the stamp file, writes the files again.

The database is the one source of truth: no cache holds the revision, so a cache that is
cleared, restarted or not shared cannot leave a machine behind, and every process agrees
within CHECK_SECONDS. Corrections worth keeping for everyone go upstream into the shipped
catalogs; the status page lists them per language.
"""

from __future__ import annotations

import gettext as gettext_module
import logging
import time
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError
from django.utils import translation
from django.utils.translation import trans_real

from kuza.core.catalogs import PLURAL_FORMS, TRANSLATED_LANGUAGES
from kuza.translation.interface_catalog import write_mo_catalog
from kuza.translation.models import InterfaceCorrection

logger = logging.getLogger(__name__)
CHECK_SECONDS = 30
_STAMP = "stamp"

_seen_stamp: int | None = None
_next_check = 0.0


def corrections_dir() -> Path:
    return Path(settings.KUZA_INTERFACE_CORRECTIONS_DIR)


def _mo_path(language: str) -> Path:
    return corrections_dir() / language / "LC_MESSAGES" / "django.mo"


def stored_revision() -> int:
    """The sum of every language's latest revision: grows with each upload anywhere."""
    from django.db.models import Max

    latest = (
        InterfaceCorrection.objects.values("language")
        .annotate(revision=Max("revision"))
        .values_list("revision", flat=True)
    )
    return sum(latest)


def written_revision() -> int:
    try:
        return int((corrections_dir() / _STAMP).read_text() or 0)
    except (FileNotFoundError, ValueError):
        return 0


def write_corrections(languages=TRANSLATED_LANGUAGES) -> None:
    """Write the stored corrections of `languages` as .mo files and reload this process's."""
    for language in languages:
        rows = InterfaceCorrection.objects.filter(language=language).order_by("key")
        entries = [(row.context, row.msgid, row.msgid_plural, row.strings) for row in rows]
        path = _mo_path(language)
        if entries:
            write_mo_catalog(path, entries, plural_forms=PLURAL_FORMS[language])
        else:
            path.unlink(missing_ok=True)
    stamp = corrections_dir() / _STAMP
    stamp.parent.mkdir(parents=True, exist_ok=True)
    partial = stamp.with_name(f"{_STAMP}.tmp")
    partial.write_text(str(stored_revision()))
    partial.replace(stamp)
    reload_translations()


def write_corrections_at_start() -> None:
    """For a starting web process: the database may be unreachable, which must not stop it."""
    try:
        write_corrections()
    except (DatabaseError, OSError) as error:
        logger.warning("interface corrections not written at start: %s", error)


def reload_translations() -> None:
    """Forget every loaded catalog (Django's and Python's caches), keeping the language."""
    global _seen_stamp
    language = translation.get_language()
    gettext_module._translations.clear()  # Python caches each .mo file by path
    trans_real._translations = {}
    trans_real._default = None
    if language:
        translation.activate(language)
    _seen_stamp = _stamp_mtime()


def _stamp_mtime() -> int:
    try:
        return (corrections_dir() / _STAMP).stat().st_mtime_ns
    except FileNotFoundError:
        return 0


def reload_if_changed() -> None:
    """Per request: reload when another process rewrote the files; at most every
    CHECK_SECONDS, write them again when the database holds another revision than the one
    this machine wrote (an upload taken by another machine, or a restored backup)."""
    global _seen_stamp, _next_check
    now = time.monotonic()
    if now >= _next_check:
        _next_check = now + CHECK_SECONDS
        try:
            if stored_revision() != written_revision():
                write_corrections()
                return
        except (DatabaseError, OSError) as error:  # pages still render; next look later
            logger.warning("interface corrections not checked: %s", error)
    mtime = _stamp_mtime()
    if _seen_stamp is None:
        _seen_stamp = mtime
    elif mtime != _seen_stamp:
        reload_translations()


class InterfaceCorrectionsMiddleware:
    """Before the language is activated: catalogs rewritten since the last request are read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reload_if_changed()
        return self.get_response(request)
