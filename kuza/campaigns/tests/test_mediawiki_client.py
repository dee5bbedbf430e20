"""The MediaWiki client against real local wikis (see conftest.py), checked against the
wikis' own SQLite databases rather than against the API it reads."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from kuza.campaigns.mediawiki import (
    ApiError,
    BadResponseError,
    ContributionsCursor,
    MediaWikiClient,
    RecentChangesCursor,
    RecentChangesPage,
    RetriesExhaustedError,
    RetryPolicy,
    Revision,
    build_user_agent,
)
from kuza.campaigns.testing import (
    FaultKind,
    FaultyProxy,
    LocalWiki,
    TruthRevision,
    WikiFarm,
    tiny_png,
)

USER_AGENT = build_user_agent("https://kuza.example/contact; ops@kuza.example")
PASSWORD = "Campaign-password-2024"
HASHTAG = "#WikiquoteChallenge"

# The campaign window of the shared contributions data set (both ends inclusive).
WINDOW_START = datetime(2024, 3, 1, tzinfo=UTC)
WINDOW_END = datetime(2024, 3, 31, 23, 59, 59, tzinfo=UTC)


class SleepRecorder:
    """Stands in for time.sleep: records the waits the client asks for, waits for none."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def make_client(
    sleep: SleepRecorder | None = None,
    *,
    max_attempts: int = 6,
    backoff_base: float = 1.0,
    backoff_max: float = 60.0,
) -> MediaWikiClient:
    """A client that never really sleeps and whose jitter is always half the ceiling."""
    return MediaWikiClient(
        USER_AGENT,
        retry=RetryPolicy(max_attempts, backoff_base, backoff_max),
        sleep=sleep or SleepRecorder(),
        random_fraction=lambda: 0.5,
    )


def as_truth(rev: Revision) -> TruthRevision:
    """The client's view in the database's shape, so lists compare field by field."""
    assert rev.is_redirect is not None, f"redirect status not resolved for {rev}"
    return TruthRevision(
        revid=rev.revid,
        parentid=rev.parentid,
        page_id=rev.page_id,
        namespace=rev.namespace,
        title=rev.title,
        user=rev.user,
        user_id=rev.user_id,
        timestamp=rev.timestamp,
        comment=rev.comment,
        size=rev.size,
        sizediff=rev.sizediff if rev.sizediff is not None else -1,
        is_minor=rev.is_minor,
        page_is_redirect=rev.is_redirect,
    )


@dataclass(frozen=True)
class CampaignData:
    wiki: LocalWiki
    users: tuple[str, ...]
    outsider: str

    def truth(self) -> list[TruthRevision]:
        """What the fetch must return: the users' revisions inside the window."""
        return [
            rev
            for rev in self.wiki.truth_revisions()
            if rev.user in self.users and WINDOW_START <= rev.timestamp <= WINDOW_END
        ]


def at(day: int, hour: int = 12, second: int = 0, month: int = 3) -> datetime:
    return datetime(2024, month, day, hour, 0, second, tzinfo=UTC)


