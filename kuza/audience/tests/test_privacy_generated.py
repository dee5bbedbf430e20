"""The generated privacy test: every URL of Kuza, for five viewers, never names a hidden person.

Nothing is listed by hand but how URL arguments come from objects: the URLs are every pattern
of Kuza's own apps and of its API (pages, CSV, API, calendar feeds, offline copies, PDFs),
filled with every row of every model registered with the audience layer (a new model is
covered by registering it). Each is fetched as a visitor, a plain member, a member someone
blocked, an organiser (of other things) and a moderator, over the world of privacy_world.py;
an answer fails the test if it is a server error or holds the name, username, e-mail or
Wikimedia user name of a person hidden from that viewer. A PDF is read as text (pypdf).

The world is built once per module and each viewer's crawl is done once (each URL once, a
POST-only address once in all), by the first test asking for it: one test per viewer, so
xdist spreads the five crawls over its workers; the controls reuse the same answers.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import pytest

from kuza.audience.tests.crawl import crawl_once, names_any, registered_objects, urls_to_fetch
from kuza.audience.tests.privacy_world import build_world
from kuza.mentorship.models import Mentorship

# Marked, so that pytest-django sets up the test database even when this module runs alone
# (it sets up only the databases its collected tests are marked for); each test's own
# transaction nests inside the world's.
pytestmark = pytest.mark.django_db

# Objects that name no hidden person (the hosts', the personas' own) fill each route this
# many times: their pages differ from one another only in data nobody hides.
ROUTE_INSTANCES = 2
PERSONAS = ("visitor", "member", "blocked member", "organiser", "moderator")


@dataclass
class Crawl:
    """The world and its URLs, built once per module (per xdist worker); each viewer's
    answers are fetched once, when a test first asks for them, so the five viewers' crawls
    can run on different workers."""

    world: object
    urls: list[str]
    client: object
    blocker: object
    answers: dict[str, dict[str, tuple[int, str]]] = field(default_factory=dict)

    def answers_for(self, persona: str) -> dict[str, tuple[int, str]]:
        if persona not in self.answers:
            viewer = self.world.personas[persona]
            with self.blocker.unblock():
                self.client.logout()
                if viewer is not None:
                    self.client.force_login(viewer)
                fetched = {url: self.client.fetch(url) for url in self.urls}
            self.answers[persona] = {url: answer for url, answer in fetched.items() if answer}
        return self.answers[persona]


@pytest.fixture(scope="module")
def crawled(django_db_setup, no_demo_world, django_db_blocker, tmp_path_factory):
    """The world and its URLs, built once and rolled back at the end of the module."""
    with crawl_once(django_db_blocker, tmp_path_factory) as client:
        world = build_world()
        hidden = [user.pk for user in world.people.values()]
        # Every object naming a hidden person fills every route; others fill a route twice.
        urls = urls_to_fetch(
            registered_objects(),
            per_route=ROUTE_INSTANCES,
            keep_all=lambda obj: names_any(obj, hidden),
        )
        yield Crawl(world, urls, client, django_db_blocker)


def test_the_crawl_reaches_every_registered_models_pages(crawled):
    urls = crawled.urls
    assert set(PERSONAS) == set(crawled.world.personas)  # every viewer has its crawl
    # Derived, not listed: pages named by registered objects are in the crawl.
    assert "/campaigns/privacy-drive/" in urls
    assert "/campaigns/privacy-drive/leaderboard.csv" in urls
    assert any(url.startswith("/api/campaigns/privacy-drive/leaderboard") for url in urls)
    assert any("/cohorts/privacy-cohort/" in url for url in urls)
    assert any(
        url.startswith("/library/") and url.rstrip("/").split("/")[-1].isdigit() for url in urls
    )
    assert any(url.endswith("/certificate.pdf") for url in urls)
    mentorships = Mentorship.objects.filter(learner__in=crawled.world.people.values()) | (
        Mentorship.objects.filter(mentor__in=crawled.world.people.values())
    )
    assert mentorships.count() == 5
    for mentorship in mentorships:
        assert f"/mentorship/{mentorship.pk}/" in urls
    assert "/api/mentorship/mentorships" in urls


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_answer_is_a_server_error_or_names_a_person_hidden_from_its_viewer(crawled, persona):
    world = crawled.world
    secrets = [
        (username, text)
        for username in sorted(world.hidden_from(persona))
        for text in world.secrets[username]
        if text
    ]
    failures = []
    for url, (status, body) in crawled.answers_for(persona).items():
        if status >= 500:
            failures.append(f"{persona}: {url} answered {status}")
        failures += [
            f"{persona}: {url} names {username} ({text!r})"
            for username, text in secrets
            if text in body
        ]
    assert not failures, "\n".join(itertools.islice(failures, 80))


def test_a_member_reads_the_name_of_a_members_only_profile(crawled):
    """A control: without it a crawl that read nothing would pass."""
    name = crawled.world.secrets["mirabel-membersonly"][0]
    assert any(name in body for _status, body in crawled.answers_for("member").values())


def test_a_member_reads_the_name_of_a_mentor_she_may_see(crawled):
    """A control for mentorships: her mentorship page and the API name Mirabel, her mentor."""
    mentorship = Mentorship.objects.get(mentor=crawled.world.people["mirabel-membersonly"])
    answers = crawled.answers_for("member")
    assert "Mirabel Membersonly" in answers[f"/mentorship/{mentorship.pk}/"][1]
    assert "Mirabel Membersonly" in answers["/api/mentorship/mentorships"][1]


def test_pdfs_are_read_as_text(crawled):
    """A control: the host's public certificate names her to a visitor, read from the PDF."""
    assert any(
        url.endswith("/certificate.pdf") and "Hana Host" in body
        for url, (_status, body) in crawled.answers_for("visitor").items()
    )
