"""Builders shared by the campaign metrics tests, so each test states only what matters to it."""

from __future__ import annotations

from datetime import UTC, datetime

from kuza.campaigns.metrics import RevisionFact

LANGUAGES = {"enwikiquote": "en", "frwikiquote": "fr", "frwiki": "fr", "swwikiquote": "sw"}


def utc(text: str) -> datetime:
    """`utc("2025-03-01 10:00")` -> aware UTC datetime; keeps fixtures readable."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def rev(
    revid: int,
    *,
    wiki: str = "enwikiquote",
    page: int = 1,
    user: str = "Amina",
    at: str = "2025-03-10 12:00",
    diff: int = 10,
    comment: str = "#SheSaid",
    namespace: int = 0,
    title: str | None = None,
    creation: bool = False,
    redirect: bool = False,
    upload: bool = False,
) -> RevisionFact:
    return RevisionFact(
        wiki=wiki,
        language=LANGUAGES[wiki],
        revid=revid,
        parentid=0 if creation else revid - 1,
        page_id=page,
        namespace=namespace,
        title=title if title is not None else f"Page {page}",
        user=user,
        timestamp=utc(at),
        comment=comment,
        size=max(diff, 0) + (0 if creation else 1000),
        sizediff=diff,
        is_page_creation=creation,
        is_redirect=redirect,
        is_upload=upload,
    )