@pytest.fixture(scope="module")
def campaign(wiki_farm: WikiFarm) -> CampaignData:
    """Five participants with creations, improvements, redirects, Talk and User page edits,
    minor edits and edits just inside and just outside the window. Some fall in the same
    second, for one user and across users: MediaWiki timestamps have one-second precision,
    so only the revision id in the continuation keeps such edits apart."""
    wiki = wiki_farm["enwikiquote"]
    if not wiki.is_running:
        wiki.start()
    token = datetime.now(UTC).strftime("%H%M%S%f")
    users = tuple(f"Participant {token} {n}" for n in range(1, 6))
    outsider = f"Outsider {token}"
    sessions = {name: wiki.create_user(name, PASSWORD) for name in (*users, outsider)}
    for n, name in enumerate(users[:4], start=1):
        me = sessions[name]
        article = f"Quotes of speaker {token} {n}"
        me.create_page(f"Early {token} {n}", "Before the campaign.", "draft", at=at(15, month=2))
        # The same second for every participant.
        me.create_page(article, f"* Quote {n}.", f"New quote page {HASHTAG}", at=at(5))
        me.edit(article, f"* Quote {n}.\n* Another.", "Improvement: sourced", at=at(6))
        me.edit(article, f"* Quote {n}!\n* Another.", "typo", minor=True, at=at(6, second=1))
        me.create_redirect(f"Alias {token} {n}", article, "Redirect to speaker", at=at(7))
        me.edit(f"Talk:{article}", "Is quote sourced?", f"question {HASHTAG}", at=at(8))
        # The same second as the Talk edit just before it.
        me.edit(f"User:{name}", "I am a participant.", "about me", at=at(8))
        me.edit(article, f"* Quote {n}!\n* Another!\n", "after the campaign", at=at(2, month=4))
    sessions[users[0]].edit(f"Edge {token}", "start", "first second", at=WINDOW_START)
    sessions[users[1]].edit(f"Edge {token}", "end", "last second", at=WINDOW_END)
    # The fifth participant edits only outside the window; the outsider is not a participant.
    sessions[users[4]].create_page(f"Late {token}", "Too late.", HASHTAG, at=at(1, month=4))
    sessions[outsider].create_page(f"Other {token}", "Not in the campaign.", HASHTAG, at=at(10))
    for session in sessions.values():
        session.close()
    return CampaignData(wiki, users, outsider)


def fetch_all(client: MediaWikiClient, data: CampaignData, **options: object) -> list[Revision]:
    pages = client.fetch_user_contributions(
        data.wiki.api_url, data.users, WINDOW_START, WINDOW_END, **options
    )
    return [rev for page in pages for rev in page.revisions]


# -- contributions ---------------------------------------------------------------------------


def test_contributions_in_batches_match_the_database(campaign: CampaignData) -> None:
    client = make_client()
    truth = campaign.truth()
    assert len(truth) == 4 * 6 + 2  # the data set is what the fixture meant to create

    pages = list(
        client.fetch_user_contributions(
            campaign.wiki.api_url, campaign.users, WINDOW_START, WINDOW_END, batch_size=2
        )
    )

    fetched = [rev for page in pages for rev in page.revisions]
    assert sorted(map(as_truth, fetched), key=lambda rev: rev.revid) == sorted(
        truth, key=lambda rev: rev.revid
    )
    # 5 users in batches of 2 -> 3 usercontribs requests, plus one prop=info request for
    # each page that has revisions (the last batch, the fifth user, has none).
    assert len(pages) == 3
    assert client.request_count == 3 + sum(1 for page in pages if page.revisions)
    assert [page.is_last for page in pages] == [False, False, True]
    for page in pages:
        # MediaWiki groups a multi-user answer by user; each user's edits oldest first.
        for user in {rev.user for rev in page.revisions}:
            order = [(rev.timestamp, rev.revid) for rev in page.revisions if rev.user == user]
            assert order == sorted(order), "ucdir=newer must give oldest first"
    # Spot checks of what campaign metrics rely on.
    for rev in fetched:
        assert rev.wiki == campaign.wiki.api_url
        assert rev.is_new == (rev.parentid == 0)
    assert {rev.namespace for rev in fetched} == {0, 1, 2}
    assert sum(rev.is_redirect for rev in fetched) == 4
    assert sum(HASHTAG in rev.comment for rev in fetched) == 8
    assert sum(rev.is_minor for rev in fetched) == 4
    assert {rev.timestamp for rev in fetched} >= {WINDOW_START, WINDOW_END}
    assert campaign.outsider not in {rev.user for rev in fetched}


