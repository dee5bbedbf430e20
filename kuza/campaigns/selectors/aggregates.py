# ruff: noqa: S608 -- only quoted names and integers are formatted in; values are parameters
"""A campaign's figures summed by the database, for `metrics_aggregates` to assemble.

The rows a campaign may count are the ones `revisions.campaign_rows` reads, and every rule
of `metrics.compute_metrics` is applied here in SQL over slim columns (no title, no
summary): the window, redirects, bots, who is credited, content namespaces, the earliest
counted creation of a page, improvements. Only what SQL cannot decide the same way is done
in Python first, on few rows: the spelling of user names (normalised once per name) and
the hashtag (matched once per candidate summary, for the people only a hashtag credits).
Campaigns with a worklist, or with a day that does not begin on a quarter hour, return
None: the caller reads their rows as before.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from django.db import connection

from kuza.campaigns.hashtags import HASH_SIGNS, hashtag_matcher
from kuza.campaigns.metrics_aggregates import (
    SLICE_SECONDS,
    Aggregates,
    distinct_names,
    slices_fit,
)
from kuza.campaigns.metrics_inputs import (
    RETENTION_DELAY,
    CampaignWindow,
    Participant,
    normalize_username,
)
from kuza.campaigns.models import (
    Campaign,
    PageSubject,
    Revision,
    Wiki,
    WikiAccount,
    WikidataItem,
)

_CREDITED, _BY_HASHTAG = "credited", "by hashtag"


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _members(values: Iterable[object], *, numbers: bool = False) -> tuple[str, list[object]]:
    """An SQL set of values passed as one parameter, whatever their number: an array on
    PostgreSQL (whose planner then knows how many), a JSON list on SQLite."""
    values = list(values)
    if connection.vendor == "postgresql":
        return ("(SELECT unnest(%s::bigint[]))" if numbers else "(SELECT unnest(%s::text[]))"), [
            values
        ]
    return "(SELECT value FROM json_each(%s))", [json.dumps(values)]


def _at(moment: datetime) -> object:
    return Revision._meta.get_field("timestamp").get_db_prep_value(moment, connection)


class _Query:
    """SQL text and its parameters, built up in order."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[object] = []

    def add(self, sql: str, *params: object) -> _Query:
        self.parts.append(sql)
        self.params.extend(params)
        return self

    def members(self, sql: str, values: Iterable[object], *, numbers: bool = False) -> _Query:
        """`sql` with `{}` replaced by an SQL set of `values`."""
        subquery, params = _members(values, numbers=numbers)
        return self.add(sql.format(subquery), *params)

    def text(self) -> str:
        return " ".join(self.parts)


def _read(
    query: _Query,
    campaign: Campaign,
    wiki_ids: list[int],
    tracked: set[str],
    as_of: datetime,
    *,
    is_tracked: tuple[str, list[object]] | None = None,
) -> None:
    """`revisions.campaign_rows`'s rows (alias r): what the metrics may read at all.
    `is_tracked` replaces the test that r's user is tracked (SQL and its parameters)."""
    query.add(
        f"r.{_q('wiki_id')} IN ({', '.join(str(int(pk)) for pk in wiki_ids) or 'NULL'})"
        f" AND NOT r.{_q('removed')} AND r.{_q('timestamp')} >= %s"
        f" AND r.{_q('timestamp')} <= %s"
        f" AND (r.{_q('timestamp')} < %s OR r.{_q('timestamp')} >= %s)",
        _at(campaign.start),
        _at(as_of),
        _at(campaign.end),
        _at(campaign.end + RETENTION_DELAY),
    )
    if is_tracked is None:
        query.members(f"AND (r.{_q('user')} IN {{}}", sorted(tracked))
    else:
        query.add(f"AND ({is_tracked[0]}", *is_tracked[1])
    if campaign.is_open:
        query.add(
            f"OR (r.{_q('in_recent_changes')} AND r.{_q('timestamp')} < %s)", _at(campaign.end)
        )
    query.add(")")


