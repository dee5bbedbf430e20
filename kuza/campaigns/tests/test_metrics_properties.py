"""Properties of the campaign metrics over generated campaigns.

The single-pass implementation is checked against `_oracle`, a deliberately naive
multi-pass reading of the catalogue's definitions, and against invariants that must hold
whatever the data: breakdowns add up, filters only remove, order of input does not matter.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from kuza.campaigns.metrics import (
    CampaignMetrics,
    CampaignWindow,
    Participant,
    RevisionFact,
    Tally,
    compute_metrics,
    has_hashtag,
)
from kuza.campaigns.metrics_inputs import normalize_title, normalize_username
from kuza.campaigns.tests.metrics_fixtures import LANGUAGES, rev, utc

START = utc("2025-03-01 00:00")
END = START + timedelta(days=6, hours=7)  # not on a midnight, to exercise partial days
NAMES = ["Amina", "beatriz", "Chloé", "Dmitri_K", "Eve"]  # as MediaWiki reports them
ZONES = ["UTC", "Africa/Nairobi", "America/Sao_Paulo", "Europe/Paris", "Pacific/Kiritimati"]
COMMENTS = ["#SheSaid", "quotes ＃shesaid", "typo", "#SheSaid2", "x#SheSaid"]
ADDITIVE = ("edits", "articles_created", "articles_improved", "bytes_added", "net_bytes")
COUNTED = [f.name for f in fields(Tally) if f.name != "net_bytes"]
PAGE_FREE = [f for f in COUNTED if f not in ("articles_created", "articles_improved")]
EXAMPLES = settings(max_examples=60, deadline=None)

# Most revisions fall inside the window so that filters have something to remove; the rest
# probe the edges, the gap after the end and the retention period.
inside = st.integers(0, int((END - START).total_seconds()) - 1)
edges = st.sampled_from([0, int((END - START).total_seconds()), -1])


@st.composite
def revision_lists(draw: st.DrawFn) -> list[RevisionFact]:
    facts = []
    for revid in range(1, draw(st.integers(0, 40)) + 1):
        wiki = draw(st.sampled_from(list(LANGUAGES)))
        offset = draw(inside | inside | st.integers(-2 * 86400, 45 * 86400) | edges)
        upload = draw(st.booleans())
        facts.append(
            RevisionFact(
                wiki=wiki,
                language=LANGUAGES[wiki],
                revid=revid,
                parentid=0,
                page_id=draw(st.integers(1, 3)),
                namespace=6 if upload else draw(st.sampled_from([0, 0, 1])),
                title=f"Page {draw(st.integers(1, 4))}",
                user=draw(st.sampled_from(NAMES)),
                timestamp=START + timedelta(seconds=offset),
                comment=draw(st.sampled_from(COMMENTS)),
                size=100,
                sizediff=draw(st.integers(-300, 300)),
                is_page_creation=draw(st.booleans()),
                is_redirect=draw(st.booleans()),
                is_upload=upload,
                is_bot=draw(st.booleans()) and draw(st.booleans()),
            )
        )
    return facts


@st.composite
def participant_lists(draw: st.DrawFn) -> list[Participant]:
    enrolled = draw(st.sets(st.sampled_from(NAMES[:4]), min_size=1, max_size=4))
    registration = (
        st.none()
        | st.sampled_from([START, END])
        | st.integers(-20, 20).map(lambda days: START + timedelta(days=days))
    )
    # Some are contributors an open campaign found, listed with what Kuza knows of them.
    return [
        Participant(
            name,
            registered_at=draw(registration),
            hidden_from_leaderboard=draw(st.booleans()),
            enrolled=draw(st.booleans()) or draw(st.booleans()),
        )
        for name in sorted(enrolled)
    ]


@st.composite
def windows(draw: st.DrawFn) -> CampaignWindow:
    pages = [(wiki, f"Page {n}") for wiki in LANGUAGES for n in range(1, 5)]
    return CampaignWindow(
        start=START,
        end=END,
        time_zone=draw(st.sampled_from(ZONES)),
        content_namespaces=draw(st.sampled_from([frozenset({0}), frozenset({0, 6})])),
        hashtag="SheSaid",
        hashtag_required=draw(st.booleans()),
        worklist=draw(st.none() | st.frozensets(st.sampled_from(pages), min_size=4)),
        open=draw(st.booleans()),
        exclude_bots=draw(st.booleans()),
    )


as_of_times = st.integers(0, 50).map(lambda days: START + timedelta(days=days))


@dataclass(frozen=True)
class _Expected:
    totals: Tally
    new_editors: int
    retained: int | None
    rows: dict[str, tuple[int, int, int, int, int, int]]
    daily: dict[date, tuple[int, int, int]]  # edits, articles created, bytes added
    edited_pages: set[tuple[str, int]]  # pages with a counted content edit


def _oracle(
    revisions: list[RevisionFact],
    participants: list[Participant],
    window: CampaignWindow,
    as_of: datetime,
) -> _Expected:
    """the catalogue's definitions read literally, with one filter pass per clause."""
    people = {p.username: p for p in participants}
    name = {r: normalize_username(r.user) for r in revisions}
    in_window = [r for r in revisions if window.start <= r.timestamp < window.end]

    def credited(r: RevisionFact) -> bool:
        tagged = has_hashtag(r.comment, "SheSaid")
        enrolled = name[r] in people and people[name[r]].enrolled
        by_enrolment = enrolled and (tagged or not window.hashtag_required)
        return by_enrolment or (window.open and tagged)

    counted = [
        r
        for r in in_window
        if credited(r)
        and not r.is_redirect
        and not (window.exclude_bots and r.is_bot)
        and (window.worklist is None or (r.wiki, normalize_title(r.title)) in window.worklist)
    ]
    # Contributors found through the hashtag and not listed: nothing known about them.
    for r in counted:
        people.setdefault(name[r], Participant(name[r], enrolled=False))
    edits = [r for r in counted if r.namespace in window.content_namespaces]
    uploads = {(r.wiki, r.page_id) for r in counted if r.is_upload}
    first_creation: dict[tuple[str, int], RevisionFact] = {}
    for r in sorted(edits, key=lambda r: (r.timestamp, r.revid)):
        if r.is_page_creation:
            first_creation.setdefault((r.wiki, r.page_id), r)

    def improved_by(who: set[str]) -> set[tuple[str, int]]:
        created_by_them = {page for page, r in first_creation.items() if name[r] in who}
        edited = {(r.wiki, r.page_id) for r in edits if name[r] in who and not r.is_page_creation}
        return edited - created_by_them

    active = {name[r] for r in edits}
    returned = {name[r] for r in revisions if window.retention_start <= r.timestamp <= as_of}
    rows = {}
    for who in {
        name[r] for r in counted if r.namespace in window.content_namespaces or r.is_upload
    }:
        if people[who].hidden_from_leaderboard:
            continue
        mine = [r for r in edits if name[r] == who]
        rows[who] = (
            len(mine),
            sum(1 for r in first_creation.values() if name[r] == who),
            len(improved_by({who})),
            sum(max(r.sizediff, 0) for r in mine),
            sum(r.sizediff for r in mine),
            len({(r.wiki, r.page_id) for r in counted if r.is_upload and name[r] == who}),
        )
    return _Expected(
        totals=Tally(
            edits=len(edits),
            articles_created=len(first_creation),
            articles_improved=len(improved_by(active)),
            bytes_added=sum(max(r.sizediff, 0) for r in edits),
            net_bytes=sum(r.sizediff for r in edits),
            files_uploaded=len(uploads),
            active_participants=len(active),
        ),
        new_editors=sum(
            1
            for who in active
            if people[who].registered_at is not None
            and window.start <= people[who].registered_at < window.end
        ),
        retained=len(active & returned) if as_of >= window.end + timedelta(days=30) else None,
        rows=rows,
        daily=_by_day(edits, first_creation.values(), window.time_zone),
        edited_pages={(r.wiki, r.page_id) for r in edits},
    )