def test_continuation_with_a_tiny_limit(campaign: CampaignData) -> None:
    client = make_client()
    pages = list(
        client.fetch_user_contributions(
            campaign.wiki.api_url,
            campaign.users,
            WINDOW_START,
            WINDOW_END,
            batch_size=2,
            limit=3,
        )
    )

    fetched = [rev for page in pages for rev in page.revisions]
    revids = [rev.revid for rev in fetched]
    assert len(revids) == len(set(revids)), "continuation repeated a revision"
    assert sorted(map(as_truth, fetched), key=lambda rev: rev.revid) == sorted(
        campaign.truth(), key=lambda rev: rev.revid
    )
    assert all(len(page.revisions) <= 3 for page in pages)
    per_batch = [
        sum(1 for rev in campaign.truth() if rev.user in campaign.users[i : i + 2])
        for i in (0, 2, 4)
    ]
    assert len(pages) == sum(max(1, math.ceil(count / 3)) for count in per_batch)
    assert client.request_count == len(pages) + sum(1 for page in pages if page.revisions)


def test_resume_from_a_stored_cursor_has_no_duplicates_or_gaps(campaign: CampaignData) -> None:
    uninterrupted = fetch_all(make_client(), campaign, batch_size=2, limit=3)

    first_run = make_client().fetch_user_contributions(
        campaign.wiki.api_url, campaign.users, WINDOW_START, WINDOW_END, batch_size=2, limit=3
    )
    saved: list[Revision] = []
    stored = ""
    for page in first_run:
        saved.extend(page.revisions)
        stored = json.dumps(page.next_cursor.to_dict())  # what a sync job would persist
        if len(saved) >= 7:
            break  # the worker dies here, mid-batch

    cursor = ContributionsCursor.from_dict(json.loads(stored))
    assert cursor.continue_params, "the interruption should fall inside a batch"
    resumed = fetch_all(make_client(), campaign, batch_size=2, limit=3, cursor=cursor)

    assert saved + resumed == uninterrupted


def test_wiki_stopping_mid_fetch_then_resuming_gives_the_uninterrupted_result(
    campaign: CampaignData,
) -> None:
    uninterrupted = fetch_all(make_client(), campaign, batch_size=2, limit=3)
    sleep = SleepRecorder()
    client = make_client(sleep, max_attempts=3, backoff_base=0.5, backoff_max=4)
    pages = client.fetch_user_contributions(
        campaign.wiki.api_url, campaign.users, WINDOW_START, WINDOW_END, batch_size=2, limit=3
    )
    saved: list[Revision] = []
    cursor = None
    try:
        with pytest.raises(RetriesExhaustedError, match="gave up after 3 attempts") as error:
            for page in pages:
                saved.extend(page.revisions)
                cursor = page.next_cursor
                if len(saved) >= 6 and campaign.wiki.is_running:
                    campaign.wiki.stop()  # the wiki goes down between two pages
    finally:
        campaign.wiki.start()
    assert "ConnectionError" in error.value.last_problem
    # Exponential backoff with the injected jitter fraction 0.5: 0.5*0.5, then 0.5*1.0.
    assert sleep.calls == [0.25, 0.5]
    assert cursor is not None

    resumed = fetch_all(make_client(), campaign, batch_size=2, limit=3, cursor=cursor)

    assert saved + resumed == uninterrupted


def test_window_bounds_are_inclusive_and_never_widened_by_rounding(
    campaign: CampaignData,
) -> None:
    # MediaWiki timestamps have whole seconds: a start half a second after the edit at
    # WINDOW_START must exclude it, an end half a second before WINDOW_END likewise.
    half = timedelta(milliseconds=500)
    client = make_client()
    narrowed = [
        rev.revid
        for page in client.fetch_user_contributions(
            campaign.wiki.api_url, campaign.users, WINDOW_START + half, WINDOW_END - half
        )
        for rev in page.revisions
    ]
    truth = campaign.truth()
    edges = {rev.revid for rev in truth if rev.timestamp in (WINDOW_START, WINDOW_END)}
    assert len(edges) == 2
    assert sorted(narrowed) == sorted(rev.revid for rev in truth if rev.revid not in edges)


