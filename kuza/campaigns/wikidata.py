"""What a campaign's pages are about, from Wikidata: step 6 of each collection (see sync.py).

1. For each wiki, the Wikidata item of every content page the campaign counts (the wiki's
   `prop=pageprops&ppprop=wikibase_item`, 50 pages a request), for pages never read or read
   longer ago than the refresh interval (`KUZA_WIKIDATA_REFRESH_DAYS`).
2. Once for the campaign, each of those items not yet known, or known for longer than the
   interval, from Wikidata (`wbgetentities`, claims only, 50 ids a request, on
   `KUZA_WIKIDATA_API_URL`): a human (P31 = Q5) or not, and the group of its sex or gender.

Requests go through the campaign's MediaWiki client, so `maxlag`, the User-Agent and the
retry rules are the same as for the wikis. Every request's answer is stored in one statement
(all or nothing), and what remains to read is worked out from what is stored: a collection that
stops half way (Wikidata down, worker killed) resumes where it stopped, reading nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from django.db.models import Q

from kuza.campaigns.mediawiki import MAX_VALUES_PER_REQUEST, MediaWikiClient
from kuza.campaigns.models import Campaign, PageSubject, Wiki, WikidataItem
from kuza.campaigns.subjects import NOT_HUMAN, Subject
from kuza.campaigns.subjects import Gender as SubjectGender

CONTENT_NAMESPACES = (0,)


def wikidata_api_url() -> str:
    from kuza import config

    return str(config.get("KUZA_WIKIDATA_API_URL"))


def refresh_interval() -> timedelta:
    from kuza import config

    days = int(config.get("KUZA_WIKIDATA_REFRESH_DAYS"))  # type: ignore[call-overload]
    if days < 1:
        raise config.ConfigError(f"KUZA_WIKIDATA_REFRESH_DAYS must be at least 1, got {days}")
    return timedelta(days=days)


def campaign_page_ids(campaign: Campaign, wiki: Wiki, tracked: set[str]) -> list[int]:
    """Content pages with a revision the campaign may count on `wiki` (not removed)."""
    from kuza.campaigns.selectors import campaign_revisions

    revisions = campaign_revisions(campaign, [wiki.pk], tracked, as_of=campaign.end).filter(
        namespace__in=CONTENT_NAMESPACES, timestamp__lt=campaign.end
    )
    return sorted(set(revisions.values_list("page_id", flat=True)))


def _chunks(items: list, size: int = MAX_VALUES_PER_REQUEST) -> Iterable[list]:
    for offset in range(0, len(items), size):
        yield items[offset : offset + size]


def page_items_refresh(
    *,
    wiki: Wiki,
    page_ids: Iterable[int],
    client: MediaWikiClient,
    now: datetime,
    refresh: timedelta,
    on_chunk: Callable[[int], None] | None = None,
) -> int:
    """Read the item of each page not read since `now - refresh`; returns pages read.
    `on_chunk(count)` is told after each request's answer is stored (progress, kill tests)."""
    page_ids = list(page_ids)
    fresh = set(
        PageSubject.objects.filter(
            wiki=wiki, page_id__in=page_ids, checked_at__gt=now - refresh
        ).values_list("page_id", flat=True)
    )
    due = [page_id for page_id in page_ids if page_id not in fresh]
    for chunk in _chunks(due):
        items = client.fetch_page_items(wiki.api_url, chunk)
        # One statement per request; a deleted page is linked to nothing now (it counts in
        # no figure anyway).
        PageSubject.objects.bulk_create(
            [
                PageSubject(wiki=wiki, page_id=page_id, item=items.get(page_id, ""), checked_at=now)
                for page_id in chunk
            ],
            update_conflicts=True,
            unique_fields=["wiki", "page_id"],
            update_fields=["item", "checked_at"],
        )
        if on_chunk is not None:
            on_chunk(len(chunk))
    return len(due)


def items_refresh(
    *,
    items: Iterable[str],
    client: MediaWikiClient,
    api_url: str,
    now: datetime,
    refresh: timedelta,
    on_chunk: Callable[[int], None] | None = None,
) -> int:
    """Read each item not read since `now - refresh` from Wikidata; returns items read.
    `on_chunk(count)` is told after each request's answer is stored."""
    wanted = sorted(set(items) - {""})
    fresh = set(
        WikidataItem.objects.filter(item__in=wanted, fetched_at__gt=now - refresh).values_list(
            "item", flat=True
        )
    )
    due = [item for item in wanted if item not in fresh]
    for chunk in _chunks(due):
        answers = client.fetch_entities(api_url, chunk)
        WikidataItem.objects.bulk_create(
            [
                WikidataItem(
                    item=answer.item,
                    exists=answer.subject is not None,
                    is_human=answer.subject is not None and answer.subject.human,
                    gender=(answer.subject or NOT_HUMAN).gender.value,
                    fetched_at=now,
                )
                for answer in answers
            ],
            update_conflicts=True,
            unique_fields=["item"],
            update_fields=["exists", "is_human", "gender", "fetched_at"],
        )
        if on_chunk is not None:
            on_chunk(len(chunk))
    return len(due)


def items_of_pages(pages: dict[int, list[int]]) -> set[str]:
    """The items linked to the given pages ({wiki id: page ids})."""
    condition = Q(pk__in=[])
    for wiki_id, page_ids in pages.items():
        condition |= Q(wiki_id=wiki_id, page_id__in=page_ids)
    return set(
        PageSubject.objects.filter(condition).exclude(item="").values_list("item", flat=True)
    )


def subjects_for(wikis: Iterable[Wiki]) -> dict[tuple[str, int], Subject]:
    """What each page of these wikis is about, as last read: biographies only (a page
    missing from the result is not a biography, or not known to be one yet)."""
    db_names = {wiki.pk: wiki.db_name for wiki in wikis}
    humans = {
        item: Subject(human=True, gender=SubjectGender(gender))
        for item, gender in WikidataItem.objects.filter(
            exists=True,
            is_human=True,
            item__in=PageSubject.objects.filter(wiki__in=list(db_names)).values("item"),
        ).values_list("item", "gender")
    }
    if not humans:
        return {}
    rows = PageSubject.objects.filter(wiki__in=list(db_names), item__in=list(humans))
    return {
        (db_names[wiki_id], page_id): humans[item]
        for wiki_id, page_id, item in rows.values_list("wiki_id", "page_id", "item").iterator(
            chunk_size=5000
        )
    }
