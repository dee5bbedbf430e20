"""The confirmation step before an action that is hard to undo (block, removal, revocation).

A view answers GET with `confirm_page(...)` and acts only on POST, so the page works without
JavaScript and a link followed by mistake (or prefetched) changes nothing. Sentences that embed a
name come from the caller already escaped (format_html), with the name isolated in <bdi>.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Confirmation:
    title: str
    question: str
    button: str
    action: str
    cancel_url: str
    cancel: str = ""
    consequences: tuple[str, ...] = ()
    hidden: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def confirm_page(
    request: HttpRequest,
    *,
    title: str,
    question: str,
    button: str,
    cancel_url: str,
    consequences: Iterable[str] = (),
    hidden: Iterable[tuple[str, str]] = (),
    cancel: str | None = None,
) -> HttpResponse:
    """The confirmation page; its form posts back to the current path with `hidden` fields."""
    confirmation = Confirmation(
        title=title,
        question=question,
        button=button,
        action=request.path,
        cancel_url=cancel_url,
        cancel=cancel or _("No, go back"),
        consequences=tuple(consequences),
        hidden=tuple(hidden),
    )
    return render(request, "core/confirm.html", {"confirm": confirmation})