def _countable(query: _Query, window: CampaignWindow, bot_accounts: bool) -> None:
    """Rows in the window that can count for someone (alias r). `bot_accounts`: whether
    any account on these wikis is known to be a bot (when none is, which is usual, the
    check of every row against the accounts, a fifth of a second at a million revisions,
    is left out)."""
    query.add(
        f"AND r.{_q('timestamp')} >= %s AND r.{_q('timestamp')} < %s AND NOT r.{_q('is_redirect')}",
        _at(window.start),
        _at(window.end),
    )
    if not window.exclude_bots:
        return
    query.add(f"AND NOT r.{_q('is_bot')}")
    if bot_accounts:
        accounts = WikiAccount._meta.db_table
        query.add(
            f"AND NOT EXISTS (SELECT 1 FROM {_q(accounts)} a"
            f" WHERE a.{_q('wiki_id')} = r.{_q('wiki_id')} AND a.{_q('username')} = r.{_q('user')}"
            f" AND a.{_q('is_bot')})"
        )


# PostgreSQL settings for the one statement: see `_rows`.
_SETTINGS = {"enable_nestloop": "off", "enable_sort": "off", "work_mem": "'64MB'", "jit": "off"}
_IN_PARTS = {"max_parallel_workers_per_gather": "0"}


def _rows(query: _Query, *, hash_joins: bool = False, in_parts: bool = False) -> list[tuple]:
    """Run `query`. With `hash_joins`, PostgreSQL is told not to join by nested loops: it
    cannot estimate how many rows a CTE keeps, guesses a few hundred, and would probe an
    index once per name and wiki (a million revisions: 9 s instead of 4 on a busy machine).
    It may also use 64 MB per sort or hash instead of 4: at a million revisions a few
    hundred thousand rows are grouped, and with 4 MB each grouping spills to disk.
    Sorting is avoided where hashing can do (distinct pairs, sums per quarter hour): the
    planner thinks a CTE's few hundred rows cheap to sort, and sorting 300,000 took twice as
    long; the first creation of each page is still found by sorting, the one way there is.
    JIT compilation is off: it cost more than it saved (0.13 s to compile this statement).
    `in_parts`: the statement is one of several running at once, one per core, so it
    starts no parallel workers of its own (they would only compete for the same cores).
    """
    planned = hash_joins and connection.vendor == "postgresql"
    settings = {**_SETTINGS, **(_IN_PARTS if in_parts else {})}
    with connection.cursor() as cursor:
        if planned:
            for name, value in settings.items():
                cursor.execute(f"SET {name} = {value}")
        try:
            cursor.execute(query.text(), query.params)
            rows = cursor.fetchall()
        except Exception:
            # Inside a transaction the failed statement aborted it, and rolling it back undoes
            # the SET; a RESET there would fail too and bury the statement's own error.
            if planned and not connection.in_atomic_block:
                for name in settings:
                    cursor.execute(f"RESET {name}")
            raise
        if planned:
            for name in settings:
                cursor.execute(f"RESET {name}")
        return rows


def _classes(
    users: Iterable[str], people: dict[str, Participant], window: CampaignWindow
) -> dict[str, str]:
    """How each stored user name may be credited, as `compute_metrics` decides it."""
    classes = {}
    for user in users:
        person = people.get(normalize_username(user))
        enrolled = person is not None and person.enrolled
        if enrolled and not window.hashtag_required:
            classes[user] = _CREDITED
        elif window.hashtag is not None and (enrolled or window.open):
            classes[user] = _BY_HASHTAG
    return classes


