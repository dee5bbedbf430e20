"""Full-text search of published resources with the database's own engine.

- SQLite: the FTS5 table `library_search` (migration 0002), MATCH and bm25() ranking.
- PostgreSQL: stored tsvectors (config 'simple') filled by a trigger (migration 0004), a GIN
  index to match, ts_rank on a small lead vector to shortlist and on the full one to rank.

Text is normalised by `kuza.library.textsearch.normalise` before indexing and before
querying, so both engines fold case, accents and Arabic harakat the same way; hyphenated
and apostrophe words are indexed joined too (textsearch.compounds), and Arabic words with
a joined article without it too (textsearch.article_free_forms). A resource's document
holds its source text and the text of every unit translation, in any language.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import QuerySet

from kuza.library.models import Resource, SearchDocument
from kuza.library.textsearch import (
    Query,
    article_free_forms,
    compounds,
    normalise,
    parse_query,
    to_fts5,
    to_tsquery,
)

TITLE_WEIGHT = 10.0  # bm25 column weight of titles against bodies (SQLite)
INDEX_BATCH = 500


# Source fields whose text (and whose translations' text) is indexed as the title column,
# and those indexed as the body column.
_TITLE_FIELDS = ("title",)
_BODY_FIELDS = ("summary", "body", "transcript")


def _document_text(resource: Resource, translated: list[tuple[str, str]]) -> tuple[str, str]:
    """The normalised title and body columns: the source text, then every translation unit
    (any language), so a resource is found by the words of each language it is read in."""
    titles = [resource.title, *(text for name, text in translated if name in _TITLE_FIELDS)]
    bodies = [getattr(resource, name) for name in _BODY_FIELDS]
    bodies += [text for name, text in translated if name in _BODY_FIELDS]
    title = normalise("\n".join(titles))
    body = normalise("\n".join(part for part in bodies if part))
    # Joined compounds and article-free Arabic words on a last line, so the first line of
    # the body stays the summary.
    return _with_variants(title), _with_variants(body)


def _with_variants(text: str) -> str:
    extra = compounds(text) + article_free_forms(text)
    return text + "\n" + " ".join(extra) if extra else text


def _translations_of(resource_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """Resource id -> [(field name, translated unit text)] of current source units."""
    from kuza.translation.models import UnitTranslation

    rows = UnitTranslation.objects.filter(
        unit__field__translatable__content_type=ContentType.objects.get_for_model(Resource),
        unit__field__translatable__object_id__in=resource_ids,
        unit__removed=False,
    ).values_list("unit__field__translatable__object_id", "unit__field__field_name", "text")
    found: dict[int, list[tuple[str, str]]] = {}
    for object_id, field_name, text in rows.order_by("pk"):
        found.setdefault(object_id, []).append((field_name, text))
    return found


def index_resources(resources: Iterable[Resource]) -> None:
    """Write (or rewrite) the search documents of `resources`; call after every change.

    On PostgreSQL a trigger (migration 0004) computes the stored tsvector from the
    normalised columns, so one statement writes a batch.
    """
    resources = list(resources)
    for start in range(0, len(resources), INDEX_BATCH):
        batch = resources[start : start + INDEX_BATCH]
        translations = _translations_of([resource.pk for resource in batch])
        documents = []
        for resource in batch:
            title, body = _document_text(resource, translations.get(resource.pk, []))
            documents.append(SearchDocument(resource_id=resource.pk, title=title, body=body))
        SearchDocument.objects.bulk_create(
            documents,
            update_conflicts=True,
            unique_fields=["resource"],
            update_fields=["title", "body"],
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


_pending = threading.local()


def translation_changed(sender, instance, **kwargs) -> None:
    """Receiver for saved and deleted UnitTranslation rows (connected in apps.py): re-index
    the resource they translate once the transaction commits, once per resource however
    many units an import saved."""
    if kwargs.get("raw"):
        return
    from kuza.translation.models import SourceUnit

    # A query rather than instance.unit...: the unit may be going too (a cascade).
    object_id = (
        SourceUnit.objects.filter(
            pk=instance.unit_id,
            field__translatable__content_type=ContentType.objects.get_for_model(Resource),
        )
        .values_list("field__translatable__object_id", flat=True)
        .first()
    )
    if object_id is None:
        return
    waiting = getattr(_pending, "ids", None)
    if waiting is None:
        waiting = _pending.ids = set()
    waiting.add(object_id)
    # Every save schedules a flush; the first one to run empties the set, the rest find
    # nothing to do. Ids left by a rolled-back transaction are indexed at the next commit.
    transaction.on_commit(_reindex_pending)


def _reindex_pending() -> None:
    ids = getattr(_pending, "ids", None)
    if not ids:
        return
    _pending.ids = set()
    index_resources(Resource.objects.filter(pk__in=ids).order_by("pk"))


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


# Every match is ranked on its small `lead` vector (title and summary, kept in the row); the
# best SHORTLIST of them are ranked again on the full vector (title and whole text). The
# cost of the full ranking no longer grows with the number of matches. Below SHORTLIST
# matches (nearly every real query) the order is exactly ts_rank's on the full text; above
# it (a common word matching thousands) the first pages hold the resources with the word
# in their title or summary, ranked on the full text, and later pages follow in lead order.
SHORTLIST = 100

_POSTGRES_MATCHES = """
    SELECT d.resource_id, d.vector, q.query, ts_rank(d.lead, q.query) AS lead_rank,
           count(*) OVER () AS total
    FROM library_searchdocument d, (SELECT to_tsquery('simple', %(query)s) AS query) q
    WHERE d.vector @@ q.query AND d.resource_id IN ({candidates})
    ORDER BY lead_rank DESC, d.resource_id
