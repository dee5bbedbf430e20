"""The translator's editor: order, per-unit saving, confirming, right-to-left, page weight."""

import re

import pytest
from django.urls import reverse

from kuza.core.pagecheck import check_page
from kuza.translation.languages import language_direction
from kuza.translation.models import SourceUnit, TranslatableObject, UnitTranslation
from kuza.translation.tests.factories import CodeOfConductFactory, TranslatorRoleFactory
from kuza.translation.units import source_hash
from kuza.translation.views import UNITS_PER_PAGE

pytestmark = pytest.mark.django_db

BODY = "First part.\n\nSecond part.\n\nThird part.\n"


@pytest.fixture
def conduct():
    return CodeOfConductFactory(body=BODY, title="Code")


def _unit(conduct, text):
    return SourceUnit.objects.get(field__translatable__object_id=conduct.pk, text=text)


def _editor(client, conduct, language="fr", page=1):
    translatable = TranslatableObject.objects.get(object_id=conduct.pk)
    return client.get(
        reverse("translation:editor", args=[translatable.pk, language]), {"page": page}
    )


def _login_translator(client, language="fr"):
    user = TranslatorRoleFactory(language=language).user
    client.force_login(user)
    return user


def _section_order(html: str) -> list[str]:
    return re.findall(r'<p lang="en" dir="ltr">([^<]+)</p>', html)


def test_missing_and_outdated_units_come_before_translated_ones(client, conduct):
    _login_translator(client)
    first, second = _unit(conduct, "First part."), _unit(conduct, "Second part.")
    UnitTranslation.objects.create(
        unit=first,
        language="fr",
        text="Première partie.",
        source_hash_at_translation=first.source_hash,
    )
    UnitTranslation.objects.create(
        unit=second,
        language="fr",
        text="Deuxième.",
        source_hash_at_translation=source_hash("Second draft."),
    )

    html = _editor(client, conduct).content.decode()

    assert _section_order(html) == ["Second part.", "Third part.", "Code", "First part."]
    assert "Still correct" in html and html.count('value="confirm"') == 1


def test_saving_a_unit_redirects_to_its_anchor_and_stores_the_hash_seen(client, conduct):
    user = _login_translator(client)
    unit = _unit(conduct, "Third part.")

    response = client.post(
        reverse("translation:unit_save", args=[unit.field.translatable_id, "fr", unit.pk]),
        {"text": "Troisième partie.", "source_hash": unit.source_hash, "action": "save"},
    )

    assert response.status_code == 302
    assert response["Location"].endswith(f"#unit-{unit.pk}")
    translation = UnitTranslation.objects.get(unit=unit, language="fr")
    assert (translation.text, translation.translator, translation.is_outdated) == (
        "Troisième partie.",
        user,
        False,
    )
    assert f'id="unit-{unit.pk}"' in client.get(response["Location"]).content.decode()


def test_a_translation_of_a_source_that_changed_meanwhile_is_saved_as_outdated(client, conduct):
    _login_translator(client)
    unit = _unit(conduct, "Third part.")
    seen = unit.source_hash
    conduct.body = BODY.replace("Third part.", "Third part, reworded.")
    conduct.save()

    response = client.post(
        reverse("translation:unit_save", args=[unit.field.translatable_id, "fr", unit.pk]),
        {"text": "Troisième partie.", "source_hash": seen, "action": "save"},
        follow=True,
    )

    assert "the source changed while you worked" in response.content.decode()
    assert UnitTranslation.objects.get(unit=unit, language="fr").is_outdated


def test_confirming_an_outdated_translation_keeps_its_text_and_makes_it_current(client, conduct):
    _login_translator(client)
    unit = _unit(conduct, "First part.")
    UnitTranslation.objects.create(
        unit=unit, language="fr", text="Première partie.", source_hash_at_translation=""
    )

    client.post(
        reverse("translation:unit_save", args=[unit.field.translatable_id, "fr", unit.pk]),
        {"text": "", "source_hash": unit.source_hash, "action": "confirm"},
    )

    translation = UnitTranslation.objects.get(unit=unit, language="fr")
    assert translation.text == "Première partie." and not translation.is_outdated


def test_a_blank_translation_is_refused_with_a_message(client, conduct):
    _login_translator(client)
    unit = _unit(conduct, "First part.")

    response = client.post(
        reverse("translation:unit_save", args=[unit.field.translatable_id, "fr", unit.pk]),
        {"text": "   ", "source_hash": unit.source_hash, "action": "save"},
        follow=True,
    )

    assert "Write a translation before saving." in response.content.decode()
    assert not UnitTranslation.objects.exists()


def test_the_arabic_editor_writes_translations_right_to_left(client, conduct):
    _login_translator(client, "ar")

    html = _editor(client, conduct, "ar").content.decode()

    assert html.count('lang="ar" dir="rtl"') == 4  # one textarea per unit
    assert re.search(r'<textarea[^>]*lang="ar" dir="rtl"', html)
    assert '<p lang="en" dir="ltr">First part.</p>' in html


def test_languages_beyond_the_interface_ones_get_their_direction(client, conduct, settings):
    settings.KUZA_TRANSLATION_EXTRA_LANGUAGES = ["fa", "ha"]
    _login_translator(client, "fa")

    html = _editor(client, conduct, "fa").content.decode()

    assert re.search(r'<textarea[^>]*lang="fa" dir="rtl"', html)


@pytest.mark.parametrize(
    "code,direction",
    [
        ("ar", "rtl"),
        ("he", "rtl"),
        ("fa", "rtl"),
        ("ur", "rtl"),
        ("ckb", "rtl"),
        ("ps", "rtl"),
        ("dv", "rtl"),
        ("syr", "rtl"),
        ("ar-ma", "rtl"),
        ("sw", "ltr"),
        ("fr", "ltr"),
        ("ha", "ltr"),
        ("am", "ltr"),
        ("zz", "ltr"),
    ],
)
def test_language_direction(code, direction):
    assert language_direction(code) == direction


def test_an_editor_page_of_a_long_text_stays_within_the_page_budget(client):
    paragraphs = [
        f"Paragraph {number}: " + "open knowledge grows when everyone can take part " * 12
        for number in range(60)
    ]
    conduct = CodeOfConductFactory(body="\n\n".join(paragraphs), title="Long")
    _login_translator(client)

    pages = []
    for page in (1, 2, 8):
        response = _editor(client, conduct, page=page)
        pages.append(check_page(response.request["PATH_INFO"], response.content))

    assert all(not report.problems() for report in pages), [r.problems() for r in pages]
    assert (
        len(re.findall(r"<textarea", _editor(client, conduct).content.decode())) == UNITS_PER_PAGE
    )
