"""Campaign metrics: what a drive such as #SheSaid achieved, across many wikis and participants.

Pure and single-pass: `compute_metrics` reads each revision fact once, keeps per-wiki,
per-participant and per-day counters, and resolves the page-level metrics (which need to know
every creation in the window) in a linear pass at the end. Nothing is quadratic in the number
of revisions, so a million facts take seconds. Every metric is defined in plain English in
`catalogue.METRICS`; this module is the one place that implements those sentences.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, time, timedelta

from kuza.campaigns.hashtags import has_hashtag, hashtag_matcher
from kuza.campaigns.metrics_inputs import (
    RETENTION_DELAY,
    CampaignWindow,
    Participant,
    RevisionFact,
    normalize_title,
    normalize_username,
    require_aware,
)
from kuza.campaigns.metrics_results import (
    CampaignMetrics,
    ContributorWiki,
    DayTally,
    LanguageTally,
    LeaderboardRow,
    Retention,
    Tally,
    WikiTally,
)
from kuza.campaigns.subjects import Gender, Subject

__all__ = [
    "RETENTION_DELAY",
    "CampaignMetrics",
    "ContributorWiki",
    "CampaignWindow",
    "DayTally",
    "LanguageTally",
    "LeaderboardRow",
    "Participant",
    "ROW_FIELDS",
    "Retention",
    "RevisionFact",
    "RevisionRow",
    "Subject",
    "Tally",
    "WikiTally",
    "compute_metrics",
    "compute_metrics_from_rows",
    "fact_row",
    "has_hashtag",
]

_Page = tuple[str, int]  # (wiki, page_id): page ids are only unique within one wiki
# What each page is about (Wikidata), by page; pages not in it count as not biographies.
Subjects = Mapping[_Page, Subject]


class _Sums:
    """Running sums shared by wikis and participants (mutable, hence private)."""

    __slots__ = ("edits", "bytes_added", "bytes_removed", "uploads", "improved")

    def __init__(self) -> None:
        self.edits = 0
        self.bytes_added = 0
        self.bytes_removed = 0
        self.uploads: set[_Page] = set()
        self.improved: set[_Page] = set()  # candidates until the pass ends, then improved


class _Wiki(_Sums):
    __slots__ = ("revids", "editors")

    def __init__(self) -> None:
        super().__init__()
        self.revids: set[int] = set()  # to refuse duplicates; ints are cheaper than tuples
        self.editors: set[_Person] = set()


class _Person:
    """A contributor's sums, kept per wiki (`sites`) and added up when the pass ends."""

    __slots__ = ("participant", "enrolled", "sites")

    def __init__(self, participant: Participant) -> None:
        self.participant = participant
        self.enrolled = participant.enrolled  # read once per revision: keep it one lookup
        self.sites: dict[str, _Sums] = {}

    def site(self, wiki: str) -> _Sums:
        sums = self.sites.get(wiki)
        if sums is None:
            sums = self.sites[wiki] = _Sums()
        return sums

    @property
    def edits(self) -> int:
        return sum(sums.edits for sums in self.sites.values())

    @property
    def has_uploads(self) -> bool:
        return any(sums.uploads for sums in self.sites.values())


class _Names(dict[str, str]):
    """Reported user name -> canonical name, normalising each spelling only once."""

    def __missing__(self, reported: str) -> str:
        name = self[reported] = normalize_username(reported)
        return name


def _enrol(participants: Iterable[Participant]) -> dict[str, _Person]:
    people: dict[str, _Person] = {}
    for participant in participants:
        if not isinstance(participant, Participant):
            raise ValueError(f"expected Participant, got {type(participant).__name__}")
        if participant.username in people:
            raise ValueError(f"participant {participant.username!r} is listed twice")
        people[participant.username] = _Person(participant)
    return people


def _days(window: CampaignWindow) -> tuple[list[date], list[float]]:
    """Local days of the window, and the POSIX instant each day after the first begins.

    Bisecting a revision's POSIX time against these instants finds its day without a
    time-zone conversion per revision. Midnights are built from local dates, so a DST change
    just makes that day 23 or 25 hours long.
    """
    zone = window.zone()
    first = window.start.astimezone(zone).date()
    last = (window.end - timedelta(microseconds=1)).astimezone(zone).date()
    days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
    starts = [datetime.combine(day, time(), tzinfo=zone).timestamp() for day in days[1:]]
    return days, starts


# A revision as `compute_metrics_from_rows` reads it: a plain tuple, in this order.
# `posix_time` is `timestamp.timestamp()`; the booleans may be 0/1 as databases return them.
ROW_FIELDS = (
    "wiki",
    "revid",
    "page_id",
    "namespace",
    "title",
    "user",
    "posix_time",
    "comment",
    "sizediff",
    "is_page_creation",
    "is_redirect",
    "is_upload",
    "is_bot",
)
RevisionRow = tuple[str, int, int, int, str, str, float, str, int, bool, bool, bool, bool]