"""
# The shortlist, ranked on the full vector (a bounded sort: no full sort of the matches).
_POSTGRES_SHORTLIST = """
SELECT resource_id, ts_rank(vector, query) AS rank, total FROM ({matches} LIMIT %(shortlist)s) m
ORDER BY rank DESC, resource_id LIMIT %(limit)s OFFSET %(offset)s
"""
# Past the shortlist, in lead order.
_POSTGRES_REST = """
SELECT resource_id, lead_rank, total FROM ({matches}) m LIMIT %(limit)s OFFSET %(offset)s
"""


def _postgres_rows(template: str, query: Query, candidates, offset: int, limit: int):
    candidate_sql, params = _candidate_sql(candidates)
    # Named parameters for ours; the candidates' own positional ones are renamed.
    names = {f"c{index}": value for index, value in enumerate(params)}
    candidate_sql = candidate_sql % tuple(f"%({name})s" for name in names)
    matches = _POSTGRES_MATCHES.format(candidates=candidate_sql)
    with transaction.atomic(), connection.cursor() as cursor:
        # The planner does not know that testing `@@` on a row means reading its vector: for
        # a word in half the documents it would read every one. The GIN index finds the
        # matches without reading any (no recheck for words and prefixes). LOCAL: for this
        # transaction only.
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)"
        )
        before = cursor.fetchone()[0]
        cursor.execute(
            template.format(matches=matches),
            {
                "query": to_tsquery(query),
                "shortlist": SHORTLIST,
                "limit": limit,
                "offset": offset,
                **names,
            },
        )
        rows = [(row[0], float(row[1]), row[2]) for row in cursor.fetchall()]
        # A caller's enclosing transaction gets its planner back (after an error, the
        # rollback to this block's savepoint undoes the setting anyway).
        cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [before])
        return rows


def _postgres_page(query: Query, candidates: QuerySet[Resource], offset: int, limit: int):
    rows = []
    if offset < SHORTLIST:
        taken = min(limit, SHORTLIST - offset)
        rows = _postgres_rows(_POSTGRES_SHORTLIST, query, candidates, offset, taken)
        offset, limit = SHORTLIST, limit - taken
        if len(rows) < taken:  # fewer matches than the shortlist: nothing follows
            return rows
    if limit > 0:
        rows += _postgres_rows(_POSTGRES_REST, query, candidates, offset, limit)
    return rows


def _engine_page(
    query: Query, candidates: QuerySet[Resource], *, offset: int, limit: int
) -> tuple[list[Hit], int | None]:
    """A window of ranked hits, and the total number of matches (None if the window is empty
    and nothing says how many there are)."""
    if not query:
        return [], 0
    engine_page = _sqlite_page if connection.vendor == "sqlite" else _postgres_page
    try:
        rows = engine_page(query, candidates, offset, limit)
    except EmptyResultSet:  # the filters exclude everything (e.g. a skill nobody has)
        return [], 0
    total = rows[0][2] if rows else (0 if offset == 0 else None)
    resources = Resource.objects.in_bulk([row[0] for row in rows])
    hits = [Hit(resource=resources[pk], rank=rank) for pk, rank, _total in rows if pk in resources]
    return hits, total
