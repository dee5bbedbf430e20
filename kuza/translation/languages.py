"""Languages content can be translated into, their names and writing direction."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.utils.translation import get_language_info

# Right-to-left scripts for languages Django's own table does not know.
_RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "ha-arab", "he", "khw", "ks", "ku-arab", "ps", "sd", "ug"}
    | {"ur", "yi", "syr", "azb", "mzn", "glk", "lrc", "bal", "bqi", "skr", "nqo"}
)


def content_languages() -> tuple[str, ...]:
    """Codes of the languages readers can choose, which are the ones content is translated to.

    Readers choose among settings.LANGUAGES (LocaleMiddleware activates no other); a
    deployment may add languages only translators work in with KUZA_TRANSLATION_EXTRA_LANGUAGES.
    """
    codes = [code for code, _name in settings.LANGUAGES]
    extra = getattr(settings, "KUZA_TRANSLATION_EXTRA_LANGUAGES", ())
    return tuple(dict.fromkeys([*codes, *extra]))


def _django_info(code: str) -> dict | None:
    try:
        return get_language_info(code)
    except KeyError:
        return None


def language_direction(code: str) -> str:
    """'rtl' or 'ltr' for a language code such as 'ar', 'fa', 'pt-BR'."""
    info = _django_info(code)
    if info is not None:
        return "rtl" if info["bidi"] else "ltr"
    normalised = code.lower().replace("_", "-")
    if normalised in _RTL_LANGUAGES or normalised.split("-")[0] in _RTL_LANGUAGES:
        return "rtl"
    return "ltr"


def language_name(code: str) -> str:
    """The language's name in its own language, e.g. 'Kiswahili', 'العربيّة'."""
    info = _django_info(code)
    if info is not None:
        return info["name_local"]
    try:
        return Locale.parse(code.replace("-", "_")).get_display_name() or code
    except (UnknownLocaleError, ValueError):
        return code


def language_label(code: str) -> str:
    """The language's name in the active interface language, e.g. 'French' or 'Français'."""
    info = _django_info(code)
    if info is not None:
        return str(info["name_translated"])
    from django.utils.translation import get_language

    try:
        interface = Locale.parse((get_language() or "en").replace("-", "_"))
        return Locale.parse(code.replace("-", "_")).get_display_name(interface) or code
    except (UnknownLocaleError, ValueError):
        return code