def fact_row(rev: RevisionFact) -> RevisionRow:
    """The row `compute_metrics_from_rows` reads for one validated fact."""
    return (
        rev.wiki,
        rev.revid,
        rev.page_id,
        rev.namespace,
        rev.title,
        rev.user,
        rev.timestamp.timestamp(),
        rev.comment,
        rev.sizediff,
        rev.is_page_creation,
        rev.is_redirect,
        rev.is_upload,
        rev.is_bot,
    )


def compute_metrics(
    revisions: Iterable[RevisionFact],
    participants: Iterable[Participant],
    window: CampaignWindow,
    as_of: datetime,
    subjects: Subjects | None = None,
) -> CampaignMetrics:
    """Compute every metric of `catalogue.METRICS` in one pass over `revisions`.

    `revisions` should hold the participants' revisions on the campaign wikis from the start
    of the campaign up to `as_of` (those after the end feed retention), without revisions
    of deleted pages. Who else began a page does not matter: a page is the campaign's new
    article only when a counted revision created it, and improved otherwise. Revisions by
    people who are not enrolled
    are never credited: enrolment is where people agree to appear and choose to hide.
    Duplicate (wiki, revid) pairs, or one wiki given with two languages, raise ValueError.

    An open campaign (`window.open`) also credits anyone's revisions whose summary carries
    the hashtag: such contributors join the leaderboard and the active count as they are
    found. List them as participants with `enrolled=False` to pass their registration date
    and their choice to be hidden; they are then still credited only for tagged edits.
    """
    languages: dict[str, str] = {}

    def rows() -> Iterator[RevisionRow]:
        for rev in revisions:
            if not isinstance(rev, RevisionFact):  # only RevisionFact has validated itself
                raise ValueError(f"expected RevisionFact, got {type(rev).__name__}")
            known = languages.setdefault(rev.wiki, rev.language)
            if known != rev.language:
                raise ValueError(f"{rev.wiki} is given as both {known!r} and {rev.language!r}")
            yield fact_row(rev)

    return compute_metrics_from_rows(rows(), languages, participants, window, as_of, subjects)


