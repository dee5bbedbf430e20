"""`{% load audience %}{% person someone %}`: a person's name and profile link when the viewer
may see that profile, otherwise a neutral label (see kuza.audience.presenter). A name is
isolated in <bdi>, so it reads right inside a sentence of the other direction.

    {% person resource.author %}
    {% person report.reported_user everyone=True %}   {# moderation screens only #}
    {% person row.user label=_("A participant") %}
"""

from django import template
from django.utils.html import format_html

from kuza.audience.presenter import present

register = template.Library()


def _viewer(context):
    request = context.get("request")
    if request is not None:
        return getattr(request, "user", None)
    return context.get("user")


@register.simple_tag(takes_context=True)
def person(context, someone, everyone=False, label=None, link=True):
    shown = present(_viewer(context), someone, everyone=bool(everyone), label=label, link=link)
    if not shown.shown:
        return format_html('<span class="muted">{}</span>', shown.name)
    # A name keeps its own direction inside a sentence of the other direction (Arabic pages).
    if shown.url:
        return format_html('<bdi><a href="{}">{}</a></bdi>', shown.url, shown.name)
    return format_html("<bdi>{}</bdi>", shown.name)