def _by_day(
    edits: list[RevisionFact], creations: Iterable[RevisionFact], time_zone: str
) -> dict[date, tuple[int, int, int]]:
    zone = ZoneInfo(time_zone)
    edits_on = Counter(r.timestamp.astimezone(zone).date() for r in edits)
    created_on = Counter(r.timestamp.astimezone(zone).date() for r in creations)
    bytes_on: Counter[date] = Counter()
    for r in edits:
        bytes_on[r.timestamp.astimezone(zone).date()] += max(r.sizediff, 0)
    return {day: (edits_on[day], created_on[day], bytes_on[day]) for day in edits_on}


@EXAMPLES
@given(revision_lists(), participant_lists(), windows(), as_of_times)
def test_single_pass_agrees_with_the_naive_oracle(
    revisions: list[RevisionFact],
    participants: list[Participant],
    window: CampaignWindow,
    as_of: datetime,
) -> None:
    metrics = compute_metrics(revisions, participants, window, as_of)
    expected = _oracle(revisions, participants, window, as_of)
    assert metrics.totals == expected.totals
    assert metrics.new_editors == expected.new_editors
    retained = metrics.retention.retained if metrics.retention is not None else None
    assert retained == expected.retained
    assert {row.username: astuple(row)[1:7] for row in metrics.leaderboard} == expected.rows
    assert {
        row.day: (row.edits, row.articles_created, row.bytes_added)
        for row in metrics.daily
        if row.edits
    } == expected.daily