def test_a_cursor_cannot_resume_a_different_query(campaign: CampaignData) -> None:
    client = make_client()
    first = next(
        client.fetch_user_contributions(
            campaign.wiki.api_url, campaign.users, WINDOW_START, WINDOW_END, limit=2
        )
    )
    with pytest.raises(ValueError, match="different query"):
        client.fetch_user_contributions(
            campaign.wiki.api_url,
            campaign.users[:2],
            WINDOW_START,
            WINDOW_END,
            limit=2,
            cursor=first.next_cursor,
        )
    with pytest.raises(ValueError, match="not a stored ContributionsCursor"):
        ContributionsCursor.from_dict({"fingerprint": "x", "continue": {}})


def test_each_wiki_reports_only_its_own_edits(enwiki: LocalWiki, frwiki: LocalWiki, unique) -> None:
    name = unique("Polyglotte")
    window = (datetime(2022, 1, 1, tzinfo=UTC), datetime(2022, 12, 31, tzinfo=UTC))
    french_page = unique("Page")
    with enwiki.create_user(name, PASSWORD) as en, frwiki.create_user(name, PASSWORD) as fr:
        en.create_page(unique("English page"), "text", "en", at=window[0] + timedelta(days=3))
        fr.create_page(french_page, "texte", "fr", at=window[0] + timedelta(days=4))
        fr.edit(f"Discussion:{french_page}", "Bonjour", "fr", at=window[0] + timedelta(days=5))

    client = make_client()
    for wiki in (enwiki, frwiki):
        fetched = [
            rev
            for page in client.fetch_user_contributions(wiki.api_url, [name], *window)
            for rev in page.revisions
        ]
        truth = [rev for rev in wiki.truth_revisions() if rev.user == name]
        assert list(map(as_truth, fetched)) == truth
    french_talk = [rev for rev in truth if rev.namespace == 1]
    assert len(french_talk) == 1 and french_talk[0].title.startswith("Discussion:")


# -- etiquette and retries -------------------------------------------------------------------


def test_every_request_carries_maxlag_and_the_user_agent(
    faulty_proxy: FaultyProxy, campaign: CampaignData
) -> None:
    proxied = make_client()
    list(
        proxied.fetch_user_contributions(
            faulty_proxy.api_url, campaign.users, WINDOW_START, WINDOW_END
        )
    )
    assert faulty_proxy.request_count == proxied.request_count == 2
    for request in faulty_proxy.received:
        assert "maxlag=5" in request.path
        assert request.user_agent == USER_AGENT
        assert request.user_agent.startswith("Kuza/") and "python-requests/" in request.user_agent


def test_maxlag_errors_are_retried_after_retry_after(
    faulty_proxy: FaultyProxy, campaign: CampaignData
) -> None:
    expected = make_client().fetch_user_registrations(campaign.wiki.api_url, campaign.users)
    sleep = SleepRecorder()
    client = make_client(sleep)
    faulty_proxy.fail_next(2, FaultKind.MAXLAG, retry_after=3, lag=7)

    infos = client.fetch_user_registrations(faulty_proxy.api_url, campaign.users)

    assert [info.registration for info in infos] == [info.registration for info in expected]
    assert faulty_proxy.fault_count == 2 and faulty_proxy.forwarded_count == 1
    assert faulty_proxy.request_count == client.request_count == 3
    assert sleep.calls == [3.0, 3.0]
    # The retried request is the same request, not a fresh one that lost parameters.
    assert len({request.path for request in faulty_proxy.received}) == 1


def test_real_mediawiki_maxlag_answers_are_retried(enwiki: LocalWiki, unique) -> None:
    name = unique("Patient")
    enwiki.create_user(name, PASSWORD).close()
    sleep = SleepRecorder()
    client = make_client(sleep)
    enwiki.simulate_lag(7, requests=2)  # MediaWiki itself reports 7 s of replica lag

    infos = client.fetch_user_registrations(enwiki.api_url, [name])

    assert infos[0].exists
    assert client.request_count == 3
    # MediaWiki's Retry-After for maxlag is max(maxlag, 5); the client sends maxlag=5.
    assert sleep.calls == [5.0, 5.0]


