"""Languages picked by name: fields show a stored tag as its name in the reader's language and
accept a name (in most languages: "Kiswahili", "Swahili", "السواحيلية") or a tag back."""

from __future__ import annotations

import langcodes
from django import forms
from django.conf import settings
from django.utils.translation import get_language


def language_tag(text: str) -> str | None:
    """The standard tag of a language given by its tag ("sw") or its name in Kuza's interface
    languages or in its own ("Swahili", "Kiswahili", "السواحيلية"); None if neither.

    langcodes' search also takes near names ("klingonish" finds Klingon), so a name is accepted
    only when it is exactly one of the found language's names."""
    text = " ".join(text.split())
    if not text:
        return None
    if langcodes.tag_is_valid(text):
        return langcodes.standardize_tag(text)
    try:
        found = langcodes.find(text)
    except (LookupError, ValueError):
        return None
    tag = langcodes.standardize_tag(found.to_tag())
    names = {found.autonym().casefold()}
    names |= {found.display_name(code).casefold() for code, _name in settings.LANGUAGES}
    return tag if text.casefold() in names else None


def language_display(tag: str, language: str | None = None) -> str:
    """`tag`'s name in `language` (default: the active one): "sw" -> "Swahili" / "Kiswahili"."""
    try:
        return langcodes.Language.get(tag).display_name(language or get_language() or "en")
    except (LookupError, ValueError):
        return tag


class LanguageNamesWidget(forms.TextInput):
    """Shows a list of tags (or a single tag) as names separated by commas."""

    def format_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(language_display(tag) for tag in value)
        if isinstance(value, str) and value and langcodes.tag_is_valid(value.split(",")[0]):
            return ", ".join(language_display(tag.strip()) for tag in value.split(",") if tag)
        return super().format_value(value)
