from django import template
from django.urls import reverse

from kuza.safety import reportables, selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def has_blocked(context, person) -> bool:
    """Whether the viewer blocked `person`: `{% has_blocked person as blocked %}`."""
    request = context.get("request")
    return selectors.has_blocked(getattr(request, "user", None), person)


@register.simple_tag
def report_url(target) -> str:
    """Where to report `target`, from the reportables registry (no kind strings in templates):
    `<a href="{% report_url event %}">`. Empty for what cannot be reported."""
    reportable = reportables.for_model(type(target)) if target is not None else None
    if reportable is None:
        return ""
    return reverse("safety:report", args=[reportable.kind, target.pk])
