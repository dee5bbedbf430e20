"""Full-text search of published resources with the database's own engine.

- SQLite: the FTS5 table `library_search` (migration 0002), MATCH and bm25() ranking.
- PostgreSQL: a stored tsvector (config 'simple', unaccent) with a GIN index, ranked by
  ts_rank through SearchVector / SearchQuery / SearchRank.

Text is normalised by `kuza.library.textsearch.normalise` before indexing and before
querying, so both engines fold case, accents and Arabic harakat the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Count, F, Func, QuerySet, Value, Window

from kuza.library.models import Resource, SearchDocument
from kuza.library.textsearch import Query, normalise, parse_query, to_fts5, to_tsquery

TITLE_WEIGHT = 10.0  # bm25 column weight of titles against bodies (SQLite)
INDEX_BATCH = 500


def _document_text(resource: Resource) -> tuple[str, str]:
    body = "\n".join(
        part for part in (resource.summary, resource.body, resource.transcript) if part
    )
    return normalise(resource.title), normalise(body)


def _unaccent(expression):
    return Func(expression, function="unaccent")


def _postgres_vector() -> SearchVector:
    return SearchVector(_unaccent(F("title")), config="simple", weight="A") + SearchVector(
        _unaccent(F("body")), config="simple", weight="B"
    )


def index_resources(resources: Iterable[Resource]) -> None:
    """Write (or rewrite) the search documents of `resources`; call after every change."""
    resources = list(resources)
    for start in range(0, len(resources), INDEX_BATCH):
        batch = resources[start : start + INDEX_BATCH]
        documents = []
        for resource in batch:
            title, body = _document_text(resource)
            documents.append(SearchDocument(resource_id=resource.pk, title=title, body=body))
        SearchDocument.objects.bulk_create(
            documents,
            update_conflicts=True,
            unique_fields=["resource"],
            update_fields=["title", "body"],
        )
        if connection.vendor == "postgresql":
            SearchDocument.objects.filter(pk__in=[r.pk for r in batch]).update(
                vector=_postgres_vector()
            )


def rebuild_index() -> int:
    """Re-index every resource (after a bulk import or a repair); returns how many."""
    SearchDocument.objects.all().delete()
    count = 0
    queryset = Resource.objects.order_by("pk").only("pk", "title", "summary", "body", "transcript")
    batch: list[Resource] = []
    for resource in queryset.iterator(chunk_size=INDEX_BATCH):
        batch.append(resource)
        if len(batch) == INDEX_BATCH:
            index_resources(batch)
            count += len(batch)
            batch = []
    index_resources(batch)
    return count + len(batch)


@dataclass(frozen=True)
class Hit:
    resource: Resource
    rank: float


class SearchResults:
    """A lazily counted, lazily sliced ranked result list that Django's Paginator accepts.

    Each window is fetched together with the total number of matches in one pass over the
    index (a window count), so a page of results costs one full-text query, not two.
    """

    def __init__(self, *, query: Query, candidates: QuerySet[Resource], page_size: int = 15):
        self.query = query
        self._candidates = candidates
        self._page_size = page_size
        self._count: int | None = None
        self._windows: dict[tuple[int, int], list[Hit]] = {}

    def _fetch(self, offset: int, limit: int) -> list[Hit]:
        key = (offset, limit)
        if key not in self._windows:
            hits, total = _engine_page(self.query, self._candidates, offset=offset, limit=limit)
            self._windows[key] = hits
            if total is not None:
                self._count = total
        return self._windows[key]

    def count(self) -> int:
        if self._count is None:
            self._fetch(0, self._page_size)
        if self._count is None:  # nothing on the first page: nothing at all
            self._count = 0
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Hit]:
        if not isinstance(index, slice):
            raise TypeError("search results are read a page (a slice) at a time")
        start = index.start or 0
        stop = index.stop if index.stop is not None else self.count()
        if stop <= start:
            return []
        return self._fetch(start, stop - start)


def search_resources(
    *, text: str, candidates: QuerySet[Resource], page_size: int = 15
) -> SearchResults:
    """Rank `candidates` (already filtered and visible) by how well they match `text`.

    `text` is whatever someone typed; it is parsed into a safe query and never raises.
    An empty query has no matches: callers browse `candidates` instead.
    """
    return SearchResults(query=parse_query(text), candidates=candidates, page_size=page_size)


# --- engines ---------------------------------------------------------------------------------


def _candidate_sql(candidates: QuerySet[Resource]) -> tuple[str, tuple]:
    sql, params = candidates.order_by().values("pk").query.sql_with_params()
    return sql, tuple(params)


# The unary + keeps the candidate filter away from FTS5's planner: without it SQLite may loop
# over the candidates and re-run the full-text match for each (seconds instead of ms).
_SQLITE_PAGE = """
SELECT id, rank, count(*) OVER () FROM (
    SELECT library_search.rowid AS id, bm25(library_search, {weight}, 1.0) AS rank
    FROM library_search
    WHERE library_search MATCH %s AND +library_search.rowid IN ({candidates})
) ORDER BY rank, id LIMIT %s OFFSET %s
"""


def _sqlite_page(query: Query, candidates: QuerySet[Resource], offset: int, limit: int):
    candidate_sql, params = _candidate_sql(candidates)
    # bm25() cannot sit next to a window function: rank in a subquery, count around it.
    # Only SQL we wrote is formatted in; the user's words and filters are parameters.
    sql = _SQLITE_PAGE.format(weight=TITLE_WEIGHT, candidates=candidate_sql)
    with connection.cursor() as cursor:
        cursor.execute(sql, (to_fts5(query), *params, limit, offset))
        # bm25() is negative, lower is better: turn it into "higher is better".
        return [(row[0], -float(row[1]), row[2]) for row in cursor.fetchall()]


def _postgres_matches(query: Query, candidates: QuerySet[Resource]):
    # The query text is already folded by normalise(), exactly as unaccent() would fold it;
    # a plain constant lets PostgreSQL build the tsquery once per search instead of once per
    # matching row (unaccent() is only STABLE, so it is not folded at planning time).
    search_query = SearchQuery(Value(to_tsquery(query)), config="simple", search_type="raw")
    return (
        SearchDocument.objects.filter(vector=search_query, resource__in=candidates.values("pk"))
        .annotate(rank=SearchRank(F("vector"), search_query))
        .order_by("-rank", "resource_id")
    )


def _engine_page(
    query: Query, candidates: QuerySet[Resource], *, offset: int, limit: int
) -> tuple[list[Hit], int | None]:
    """A window of ranked hits, and the total number of matches (None if the window is empty
    and nothing says how many there are)."""
    if not query:
        return [], 0
    if connection.vendor == "sqlite":
        rows = _sqlite_page(query, candidates, offset, limit)
    else:
        rows = list(
            _postgres_matches(query, candidates)
            .annotate(total=Window(Count("*")))
            .values_list("resource_id", "rank", "total")[offset : offset + limit]
        )
    total = rows[0][2] if rows else (0 if offset == 0 else None)
    resources = Resource.objects.in_bulk([row[0] for row in rows])
    hits = [Hit(resource=resources[pk], rank=rank) for pk, rank, _total in rows if pk in resources]
    return hits, total
