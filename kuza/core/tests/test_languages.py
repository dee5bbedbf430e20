"""The interface languages: the switcher names each in itself, the browser's choice is honoured."""

import datetime
import re

import pytest
from babel import dates
from django.conf import settings
from django.utils import formats, translation

pytestmark = pytest.mark.django_db

ENDONYMS = {
    "en": "English",
    "fr": "français",
    "ar": "العربيّة",
    "sw": "Kiswahili",
    "pt": "Português",
    "ha": "Hausa",
    "yo": "Èdè Yorùbá",
    "ig": "Asụsụ Ìgbò",
    "am": "አማርኛ",
}
_OPTION = re.compile(r'<option value="([^"]+)" lang="([^"]+)"(?: selected)?>([^<]+)</option>')
_HTML_LANG = re.compile(r'<html lang="([^"]+)" dir="([^"]+)">')


def _switcher(html: str) -> list[tuple[str, str, str]]:
    return _OPTION.findall(html)


@pytest.mark.parametrize("interface", [code for code, _name in settings.LANGUAGES])
def test_the_switcher_names_every_language_in_itself_whatever_the_interface(client, interface):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = interface

    html = client.get("/").content.decode()

    assert _switcher(html) == [(code, code, name) for code, name in ENDONYMS.items()]
    assert f'<option value="{interface}" lang="{interface}" selected>' in html


@pytest.mark.parametrize(
    "accept_language,expected",
    [
        ("ha-NG,ha;q=0.9,en;q=0.5", "ha"),
        ("yo", "yo"),
        ("ig-NG", "ig"),
        ("am-ET,am;q=0.9", "am"),
        ("pt-MZ,pt;q=0.9", "pt"),
        ("pt-BR", "pt"),
        ("de-DE,de;q=0.9,sw;q=0.5", "sw"),  # German is not spoken: the next choice is
        ("de-DE,zu;q=0.8", "en"),  # nothing Kuza speaks: English
    ],
)
def test_a_first_visit_is_in_the_browser_s_language_when_kuza_speaks_it(
    client, accept_language, expected
):
    html = client.get("/", headers={"accept-language": accept_language}).content.decode()

    assert _HTML_LANG.search(html).groups() == (expected, "ltr")


def test_the_reader_s_own_choice_wins_over_the_browser_s(client):
    client.post("/i18n/setlang/", {"language": "am", "next": "/"})

    html = client.get("/", headers={"accept-language": "pt-BR,pt;q=0.9"}).content.decode()

    assert _HTML_LANG.search(html).groups() == ("am", "ltr")


def _stylesheet() -> str:
    from django.contrib.staticfiles import finders

    with open(finders.find("kuza/kuza.css"), encoding="utf-8") as css:
        return css.read()


def test_ethiopic_text_reaches_an_installed_ethiopic_font_without_web_fonts():
    css = _stylesheet()
    site_stack = re.search(r"html\{font:[^;]*?/1\.5 ([^;]+);", css).group(1).split(",")
    # Noto Sans Ethiopic (Linux, Android, ChromeOS), Ebrima and Nyala (Windows), Kefa (macOS):
    # a browser falls back along the stack letter by letter, so Ethiopic reaches one of them.
    assert {'"Noto Sans Ethiopic"', "Ebrima", "Nyala", "Kefa"} <= set(site_stack)
    assert site_stack[-1] == "sans-serif"
    # Amharic text (the page, and the switcher's own option) puts the Ethiopic fonts first.
    amharic = re.search(r":lang\(am\)\{font-family:([^}]+)\}", css).group(1).split(",")
    assert amharic[0] == '"Noto Sans Ethiopic"'
    assert "@font-face" not in css and "url(" not in css


# 1234567.5 and 5 March 2026 at 14:30, as each language writes them: its own separators, the
# month in words from its catalog (never a number, never English), the 24-hour clock.
NUMBERS = {
    "en": "1,234,567.5",
    "fr": "1\u202f234\u202f567,5",
    "ar": "1.234.567,5",
    "sw": "1,234,567.5",
    "pt": "1.234.567,5",
    "ha": "1,234,567.5",
    "yo": "1,234,567.5",
    "ig": "1,234,567.5",
    "am": "1,234,567.5",
}
DATE_PATTERNS = {"pt": "d 'de' MMMM 'de' y"}


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_dates_and_numbers_are_written_the_language_s_way(language):
    moment = datetime.datetime(2026, 3, 5, 14, 30)
    with translation.override(language):
        number = formats.number_format(1234567.5, 1, force_grouping=True)
        date = formats.date_format(moment.date(), "SHORT_DATE_FORMAT")
        date_time = formats.date_format(moment, "DATETIME_FORMAT")

    assert number == NUMBERS[language]
    if language != "ig":  # Django's Igbo catalog names the months itself
        pattern = DATE_PATTERNS.get(language, "d MMMM y")
        assert date == dates.format_date(moment.date(), pattern, locale=language)
    assert date.startswith("5 ") and "2026" in date and "03" not in date
    assert language == "en" or "March" not in date
    assert date_time.startswith(date) and date_time.endswith("14:30")
