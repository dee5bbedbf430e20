"""The generated privacy test: every URL of Kuza, for five viewers, never names a hidden person.

Nothing is listed by hand but how URL arguments come from objects: the URLs are every pattern
of Kuza's own apps and of its API (pages, CSV, API, calendar feeds, offline copies, PDFs),
filled with every row of every model registered with the audience layer (a new model is
covered by registering it). Each is fetched as a visitor, a plain member, a member someone
blocked, an organiser (of other things) and a moderator, over the world of privacy_world.py;
an answer fails the test if it is a server error or holds the name, username, e-mail or
Wikimedia user name of a person hidden from that viewer. A PDF is read as text (pypdf).

The world is built and crawled once for the module (each URL once per viewer, a POST-only
address once in all); the tests below are assertions over those answers.
"""

from __future__ import annotations

import itertools

import pytest

from kuza.audience.tests.crawl import crawl_once, names_any, registered_objects, urls_to_fetch
from kuza.audience.tests.privacy_world import build_world

# Objects that name no hidden person (the hosts', the personas' own) fill each route this
# many times: their pages differ from one another only in data nobody hides.
ROUTE_INSTANCES = 2


@pytest.fixture(scope="module")
def crawled(django_db_setup, django_db_blocker, tmp_path_factory):
    """(world, urls, {persona: {url: (status, text)}}), built once and rolled back."""
    with crawl_once(django_db_blocker, tmp_path_factory) as client:
        world = build_world()
        hidden = [user.pk for user in world.people.values()]
        # Every object naming a hidden person fills every route; others fill a route twice.
        urls = urls_to_fetch(
            registered_objects(),
            per_route=ROUTE_INSTANCES,
            keep_all=lambda obj: names_any(obj, hidden),
        )
        answers = {}
        for persona, viewer in world.personas.items():
            client.logout()
            if viewer is not None:
                client.force_login(viewer)
            fetched = {url: client.fetch(url) for url in urls}
            answers[persona] = {url: answer for url, answer in fetched.items() if answer}
        yield world, urls, answers


def test_the_crawl_reaches_every_registered_models_pages(crawled):
    _world, urls, _answers = crawled
    # Derived, not listed: pages named by registered objects are in the crawl.
    assert "/campaigns/privacy-drive/" in urls
    assert "/campaigns/privacy-drive/leaderboard.csv" in urls
    assert any(url.startswith("/api/campaigns/privacy-drive/leaderboard") for url in urls)
    assert any("/cohorts/privacy-cohort/" in url for url in urls)
    assert any(
        url.startswith("/library/") and url.rstrip("/").split("/")[-1].isdigit() for url in urls
    )
    assert any(url.endswith("/certificate.pdf") for url in urls)


def test_no_answer_is_a_server_error(crawled):
    _world, _urls, answers = crawled
    errors = [
        f"{persona}: {url} answered {status}"
        for persona, pages in answers.items()
        for url, (status, _text) in pages.items()
        if status >= 500
    ]
    assert not errors, "\n".join(errors[:80])


def test_no_answer_names_a_person_hidden_from_its_viewer(crawled):
    world, _urls, answers = crawled
    failures = []
    for persona, pages in answers.items():
        secrets = [
            (username, text)
            for username in sorted(world.hidden_from(persona))
            for text in world.secrets[username]
            if text
        ]
        failures += [
            f"{persona}: {url} names {username} ({text!r})"
            for url, (_status, body) in pages.items()
            for username, text in secrets
            if text in body
        ]
    assert not failures, "\n".join(itertools.islice(failures, 80))


def test_the_crawl_does_read_names_where_the_viewer_may_see_them(crawled):
    """The controls: without them a crawl that read nothing would pass."""
    world, _urls, answers = crawled
    members_only_name = world.secrets["mirabel-membersonly"][0]
    assert any(members_only_name in body for _status, body in answers["member"].values())
    # PDFs are read as text: the host's public certificate names her to a visitor.
    assert any(
        url.endswith("/certificate.pdf") and "Hana Host" in body
        for url, (_status, body) in answers["visitor"].items()
    )
