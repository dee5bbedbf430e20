"""Full-text search of published resources with the database's own engine.

- SQLite: the FTS5 table `library_search` (migration 0002), MATCH and bm25() ranking.
- PostgreSQL: stored tsvectors (config 'simple') filled by a trigger (migration 0004), a GIN
  index to match, ts_rank on a small lead vector to shortlist and on the full one to rank.

Both engines rank at most RANKED_AT_MOST matches, the newest, and count exactly only up to
there: a broad term ("wikidata" in half the library) gets an estimated count and the best of
its newest matches, so no search ranks or counts every match. A prefix ("wiki*") stands for
at most textsearch.MAX_PREFIX_WORDS indexed words (SearchTerm, migration 0006).

Text is normalised by `kuza.library.textsearch.normalise` before indexing and before
querying, so both engines fold case, accents and Arabic harakat the same way; hyphenated
and apostrophe words are indexed joined too (textsearch.compounds), and Arabic words with
a joined article without it too (textsearch.article_free_forms). A resource's document
holds its source text and the text of every unit translation, in any language.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from kuza.library.models import Resource, SearchDocument, SearchTerm
from kuza.library.textsearch import (
    Query,
    article_free_forms,
    compounds,
    estimated_matches,
    expand_prefixes,
    normalise,
    parse_query,
    prefix_bounds,
    to_fts5,
    to_tsquery,
    words,
)

TITLE_WEIGHT = 10.0  # bm25 column weight of titles against bodies (SQLite)
INDEX_BATCH = 500
LONGEST_TERM = 64  # longer "words" (run-together strings) are not offered to prefixes


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


def index_resources(resources: Iterable[Resource], *, known_terms: set[str] | None = None) -> None:
    """Write (or rewrite) the search documents of `resources`; call after every change.

    On PostgreSQL a trigger (migration 0004) computes the stored tsvector from the
    normalised columns, so one statement writes a batch. The documents' words join the
    search terms prefixes expand to; `known_terms` (words already written, kept by a
    caller indexing many batches) spares writing them again.
    """
    resources = list(resources)
    for start in range(0, len(resources), INDEX_BATCH):
        batch = resources[start : start + INDEX_BATCH]
        translations = _translations_of([resource.pk for resource in batch])
        documents = []
        terms: set[str] = set()
        for resource in batch:
            title, body = _document_text(resource, translations.get(resource.pk, []))
            documents.append(SearchDocument(resource_id=resource.pk, title=title, body=body))
            terms.update(words(title + "\n" + body))
        SearchDocument.objects.bulk_create(
            documents,
            update_conflicts=True,
            unique_fields=["resource"],
            update_fields=["title", "body"],
        )
        _add_terms(terms, known_terms)


def _add_terms(terms: set[str], known: set[str] | None) -> None:
    new = {term for term in terms if len(term) <= LONGEST_TERM}
    if known is not None:
        new -= known
        known |= new
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=term) for term in sorted(new)], ignore_conflicts=True, batch_size=2000
    )


def rebuild_index() -> int:
    """Re-index every resource (after a bulk import or a repair); returns how many."""
    SearchDocument.objects.all().delete()
    SearchTerm.objects.all().delete()
    known: set[str] = set()
    count = 0
    queryset = Resource.objects.order_by("pk").only("pk", "title", "summary", "body", "transcript")
    batch: list[Resource] = []
    for resource in queryset.iterator(chunk_size=INDEX_BATCH):
        batch.append(resource)
        if len(batch) == INDEX_BATCH:
            index_resources(batch, known_terms=known)
            count += len(batch)
            batch = []
    index_resources(batch, known_terms=known)
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


@dataclass(frozen=True)
class Total:
    """How many resources match: exactly, or (`estimated`) about so many."""

    number: int
    estimated: bool = False


# A search ranks at most this many matches: the newest ones (highest ids, an order both
# engines' indexes give without ranking anything). With fewer matches than this, every match
# is ranked and counted exactly; with more, the count is estimated from how densely the
# newest ones lie ("about 21,000 results") and the pages offer the best of those ranked.
RANKED_AT_MOST = 500


@dataclass(frozen=True)
class _Window:
    hits: list[Hit]
    ranked: int  # how many matches were ranked (the pages reach this many)
    total: Total


class SearchResults:
    """A lazily counted, lazily sliced ranked result list that Django's Paginator accepts.

    `count()` is how many results the pages reach (every match, up to RANKED_AT_MOST);
    `total()` is how many match, exactly or estimated. Each window of hits is fetched
    together with both in one statement, so a page of results costs one full-text query.
    """

    def __init__(self, *, query: Query, candidates: QuerySet[Resource], page_size: int = 15):
        self._parsed = query
        self._expanded: Query | None = None
        self._candidates = candidates
        self._page_size = page_size
        self._ranked: int | None = None
        self._total: Total | None = None
        self._windows: dict[tuple[int, int], list[Hit]] = {}

    @property
    def query(self) -> Query:
        """The query with its prefixes expanded to indexed words (asked once)."""
        if self._expanded is None:
            self._expanded = expand_prefixes(self._parsed, _words_beginning)
        return self._expanded

    @property
    def short_prefixes(self) -> tuple[str, ...]:
        return self._parsed.short_prefixes

    @property
    def broad_prefixes(self) -> tuple[str, ...]:
        return self.query.broad_prefixes

    def _cached(self, offset: int, limit: int) -> list[Hit] | None:
        """A window already fetched that holds [offset, offset + limit), as far as it goes."""
        for (start, length), hits in self._windows.items():
            end = offset + limit
            if self._ranked is not None:
                end = min(end, self._ranked)
            if start <= offset and (end <= start + length or start + len(hits) == self._ranked):
                return hits[offset - start : end - start]
        return None

    def _fetch(self, offset: int, limit: int) -> list[Hit]:
        cached = self._cached(offset, limit)
        if cached is not None:
            return cached
        window = _engine_page(self.query, self._candidates, offset=offset, limit=limit)
        self._windows[(offset, limit)] = window.hits
        self._ranked, self._total = window.ranked, window.total
        return window.hits

    def count(self) -> int:
        if self._ranked is None:
            self._fetch(0, self._page_size)
        return self._ranked or 0

    def total(self) -> Total:
        if self._total is None:
            self._fetch(0, self._page_size)
        return self._total or Total(0)

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


def _words_beginning(prefix: str, limit: int) -> list[str]:
    low, high = prefix_bounds(prefix)
    terms = SearchTerm.objects.filter(term__gte=low, term__lt=high).order_by("term")
    return list(terms.values_list("term", flat=True)[:limit])


# --- engines ---------------------------------------------------------------------------------
# Both engines run one statement per window, in the same steps:
#   capped: the newest RANKED_AT_MOST + 1 matches that are candidates (visible, filtered),
#           read in id order from the full-text index, each checked against the candidates
#           one by one (an index lookup), so no statement reads every candidate or every
#           match's text;
#   kept:   the newest RANKED_AT_MOST of them, the only ones ranked;
#   bounds: how many were kept, the lowest id kept, and whether there were more (probed);
#   the window of ranked hits, with the bounds and the id range of all resources (for the
#   estimate) on every row, or on one row of NULL hits when the window is empty.


def _candidate_sql(candidates: QuerySet[Resource]) -> tuple[str, tuple]:
    sql, params = candidates.order_by().values("pk").query.sql_with_params()
    return sql, tuple(params)


_OUTER_RESOURCE = re.compile(r'FROM "library_resource"(?=\s)')

_SQLITE_PAGE = """
WITH capped AS (
    SELECT rowid AS id, bm25(library_search, {weight}, 1.0) AS rank FROM library_search
    WHERE library_search MATCH %s AND EXISTS ({candidate})
    ORDER BY rowid DESC LIMIT %s
), kept AS (SELECT id, rank FROM capped ORDER BY id DESC LIMIT %s),
bounds AS (
    SELECT count(*) AS kept, min(id) AS lowest, (SELECT count(*) FROM capped) AS probed
    FROM kept
)
SELECT ranked.id, ranked.rank, bounds.kept, bounds.lowest, bounds.probed,
       (SELECT max(id) FROM library_resource), (SELECT min(id) FROM library_resource)
