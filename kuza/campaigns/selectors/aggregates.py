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
from collections.abc import Iterable
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
from kuza.campaigns.selectors.revisions import _posix

_CREDITED, _BY_HASHTAG = "credited", "by hashtag"


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _members(values: Iterable[object], *, numbers: bool = False) -> tuple[str, list[object]]:
    """An SQL set of values passed as one JSON parameter, whatever their number."""
    text = json.dumps(list(values))
    if connection.vendor == "postgresql":
        cast = "::bigint" if numbers else ""
        return f"(SELECT value{cast} FROM json_array_elements_text(%s::json) AS value)", [text]
    return "(SELECT value FROM json_each(%s))", [text]


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


def _read(query: _Query, campaign: Campaign, wiki_ids: list[int], tracked: set[str], as_of):
    """`revisions.campaign_rows`'s rows (alias r): what the metrics may read at all."""
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
    query.members(f"AND (r.{_q('user')} IN {{}}", sorted(tracked))
    if campaign.is_open:
        query.add(
            f"OR (r.{_q('in_recent_changes')} AND r.{_q('timestamp')} < %s)", _at(campaign.end)
        )
    query.add(")")


def _countable(query: _Query, window: CampaignWindow) -> None:
    """Rows in the window that can count for someone (alias r)."""
    query.add(
        f"AND r.{_q('timestamp')} >= %s AND r.{_q('timestamp')} < %s AND NOT r.{_q('is_redirect')}",
        _at(window.start),
        _at(window.end),
    )
    if window.exclude_bots:
        accounts = WikiAccount._meta.db_table
        query.add(
            f"AND NOT r.{_q('is_bot')} AND NOT EXISTS (SELECT 1 FROM {_q(accounts)} a"
            f" WHERE a.{_q('wiki_id')} = r.{_q('wiki_id')} AND a.{_q('username')} = r.{_q('user')}"
            f" AND a.{_q('is_bot')})"
        )


def _rows(query: _Query) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(query.text(), query.params)
        return cursor.fetchall()


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
) -> Aggregates | None:
    """The sums `metrics_from_aggregates` needs, or None when this campaign's rows must be
    read one by one (a worklist, an odd time zone, two spellings of one user name)."""
    if window.worklist is not None or not slices_fit(window):
        return None
    db_names = {wiki.pk: wiki.db_name for wiki in wikis}
    wiki_ids = sorted(db_names)
    revision = _q(Revision._meta.db_table)
    users = set(tracked)
    if campaign.is_open:  # anyone's tagged edits are read: whose are they?
        query = _Query().add(f"SELECT DISTINCT r.{_q('user')} FROM {revision} r WHERE")
        _read(query, campaign, wiki_ids, tracked, as_of)
        _countable(query, window)
        query.members(f"AND r.{_q('user')} NOT IN {{}}", sorted(tracked))
        users.update(user for (user,) in _rows(query))
    if not distinct_names(users):
        return None
    people = {person.username: person for person in participants}
    classes = _classes(users, people, window)
    credited = sorted(user for user, kind in classes.items() if kind == _CREDITED)
    by_hashtag = sorted(user for user, kind in classes.items() if kind == _BY_HASHTAG)
    tagged: list[int] = []
    if by_hashtag:
        matches = hashtag_matcher(window.hashtag)
        query = _Query().add(f"SELECT r.{_q('id')}, r.{_q('comment')} FROM {revision} r WHERE")
        _read(query, campaign, wiki_ids, tracked, as_of)
        _countable(query, window)
        query.members(f"AND r.{_q('user')} IN {{}}", by_hashtag)
        signs = " OR ".join(f"r.{_q('comment')} LIKE %s" for _ in HASH_SIGNS)
        query.add(f"AND ({signs})", *(f"%{sign}%" for sign in HASH_SIGNS))
        tagged = [pk for pk, comment in _rows(query) if matches(comment)]
    rows = _rows(_main_query(campaign, wiki_ids, tracked, window, as_of, credited, tagged))
    return _assemble(rows, db_names)


