"""Rules a resource must follow before it is saved, shared by forms, the API and services."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import PurePath

import langcodes
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from kuza.library.models import Resource
from kuza.skills.models import Skill

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Addresses readers follow from a resource page: web pages only (never javascript: or data:).
_WEB_ADDRESS = URLValidator(schemes=["http", "https"])

_ZIP = (b"PK\x03\x04",)
# Extension -> signatures the file must start with (None: UTF-8 text without NUL bytes).
ALLOWED_UPLOADS: dict[str, tuple[bytes, ...] | None] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "odt": _ZIP,
    "odp": _ZIP,
    "ods": _ZIP,
    "docx": _ZIP,
    "pptx": _ZIP,
    "xlsx": _ZIP,
    "epub": _ZIP,
    "zip": _ZIP,
    "txt": None,
    "csv": None,
    "md": None,
}


@dataclass
class ResourceInput:
    """What a contributor gives for a resource, before it is checked."""

    kind: str
    title: str
    language: str
    level: str
    summary: str = ""
    body: str = ""
    url: str = ""
    licence: str = ""
    last_checked: datetime.date | None = None
    duration_minutes: int | None = None
    transcript: str = ""
    audience: str = Resource.Audience.EVERYONE
    skills: list[str] = field(default_factory=list)


def max_upload_bytes() -> int:
    return int(getattr(settings, "KUZA_LIBRARY_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def standard_language(tag: str) -> str:
    """A valid BCP 47 tag in its standard form ("FR" -> "fr"), or ValidationError."""
    tag = (tag or "").strip()
    if not tag or not langcodes.tag_is_valid(tag):
        raise ValidationError(
            _("“%(value)s” is not a language tag; use one like en, fr, ar, sw or pt-BR."),
            params={"value": tag},
        )
    return langcodes.standardize_tag(tag)


def unknown_skills(slugs: list[str]) -> list[str]:
    """Slugs that name no skill of the taxonomy (kuza.skills)."""
    known = set(Skill.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    return [slug for slug in slugs if slug not in known]


def resource_problems(data: ResourceInput, *, has_file: bool) -> dict[str, str]:
    """Field -> message for everything wrong with `data` for its kind; empty when valid."""
    problems: dict[str, str] = {}
    kinds = Resource.Kind
    if data.kind not in kinds.values:
        problems["kind"] = _("Choose a type of resource.")
        return problems
    if not data.title.strip():
        problems["title"] = _("Give the resource a title.")
    if data.kind == kinds.TUTORIAL and not data.body.strip():
        problems["body"] = _("A tutorial needs its text.")
    if data.kind == kinds.LINK:
        if not data.url:
            problems["url"] = _("An external link needs its address.")
        if not data.licence.strip():
            problems["licence"] = _("Say under which licence the linked material is shared.")
        if data.last_checked is None:
            problems["last_checked"] = _("Say when you last checked that the link works.")
    if data.kind == kinds.FILE and not has_file:
        problems["file"] = _("Choose the file to share.")
    if data.kind == kinds.EPISODE:
        if not data.transcript.strip():
            problems["transcript"] = _(
                "An episode needs its full transcript, for people on slow connections."
            )
        if not data.url:
            problems["url"] = _("Give the address where the episode can be played.")
    if data.url and "url" not in problems:
        try:
            _WEB_ADDRESS(data.url)
        except ValidationError:
            problems["url"] = _("Give a web address that starts with https:// or http://.")
    if data.kind == kinds.FILE and not data.licence.strip():
        problems["licence"] = _("Say under which licence the file is shared.")
    if data.last_checked and data.last_checked > timezone.localdate():
        problems["last_checked"] = _("The date the link was checked cannot be in the future.")
    unknown = unknown_skills(data.skills)
    if unknown:
        problems["skills"] = _("Unknown skills: %(skills)s.") % {"skills": ", ".join(unknown)}
    return problems


def validate_upload(uploaded) -> str:
    """Check an uploaded file's size, extension and first bytes; returns the extension."""
    limit = max_upload_bytes()
    if uploaded.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            params={"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
        )
    extension = PurePath(uploaded.name or "").suffix.lower().lstrip(".")
    if extension not in ALLOWED_UPLOADS:
        raise ValidationError(
            _("Files of this type cannot be shared here. Allowed: %(types)s."),
            params={"types": ", ".join(sorted(ALLOWED_UPLOADS))},
        )
    uploaded.seek(0)
    head = uploaded.read(2048)
    uploaded.seek(0)
    signatures = ALLOWED_UPLOADS[extension]
    if signatures is None:
        # The head may cut a multi-byte character in two: allow an incomplete last one.
        content_ok = _utf8_prefix(head)
    else:
        content_ok = any(head.startswith(signature) for signature in signatures)
    if not content_ok:
        raise ValidationError(
            _("The file's content does not match its “.%(extension)s” name."),
            params={"extension": extension},
        )
    return extension


def _utf8_prefix(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for cut in range(4):
        try:
            head[: len(head) - cut].decode("utf-8")
            return True
        except UnicodeDecodeError:
            continue
    return False
