"""Fetching a programme for a view, with its access check, in one step."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from kuza.programs import selectors
from kuza.programs.models import Programme


def visible_or_404(request: HttpRequest, pk: int) -> Programme:
    programme = selectors.programme_for_viewer(request.user, pk)
    if programme is None:
        raise Http404
    return programme


def participant_or_404(request: HttpRequest, pk: int) -> Programme:
    programme = selectors.programme_for_participant(request.user, pk)
    if programme is None:
        raise Http404
    return programme


def organiser_or_404(request: HttpRequest, pk: int) -> Programme:
    programme = selectors.programme_for_organiser(request.user, pk)
    if programme is None:
        raise Http404
    return programme
