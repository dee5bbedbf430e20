"""The generated privacy test: every URL of Kuza, for five viewers, never names a hidden person.

Nothing is listed by hand but how URL arguments come from objects: the URLs are every pattern
of Kuza's own apps and of its API (pages, CSV, API, calendar feeds, offline copies, PDFs),
filled with every row of every model registered with the audience layer (a new model is
covered by registering it). Each is fetched as a visitor, a plain member, a member someone
blocked, an organiser (of other things) and a moderator, over the world of privacy_world.py;
an answer fails the test if it is a server error or holds the name, username, e-mail or
Wikimedia user name of a person hidden from that viewer.

PDF text is compressed inside the file, so a PDF is only checked for server errors here.
"""

from __future__ import annotations

import itertools

import pytest

from kuza.audience.tests.crawl import crawl, registered_objects, urls_to_fetch
from kuza.audience.tests.privacy_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def test_the_crawl_reaches_every_registered_models_pages(world):
    urls = urls_to_fetch(registered_objects())
    # Derived, not listed: pages named by registered objects are in the crawl.
    assert "/campaigns/privacy-drive/" in urls
    assert "/campaigns/privacy-drive/leaderboard.csv" in urls
    assert any(url.startswith("/api/campaigns/privacy-drive/leaderboard") for url in urls)
    assert any("/cohorts/privacy-cohort/" in url for url in urls)
    assert any(
        url.startswith("/library/") and url.rstrip("/").split("/")[-1].isdigit() for url in urls
    )


def test_no_answer_names_a_person_hidden_from_its_viewer(client, world):
    urls = urls_to_fetch(registered_objects())
    failures = []
    members_only_name = world.secrets["mirabel-membersonly"][0]
    named_to_member = []
    for persona, viewer in world.personas.items():
        client.logout()
        if viewer is not None:
            client.force_login(viewer)
        hidden = world.hidden_from(persona)
        secrets = [
            (username, text)
            for username in sorted(hidden)
            for text in world.secrets[username]
            if text
        ]

        def note_member_view(url: str, body: str, persona: str = persona) -> None:
            if persona == "member" and members_only_name in body:
                named_to_member.append(url)

        failures += crawl(client, urls, persona, secrets, found=note_member_view)
    assert not failures, "\n".join(itertools.islice(failures, 80))
    # The control: the crawl does render these people where the viewer may see them.
    assert named_to_member
