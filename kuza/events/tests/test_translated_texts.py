"""Event titles and descriptions read in the reader's language, falling back to the source."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from kuza.events.forms import EventForm
from kuza.events.models import Event
from kuza.events.tests.factories import EventFactory, MemberFactory
from kuza.translation.selectors import translated_field
from kuza.translation.tests.factories import translate_unit

pytestmark = pytest.mark.django_db


def _main(response) -> str:
    return re.search(r"<main[^>]*>(.*)</main>", response.content.decode(), re.S).group(1)


@pytest.fixture
def event() -> Event:
    return EventFactory(
        title="Wikidata evening",
        description="We add **sources**.\n\nBring a laptop.",
        language="en",
    )


def test_the_event_page_shows_the_readers_language_with_the_source_as_fallback(client, event):
    translate_unit(event, "Wikidata evening", "fr", "Soirée Wikidata")
    translate_unit(event, "We add **sources**.", "fr", "Nous ajoutons des **sources**.")
    client.cookies["django_language"] = "fr"

    main = _main(client.get(reverse("events:detail", args=[event.pk])))

    assert '<h1 lang="fr" dir="ltr">Soirée Wikidata</h1>' in main
    assert "Nous ajoutons des <strong>sources</strong>." in main
    # The paragraph nobody translated stays in English, marked as English.
    assert '<span lang="en" dir="ltr">Bring a laptop.</span>' in main
    assert "Wikidata evening" not in main
    listing = _main(client.get(reverse("events:list")))
    assert "Soirée Wikidata" in listing and "Wikidata evening" not in listing


def test_a_language_with_no_translation_reads_the_source_with_a_notice(client, event):
    translate_unit(event, "Wikidata evening", "fr", "Soirée Wikidata")
    client.cookies["django_language"] = "sw"

    main = _main(client.get(reverse("events:detail", args=[event.pk])))

    assert "Wikidata evening" in main and "Soirée" not in main
    assert 'lang="en"' in main
    assert "bado" in main or "not translated" in main  # the untranslated notice, in Swahili


def test_editing_the_description_marks_its_translation_out_of_date(event):
    translate_unit(event, "Bring a laptop.", "fr", "Apportez un ordinateur.")
    event.description = "We add **sources**.\n\nBring a laptop and a charger."
    event.save()

    rendered = translated_field(event, "description", "fr")

    # Its source changed: still shown, but flagged for readers and translators.
    assert rendered.outdated_units
    assert "Apportez un ordinateur." in rendered.html and "outdated" in rendered.html


def test_the_api_returns_texts_in_the_requested_language(client, event):
    translate_unit(event, "Wikidata evening", "fr", "Soirée Wikidata")

    french = client.get("/api/events/", headers={"accept-language": "fr"}).json()
    english = client.get("/api/events/", headers={"accept-language": "en"}).json()

    [mine_fr] = [row for row in french["results"] if row["id"] == event.pk]
    [mine_en] = [row for row in english["results"] if row["id"] == event.pk]
    assert (mine_fr["title"], mine_en["title"]) == ("Soirée Wikidata", "Wikidata evening")
    assert mine_fr["source_language"] == "en"


def test_organisers_choose_the_language_they_write_in() -> None:
    organiser = MemberFactory(is_staff=True)
    form = EventForm(editor=organiser)
    codes = [code for code, _label in form.fields["language"].choices]
    assert {"en", "fr", "ar", "sw"} <= set(codes)
