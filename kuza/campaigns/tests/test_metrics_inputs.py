"""Bad input is refused at the boundary with a message that names the problem."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from kuza.campaigns.metrics import CampaignWindow, Participant, compute_metrics
from kuza.campaigns.metrics_inputs import normalize_title, normalize_username
from kuza.campaigns.tests.metrics_fixtures import rev, utc

START, END = utc("2025-03-01 00:00"), utc("2025-04-01 00:00")
WINDOW = CampaignWindow(start=START, end=END)
GOOD = rev(1)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"timestamp": datetime(2025, 3, 1)}, "time-zone aware"),
        ({"timestamp": datetime(2025, 3, 1, tzinfo=timezone(timedelta(hours=3)))}, "UTC"),
        ({"revid": 0}, "positive"),
        ({"page_id": -4}, "positive"),
        ({"namespace": -1}, "must not be negative"),
        ({"size": -1}, "must not be negative"),
        ({"parentid": -1}, "must not be negative"),
        ({"revid": "12"}, "revid must be an int"),
        ({"sizediff": 1.5}, "sizediff must be an int"),
        ({"is_redirect": 1}, "is_redirect must be a bool"),
        ({"wiki": ""}, "wiki must be a non-empty string"),
        ({"language": None}, "language must be a non-empty string"),
        ({"user": "   "}, "user must be a non-empty string"),
        ({"comment": None}, "title and comment must be strings"),
    ],
)
def test_bad_revision_facts_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        replace(GOOD, **changes)


def test_user_names_are_normalised_like_mediawiki() -> None:
    assert normalize_username("jane_doe") == "Jane doe"
    assert normalize_username("  jane   doe ") == "Jane doe"
    assert normalize_username("e\u0301lodie") == "Élodie"  # composed, then capitalised
    assert normalize_username("ßeta") == "ßeta"  # ß has no one-letter capital
    assert Participant("dmitri_K").username == "Dmitri K"
    with pytest.raises(ValueError, match="user name is empty"):
        Participant(" _ ")


def test_titles_keep_their_case() -> None:
    # Wiktionary titles are case-sensitive, so only spacing is normalised.
    assert normalize_title("maya_Angelou ") == "maya Angelou"
    with pytest.raises(ValueError, match="title is empty"):
        normalize_title("__")


def test_bad_participants_are_refused() -> None:
    with pytest.raises(ValueError, match="registered_at must be time-zone aware"):
        Participant("Amina", registered_at=datetime(2025, 3, 1))
    with pytest.raises(ValueError, match="hidden_from_leaderboard must be a bool"):
        Participant("Amina", hidden_from_leaderboard="yes")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end": START}, "must start before it ends"),
        ({"end": START - timedelta(days=1)}, "must start before it ends"),
        ({"start": datetime(2025, 3, 1)}, "start must be time-zone aware"),
        ({"time_zone": "Mars/Olympus_Mons"}, "unknown time zone"),
        ({"time_zone": "../etc/passwd"}, "unknown time zone"),
        ({"hashtag_required": True}, "has no hashtag"),
        ({"hashtag": "She Said"}, "hashtag"),
        ({"content_namespaces": frozenset()}, "must not be empty"),
        ({"content_namespaces": "0"}, "not a string"),
        ({"content_namespaces": {-1}}, "non-negative int"),
        ({"content_namespaces": {True}}, "non-negative int"),
        ({"worklist": {("enwikiquote",)}}, "pairs"),
        ({"worklist": {("", "Maya Angelou")}}, "worklist wiki"),
        ({"worklist": {("enwikiquote", "  ")}}, "title is empty"),
    ],
)
def test_bad_windows_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        replace(WINDOW, **changes)


def test_windows_normalise_what_organisers_type() -> None:
    window = CampaignWindow(
        start=START,
        end=END,
        content_namespaces=[0, 102],  # type: ignore[arg-type]
        hashtag="＃SheSaid",
        worklist={("enwikiquote", "Maya_Angelou")},  # type: ignore[arg-type]
    )
    assert window.content_namespaces == frozenset({0, 102})
    assert window.hashtag == "SheSaid"
    assert window.worklist == frozenset({("enwikiquote", "Maya Angelou")})
    assert window.retention_start == utc("2025-05-01 00:00")


def test_duplicate_revisions_are_refused() -> None:
    with pytest.raises(ValueError, match="revision 1 on enwikiquote is given twice"):
        compute_metrics([rev(1), rev(1, diff=99)], [Participant("Amina")], WINDOW, END)


def test_the_same_revid_on_two_wikis_is_fine() -> None:
    metrics = compute_metrics([rev(1), rev(1, wiki="frwiki")], [Participant("Amina")], WINDOW, END)
    assert metrics.totals.edits == 2


def test_a_wiki_with_two_languages_is_refused() -> None:
    with pytest.raises(ValueError, match="enwikiquote is given as both 'en' and 'fr'"):
        compute_metrics([rev(1), replace(rev(2), language="fr")], [], WINDOW, END)


def test_participants_listed_twice_are_refused() -> None:
    # "amina" and "Amina" are the same MediaWiki account.
    with pytest.raises(ValueError, match="'Amina' is listed twice"):
        compute_metrics([], [Participant("Amina"), Participant("amina")], WINDOW, END)


def test_participants_must_be_participants() -> None:
    with pytest.raises(ValueError, match="expected Participant, got str"):
        compute_metrics([], ["Amina"], WINDOW, END)  # type: ignore[list-item]


def test_revisions_must_be_revision_facts() -> None:
    with pytest.raises(ValueError, match="expected RevisionFact, got dict"):
        compute_metrics([{"revid": 1}], [], WINDOW, END)  # type: ignore[list-item]


def test_as_of_must_be_aware() -> None:
    with pytest.raises(ValueError, match="as_of must be time-zone aware"):
        compute_metrics([], [], WINDOW, datetime(2025, 5, 1))
