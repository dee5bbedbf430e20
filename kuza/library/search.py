"""Full-text search of published resources with the database's own engine.

- SQLite: the FTS5 table `library_search` (migration 0002), MATCH and bm25() ranking.
- PostgreSQL: stored tsvectors (config 'simple') filled by a trigger (migration 0004), a GIN
  index to match, ts_rank on a small lead vector to shortlist and on the full one to rank.
  The vectors also hold their block of ids and their resource's filter fields as lexemes
  (migration 0007): the newest matches within the filters are read a window of ids at a
  time from the index (WINDOWS), and a phrase is confirmed on at most
  PHRASE_CHECKED_AT_MOST documents holding its words.

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
    estimated_sample,
    expand_prefixes,
    has_phrase,
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
    """How many resources match: exactly, or (`estimated`) about so many. `phrase_sampled`:
    a phrase was checked among the newest documents holding its words only, so older
    matches may be missing from the pages (the reader can ask to check every one)."""

    number: int
    estimated: bool = False
    phrase_sampled: bool = False


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

    def __init__(
        self,
        *,
        query: Query,
        candidates: QuerySet[Resource],
        page_size: int = 15,
        filtered_by: dict[str, str] | None = None,
        every_phrase_match: bool = False,
    ):
        self._parsed = query
        self._every_phrase_match = every_phrase_match
        self._expanded: Query | None = None
        self._candidates = candidates
        self._filtered_by = filtered_by or {}
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
        window = _engine_page(
            self.query,
            self._candidates,
            offset=offset,
            limit=limit,
            filtered_by=self._filtered_by,
            every_phrase_match=self._every_phrase_match,
        )
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
    *,
    text: str,
    candidates: QuerySet[Resource],
    page_size: int = 15,
    filtered_by: dict[str, str] | None = None,
    every_phrase_match: bool = False,
) -> SearchResults:
    """Rank `candidates` (already filtered and visible) by how well they match `text`.

    `text` is whatever someone typed; it is parsed into a safe query and never raises.
    An empty query has no matches: callers browse `candidates` instead. `filtered_by`
    (resource field -> value) names filters `candidates` already applies: PostgreSQL's index
    narrows the matches by those of INDEXED_FILTERS before checking them against the
    candidates, which stay the rule. `every_phrase_match`: check a phrase in every document
    holding its words, not only the newest PHRASE_CHECKED_AT_MOST (slower; asked for by the
    reader when a sampled phrase may have older matches).
    """
    return SearchResults(
        query=parse_query(text),
        candidates=candidates,
        page_size=page_size,
        filtered_by=filtered_by,
        every_phrase_match=every_phrase_match,
    )


def _words_beginning(prefix: str, limit: int) -> list[str]:
    low, high = prefix_bounds(prefix)
    terms = SearchTerm.objects.filter(term__gte=low, term__lt=high).order_by("term")
    return list(terms.values_list("term", flat=True)[:limit])


# --- engines ---------------------------------------------------------------------------------
# Both engines run one statement per window, in the same steps:
#   capped: the newest RANKED_AT_MOST + 1 matches that are candidates (visible, filtered),
#           read in id order from the full-text index (PostgreSQL: newest id windows
#           first), each checked against the candidates one by one (an index lookup), so no
#           statement reads every candidate or every match's text;
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


def _sqlite_page(
    query: Query,
    candidates: QuerySet[Resource],
    offset: int,
    limit: int,
    _filtered_by,
    _every_phrase_match: bool,
):
    # FTS5's index holds word positions: every phrase match is always checked.
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
            (row[0], None if row[1] is None else -float(row[1]), *row[2:], None)
            for row in cursor.fetchall()
        ]


# Of the kept matches, the best SHORTLIST on their small `lead` vector (title and summary,
# kept in the row) are ranked again on the full vector (title and whole text, out of line);
# the rest follow in lead order. Below SHORTLIST matches (nearly every real query) the order
# is exactly ts_rank's on the full text.
SHORTLIST = 100

# PostgreSQL reads the matches newest first, a window of ids at a time, from the GIN index
# alone: each vector holds its block of ids ('~b<n>', resource_id // ID_BLOCK) and its
# resource's filter fields ('~language:fr', ...) as lexemes (migration 0007), so a window
# is the query's words AND the window's blocks ORed AND the filters. The windows: the
# newest 2 blocks, then down to 10, then 50, then the rest (every other block); each is
# sorted and checked against the candidates, and they run in order and no further than the
# cap needs: a broad term stops in the first one.
ID_BLOCK = 1024  # as in migration 0007's trigger
WINDOWS = (2, 10)  # blocks, counted back from the newest
# The filters the vectors hold (migration 0007), and the values they can be searched with.
INDEXED_FILTERS = ("language", "kind", "level", "audience")
_FILTER_VALUE = re.compile(r"[A-Za-z0-9_-]+")

# A phrase ("friendly space policy") is confirmed only by a document's word positions, in
# its vector: reading one costs about as much as the index scan of a whole window. The GIN
# index finds the documents holding every word of the phrase (in any order); only the
# newest PHRASE_CHECKED_AT_MOST of those that are candidates are read and checked. With
# more of them than this, the pages reach the phrase matches among those checked and the
# count is estimated from how densely they lie (SQLite's FTS5 index holds the positions:
# it checks every one).
PHRASE_CHECKED_AT_MOST = 600

# The candidate check is a subquery per match, not a join: one lookup in the candidates'
# (id, filters) index each, where a merge join would read every candidate down to the
# oldest match.
_POSTGRES_WINDOW = """(
    SELECT d.resource_id AS id FROM library_searchdocument d
    WHERE d.vector @@ {match}
        AND (SELECT true FROM ({candidates}) AS c WHERE c.pk = d.resource_id)
    ORDER BY d.resource_id DESC
)"""
# The blocks from `newest` to `oldest` back from the newest block, as a tsquery of ORed
# lexemes (never user text: numbers from the database).
_POSTGRES_BLOCKS = """(
    SELECT string_agg(quote_literal('~b' || n), ' | ')::tsquery
    FROM top, generate_series(top.block - {oldest}, top.block - {newest}) AS n
)"""

_POSTGRES_NEWER = "((SELECT narrowed FROM q) && {blocks})"
# The rest: the older matches are few by now (or the search is rare), read from the GIN
# index and the id tested on the row (`+ 0`: not a range scan of the primary key, which
# would test `@@` by reading each vector).
_POSTGRES_REST = (
    "(SELECT narrowed FROM q) AND d.resource_id + 0 < ((SELECT block FROM top) - {newer} + 1)"
    " * {block}"
)

_POSTGRES_PAGE = """
WITH q AS (
    SELECT to_tsquery('simple', %(query)s) AS query,
        to_tsquery('simple', %(words)s){filters} AS narrowed
),
top AS (SELECT coalesce(max(resource_id), 0) / %(block)s AS block FROM library_searchdocument),
worded AS MATERIALIZED (
    SELECT id FROM ({windows}) AS newest_first LIMIT %(checks)s
),
capped AS MATERIALIZED (SELECT id FROM worded WHERE {phrase_check} LIMIT %(probe)s),
kept AS MATERIALIZED (SELECT id FROM capped ORDER BY id DESC LIMIT %(cap)s),
bounds AS (
    SELECT count(*) AS kept, min(id) AS lowest, (SELECT count(*) FROM capped) AS probed,
        (SELECT count(*) FROM worded) AS checked, (SELECT min(id) FROM worded) AS lowest_checked
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
    bounds.probed, (SELECT max(id) FROM library_resource), (SELECT min(id) FROM library_resource),
    bounds.checked, bounds.lowest_checked
FROM bounds LEFT JOIN ranked ON true
ORDER BY ranked.position > %(shortlist)s, ranked.full_rank DESC NULLS LAST,
    CASE WHEN ranked.position <= %(shortlist)s THEN ranked.id ELSE ranked.position END
"""
# A subquery per row, not a join: the planner cannot turn it into a scan of every vector,
# and it runs only until `capped` has its rows.
_PHRASE_CHECK = (
    "(SELECT d.vector @@ q.query FROM library_searchdocument d, q WHERE d.resource_id = worded.id)"
)
# Planner settings for the search statement alone, sent with it in one round trip:
# enable_seqscan: the planner does not know that testing `@@` on a row means reading its
# vector: it would read every one; the GIN index finds the matches without reading any (no
# recheck for words and prefixes). max_parallel_workers_per_gather: the windows must run
# one after the other, newest first, as a plain (not parallel) Append runs them.
# LOCAL settings: in autocommit the three statements are one implicit transaction that
# takes them away; in a caller's transaction the last statement puts back what it had
# (kept meanwhile in a setting of our own). Several statements with parameters in one
# execute() need client-side binding, the psycopg default Django keeps.
_PLANNER_SET = """
SELECT set_config('kuza.library_search_planner',
        current_setting('enable_seqscan') || ' '
        || current_setting('max_parallel_workers_per_gather'), true),
    set_config('enable_seqscan', 'off', true),
    set_config('max_parallel_workers_per_gather', '0', true);
"""
_PLANNER_RESET = """;
SELECT set_config('enable_seqscan',
        split_part(current_setting('kuza.library_search_planner'), ' ', 1), true),
    set_config('max_parallel_workers_per_gather',
        split_part(current_setting('kuza.library_search_planner'), ' ', 2), true)
"""


def phrase_checks() -> int:
    """How many documents holding a phrase's words PostgreSQL reads to confirm the phrase."""
    return max(PHRASE_CHECKED_AT_MOST, RANKED_AT_MOST + 1)


def _checks(probe: int, *, phrase: bool, every_phrase_match: bool) -> int | None:
    """How many documents holding the words are read (None: LIMIT NULL, all of them)."""
    if not phrase:
        return probe
    return None if every_phrase_match else phrase_checks()


def _postgres_windows(candidate_sql: str) -> str:
    """The id windows, newest first, as one UNION ALL (only numbers are formatted in)."""
    windows, newer = [], 0
    for blocks in WINDOWS:
        newest_blocks = _POSTGRES_BLOCKS.format(newest=newer, oldest=blocks - 1)
        windows.append(_POSTGRES_NEWER.format(blocks=newest_blocks))
        newer = blocks
    windows.append(_POSTGRES_REST.format(newer=newer, block=ID_BLOCK))
    return "\nUNION ALL\n".join(
        _POSTGRES_WINDOW.format(match=match, candidates=candidate_sql) for match in windows
    )


def _filter_lexemes(filtered_by: dict[str, str]) -> str:
    """The filter lexemes the vectors hold, ANDed as tsquery text ('' when none).
    A value that could not be a field's (it would break the syntax) narrows nothing: the
    candidates still filter by it."""
    lexemes = [
        f"'~{field}:{value}'"
        for field, value in sorted(filtered_by.items())
        if field in INDEXED_FILTERS and value and _FILTER_VALUE.fullmatch(value)
    ]
    return " & ".join(lexemes)


def _postgres_page(
    query: Query,
    candidates: QuerySet[Resource],
    offset: int,
    limit: int,
    filtered_by: dict[str, str],
    every_phrase_match: bool,
):
    candidate_sql, params = _candidate_sql(candidates)
    # Named parameters for ours; the candidates' own positional ones are renamed.
    names = {f"c{index}": value for index, value in enumerate(params)}
    candidate_sql = candidate_sql % tuple(f"%({name})s" for name in names)
    phrase = has_phrase(query)
    filters = _filter_lexemes(filtered_by)
    sql = _POSTGRES_PAGE.format(
        windows=_postgres_windows(candidate_sql),
        phrase_check=_PHRASE_CHECK if phrase else "true",
        filters=" && %(filters)s::tsquery" if filters else "",
    )
    probe = RANKED_AT_MOST + 1
    with connection.cursor() as cursor:
        cursor.execute(
            _PLANNER_SET + sql + _PLANNER_RESET,
            {
                "query": to_tsquery(query),
                "words": to_tsquery(query, in_order=False),
                "block": ID_BLOCK,
                "checks": _checks(probe, phrase=phrase, every_phrase_match=every_phrase_match),
                "probe": probe,
                "cap": RANKED_AT_MOST,
                "shortlist": SHORTLIST,
                "limit": limit,
                "offset": offset,
                "filters": filters,
                **names,
            },
        )
        cursor.nextset()  # past the settings, to the page
        rows = [
            (row[0], None if row[1] is None else float(row[1]), *row[2:])
            for row in cursor.fetchall()
        ]
        # Only a phrase's checks can run out before the cap: then the matches are a sample.
        sampled = phrase and not every_phrase_match and rows[0][7] >= phrase_checks()
        return [(*row[:7], row[8] if sampled else None) for row in rows]


def _engine_page(
    query: Query,
    candidates: QuerySet[Resource],
    *,
    offset: int,
    limit: int,
    filtered_by: dict[str, str],
    every_phrase_match: bool = False,
) -> _Window:
    """A window of ranked hits, how many matches the pages reach, and how many match."""
    if not query:
        return _Window(hits=[], ranked=0, total=Total(0))
    engine_page = _sqlite_page if connection.vendor == "sqlite" else _postgres_page
    try:
        rows = engine_page(query, candidates, offset, limit, filtered_by, every_phrase_match)
    except EmptyResultSet:  # the filters exclude everything (e.g. a skill nobody has)
        return _Window(hits=[], ranked=0, total=Total(0))
    _id, _rank, kept, lowest, probed, newest, oldest, lowest_checked = rows[0]
    if probed > kept:
        number = estimated_matches(kept=kept, lowest=lowest, newest=newest, oldest=oldest)
        total = Total(number, estimated=True)
    elif lowest_checked is not None:  # a phrase checked among its newest candidates only
        number = estimated_sample(found=kept, lowest=lowest_checked, newest=newest, oldest=oldest)
        total = Total(number, estimated=True, phrase_sampled=True)
    else:
        total = Total(kept)
    ranked = [(row[0], row[1]) for row in rows if row[0] is not None]
    resources = Resource.objects.in_bulk([pk for pk, _rank in ranked])
    hits = [Hit(resource=resources[pk], rank=rank) for pk, rank in ranked if pk in resources]
    return _Window(hits=hits, ranked=kept, total=total)