def campaign_aggregates(
    campaign: Campaign,
    wikis: list[Wiki],
    tracked: set[str],
    participants: list[Participant],
    window: CampaignWindow,
    as_of: datetime,
    *,
    parts: int | None = None,
) -> Aggregates | None:
    """The sums `metrics_from_aggregates` needs, or None when this campaign's rows must be
    read one by one (a worklist, an odd time zone, two spellings of one user name).
    `parts`: in how many parts the main statement runs (default: `_parts()`)."""
    if window.worklist is not None or not slices_fit(window):
        return None
    db_names = {wiki.pk: wiki.db_name for wiki in wikis}
    wiki_ids = sorted(db_names)
    revision = _q(Revision._meta.db_table)
    people = {person.username: person for person in participants}
    if not distinct_names(tracked):
        return None
    classes = _classes(tracked, people, window)
    credited = {user for user, kind in classes.items() if kind == _CREDITED}
    bot_accounts = (
        window.exclude_bots
        and WikiAccount.objects.filter(wiki_id__in=wiki_ids, is_bot=True).exists()
    )
    others: list[tuple[str, int, str | None]] = []  # (user, id, summary if it has a sign)
    if campaign.is_open or len(credited) < len(classes):
        # Whose edits only a hashtag can credit (an open campaign reads anyone's tagged
        # edits): one pass over theirs, keeping the summaries that carry a sign.
        signs = " OR ".join(f"r.{_q('comment')} LIKE %s" for _ in HASH_SIGNS)
        query = _Query().add(
            f"SELECT r.{_q('user')}, r.{_q('id')}, CASE WHEN {signs} THEN r.{_q('comment')}"
            f" END FROM {revision} r WHERE",
            *(f"%{sign}%" for sign in HASH_SIGNS),
        )
        _read(query, campaign, wiki_ids, tracked, as_of)
        _countable(query, window, bot_accounts)
        query.members(f"AND r.{_q('user')} NOT IN {{}}", sorted(credited))
        others = _rows(query)
        users = set(tracked) | {user for user, _pk, _comment in others}
        if not distinct_names(users):
            return None
        classes = _classes(users, people, window)
        credited = {user for user, kind in classes.items() if kind == _CREDITED}
    tagged: list[int] = []
    if window.hashtag is not None:
        matches = hashtag_matcher(window.hashtag)
        tagged = [
            pk
            for user, pk, comment in others
            if comment is not None and classes.get(user) == _BY_HASHTAG and matches(comment)
        ]
    # Everyone who may be credited, by number: sorting and grouping on a number is cheaper
    # than on a name. Those credited for every counted edit come first.
    found = set(tagged)
    by_tag = {user for user, pk, _comment in others if pk in found}
    users = [
        *sorted(credited & tracked),
        *sorted(credited - tracked),
        *sorted(by_tag & tracked),
        *sorted(by_tag - tracked),
    ]
    # Who is tracked, by number: the first of each group.
    ranges = ((0, len(credited & tracked)), (len(credited), len(credited) + len(by_tag & tracked)))
    if parts is None:
        parts = _parts()
    queries = [
        _main_query(
            campaign,
            wiki_ids,
            tracked,
            window,
            as_of,
            users,
            len(credited),
            ranges,
            tagged,
            bot_accounts,
            part,
            parts,
        )
        for part in range(parts)
    ]
    if parts > 1 and as_of >= window.retention_start:
        # Who came back is a scan of its own: alongside the parts, not after one of them.
        _came_back(came_back := _Query(), campaign, wiki_ids, tracked, window, as_of)
        queries.append(came_back)
    return _assemble(_rows_of_parts(queries), db_names, users)


