"""The interface languages: the switcher names each in itself, the browser's choice is honoured."""

import re

import pytest
from django.conf import settings

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
