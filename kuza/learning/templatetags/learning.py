from django import template
from django.utils.safestring import SafeString, mark_safe

from kuza.core.markdown import sanitise_html

register = template.Library()


@register.filter
def sanitised(html: str) -> SafeString:
    """Stored HTML (imported from Open edX) cleaned again on the way out."""
    return mark_safe(sanitise_html(html or ""))  # noqa: S308 - sanitised here
