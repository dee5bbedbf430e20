"""Lesson and quiz text filters.

`{{ image|translated_text:"alt_text" }}`: a plain field in the reader's language, as text, for
attributes (alt, title) where the translation app's `translated` filter, which gives HTML,
cannot go; Django's autoescaping escapes the text.

`{{ intro.html|missing_images_shown }}`: imported HTML with each image the export lacked shown
as a translated note naming the file (rendering.with_missing_images_shown).
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from kuza.learning.rendering import with_missing_images_shown
from kuza.translation.selectors import translated_field

register = template.Library()


@register.filter
def translated_text(obj, field_name: str) -> str:
    return translated_field(obj, field_name).text.strip()


@register.filter
def missing_images_shown(html: SafeString) -> SafeString:
    return with_missing_images_shown(str(html))
