"""Template helpers for showing translated content.

    {% load translated %}
    {% translated_field lesson "body" as body %}
    <div lang="{{ body.language }}" dir="{{ body.direction }}">{{ body.html }}</div>
    {% include "translation/includes/partial_notice.html" with rendered=body %}

or, for a short field, `{{ skill|translated:"name" }}` (safe HTML in the reader's language).
"""

from __future__ import annotations

from django import template

from kuza.translation import languages, selectors
from kuza.translation.rendering import RenderedField

register = template.Library()


@register.simple_tag
def translated_field(obj, field_name: str, language: str = "") -> RenderedField:
    return selectors.translated_field(obj, field_name, language or None)


@register.filter
def translated(obj, field_name: str):
    return selectors.translated_field(obj, field_name).html


@register.filter
def language_label(code: str) -> str:
    return languages.language_label(code)


@register.filter
def language_dir(code: str) -> str:
    return languages.language_direction(code)