def test_http_503_and_429_are_retried_after_retry_after(
    faulty_proxy: FaultyProxy, campaign: CampaignData
) -> None:
    sleep = SleepRecorder()
    client = make_client(sleep)
    faulty_proxy.fail_next(2, FaultKind.HTTP_503, retry_after=1)
    faulty_proxy.fail_next(1, FaultKind.HTTP_429, retry_after=2)

    infos = client.fetch_user_registrations(faulty_proxy.api_url, campaign.users[:1])

    assert infos[0].exists
    assert faulty_proxy.request_count == 4
    assert sleep.calls == [1.0, 1.0, 2.0]


def test_internal_api_errors_are_retried_with_backoff(
    faulty_proxy: FaultyProxy, campaign: CampaignData
) -> None:
    sleep = SleepRecorder()
    client = make_client(sleep, backoff_base=2.0)
    faulty_proxy.fail_next(2, FaultKind.INTERNAL_ERROR)

    infos = client.fetch_user_registrations(faulty_proxy.api_url, campaign.users[:1])

    assert infos[0].exists
    assert faulty_proxy.request_count == 3
    assert client.transport.retry_count == 2
    assert sleep.calls == [1.0, 2.0]  # ceilings 2 and 4, times the jitter fraction 0.5


def test_dropped_connections_back_off_exponentially(
    faulty_proxy: FaultyProxy, campaign: CampaignData
) -> None:
    sleep = SleepRecorder()
    client = make_client(sleep, backoff_base=1.0, backoff_max=3.0)
    faulty_proxy.fail_next(3, FaultKind.DISCONNECT)

    infos = client.fetch_user_registrations(faulty_proxy.api_url, campaign.users[:1])

    assert infos[0].exists
    assert faulty_proxy.request_count == 4
    # Ceilings 1, 2, 4 -> capped at 3, times the injected jitter fraction 0.5.
    assert sleep.calls == [0.5, 1.0, 1.5]


def test_retries_stop_after_max_attempts(faulty_proxy: FaultyProxy, campaign: CampaignData) -> None:
    sleep = SleepRecorder()
    client = make_client(sleep, max_attempts=3)
    faulty_proxy.fail_next(5, FaultKind.HTTP_503, retry_after=1)

    with pytest.raises(RetriesExhaustedError, match="gave up after 3 attempts; last: HTTP 503"):
        client.fetch_user_registrations(faulty_proxy.api_url, campaign.users[:1])

    assert faulty_proxy.request_count == 3
    assert faulty_proxy.pending_faults == 2
    assert sleep.calls == [1.0, 1.0]  # no pointless wait after the last attempt


def test_maxlag_in_the_middle_of_continuation_keeps_the_position(
    faulty_proxy: FaultyProxy, campaign: CampaignData
) -> None:
    expected = fetch_all(make_client(), campaign, limit=4, resolve_redirects=False)
    sleep = SleepRecorder()
    client = make_client(sleep)
    pages = client.fetch_user_contributions(
        faulty_proxy.api_url,
        campaign.users,
        WINDOW_START,
        WINDOW_END,
        limit=4,
        resolve_redirects=False,
    )
    fetched = list(next(pages).revisions)
    faulty_proxy.fail_next(1, FaultKind.MAXLAG, retry_after=2)
    fetched += [rev for page in pages for rev in page.revisions]

    assert [rev.revid for rev in fetched] == [rev.revid for rev in expected]
    assert sleep.calls == [2.0]
    lagged = [i for i, request in enumerate(faulty_proxy.received) if request.fault]
    assert len(lagged) == 1
    retried = faulty_proxy.received[lagged[0] + 1]
    assert "uccontinue=" in retried.path
    assert retried.path == faulty_proxy.received[lagged[0]].path


