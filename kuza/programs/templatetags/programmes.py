"""Template helpers of programme pages.

`{% part_of_programmes obj %}`: "Part of programme X" on a course, event or campaign page.

    {% load programmes %}{% part_of_programmes event %}

Shows only the programmes the viewer may see (see `selectors.programmes_linked_to`).

`{{ value|quantity }}`: a key result's figure as people read it in the active language:
150, 2.5 (2,5 in French), never 1.5E+2 or 150.00.
"""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from kuza.programs import selectors
from kuza.programs.figures import plain_decimal

register = template.Library()


@register.inclusion_tag("programs/includes/part_of.html", takes_context=True)
def part_of_programmes(context, obj) -> dict:
    request = context.get("request")
    viewer = getattr(request, "user", None)
    return {"programmes": list(selectors.programmes_linked_to(obj, viewer))}


@register.filter
def quantity(value) -> str:
    if value is None or value == "":
        return ""
    plain = plain_decimal(Decimal(value))
    places = max(-plain.as_tuple().exponent, 0)
    return number_format(plain, decimal_pos=places, use_l10n=True)
