from django import template

from kuza.safety import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def has_blocked(context, person) -> bool:
    """Whether the viewer blocked `person`: `{% has_blocked person as blocked %}`."""
    request = context.get("request")
    return selectors.has_blocked(getattr(request, "user", None), person)