FROM bounds LEFT JOIN (
    SELECT id, rank FROM kept ORDER BY rank, id LIMIT %s OFFSET %s
) AS ranked
ORDER BY ranked.rank, ranked.id
"""


def _sqlite_page(query: Query, candidates: QuerySet[Resource], offset: int, limit: int):
    # One candidate checked per match: the candidates' query for the match's rowid, read
    # from the (id, filters...) index alone (SQLite's planner would read the wide row).
    candidate_sql, params = _candidate_sql(candidates.filter(pk=RawSQL("library_search.rowid", ())))
    candidate_sql = _OUTER_RESOURCE.sub(
        'FROM "library_resource" INDEXED BY library_resource_id_filters', candidate_sql, count=1
    )
    # bm25() is computed only for the rows the capped scan returns (it reads their positions).
    # Only SQL we wrote is formatted in; the user's words and filters are parameters.
    sql = _SQLITE_PAGE.format(weight=TITLE_WEIGHT, candidate=candidate_sql)
    arguments = (to_fts5(query), *params, RANKED_AT_MOST + 1, RANKED_AT_MOST, limit, offset)
    with connection.cursor() as cursor:
        cursor.execute(sql, arguments)
        # bm25() is negative, lower is better: turn it into "higher is better".
        return [
            (row[0], None if row[1] is None else -float(row[1]), *row[2:])
            for row in cursor.fetchall()
        ]


# Of the kept matches, the best SHORTLIST on their small `lead` vector (title and summary,
# kept in the row) are ranked again on the full vector (title and whole text, out of line);
# the rest follow in lead order. Below SHORTLIST matches (nearly every real query) the order
# is exactly ts_rank's on the full text.
SHORTLIST = 100

_POSTGRES_PAGE = """
WITH q AS (SELECT to_tsquery('simple', %(query)s) AS query),
matches AS MATERIALIZED (
    SELECT d.resource_id AS id FROM library_searchdocument d, q WHERE d.vector @@ q.query
),
capped AS MATERIALIZED (
    SELECT id FROM matches WHERE id IN ({candidates}) ORDER BY id DESC LIMIT %(probe)s
),
kept AS MATERIALIZED (SELECT id FROM capped ORDER BY id DESC LIMIT %(cap)s),
bounds AS (
    SELECT count(*) AS kept, min(id) AS lowest, (SELECT count(*) FROM capped) AS probed
    FROM kept
),
led AS (
    SELECT d.resource_id AS id, d.vector, ts_rank(d.lead, q.query) AS lead_rank,
        row_number() OVER (ORDER BY ts_rank(d.lead, q.query) DESC, d.resource_id) AS position
    FROM library_searchdocument d JOIN kept ON kept.id = d.resource_id, q
),
ranked AS (
    SELECT id, position,
        CASE WHEN position <= %(shortlist)s THEN ts_rank(vector, q.query) END AS full_rank,
        lead_rank
    FROM led, q
    ORDER BY position > %(shortlist)s, full_rank DESC NULLS LAST,
        CASE WHEN position <= %(shortlist)s THEN id ELSE position END
    LIMIT %(limit)s OFFSET %(offset)s
)
SELECT ranked.id, coalesce(ranked.full_rank, ranked.lead_rank), bounds.kept, bounds.lowest,
    bounds.probed, (SELECT max(id) FROM library_resource), (SELECT min(id) FROM library_resource)