def _main_query(campaign, wiki_ids, tracked, window, as_of, credited, tagged) -> _Query:
    revision = _q(Revision._meta.db_table)
    subjects, items = _q(PageSubject._meta.db_table), _q(WikidataItem._meta.db_table)
    namespaces = ", ".join(str(int(ns)) for ns in sorted(window.content_namespaces))
    ts = f"r.{_q('timestamp')}"
    if connection.vendor == "postgresql":
        slice_of = f"CAST(FLOOR(EXTRACT(EPOCH FROM {ts}) / {SLICE_SECONDS}) AS BIGINT)"
        materialized = "MATERIALIZED"
    else:
        slice_of = f"CAST(strftime('%%s', {ts}) AS INTEGER) / {SLICE_SECONDS}"
        materialized = "MATERIALIZED" if connection.Database.sqlite_version_info >= (3, 35) else ""
    wiki_list = ", ".join(str(int(pk)) for pk in wiki_ids) or "NULL"
    query = _Query().add(
        f"WITH counted AS {materialized} (SELECT r.{_q('wiki_id')} AS wiki_id,"
        f" r.{_q('page_id')} AS page_id, r.{_q('user')} AS person, r.{_q('revid')} AS revid,"
        f" {ts} AS ts, {slice_of} AS slice,"
        f" CASE WHEN r.{_q('namespace')} IN ({namespaces}) THEN 1 ELSE 0 END AS content,"
        f" r.{_q('sizediff')} AS diff,"
        f" CASE WHEN r.{_q('is_page_creation')} THEN 1 ELSE 0 END AS creation,"
        f" CASE WHEN r.{_q('is_upload')} THEN 1 ELSE 0 END AS upload"
        f" FROM {revision} r WHERE"
    )
    _read(query, campaign, wiki_ids, tracked, as_of)
    _countable(query, window)
    query.members(f"AND (r.{_q('user')} IN {{}}", credited)
    query.members(f"OR r.{_q('id')} IN {{}}))", tagged, numbers=True)
    query.add(
        f", subjects AS (SELECT s.{_q('wiki_id')} AS wiki_id, s.{_q('page_id')} AS page_id,"
        f" i.{_q('gender')} AS gender FROM {subjects} s JOIN {items} i"
        f" ON i.{_q('item')} = s.{_q('item')} WHERE s.{_q('wiki_id')} IN ({wiki_list})"
        f" AND i.{_q('exists')} AND i.{_q('is_human')}),"
        " firsts AS (SELECT wiki_id, page_id, person, ts, ROW_NUMBER() OVER"
        " (PARTITION BY wiki_id, page_id ORDER BY ts, revid) AS n"
        " FROM counted WHERE content = 1 AND creation = 1),"
        " creations AS (SELECT wiki_id, page_id, person, ts FROM firsts WHERE n = 1),"
        " improving AS (SELECT DISTINCT wiki_id, page_id, person FROM counted"
        " WHERE content = 1 AND creation = 0)"
        # 1: a contributor's sums on a wiki
        " SELECT 1, wiki_id, person, COUNT(DISTINCT CASE WHEN upload = 1 THEN page_id END),"
        " SUM(content), SUM(CASE WHEN content = 1 AND diff > 0 THEN diff ELSE 0 END),"
        " SUM(CASE WHEN content = 1 AND diff < 0 THEN -diff ELSE 0 END), NULL, NULL"
        " FROM counted GROUP BY wiki_id, person"
        # 2: the creation each page is credited to
        " UNION ALL SELECT 2, c.wiki_id, c.person, c.page_id, NULL, NULL, NULL, s.gender, c.ts"
        " FROM creations c LEFT JOIN subjects s"
        " ON s.wiki_id = c.wiki_id AND s.page_id = c.page_id"
        # 3: pages a contributor improved and is not credited with creating
        " UNION ALL SELECT 3, i.wiki_id, i.person, NULL, COUNT(*), NULL, NULL, s.gender, NULL"
        " FROM improving i LEFT JOIN creations c ON c.wiki_id = i.wiki_id"
        " AND c.page_id = i.page_id AND c.person = i.person"
        " LEFT JOIN subjects s ON s.wiki_id = i.wiki_id AND s.page_id = i.page_id"
        " WHERE c.page_id IS NULL GROUP BY i.wiki_id, i.person, s.gender"
        # 4: pages the campaign improved (created by none of its contributors)
        " UNION ALL SELECT 4, p.wiki_id, NULL, p.page_id, NULL, NULL, NULL, s.gender, NULL"
        " FROM (SELECT DISTINCT wiki_id, page_id FROM improving) p"
        " LEFT JOIN subjects s ON s.wiki_id = p.wiki_id AND s.page_id = p.page_id"
        " WHERE NOT EXISTS (SELECT 1 FROM creations c"
        " WHERE c.wiki_id = p.wiki_id AND c.page_id = p.page_id)"
        # 5: files uploaded per wiki
        " UNION ALL SELECT 5, wiki_id, NULL, NULL, COUNT(DISTINCT page_id), NULL, NULL, NULL,"
        " NULL FROM counted WHERE upload = 1 GROUP BY wiki_id"
        # 6: content edits and bytes added per quarter hour
        " UNION ALL SELECT 6, NULL, NULL, slice, COUNT(*),"
        " SUM(CASE WHEN diff > 0 THEN diff ELSE 0 END), NULL, NULL, NULL"
        " FROM counted WHERE content = 1 GROUP BY slice"
        # 7: every wiki a row was read from
        f" UNION ALL SELECT 7, w.{_q('id')}, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
        f" FROM {_q(Wiki._meta.db_table)} w WHERE w.{_q('id')} IN ({wiki_list})"
        f" AND EXISTS (SELECT 1 FROM {revision} r WHERE r.{_q('wiki_id')} = w.{_q('id')} AND"
    )
    _read(query, campaign, wiki_ids, tracked, as_of)
    query.add(")")
    if as_of >= window.retention_start:
        # 8: who edited in the retention period
        query.add(
            " UNION ALL SELECT 8, NULL, back.person, NULL, NULL, NULL, NULL, NULL, NULL FROM"
            f" (SELECT DISTINCT r.{_q('user')} AS person FROM {revision} r WHERE"
        )
        _read(query, campaign, wiki_ids, tracked, as_of)
        query.add(f"AND {ts} >= %s AND {ts} <= %s) back", _at(window.retention_start), _at(as_of))
    return query


def _assemble(rows: list[tuple], db_names: dict[int, str]) -> Aggregates:
    contributors, creations, improvements, improved = [], [], [], []
    uploads: dict[str, int] = {}
    slices, seen, returned = [], set(), set()
    for kind, wiki_id, user, number, a, b, c, gender, moment in rows:
        wiki = db_names.get(wiki_id)
        if kind == 1:
            contributors.append((wiki, user, int(a), int(b), int(c), int(number)))
        elif kind == 2:
            creations.append((wiki, number, user, _posix(moment), gender))
        elif kind == 3:
            improvements.append((wiki, user, gender, int(a)))
        elif kind == 4:
            improved.append((wiki, number, gender))
        elif kind == 5:
            uploads[wiki] = int(a)
        elif kind == 6:
            slices.append((int(number) * SLICE_SECONDS, int(a), int(b)))
        elif kind == 7:
            seen.add(wiki)
        else:
            returned.add(user)
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