# -- accounts --------------------------------------------------------------------------------


def test_user_registrations_edit_counts_and_bots(enwiki: LocalWiki, unique) -> None:
    humans = [unique("Newcomer") for _ in range(3)]
    bot = unique("Quote bot")
    for name in humans:
        enwiki.create_user(name, PASSWORD).close()
    with enwiki.create_bot(bot, PASSWORD) as robot:
        robot.edit(unique("Bot page"), "x", "bot run", bot=True)
    missing = unique("Nobody")
    # Names as organisers type them: lower-case first letter, underscores.
    asked = [humans[0].replace(" ", "_").lower(), *humans[1:], bot, missing]

    client = make_client()
    infos = client.fetch_user_registrations(enwiki.api_url, asked, batch_size=2)

    assert client.request_count == 3  # five names, two per request
    assert client.transport.requests_per_wiki == {enwiki.api_url: 3}
    assert [info.name for info in infos] == [*humans, bot, missing]
    truth = {user.name: user for user in enwiki.truth_users()}
    for info in infos[:4]:
        assert info.exists and info.is_valid_name
        assert info.user_id == truth[info.name].user_id
        assert info.registration == truth[info.name].registration
        assert info.edit_count == truth[info.name].edit_count
        assert info.is_bot == ("bot" in truth[info.name].groups)
    assert [info.is_bot for info in infos[:4]] == [False, False, False, True]
    assert infos[3].edit_count == 1
    assert not infos[4].exists and infos[4].registration is None and not infos[4].is_bot


# -- recent changes --------------------------------------------------------------------------


def fetch_changes(
    client: MediaWikiClient, wiki: LocalWiki, window: tuple[datetime, datetime], **options: Any
) -> Iterator[RecentChangesPage]:
    return client.fetch_recent_changes(wiki.api_url, *window, **options)


def june_2023(day: int) -> datetime:
    return datetime(2023, 6, day, 9, tzinfo=UTC)


def test_recent_changes_with_upload_and_bot_edits_match_the_database(
    frwiki: LocalWiki, unique
) -> None:
    window = (datetime(2023, 6, 1, tzinfo=UTC), datetime(2023, 6, 30, 23, 59, 59, tzinfo=UTC))
    article = unique("Citations")
    with frwiki.create_user(unique("Contributrice"), PASSWORD) as editor:
        editor.create_page(article, "* Citation.", f"nouvelle page {HASHTAG}", at=june_2023(1))
        editor.edit(article, "* Citation.\n* Autre.", "amélioration", at=june_2023(2))
        editor.create_redirect(unique("Alias"), article, "redirection", at=june_2023(3))
        editor.edit(f"Discussion:{article}", "Source ?", "question", at=june_2023(4))
        upload = editor.upload(f"{unique('Portrait')}.png", tiny_png(7), HASHTAG, at=june_2023(5))
        editor.edit(article, "après", "hors fenêtre", at=datetime(2023, 7, 2, tzinfo=UTC))
    with frwiki.create_bot(unique("Robot"), PASSWORD) as robot:
        robot.edit(unique("Maintenance"), "x", "robot", bot=True, at=june_2023(6))

    fetched = [
        change for page in fetch_changes(make_client(), frwiki, window) for change in page.changes
    ]

    truth = [
        change
        for change in frwiki.truth_recent_changes()
        if window[0] <= change.timestamp <= window[1]
    ]
    assert [
        (c.rcid, c.kind, c.namespace, c.title, c.user, c.timestamp, c.revid, c.is_bot, c.log_type)
        for c in fetched
    ] == [
        (c.rcid, c.kind, c.namespace, c.title, c.user, c.timestamp, c.revid, c.is_bot, c.log_type)
        for c in truth
    ]
    uploads = [c for c in fetched if c.log_type == "upload"]
    assert len(uploads) == 1 and uploads[0].title == upload.title
    assert upload.title.startswith("Fichier:") and uploads[0].log_action == "upload"
    assert [c.kind for c in fetched if c.namespace == 0] == ["new", "edit", "new", "new"]
    assert [c.is_redirect for c in fetched if c.namespace == 0] == [False, False, True, False]
    assert [c.is_bot for c in fetched] == [False] * 5 + [True]
    assert fetched[0].comment == f"nouvelle page {HASHTAG}"