FROM bounds LEFT JOIN ranked ON true
ORDER BY ranked.position > %(shortlist)s, ranked.full_rank DESC NULLS LAST,
    CASE WHEN ranked.position <= %(shortlist)s THEN ranked.id ELSE ranked.position END
"""


def _postgres_page(query: Query, candidates: QuerySet[Resource], offset: int, limit: int):
    candidate_sql, params = _candidate_sql(candidates)
    # Named parameters for ours; the candidates' own positional ones are renamed.
    names = {f"c{index}": value for index, value in enumerate(params)}
    candidate_sql = candidate_sql % tuple(f"%({name})s" for name in names)
    with transaction.atomic(), connection.cursor() as cursor:
        # The planner does not know that testing `@@` on a row means reading its vector: it
        # would read every one. The GIN index finds the matches without reading any (no
        # recheck for words and prefixes). LOCAL: for this transaction only.
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)"
        )
        before = cursor.fetchone()[0]
        cursor.execute(
            _POSTGRES_PAGE.format(candidates=candidate_sql),
            {
                "query": to_tsquery(query),
                "probe": RANKED_AT_MOST + 1,
                "cap": RANKED_AT_MOST,
                "shortlist": SHORTLIST,
                "limit": limit,
                "offset": offset,
                **names,
            },
        )
        rows = [
            (row[0], None if row[1] is None else float(row[1]), *row[2:])
            for row in cursor.fetchall()
        ]
        # A caller's enclosing transaction gets its planner back (after an error, the
        # rollback to this block's savepoint undoes the setting anyway).
        cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [before])
        return rows


def _engine_page(
    query: Query, candidates: QuerySet[Resource], *, offset: int, limit: int
) -> _Window:
    """A window of ranked hits, how many matches the pages reach, and how many match."""
    if not query:
        return _Window(hits=[], ranked=0, total=Total(0))
    engine_page = _sqlite_page if connection.vendor == "sqlite" else _postgres_page
    try:
        rows = engine_page(query, candidates, offset, limit)
    except EmptyResultSet:  # the filters exclude everything (e.g. a skill nobody has)
        return _Window(hits=[], ranked=0, total=Total(0))
    _id, _rank, kept, lowest, probed, newest, oldest = rows[0]
    if probed > kept:
        number = estimated_matches(kept=kept, lowest=lowest, newest=newest, oldest=oldest)
        total = Total(number, estimated=True)
    else:
        total = Total(kept)
    ranked = [(row[0], row[1]) for row in rows if row[0] is not None]
    resources = Resource.objects.in_bulk([pk for pk, _rank in ranked])
    hits = [Hit(resource=resources[pk], rank=rank) for pk, rank in ranked if pk in resources]
    return _Window(hits=hits, ranked=kept, total=total)