@EXAMPLES
@given(revision_lists(), participant_lists(), windows(), as_of_times)
def test_created_and_improved_count_each_page_once(
    revisions: list[RevisionFact],
    participants: list[Participant],
    window: CampaignWindow,
    as_of: datetime,
) -> None:
    """Campaign-wide, a page is created or improved, never both, and every page a counted
    content edit touched without leaving it a redirect is one of the two: nobody else's
    creation takes the campaign's credit away."""
    everyone_shown = [replace(p, hidden_from_leaderboard=False) for p in participants]
    metrics = compute_metrics(revisions, everyone_shown, window, as_of)
    shown = compute_metrics(
        [r for r in revisions if not r.is_redirect], everyone_shown, window, as_of
    )
    # Revisions leaving a page a redirect count in no figure.
    assert (metrics.totals, metrics.leaderboard, metrics.daily) == (
        shown.totals,
        shown.leaderboard,
        shown.daily,
    )
    expected = _oracle(revisions, everyone_shown, window, as_of)
    totals = metrics.totals
    assert totals.articles_created + totals.articles_improved == len(expected.edited_pages)
    for row in metrics.leaderboard:
        # A person's improved pages are theirs: edited, not created by them.
        assert row.articles_created + row.articles_improved <= row.edits


@EXAMPLES
@given(revision_lists(), participant_lists(), windows(), as_of_times)
def test_breakdowns_add_up_to_the_totals(
    revisions: list[RevisionFact],
    participants: list[Participant],
    window: CampaignWindow,
    as_of: datetime,
) -> None:
    metrics = compute_metrics(revisions, participants, window, as_of)
    for field in (*ADDITIVE, "files_uploaded"):
        total = getattr(metrics.totals, field)
        assert sum(getattr(row.tally, field) for row in metrics.per_wiki) == total
        assert sum(getattr(row.tally, field) for row in metrics.per_language) == total
    for field in ("edits", "articles_created", "bytes_added"):
        assert sum(getattr(day, field) for day in metrics.daily) == getattr(metrics.totals, field)
    # One person can be active on several wikis, so active participants only bound each other.
    wiki_active = [row.tally.active_participants for row in metrics.per_wiki]
    language_active = [row.tally.active_participants for row in metrics.per_language]
    assert max(wiki_active, default=0) <= max(language_active, default=0)
    assert max(language_active, default=0) <= metrics.totals.active_participants
    assert metrics.totals.active_participants <= sum(language_active) <= sum(wiki_active)
    content_pages = {
        (r.wiki, r.page_id) for r in revisions if r.namespace in window.content_namespaces
    }
    assert metrics.totals.articles_created + metrics.totals.articles_improved <= len(content_pages)


