"""Certificates in every interface language: Amharic renders in Ethiopic, and no language's
certificate text in any language uses a letter the fonts Kuza ships cannot draw."""

from __future__ import annotations

import datetime
import io
import unicodedata

import pytest
from babel import dates as babel_dates
from babel.messages.pofile import read_po
from django.utils import translation
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from kuza.core import catalogs
from kuza.credentials import certificates, services
from kuza.credentials.tests.factories import BadgeClassFactory
from kuza.credentials.tests.test_certificates import certificate_for, words

AMHARIC_NAME = "መቅደስ ተክለ ሃይማኖት"
AMHARIC_TITLE = "የዊኪፔዲያ አርትዖት መሠረታዊ ትምህርት"


@pytest.mark.django_db
def test_an_amharic_certificate_carries_the_amharic_name_title_and_date(settings):
    assertion = certificate_for(AMHARIC_NAME, settings)
    assertion.badge_class = BadgeClassFactory(name=AMHARIC_TITLE, is_certificate=True)
    assertion.issued_on = datetime.datetime(2026, 3, 5, 9, 0, tzinfo=datetime.UTC)
    assertion.save()

    with translation.override("am"):
        pdf = services.certificate_render(assertion=assertion)
        heading = translation.gettext("Certificate of achievement")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)

    assert words(AMHARIC_NAME) <= words(text), text
    assert words(AMHARIC_TITLE) <= words(text), text
    march = babel_dates.format_date(datetime.date(2026, 3, 5), "MMM", locale="am")
    assert march in text  # the date in Amharic, from Kuza's Django strings for Amharic
    assert words(heading) <= words(text)


def _drawable() -> set[int]:
    covered: set[int] = set()
    for path in certificates.find_fonts().values():
        covered |= set(TTFont(path).getBestCmap())
    return covered


def _certificate_catalog_letters(language: str) -> set[str]:
    """Letters of the catalogs a certificate draws from: credentials', and Django's dates."""
    credentials = catalogs.KUZA_DIR / "credentials" / "locale" / language / "LC_MESSAGES"
    paths = [credentials / "django.po", catalogs.third_party_po_file(language)]
    letters: set[str] = set()
    for path in paths:
        if not path.exists():
            continue
        with path.open("rb") as po_file:
            for message in read_po(po_file):
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                letters.update("".join(strings))
    return letters


@pytest.mark.parametrize("language", catalogs.TRANSLATED_LANGUAGES)
def test_the_certificate_fonts_draw_every_letter_a_certificate_may_use_in_each_language(language):
    drawable = _drawable()

    missing = {
        letter
        for letter in _certificate_catalog_letters(language)
        if unicodedata.category(letter) not in {"Cc", "Cf", "Zs"} and ord(letter) not in drawable
    }

    assert not missing, sorted(f"U+{ord(letter):04X} {letter}" for letter in missing)