def test_recent_changes_continue_and_resume(frwiki: LocalWiki, unique) -> None:
    window = (datetime(2021, 2, 1, tzinfo=UTC), datetime(2021, 2, 28, tzinfo=UTC))
    with frwiki.create_user(unique("Reprise"), PASSWORD) as editor:
        for n in range(7):
            editor.edit(unique("Page"), f"v{n}", f"edit {n}", at=window[0] + timedelta(hours=n))
    complete = [c for page in fetch_changes(make_client(), frwiki, window) for c in page.changes]
    assert len(complete) == 7

    first_pages = fetch_changes(make_client(), frwiki, window, limit=2)
    head = next(first_pages)
    stored = json.dumps(head.next_cursor.to_dict())
    cursor = RecentChangesCursor.from_dict(json.loads(stored))
    client = make_client()
    rest_pages = list(fetch_changes(client, frwiki, window, limit=2, cursor=cursor))

    assert [c.rcid for c in head.changes] + [c.rcid for p in rest_pages for c in p.changes] == [
        c.rcid for c in complete
    ]
    assert [len(page.changes) for page in rest_pages] == [2, 2, 1]
    assert rest_pages[-1].is_last and client.request_count == 3


# -- bad input -------------------------------------------------------------------------------


def test_bad_input_is_refused_before_any_request() -> None:
    client = make_client()
    api = "http://127.0.0.1:9/api.php"  # nothing listens there: no request may be sent
    naive = datetime(2024, 3, 1)  # noqa: DTZ001 - the mistake under test
    with pytest.raises(ValueError, match="timezone-aware"):
        client.fetch_user_contributions(api, ["A"], naive, WINDOW_END)
    with pytest.raises(ValueError, match="after end"):
        client.fetch_recent_changes(api, WINDOW_END, WINDOW_START)
    with pytest.raises(ValueError, match="forbids"):
        client.fetch_user_contributions(api, ["Good", "Bad|Name"], WINDOW_START, WINDOW_END)
    with pytest.raises(ValueError, match="not one string"):
        client.fetch_user_registrations(api, "Alice")
    with pytest.raises(ValueError, match="batch_size"):
        client.fetch_user_contributions(api, ["A"], WINDOW_START, WINDOW_END, batch_size=51)
    with pytest.raises(ValueError, match="contact"):
        build_user_agent(" ")
    with pytest.raises(ValueError, match="user_agent"):
        MediaWikiClient("")
    assert client.request_count == 0


def test_api_and_non_api_answers_raise_clear_errors(enwiki: LocalWiki) -> None:
    client = make_client()
    window = (WINDOW_START, WINDOW_END)
    with pytest.raises(ValueError, match="change_types"):
        client.fetch_recent_changes(enwiki.api_url, *window, change_types=("edit", "bogus"))
    # A request MediaWiki itself rejects: the error carries its code, and is not retried.
    with pytest.raises(ApiError, match="badvalue") as error:
        client.transport.get(enwiki.api_url, {"action": "no-such-module"})
    assert error.value.code == "badvalue" and client.request_count == 1
    # Common configuration mistakes: the wiki's page URL, or a URL that serves a file.
    with pytest.raises(BadResponseError, match="HTTP 404 is not an API answer"):
        client.fetch_user_registrations(f"{enwiki.server_url}/index.php", ["Admin"])
    logo = f"{enwiki.server_url}/resources/assets/change-your-logo.svg"
    with pytest.raises(BadResponseError, match="not JSON"):
        client.fetch_user_registrations(logo, ["Admin"])
