"""Campaign metrics from sums the database has already made (pure).

`compute_metrics` reads every revision; at a million revisions most of its time goes on
reading rows into Python and visiting them one by one. Almost every figure is a sum or a
count of distinct pages, which a database makes in one pass over slim columns. This module
takes those sums (produced by `selectors.aggregates`) and assembles exactly the
`CampaignMetrics` that `compute_metrics` gives for the same revisions: same definitions, same
rounding, same leaderboard order. The tests compute both ways over generated campaigns and
compare every field.

The inputs are plain tuples, in the orders documented below, as a database cursor returns
them: a campaign has as many creations and improved pages as it has pages, and building an
object per page would cost more than the sums themselves. A contributor is the user name as
stored; the caller makes sure no two stored spellings of a name meet (`distinct_names`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from kuza.campaigns.metrics import (
    _add_up,
    _days,
    daily_tallies,
    leaderboard_row,
    per_language,
    ranked,
)
from kuza.campaigns.metrics_inputs import (
    CampaignWindow,
    Participant,
    normalize_username,
    require_aware,
)
from kuza.campaigns.metrics_results import (
    CampaignMetrics,
    ContributorWiki,
    LeaderboardRow,
    Retention,
    Tally,
    WikiTally,
)
from kuza.campaigns.subjects import Gender

# Daily figures arrive summed per slice of this many seconds since the epoch. Every time
# zone's midnight falls on a quarter hour, so a slice never straddles two local days.
SLICE_SECONDS = 900

# (wiki, user, edits, bytes added, bytes removed, files uploaded): one contributor's counted
# revisions on one wiki; edits and bytes from content namespaces, uploads from any.
ContributorSums = tuple[str, str, int, int, int, int]
# (wiki, page id, user, POSIX time, gender or None): the counted creation a page is
# credited to (the earliest); gender None when the page is not a biography. The time only
# places it in a day: the first second of its SLICE_SECONDS slice will do.
Creation = tuple[str, int, str, float, str | None]
# (wiki, user, gender or None, pages): pages one contributor improved on one wiki and was
# not credited with creating, by subject.
Improvements = tuple[str, str, str | None, int]
# (wiki, page id, gender or None): a page the campaign improved (edited, created by none of
# its contributors).
ImprovedPage = tuple[str, int, str | None]
# (first second of the slice, edits, bytes added) for content edits, by SLICE_SECONDS slice.
Slice = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Aggregates:
    """Everything `metrics_from_aggregates` needs, summed over the counted revisions."""

    contributors: tuple[ContributorSums, ...]
    creations: tuple[Creation, ...]
    improvements: tuple[Improvements, ...]
    improved_pages: tuple[ImprovedPage, ...]
    files_uploaded: Mapping[str, int]  # distinct uploaded pages per wiki
    slices: tuple[Slice, ...]
    seen_wikis: frozenset[str]  # every wiki with a revision read, counted or not
    returned: frozenset[str]  # users (as stored) who edited in the retention period


def slices_fit(window: CampaignWindow) -> bool:
    """Whether every local day of the window begins on a slice boundary (true for every
    time zone in use since 1972; a fraction-of-a-minute historic offset is not)."""
    _, starts = _days(window)
    return window.start.timestamp() >= 0 and all(start % SLICE_SECONDS == 0 for start in starts)


def distinct_names(users: Iterable[str]) -> bool:
    """Whether no two of these stored user names are spellings of one name."""
    users = set(users)
    try:
        return len({normalize_username(user) for user in users}) == len(users)
    except ValueError:
        return False


def _figures(genders: Counter[str]) -> dict[str, int]:
    return {
        "biographies_created": 0,
        "biographies_improved": 0,
        "women": genders[Gender.WOMAN.value],
        "men": genders[Gender.MAN.value],
        "other_gender": genders[Gender.OTHER.value],
        "unknown_gender": genders[Gender.UNKNOWN.value],
    }


_NO_BIOGRAPHIES = {
    "biographies_created": 0,
    "biographies_improved": 0,
    "women": 0,
    "men": 0,
    "other_gender": 0,
    "unknown_gender": 0,
}


def _biographies(created: list[str | None], improved: Mapping[str | None, int]) -> dict[str, int]:
    if all(value is None for value in created) and all(value is None for value in improved):
        return _NO_BIOGRAPHIES  # most pages are no biography: read-only, shared
    genders: Counter[str] = Counter(value for value in created if value is not None)
    for value, pages in improved.items():
        if value is not None:
            genders[value] += pages
    figures = _figures(genders)
    figures["biographies_created"] = sum(1 for value in created if value is not None)
    figures["biographies_improved"] = sum(
        pages for value, pages in improved.items() if value is not None
    )
    return figures


_NOTHING: dict[str | None, int] = {}  # read-only: a site's improvements until it has any


class _Site:
    __slots__ = ("edits", "bytes_added", "bytes_removed", "uploads", "created", "improved", "about")

    def __init__(self, edits: int, added: int, removed: int, uploads: int) -> None:
        self.edits = edits
        self.bytes_added = added
        self.bytes_removed = removed
        self.uploads = uploads
        self.created: list[str | None] = []  # genders of the pages credited to them here
        self.improved: dict[str | None, int] = _NOTHING  # pages improved, by gender
        self.about = False  # whether any of those pages is a biography

    def biographies(self) -> dict[str, int]:
        return _biographies(self.created, self.improved) if self.about else _NO_BIOGRAPHIES


def metrics_from_aggregates(
    sums: Aggregates,
    languages: Mapping[str, str],
    participants: Iterable[Participant],
    window: CampaignWindow,
    as_of: datetime,
) -> CampaignMetrics:
    """The `compute_metrics` result for the revisions these sums were made from."""
    require_aware("as_of", as_of)
    people: dict[str, Participant] = {}
    for participant in participants:
        if participant.username in people:
            raise ValueError(f"participant {participant.username!r} is listed twice")
        people[participant.username] = participant
    unnamed = sorted(sums.seen_wikis - set(languages))
    if unnamed:
        raise ValueError(f"no content language given for {', '.join(map(str, unnamed))}")

    names: dict[str, str] = {}
    sites: dict[str, dict[str, _Site]] = {}  # name -> wiki -> their sums there
    for wiki, user, edits, added, removed, uploads in sums.contributors:
        name = names.get(user)
        if name is None:
            name = names[user] = normalize_username(user)
        mine = sites.get(name)
        if mine is None:
            mine = sites[name] = {}
        mine[wiki] = _Site(edits, added, removed, uploads)
        if name not in people:  # found through the hashtag, never listed
            people[name] = Participant(name, enrolled=False)
    days, day_starts = _days(window)
    created_per_day: Counter[int] = Counter()
    created_on: defaultdict[str, list[str | None]] = defaultdict(list)
    for wiki, _page, user, moment, gender in sums.creations:
        site = sites[names[user]][wiki]
        site.created.append(gender)
        if gender is not None:
            site.about = True
        created_on[wiki].append(gender)
        created_per_day[bisect_right(day_starts, moment)] += 1
    for wiki, user, gender, pages in sums.improvements:
        site = sites[names[user]][wiki]
        if site.improved is _NOTHING:
            site.improved = {}
        site.improved[gender] = site.improved.get(gender, 0) + pages
        if gender is not None:
            site.about = True
    improved_on: defaultdict[str, Counter[str | None]] = defaultdict(Counter)
    for wiki, _page, gender in sums.improved_pages:
        improved_on[wiki][gender] += 1

    editors: dict[str, set[str]] = {}
    totals: dict[str, list[int]] = {}  # wiki -> [edits, bytes added, bytes removed]
    for name, mine in sites.items():
        for wiki, site in mine.items():
            if site.edits:
                editors.setdefault(wiki, set()).add(name)
            sums_here = totals.get(wiki)
            if sums_here is None:
                sums_here = totals[wiki] = [0, 0, 0]
            sums_here[0] += site.edits
            sums_here[1] += site.bytes_added
            sums_here[2] += site.bytes_removed
    per_wiki = tuple(
        WikiTally(
            wiki=wiki,
            language=languages[wiki],
            tally=Tally(
                edits=totals.get(wiki, (0, 0, 0))[0],
                articles_created=len(created_on.get(wiki, ())),
                articles_improved=sum(improved_on.get(wiki, Counter()).values()),
                bytes_added=totals.get(wiki, (0, 0, 0))[1],
                net_bytes=totals.get(wiki, (0, 0, 0))[1] - totals.get(wiki, (0, 0, 0))[2],
                files_uploaded=sums.files_uploaded.get(wiki, 0),
                active_participants=len(editors.get(wiki, ())),
                **_biographies(created_on.get(wiki, []), improved_on.get(wiki, Counter())),
            ),
        )
        for wiki in sorted(sums.seen_wikis)
    )
    active = [name for name, mine in sites.items() if any(site.edits for site in mine.values())]
    returned = {normalize_username(user) for user in sums.returned}
    edits_by_day = [0] * len(days)
    bytes_by_day = [0] * len(days)
    for start, edits, added in sums.slices:
        day = bisect_right(day_starts, start)
        edits_by_day[day] += edits
        bytes_by_day[day] += added
    return CampaignMetrics(
        totals=_add_up([row.tally for row in per_wiki], len(active)),
        new_editors=sum(
            1
            for name in active
            if (registered := people[name].registered_at) is not None
            and window.start <= registered < window.end
        ),
        retention=(
            Retention(
                period_start=window.retention_start,
                period_end=as_of,
                cohort=len(active),
                retained=sum(1 for name in active if name in returned),
            )
            if as_of >= window.retention_start
            else None
        ),
        retention_start=window.retention_start,
        per_wiki=per_wiki,
        per_language=per_language(per_wiki, editors),
        leaderboard=_leaderboard(sites, people, languages),
        created_pages=frozenset((wiki, page) for wiki, page, *_ in sums.creations),
        improved_pages=frozenset((wiki, page) for wiki, page, _ in sums.improved_pages),
        contributors=frozenset(active),
        daily=daily_tallies(days, edits_by_day, created_per_day, bytes_by_day),
    )


def _leaderboard(
    sites: dict[str, dict[str, _Site]],
    people: dict[str, Participant],
    languages: Mapping[str, str],
) -> tuple[LeaderboardRow, ...]:
    rows = []
    for name, mine in sites.items():
        if not any(site.edits or site.uploads for site in mine.values()):
            continue
        if people[name].hidden_from_leaderboard:
            continue
        wikis = tuple(
            ContributorWiki(
                wiki,
                languages[wiki],
                site.edits,
                len(site.created),
                sum(site.improved.values()),
                site.bytes_added,
                site.bytes_added - site.bytes_removed,
                site.uploads,
                **site.biographies(),
            )
            for wiki, site in sorted(mine.items())
        )
        rows.append(leaderboard_row(name, wikis))
    return ranked(rows)
