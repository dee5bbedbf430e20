"""`{{ image|translated_text:"alt_text" }}`: a plain field in the reader's language, as text.

For attributes (alt, title) where the translation app's `translated` filter, which gives HTML,
cannot go; Django's autoescaping escapes the text.
"""

from __future__ import annotations

from django import template

from kuza.translation.selectors import translated_field

register = template.Library()


@register.filter
def translated_text(obj, field_name: str) -> str:
    return translated_field(obj, field_name).text.strip()