def _parts() -> int:
    """In how many parts, each on its own connection, the main statement runs: one per
    core (up to 4) on PostgreSQL, whose every statement runs on one core; one inside a
    transaction, whose uncommitted rows another connection would not see, and on SQLite."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return 1
    return max(1, min(4, os.cpu_count() or 1))


def _rows_of_parts(queries: list[_Query]) -> list[tuple]:
    """Every part's rows: the first on this connection, the others at the same time, each
    in a thread with a connection of its own."""
    if len(queries) == 1:
        return _rows(queries[0], hash_joins=True)
    with ThreadPoolExecutor(max_workers=len(queries) - 1) as pool:
        others = [pool.submit(_rows_on_own_connection, query) for query in queries[1:]]
        rows = _rows(queries[0], hash_joins=True, in_parts=True)
        for other in others:
            rows.extend(other.result())
    return rows


def _rows_on_own_connection(query: _Query) -> list[tuple]:
    try:
        return _rows(query, hash_joins=True, in_parts=True)
    finally:
        connection.close()  # this thread's: Django closes only the request's own


def _main_query(
    campaign: Campaign,
    wiki_ids: list[int],
    tracked: set[str],
    window: CampaignWindow,
    as_of: datetime,
    users: list[str],
    always: int,
    ranges: tuple[tuple[int, int], ...],
    tagged: list[int],
    bot_accounts: bool,
    part: int = 0,
    parts: int = 1,
) -> _Query:
    """The one statement: `users[:always]` are credited for every counted revision, the
    others for the revisions in `tagged` only. With `parts`, only the pages whose id is
    `part` modulo `parts`: every figure is per page or adds up across pages, so the parts'
    rows together are the whole's (`_assemble` adds up what two parts both report)."""
    revision = _q(Revision._meta.db_table)
    subject_table, items = _q(PageSubject._meta.db_table), _q(WikidataItem._meta.db_table)
    namespaces = ", ".join(str(int(ns)) for ns in sorted(window.content_namespaces))
    ts = f"r.{_q('timestamp')}"
    if connection.vendor == "postgresql":
        slice_of = f"CAST(FLOOR(EXTRACT(EPOCH FROM {ts}) / {SLICE_SECONDS}) AS BIGINT)"
        materialized = "MATERIALIZED"
        numbered, numbered_users = "unnest(%s::text[]) WITH ORDINALITY AS u(name, number)", users
        person, names = "(u.number - 1)", ""
    else:
        # Materialised, so SQLite indexes the names instead of reading all for every row.
        names = "names AS MATERIALIZED (SELECT key AS number, value AS name FROM json_each(%s)),"
        numbered, numbered_users, person = "names u", json.dumps(users), "u.number"
        slice_of = f"CAST(strftime('%%s', {ts}) AS INTEGER) / {SLICE_SECONDS}"
        materialized = "MATERIALIZED" if connection.Database.sqlite_version_info >= (3, 35) else ""
    wiki_list = ", ".join(str(int(pk)) for pk in wiki_ids) or "NULL"
    # What a page is about, inline (not a CTE) so the planner knows its size.
    subjects = (
        f"(SELECT ps.{_q('wiki_id')} AS wiki_id, ps.{_q('page_id')} AS page_id,"
        f" i.{_q('gender')} AS gender FROM {subject_table} ps JOIN {items} i"
        f" ON i.{_q('item')} = ps.{_q('item')} WHERE ps.{_q('wiki_id')} IN ({wiki_list})"
        f" AND i.{_q('exists')} AND i.{_q('is_human')})"
    )
    first = "content = 1 AND creation = 1"
    query = _Query().add(
        f"WITH {names} counted AS {materialized} (SELECT r.{_q('wiki_id')} AS wiki_id,"
        f" r.{_q('page_id')} AS page_id, {person} AS person, r.{_q('revid')} AS revid,"
        f" {ts} AS ts, {slice_of} AS slice,"
        f" CASE WHEN r.{_q('namespace')} IN ({namespaces}) THEN 1 ELSE 0 END AS content,"
        f" r.{_q('sizediff')} AS diff,"
        f" CASE WHEN r.{_q('is_page_creation')} THEN 1 ELSE 0 END AS creation,"
        f" CASE WHEN r.{_q('is_upload')} THEN 1 ELSE 0 END AS upload"
        f" FROM {revision} r JOIN {numbered} ON u.name = r.{_q('user')} WHERE",
    )
    query.params.insert(0, numbered_users)  # the names come first in either statement
    # The numbers say who is tracked: an SQL list of every name would make the planner
    # guess a few hundred and probe the index once per name and wiki.
    is_tracked = " OR ".join(f"({person} >= %s AND {person} < %s)" for _ in ranges) or "FALSE"
    _read(
        query,
        campaign,
        wiki_ids,
        tracked,
        as_of,
        is_tracked=(f"({is_tracked})", [bound for pair in ranges for bound in pair]),
    )
    _countable(query, window, bot_accounts)
    if parts > 1:
        query.add(f"AND r.{_q('page_id')} %% {int(parts)} = {int(part)}")
    query.add(f"AND ({person} < %s", always)
    query.members(f"OR r.{_q('id')} IN {{}}))", tagged, numbers=True)
    query.add(
        # The creation each page is credited to: its earliest counted creation. Ranked among
        # the creations only, a few rows in a hundred, not among every counted row.
        f" , creators AS {materialized} (SELECT wiki_id, page_id, person, slice FROM"
        " (SELECT wiki_id, page_id, person, slice, ROW_NUMBER() OVER (PARTITION BY wiki_id,"
        f" page_id ORDER BY ts, revid) AS n FROM counted WHERE {first}) ranked WHERE n = 1)"
        # Who edited which page without creating it, once per person and page: improvements
        # are counted from these pairs, once grouped, instead of from every counted edit.
        f" , edited AS {materialized} (SELECT DISTINCT wiki_id, page_id, person FROM counted"
        " WHERE content = 1 AND creation = 0)"
        # 1: a contributor's sums on a wiki (summed by hashing: no distinct count here;
        # PostgreSQL types each column by its first non-NULL value, hence 2 before 9)
        " SELECT 1, wiki_id, person, CAST(NULL AS BIGINT), SUM(content),"
        " SUM(CASE WHEN content = 1 AND diff > 0 THEN diff ELSE 0 END),"
        " SUM(CASE WHEN content = 1 AND diff < 0 THEN -diff ELSE 0 END), NULL, NULL"
        " FROM counted GROUP BY wiki_id, person"
        # 2: the creation each page is credited to
        # (its quarter hour, not its time: only its day matters, and a quarter hour is
        # read faster than a timestamp)
        " UNION ALL SELECT 2, k.wiki_id, k.person, k.page_id, k.slice, NULL, NULL, s.gender,"
        " NULL"
        f" FROM creators k LEFT JOIN {subjects} s ON s.wiki_id = k.wiki_id"
        " AND s.page_id = k.page_id"
        # 9: the files a contributor uploaded on a wiki
        " UNION ALL SELECT 9, wiki_id, person, NULL, COUNT(DISTINCT page_id), NULL, NULL,"
        " NULL, NULL FROM counted WHERE upload = 1 GROUP BY wiki_id, person"
        # 3: pages a contributor improved and is not credited with creating
        " UNION ALL SELECT 3, e.wiki_id, e.person, NULL, COUNT(*), NULL, NULL, s.gender, NULL"
        " FROM edited e LEFT JOIN creators k ON k.wiki_id = e.wiki_id AND k.page_id = e.page_id"
        f" LEFT JOIN {subjects} s ON s.wiki_id = e.wiki_id AND s.page_id = e.page_id"
        " WHERE k.person IS NULL OR k.person <> e.person GROUP BY e.wiki_id, e.person, s.gender"
        # 4: pages the campaign improved (created by none of its contributors)
        " UNION ALL SELECT 4, p.wiki_id, NULL, p.page_id, NULL, NULL, NULL, s.gender, NULL"
        " FROM (SELECT DISTINCT e.wiki_id, e.page_id FROM edited e WHERE NOT EXISTS"
        " (SELECT 1 FROM creators k WHERE k.wiki_id = e.wiki_id AND k.page_id = e.page_id)) p"
        f" LEFT JOIN {subjects} s ON s.wiki_id = p.wiki_id AND s.page_id = p.page_id"
        # 5: files uploaded per wiki
        " UNION ALL SELECT 5, wiki_id, NULL, NULL, COUNT(DISTINCT page_id), NULL, NULL, NULL,"
        " NULL FROM counted WHERE upload = 1 GROUP BY wiki_id"
        # 6: content edits and bytes added per quarter hour
        " UNION ALL SELECT 6, NULL, NULL, slice, COUNT(*),"
        " SUM(CASE WHEN diff > 0 THEN diff ELSE 0 END), NULL, NULL, NULL"
        " FROM counted WHERE content = 1 GROUP BY slice"
    )
    if part == 0:  # the first part says which wikis were read
        _wikis_read(query, campaign, wiki_ids, tracked, as_of)
    if parts == 1 and as_of >= window.retention_start:  # in parts: a statement of its own
        query.add(" UNION ALL")
        _came_back(query, campaign, wiki_ids, tracked, window, as_of)
    return query