@EXAMPLES
@given(revision_lists(), participant_lists(), windows(), as_of_times)
def test_every_day_of_the_window_appears_once(
    revisions: list[RevisionFact],
    participants: list[Participant],
    window: CampaignWindow,
    as_of: datetime,
) -> None:
    days = [row.day for row in compute_metrics(revisions, participants, window, as_of).daily]
    zone = ZoneInfo(window.time_zone)
    first = START.astimezone(zone).date()
    last = (END - timedelta(microseconds=1)).astimezone(zone).date()
    assert days == [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _counts(metrics: CampaignMetrics) -> dict[str, int]:
    """Every count in a report, flattened. Net bytes are left out: dropping an edit that
    removed text raises them, and they are a balance, not a count. Per-person creations are
    left out too, and per-day creations for the same reason: if a page has two creation
    revisions, dropping the earlier one moves the credit to the later creator and day,
    though the total cannot grow. Improved pages are counted with created ones: a filter
    that drops a creation turns its page into an improved one, so only their sum is sure
    not to grow, and a person's improved pages are left out for the same reason."""

    def articles(tally: Tally) -> int:
        return tally.articles_created + tally.articles_improved

    flat = {f"total.{f}": getattr(metrics.totals, f) for f in PAGE_FREE}
    flat["total.articles"] = articles(metrics.totals)
    flat["new_editors"] = metrics.new_editors
    if metrics.retention is not None:
        flat["cohort"], flat["retained"] = metrics.retention.cohort, metrics.retention.retained
    for row in metrics.per_wiki:
        flat |= {f"{row.wiki}.{f}": getattr(row.tally, f) for f in PAGE_FREE}
        flat[f"{row.wiki}.articles"] = articles(row.tally)
    for day in metrics.daily:
        flat[f"{day.day}.edits"] = day.edits
        flat[f"{day.day}.bytes"] = day.bytes_added
    for person in metrics.leaderboard:
        for f in ("edits", "bytes_added", "files_uploaded"):
            flat[f"{person.username}.{f}"] = getattr(person, f)
    return flat


@EXAMPLES
@given(revision_lists(), participant_lists(), windows(), as_of_times, st.booleans())
def test_filters_never_increase_any_count(
    revisions: list[RevisionFact],
    participants: list[Participant],
    window: CampaignWindow,
    as_of: datetime,
    drop_someone: bool,
) -> None:
    unfiltered = replace(window, hashtag_required=False, worklist=None)
    wide = _counts(compute_metrics(revisions, participants, unfiltered, as_of))
    # Un-enrolling filters too: the person keeps only what the hashtag credits, and their
    # choice to be hidden (dropping them from the list altogether would forget that choice).
    fewer = participants
    if drop_someone:
        fewer = [replace(participants[0], enrolled=False), *participants[1:]]
    narrow = _counts(compute_metrics(revisions, fewer, window, as_of))
    assert all(value <= wide.get(key, 0) for key, value in narrow.items())


@EXAMPLES
@given(revision_lists(), participant_lists(), windows(), as_of_times)
def test_hidden_participants_leave_the_leaderboard_but_not_the_totals(
    revisions: list[RevisionFact],
    participants: list[Participant],
    window: CampaignWindow,
    as_of: datetime,
) -> None:
    metrics = compute_metrics(revisions, participants, window, as_of)
    hidden = {p.username for p in participants if p.hidden_from_leaderboard}
    assert not hidden & {row.username for row in metrics.leaderboard}
    everyone_shown = [replace(p, hidden_from_leaderboard=False) for p in participants]
    shown = compute_metrics(revisions, everyone_shown, window, as_of)
    assert (shown.totals, shown.per_wiki, shown.daily) == (
        metrics.totals,
        metrics.per_wiki,
        metrics.daily,
    )
    # With nobody hidden, rows add up exactly for everything credited to one person.
    for field in ("edits", "articles_created", "bytes_added", "net_bytes"):
        assert sum(getattr(row, field) for row in shown.leaderboard) == getattr(shown.totals, field)


@EXAMPLES
@given(revision_lists(), participant_lists(), windows(), as_of_times, st.randoms())
def test_input_order_does_not_matter(
    revisions: list[RevisionFact],
    participants: list[Participant],
    window: CampaignWindow,
    as_of: datetime,
    shuffler: random.Random,
) -> None:
    shuffled = revisions[:]
    shuffler.shuffle(shuffled)
    assert compute_metrics(shuffled, participants, window, as_of) == compute_metrics(
        revisions, participants, window, as_of
    )


@EXAMPLES
@given(revision_lists(), participant_lists(), windows(), as_of_times)
def test_retention_is_none_exactly_until_thirty_days_after_the_end(
    revisions: list[RevisionFact],
    participants: list[Participant],
    window: CampaignWindow,
    as_of: datetime,
) -> None:
    retention = compute_metrics(revisions, participants, window, as_of).retention
    assert (retention is None) == (as_of < END + timedelta(days=30))


def test_days_follow_the_campaign_time_zone() -> None:
    # Nairobi is UTC+3 all year: the campaign's 1 March begins at 21:00 UTC on 28 February.
    nairobi = CampaignWindow(
        start=datetime(2025, 3, 1, tzinfo=ZoneInfo("Africa/Nairobi")),
        end=datetime(2025, 3, 3, tzinfo=ZoneInfo("Africa/Nairobi")),
        time_zone="Africa/Nairobi",
    )
    revisions = [
        rev(1, at="2025-02-28 21:00"),  # 00:00 on 1 March in Nairobi: first instant, counted
        rev(2, at="2025-03-01 20:59:59"),  # 23:59:59 on 1 March
        rev(3, at="2025-03-01 21:00"),  # 00:00 on 2 March
        rev(4, at="2025-03-02 21:00"),  # 00:00 on 3 March: the end, not counted
        rev(5, at="2025-02-28 20:59:59"),  # a second before the start
    ]
    daily = compute_metrics(
        revisions, [Participant("Amina")], nairobi, utc("2025-03-04 00:00")
    ).daily
    assert [(row.day, row.edits) for row in daily] == [(date(2025, 3, 1), 2), (date(2025, 3, 2), 1)]


def test_a_daylight_saving_day_is_one_day() -> None:
    # Paris moves to summer time at 02:00 on 30 March 2025, so that day lasts 23 hours.
    paris = ZoneInfo("Europe/Paris")
    window = CampaignWindow(
        start=datetime(2025, 3, 29, tzinfo=paris),
        end=datetime(2025, 4, 1, tzinfo=paris),
        time_zone="Europe/Paris",
    )
    revisions = [
        rev(1, at="2025-03-29 23:00"),  # 00:00 CET on the 30th
        rev(2, at="2025-03-30 21:59"),  # 23:59 CEST on the 30th
        rev(3, at="2025-03-30 22:00"),  # 00:00 CEST on the 31st
    ]
    daily = compute_metrics(
        revisions, [Participant("Amina")], window, utc("2025-04-02 00:00")
    ).daily
    assert [(row.day.day, row.edits) for row in daily] == [(29, 0), (30, 2), (31, 1)]