def compute_metrics_from_rows(
    rows: Iterable[RevisionRow],
    languages: Mapping[str, str],
    participants: Iterable[Participant],
    window: CampaignWindow,
    as_of: datetime,
    subjects: Subjects | None = None,
) -> CampaignMetrics:
    """`compute_metrics` over plain rows (see ROW_FIELDS), for callers reading a database.

    Building a validated RevisionFact per revision costs more than the metrics themselves,
    so a caller whose rows come from typed columns passes them as they are. `languages`
    gives each wiki's content language; a row from a wiki it does not name raises
    ValueError, as do duplicate (wiki, revid) pairs. `subjects` says what pages are about
    (Wikidata), for the biography figures; a page it does not list is not a biography.
    """
    require_aware("as_of", as_of)
    subjects = subjects or {}
    people = _enrol(participants)
    start_t, end_t = window.start.timestamp(), window.end.timestamp()
    retention_t, as_of_t = window.retention_start.timestamp(), as_of.timestamp()
    days, day_starts = _days(window)
    edits_by_day = [0] * len(days)
    bytes_by_day = [0] * len(days)
    tag_matches = hashtag_matcher(window.hashtag) if window.hashtag is not None else None
    tag_required = window.hashtag_required
    is_open, exclude_bots = window.open, window.exclude_bots
    worklist = window.worklist
    content = window.content_namespaces

    wikis: dict[str, _Wiki] = {}
    names = _Names()
    on_worklist: dict[tuple[str, str], bool] = {}
    # Earliest counted article creation per page: ((time, revid), creator, day index).
    creations: dict[_Page, tuple[tuple[float, int], _Person, int]] = {}
    returned: set[str] = set()  # names: a contributor may be found after their later edits
    site = None
    site_key = None
    mine = None  # the current person's sums on the current wiki
    mine_key: tuple[_Person, str] | None = None

    for row in rows:
        (wiki, revid, page_id, namespace, title, user, t, comment, diff) = row[:9]
        creation, redirect, upload, bot = row[9:]
        if wiki != site_key:  # rows usually come grouped by wiki: one lookup per group
            site = wikis.get(wiki)
            if site is None:
                site = wikis[wiki] = _Wiki()
            site_key = wiki
        revids = site.revids
        known = len(revids)
        revids.add(revid)
        if len(revids) == known:
            raise ValueError(f"revision {revid} on {wiki} is given twice")

        if not start_t <= t < end_t:
            if retention_t <= t <= as_of_t:
                returned.add(names[user])
            continue
        if redirect:
            # A revision that leaves its page a redirect adds no content: it counts in no
            # figure, so a redirect made in a second brings neither edits nor bytes.
            continue
        if exclude_bots and bot:
            continue
        name = names[user]
        page = (wiki, page_id)
        person = people.get(name)
        if person is None or not person.enrolled or tag_required:
            # Only the hashtag can credit this revision now.
            if tag_matches is None or not tag_matches(comment):
                continue
            if person is None:
                if not is_open:
                    continue
                person = people[name] = _Person(Participant(name, enrolled=False))
            elif not person.enrolled and not is_open:
                continue
        if worklist is not None:
            # A page's revisions repeat its title, so each title is normalised only once.
            listed = on_worklist.get((wiki, title))
            if listed is None:
                listed = (wiki, normalize_title(title)) in worklist
                on_worklist[(wiki, title)] = listed
            if not listed:
                continue
        if mine_key is None or mine_key[0] is not person or mine_key[1] != wiki:
            mine, mine_key = person.site(wiki), (person, wiki)
        if upload:
            mine.uploads.add(page)
            site.uploads.add(page)
        if namespace not in content:
            continue

        day = bisect_right(day_starts, t)
        mine.edits += 1
        site.edits += 1
        edits_by_day[day] += 1
        site.editors.add(person)
        # Additions and removals are summed apart (net = added - removed) so the usual
        # growing edit updates three sums instead of five.
        if diff > 0:
            mine.bytes_added += diff
            site.bytes_added += diff
            bytes_by_day[day] += diff
        elif diff:
            mine.bytes_removed -= diff
            site.bytes_removed -= diff
        if creation:
            order = (t, revid)
            earlier = creations.get(page)
            if earlier is None or order < earlier[0]:
                creations[page] = (order, person, day)
        else:
            mine.improved.add(page)
            site.improved.add(page)

    unnamed = sorted(set(wikis) - set(languages))
    if unnamed:
        raise ValueError(f"no content language given for {', '.join(map(str, unnamed))}")
    # Only now is every counted creation known, so improvements can be told apart. A
    # person improved the pages they edited but are not credited with creating; the
    # campaign improved the pages none of its contributors is credited with creating, so
    # a page counts once in created + improved, whoever else began it.
    created_by: dict[_Person, set[_Page]] = {}
    for page, (_, creator, _) in creations.items():
        created_by.setdefault(creator, set()).add(page)
    for person in people.values():
        mine_created = created_by.get(person, set())
        for sums in person.sites.values():
            sums.improved -= mine_created
    for site in wikis.values():
        site.improved -= creations.keys()
    created_per_day = Counter(day for _, _, day in creations.values())
    per_wiki = _per_wiki(wikis, languages, creations, subjects)
    active = [person for person in people.values() if person.edits]
    return CampaignMetrics(
        totals=_add_up([row.tally for row in per_wiki], len(active)),
        new_editors=sum(
            1
            for person in active
            if (registered := person.participant.registered_at) is not None
            and window.start <= registered < window.end
        ),
        retention=(
            Retention(
                period_start=window.retention_start,
                period_end=as_of,
                cohort=len(active),
                retained=sum(1 for person in active if person.participant.username in returned),
            )
            if as_of >= window.retention_start
            else None
        ),
        retention_start=window.retention_start,
        per_wiki=per_wiki,
        per_language=per_language(per_wiki, {name: wiki.editors for name, wiki in wikis.items()}),
        leaderboard=_leaderboard(people, created_by, languages, subjects),
        created_pages=frozenset(creations),
        improved_pages=frozenset().union(*(site.improved for site in wikis.values())),
        contributors=frozenset(person.participant.username for person in active),
        daily=daily_tallies(days, edits_by_day, created_per_day, bytes_by_day),
    )


def daily_tallies(
    days: list[date], edits: list[int], created: list[int], bytes_added: list[int]
) -> tuple[DayTally, ...]:
    """The campaign's figures day by day, from lists indexed like `days`."""
    return tuple(
        DayTally(
            day=day,
            edits=edits[index],
            articles_created=created[index],
            bytes_added=bytes_added[index],
        )
        for index, day in enumerate(days)
    )


def biography_figures(
    created: Iterable[_Page], improved: Iterable[_Page], subjects: Subjects
) -> dict[str, int]:
    """Biography figures of pages created and improved (disjoint sets of pages)."""
    figures = {"biographies_created": 0, "biographies_improved": 0}
    genders: Counter[Gender] = Counter()
    if subjects:
        for key, pages in (("biographies_created", created), ("biographies_improved", improved)):
            for page in pages:
                subject = subjects.get(page)
                if subject is not None and subject.human:
                    figures[key] += 1
                    genders[subject.gender] += 1
    figures["women"] = genders[Gender.WOMAN]
    figures["men"] = genders[Gender.MAN]
    figures["other_gender"] = genders[Gender.OTHER]
    figures["unknown_gender"] = genders[Gender.UNKNOWN]
    return figures