def _wikis_read(
    query: _Query, campaign: Campaign, wiki_ids: list[int], tracked: set[str], as_of: datetime
) -> None:
    revision, wiki_list = _q(Revision._meta.db_table), ", ".join(map(str, map(int, wiki_ids)))
    query.add(
        # 7: every wiki a row was read from
        f" UNION ALL SELECT 7, w.{_q('id')}, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
        f" FROM {_q(Wiki._meta.db_table)} w WHERE w.{_q('id')} IN ({wiki_list})"
        # A scalar subquery with LIMIT 1 stays a search for one row per wiki (EXISTS would be
        # planned as a join of every row, and hash joins are all the planner may use here)
        f" AND (SELECT 1 FROM {revision} r WHERE r.{_q('wiki_id')} = w.{_q('id')} AND"
    )
    _read(query, campaign, wiki_ids, tracked, as_of)
    query.add("LIMIT 1) = 1")


def _came_back(
    query: _Query,
    campaign: Campaign,
    wiki_ids: list[int],
    tracked: set[str],
    window: CampaignWindow,
    as_of: datetime,
) -> None:
    revision, ts = _q(Revision._meta.db_table), f"r.{_q('timestamp')}"
    query.add(
        # 8: who edited in the retention period
        " SELECT 8, NULL, NULL, NULL, NULL, NULL, NULL, back.person, NULL FROM"
        f" (SELECT DISTINCT r.{_q('user')} AS person FROM {revision} r WHERE"
    )
    _read(query, campaign, wiki_ids, tracked, as_of)
    query.add(f"AND {ts} >= %s AND {ts} <= %s) back", _at(window.retention_start), _at(as_of))


