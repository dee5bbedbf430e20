"""The library pages: search with filters, resource pages by kind, right-to-left, no script."""

import pytest
from django.urls import reverse

from kuza.core.pagecheck import check_page
from kuza.library.tests.factories import UserFactory, make_resource

pytestmark = pytest.mark.django_db


def test_the_library_page_searches_and_filters(client):
    make_resource(title="Préparer un événement", body="salle", language="fr")
    make_resource(title="Event checklist", body="evenement word", level="advanced")

    everything = client.get(reverse("library:index"), {"q": "EVENEMENT"})
    french = client.get(reverse("library:index"), {"q": "evenement", "language": "fr"})

    assert everything.status_code == 200
    assert "Préparer un événement" in everything.content.decode()
    assert "Event checklist" in everything.content.decode()
    assert "Event checklist" not in french.content.decode()
    assert not check_page("/library/", everything.content).problems()


def test_the_page_filters_by_skill_type_level_and_audience_without_words(client):
    make_resource(title="Queries for organisers", skills=["sparql-queries"], audience="organisers")
    make_resource(title="Queries for everyone", skills=["sparql-queries"])
    make_resource(title="Photo walk", skills=["photography"], audience="organisers")

    page = client.get(
        reverse("library:index"),
        {"skill": "wikidata", "kind": "tutorial", "level": "beginner", "audience": "organisers"},
    ).content.decode()

    assert "Queries for organisers" in page
    assert "Queries for everyone" not in page and "Photo walk" not in page


def test_hostile_search_text_renders_the_page(client):
    make_resource(title="Anything")

    response = client.get(reverse("library:index"), {"q": '"( NEAR AND *'})

    assert response.status_code == 200


def test_search_results_are_paginated_and_keep_the_query(client):
    for index in range(20):
        make_resource(title=f"Guide {index}", body="community")

    first = client.get(reverse("library:index"), {"q": "community"}).content.decode()
    second = client.get(reverse("library:index"), {"q": "community", "page": 2}).content.decode()

    assert "q=community&amp;page=2" in first
    assert first.count('<li><a href="/library/r/') == 15
    assert second.count('<li><a href="/library/r/') == 5


def test_an_episode_page_shows_the_transcript_as_text_and_links_the_media(client):
    episode = make_resource(
        kind="episode",
        title="Podcast",
        url="https://podcast.example/1.ogg",
        transcript="Every word that was said.",
        duration_minutes=24,
    )

    page = client.get(reverse("library:resource", args=[episode.pk])).content.decode()

    assert "Every word that was said." in page
    assert 'href="https://podcast.example/1.ogg"' in page
    assert "<audio" not in page and "<video" not in page


def test_an_arabic_resource_page_is_right_to_left_in_arabic(client):
    resource = make_resource(title="مُدَوَّنَة السلوك", body="نص", language="ar")
    client.cookies["django_language"] = "ar"

    report = check_page("/", client.get(reverse("library:resource", args=[resource.pk])).content)

    assert (report.lang, report.direction) == ("ar", "rtl")
    assert not report.problems()


def test_a_link_page_shows_licence_and_check_date(client):
    import datetime

    link = make_resource(
        kind="link",
        title="Five pillars",
        url="https://en.wikipedia.org/wiki/Wikipedia:Five_pillars",
        licence="CC BY-SA 4.0",
        last_checked=datetime.date(2026, 1, 12),
    )

    page = client.get(reverse("library:resource", args=[link.pk])).content.decode()

    assert "CC BY-SA 4.0" in page and "2026" in page


def test_my_contributions_lists_my_drafts_only(client):
    author = UserFactory()
    make_resource(author=author, title="My draft", publish=False)
    make_resource(title="Someone else's draft", publish=False)
    client.force_login(author)

    page = client.get(reverse("library:mine")).content.decode()

    assert "My draft" in page and "Someone else" not in page