def _per_wiki(
    wikis: dict[str, _Wiki],
    languages: Mapping[str, str],
    creations: dict[_Page, tuple[tuple[float, int], _Person, int]],
    subjects: Subjects,
) -> tuple[WikiTally, ...]:
    created_on: dict[str, list[_Page]] = {}
    for page in creations:
        created_on.setdefault(page[0], []).append(page)
    return tuple(
        WikiTally(
            wiki=wiki,
            language=languages[wiki],
            tally=Tally(
                edits=site.edits,
                articles_created=len(created_on.get(wiki, ())),
                articles_improved=len(site.improved),
                bytes_added=site.bytes_added,
                net_bytes=site.bytes_added - site.bytes_removed,
                files_uploaded=len(site.uploads),
                active_participants=len(site.editors),
                **biography_figures(created_on.get(wiki, ()), site.improved, subjects),
            ),
        )
        for wiki, site in sorted(wikis.items())
    )


def _add_up(tallies: list[Tally], active_participants: int) -> Tally:
    """Sum tallies; active participants come from the caller since they do not add up."""
    return Tally(
        edits=sum(t.edits for t in tallies),
        articles_created=sum(t.articles_created for t in tallies),
        articles_improved=sum(t.articles_improved for t in tallies),
        bytes_added=sum(t.bytes_added for t in tallies),
        net_bytes=sum(t.net_bytes for t in tallies),
        files_uploaded=sum(t.files_uploaded for t in tallies),
        active_participants=active_participants,
        **{name: sum(getattr(t, name) for t in tallies) for name in _BIOGRAPHY_FIELDS},
    )


_BIOGRAPHY_FIELDS = (
    "biographies_created",
    "biographies_improved",
    "women",
    "men",
    "other_gender",
    "unknown_gender",
)


def per_language(
    per_wiki: tuple[WikiTally, ...], editors: Mapping[str, set[str]]
) -> tuple[LanguageTally, ...]:
    """The wikis' tallies added up per language; `editors` are each wiki's counted editors, so
    that someone active on two wikis of one language counts once."""
    grouped: dict[str, list[WikiTally]] = {}
    for row in per_wiki:
        grouped.setdefault(row.language, []).append(row)
    return tuple(
        LanguageTally(
            language=language,
            wikis=tuple(row.wiki for row in rows),
            tally=_add_up(
                [row.tally for row in rows],
                len(set().union(*(editors.get(row.wiki, set()) for row in rows))),
            ),
        )
        for language, rows in sorted(grouped.items())
    )


def _leaderboard(
    people: dict[str, _Person],
    created_by: dict[_Person, set[_Page]],
    languages: Mapping[str, str],
    subjects: Subjects,
) -> tuple[LeaderboardRow, ...]:
    rows = []
    for name, person in people.items():
        if not (person.edits or person.has_uploads) or person.participant.hidden_from_leaderboard:
            continue
        created: dict[str, list[_Page]] = {}
        for page in created_by.get(person, ()):
            created.setdefault(page[0], []).append(page)
        wikis = tuple(
            ContributorWiki(
                wiki=wiki,
                language=languages[wiki],
                edits=sums.edits,
                articles_created=len(created.get(wiki, ())),
                articles_improved=len(sums.improved),
                bytes_added=sums.bytes_added,
                net_bytes=sums.bytes_added - sums.bytes_removed,
                files_uploaded=len(sums.uploads),
                **biography_figures(created.get(wiki, ()), sums.improved, subjects),
            )
            for wiki, sums in sorted(person.sites.items())
        )
        rows.append(leaderboard_row(name, wikis))
    return ranked(rows)


def leaderboard_row(username: str, wikis: tuple[ContributorWiki, ...]) -> LeaderboardRow:
    """A contributor's row: the sums of their figures on each wiki."""
    # A row's figures are a ContributorWiki's after its wiki and language: summed column by
    # column (a large campaign has thousands of rows), then passed by name.
    sums = [sum(column) for column in zip(*(row[2:] for row in wikis), strict=True)]
    return LeaderboardRow(
        username, **dict(zip(_FIGURES, sums or _NO_FIGURES, strict=True)), wikis=wikis
    )


_FIGURES = ContributorWiki._fields[2:]
_NO_FIGURES = (0,) * len(_FIGURES)


def ranked(rows: Iterable[LeaderboardRow]) -> tuple[LeaderboardRow, ...]:
    """Most edits first, then most articles created, most bytes added, and by name."""
    return tuple(sorted(rows, key=_rank))


def _rank(row: LeaderboardRow) -> tuple:
    return (-row.edits, -row.articles_created, -row.bytes_added, row.username)
