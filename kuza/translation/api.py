"""Read-only translation progress: per object, per language."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from kuza.api.auth import token_or_session
from kuza.api.errors import answers
from kuza.translation import selectors

router = Router(tags=["translation"])


class LanguageProgressOut(Schema):
    language: str
    total: int
    translated: int
    outdated: int
    missing: int
    percent: int


class ObjectProgressOut(Schema):
    id: int
    model: str
    object_id: int
    title: str
    source_language: str
    languages: list[LanguageProgressOut]


def _out(translatable, progress) -> dict:
    return {
        "id": translatable.pk,
        "model": translatable.model_label,
        "object_id": translatable.object_id,
        "title": translatable.title,
        "source_language": translatable.source_language,
        "languages": [
            {
                "language": language,
                "total": language_progress.total,
                "translated": language_progress.translated,
                "outdated": language_progress.outdated,
                "missing": language_progress.missing,
                "percent": language_progress.percent,
            }
            for language, language_progress in progress.items()
        ],
    }


def _forbidden() -> HttpError:
    return HttpError(403, _("Only translators, organisers and staff see translation progress."))


@router.get("/objects", response=list[ObjectProgressOut], auth=token_or_session)
@paginate
@answers(403)
def object_list(request: HttpRequest, model: str = ""):
    """Translatable objects with their progress per language (translators, organisers, staff)."""
    try:
        objects = selectors.translatable_objects(user=request.auth, model_label=model)
    except PermissionDenied:
        raise _forbidden() from None
    return _ProgressList(objects)


@router.get("/objects/{object_pk}", response=ObjectProgressOut, auth=token_or_session)
@answers(403)
def object_detail(request: HttpRequest, object_pk: int):
    """One object's progress per language."""
    try:
        translatable = selectors.translatable_object(user=request.auth, pk=object_pk)
    except PermissionDenied:
        raise _forbidden() from None
    return _out(translatable, selectors.progress_by_object([translatable])[translatable.pk])


class _ProgressList:
    """A queryset-like list for ninja's pagination: progress is computed for the page only."""

    def __init__(self, objects) -> None:
        self.objects = objects

    def __len__(self) -> int:
        return self.objects.count()

    def count(self) -> int:
        return self.objects.count()

    def __getitem__(self, item):
        page = list(self.objects[item])
        progress = selectors.progress_by_object(page)
        return [_out(translatable, progress[translatable.pk]) for translatable in page]
