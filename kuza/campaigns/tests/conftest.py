"""Fixtures giving campaign tests real MediaWiki wikis (and a proxy to break them).

The farm is started once per test session: two wikis, English and French, like two
language editions of one Wikimedia project. Tests share them, so each test works with
its own users and page titles (`unique` below) and never assumes a wiki is empty.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterator

import pytest

from kuza.campaigns.testing import (
    FaultyProxy,
    LocalWiki,
    WikiFarm,
    mediawiki_missing_reason,
)

ENWIKI = ("enwikiquote", "en", "Wikiquote")
FRWIKI = ("frwikiquote", "fr", "Wikiquote FR")


@pytest.fixture(scope="session")
def wiki_farm() -> Iterator[WikiFarm]:
    reason = mediawiki_missing_reason()
    if reason is not None:
        pytest.skip(reason)
    with WikiFarm() as farm:
        farm.add(*ENWIKI)
        farm.add(*FRWIKI)
        yield farm


def _running(wiki: LocalWiki) -> LocalWiki:
    # A test that stopped a wiki and then failed before restarting it must not take the
    # following tests down with it.
    if not wiki.is_running:
        wiki.start()
    return wiki


@pytest.fixture
def enwiki(wiki_farm: WikiFarm) -> LocalWiki:
    return _running(wiki_farm[ENWIKI[0]])


@pytest.fixture
def frwiki(wiki_farm: WikiFarm) -> LocalWiki:
    return _running(wiki_farm[FRWIKI[0]])


@pytest.fixture
def faulty_proxy(enwiki: LocalWiki) -> Iterator[FaultyProxy]:
    """A fault-injecting proxy in front of the English wiki."""
    with FaultyProxy(enwiki.server_url) as proxy:
        yield proxy


@pytest.fixture
def unique() -> Callable[[str], str]:
    """Names no other test uses: unique("Alice") -> "Alice 3f9a1c 1"."""
    token = uuid.uuid4().hex[:6]
    counter = itertools.count(1)
    return lambda stem: f"{stem} {token} {next(counter)}"