def _assemble(rows: list[tuple], db_names: dict[int, str], users: list[str]) -> Aggregates:
    contributors, creations, improvements, improved = [], [], [], []
    uploads: dict[str, int] = {}
    slices, seen, returned = [], set(), set()
    sums: dict[tuple[str, int], tuple[int, int, int]] = {}
    uploaded: dict[tuple[str, int], int] = {}
    for kind, wiki_id, user, number, a, b, c, gender, _unused in rows:
        wiki = db_names.get(wiki_id)
        if kind == 1:
            before = sums.get((wiki, user), (0, 0, 0))
            sums[(wiki, user)] = (before[0] + int(a), before[1] + int(b), before[2] + int(c))
        elif kind == 9:
            uploaded[(wiki, user)] = uploaded.get((wiki, user), 0) + int(a)
        elif kind == 2:
            creations.append((wiki, number, users[user], int(a) * SLICE_SECONDS, gender))
        elif kind == 3:
            improvements.append((wiki, users[user], gender, int(a)))
        elif kind == 4:
            improved.append((wiki, number, gender))
        elif kind == 5:
            uploads[wiki] = uploads.get(wiki, 0) + int(a)
        elif kind == 6:
            slices.append((int(number) * SLICE_SECONDS, int(a), int(b)))
        elif kind == 7:
            seen.add(wiki)
        else:  # a name, in the text column
            returned.add(gender)
    for (wiki, user), (edits, added, removed) in sums.items():
        files = uploaded.get((wiki, user), 0)
        contributors.append((wiki, users[user], edits, added, removed, files))
    return Aggregates(
        contributors=tuple(contributors),
        creations=tuple(creations),
        improvements=tuple(improvements),
        improved_pages=tuple(improved),
        files_uploaded=uploads,
        slices=tuple(slices),
        seen_wikis=frozenset(seen),
        returned=frozenset(returned),
    )
