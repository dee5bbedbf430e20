"""`{% load audience %}{% person someone %}`: a person's name and profile link when the viewer
may see that profile, otherwise a neutral label (see kuza.audience.presenter).

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
    shown = present(_viewer(context), someone, everyone=bool(everyone), label=label)
    if not shown.shown:
        return format_html('<span class="muted">{}</span>', shown.name)
    if link and shown.url:
        return format_html('<a href="{}">{}</a>', shown.url, shown.name)
    return format_html("{}", shown.name)
