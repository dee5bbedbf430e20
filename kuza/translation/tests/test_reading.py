"""Readers get their language unit by unit, with the source as fallback and clear notes."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from kuza.translation import selectors
from kuza.translation.models import SourceUnit, UnitTranslation
from kuza.translation.tests.factories import CodeOfConductFactory
from kuza.translation.units import source_hash

pytestmark = pytest.mark.django_db

BODY = (
    "# Be kind\n\n"
    "Everyone is welcome here.\n\n"
    "- Listen _first_\n"
    "- Ask before sharing\n\n"
    "| Who | Where |\n|---|---|\n| Moderators | Report page |\n"
)


def _unit(conduct, text):
    return SourceUnit.objects.get(field__translatable__object_id=conduct.pk, text=text)


def _translate(conduct, text, language, translation, made_from=None):
    unit = _unit(conduct, text)
    UnitTranslation.objects.create(
        unit=unit,
        language=language,
        text=translation,
        source_hash_at_translation=source_hash(made_from) if made_from else unit.source_hash,
    )


@pytest.fixture
def conduct():
    conduct = CodeOfConductFactory(body=BODY)
    _translate(conduct, "Be kind", "sw", "Kuwa mpole")
    _translate(conduct, "Listen _first_", "sw", "Sikiliza _kwanza_")
    _translate(conduct, "Ask before sharing", "sw", "Uliza kwanza", made_from="Ask before posting")
    _translate(conduct, "| Moderators | Report page |", "sw", "| Wasimamizi | Ukurasa |")
    return conduct


def _main(response) -> str:
    return re.search(r"<main[^>]*>(.*)</main>", response.content.decode(), re.S).group(1)


def test_a_partly_translated_page_mixes_translated_units_and_marked_source_fallback(
    client, conduct
):
    client.cookies["django_language"] = "sw"

    main = _main(client.get(reverse("code_of_conduct")))

    assert "<h2>Kuwa mpole</h2>" in main
    assert "<li>Sikiliza <em>kwanza</em></li>" in main
    assert "<td>Wasimamizi</td>" in main
    # The untranslated paragraph is in English, and marked so for screen readers.
    assert '<p><span lang="en" dir="ltr">Everyone is welcome here.</span></p>' in main
    assert 'role="note"' in main and "yametafsiriwa kwa sehemu tu" in main


def test_an_outdated_translation_is_shown_with_a_visible_marker(client, conduct):
    rendered = selectors.translated_field(conduct, "body", "sw")

    assert rendered.outdated_units == (_unit(conduct, "Ask before sharing").key,)
    assert re.search(
        r"<li>Uliza kwanza <span class=\"muted outdated\">[^<]+</span></li>", rendered.html
    )
    assert rendered.html.count('class="muted outdated"') == 1
    assert rendered.is_partial


def test_a_fully_translated_text_has_no_partial_note_and_no_language_spans(client, conduct):
    for text, translation in [
        ("Be kind", "Soyez bienveillant"),
        ("Everyone is welcome here.", "Tout le monde est bienvenu ici."),
        ("Listen _first_", "Écouter _d'abord_"),
        ("Ask before sharing", "Demander avant de partager"),
        ("| Who | Where |", "| Qui | Où |"),
        ("| Moderators | Report page |", "| Modération | Page de signalement |"),
    ]:
        _translate(conduct, text, "fr", translation)
    client.cookies["django_language"] = "fr"

    main = _main(client.get(reverse("code_of_conduct")))
    rendered = selectors.translated_field(conduct, "body", "fr")

    assert "Tout le monde est bienvenu ici." in main and "<th>Qui</th>" in main
    assert 'role="note"' not in main
    assert "<span lang=" not in main
    assert rendered.progress.percent == 100 and not rendered.is_partial


def test_the_reader_language_comes_from_the_browser_when_no_choice_was_made(client, conduct):
    main = _main(client.get(reverse("code_of_conduct"), HTTP_ACCEPT_LANGUAGE="sw,en;q=0.5"))

    assert "Kuwa mpole" in main


def test_the_readers_choice_wins_over_the_browser(client, conduct):
    client.cookies["django_language"] = "en"

    main = _main(client.get(reverse("code_of_conduct"), HTTP_ACCEPT_LANGUAGE="sw"))

    assert "Be kind" in main and "Kuwa mpole" not in main
    assert 'role="note"' not in main


def test_a_language_with_no_translation_shows_the_source_with_a_note(client, conduct):
    client.cookies["django_language"] = "ar"

    main = _main(client.get(reverse("code_of_conduct")))
    rendered = selectors.translated_field(conduct, "body", "ar")

    assert "Everyone is welcome here." in main
    assert rendered.is_untranslated and rendered.language == "en"
    assert '<div lang="en" dir="ltr">' in main
    assert main.count('role="note"') == 1


def test_arabic_content_is_marked_right_to_left(client, conduct):
    _translate(conduct, "Everyone is welcome here.", "ar", "الجميع مرحب بهم هنا.")
    client.cookies["django_language"] = "ar"

    main = _main(client.get(reverse("code_of_conduct")))

    assert '<div lang="ar" dir="rtl">' in main
    assert "الجميع مرحب بهم هنا." in main
    assert '<span lang="en" dir="ltr">Be kind</span>' in main


def test_translations_cannot_inject_markup_or_forge_markers(conduct):
    unit = _unit(conduct, "Everyone is welcome here.")
    UnitTranslation.objects.create(
        unit=unit,
        language="fr",
        text='<script>alert(1)</script> [x](javascript:alert(1)) \ue001 \ue003 "',
        source_hash_at_translation=unit.source_hash,
    )

    html = selectors.translated_field(conduct, "body", "fr").html

    assert "<script" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html
    assert "outdated" not in html
    assert html.count("<span") == html.count("</span>")


def test_the_template_filter_gives_a_plain_field_in_the_reader_language(conduct):
    _translate(conduct, "Community code", "sw", "Kanuni <za> jamii")
    template = Template('{% load translated %}{{ conduct|translated:"title" }}')

    from django.utils import translation

    with translation.override("sw"):
        html = template.render(Context({"conduct": conduct}))

    assert html == "Kanuni &lt;za&gt; jamii"
