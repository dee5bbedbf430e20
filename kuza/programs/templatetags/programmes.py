"""`{% part_of_programmes obj %}`: "Part of programme X" on a course, event or campaign page.

    {% load programmes %}{% part_of_programmes event %}

Shows only the programmes the viewer may see (see `selectors.programmes_linked_to`).
"""

from __future__ import annotations

from django import template

from kuza.programs import selectors

register = template.Library()


@register.inclusion_tag("programs/includes/part_of.html", takes_context=True)
def part_of_programmes(context, obj) -> dict:
    request = context.get("request")
    viewer = getattr(request, "user", None)
    return {"programmes": list(selectors.programmes_linked_to(obj, viewer))}
