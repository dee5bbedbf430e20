"""The capacity map as a server-rendered SVG world map (pygal), with no script in it.

Countries are coloured by band ("fewer than 3", "3 to 9", ...), never by exact small numbers;
the page next to the map has the accessible table with the same, coarsened, figures.
"""

from __future__ import annotations

import re
from functools import cache

from django.utils.translation import gettext as _
from django_countries import countries
from pygal.style import Style

from kuza.people.capacity import CountryCapacity
from kuza.people.capacity_rules import count_band, gap_band
from kuza.people.mapshape import compact_svg_map

# The map is 2754 units wide and shown about 900 pixels wide: coordinates are divided by 3 (a
# unit is then about a pixel) and points closer than 8 original units (under 3 pixels) to the
# last one kept are dropped. That keeps the image within the 14 KB page budget, compressed.
OUTLINE_TOLERANCE = 8.0
OUTLINE_SCALE = 3.0
_SCRIPT = re.compile(r"<script\b[^>]*/>|<script\b.*?</script>", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_COUNT_COLOURS = ("#f2c9b5", "#e08a60", "#bf5425", "#8a2b06")
_GAP_COLOURS = ("#b9b9c4", "#2f8a52", "#8a2b06")


@cache
def _compact_world_map() -> str:
    from pygal_maps_world.maps import WORLD_MAP

    return compact_svg_map(WORLD_MAP, OUTLINE_TOLERANCE, OUTLINE_SCALE)


def _count_band_labels() -> list[str]:
    return [_("fewer than 3"), _("3 to 9"), _("10 to 24"), _("25 or more")]


def _gap_band_labels() -> list[str]:
    return [_("too few people to say"), _("offers meet needs"), _("needs exceed offers")]


def _bands(rows: list[CountryCapacity], metric: str) -> tuple[list[str], dict[int, list[str]]]:
    """(band labels, {band index: [lowercase country codes]}), using raw counts nowhere."""
    members: dict[int, list[str]] = {}
    if metric == "gap":
        labels = _gap_band_labels()
        for row in rows:
            band = gap_band(row.needs, row.offers)
            if band is not None:
                members.setdefault(band, []).append(row.country.lower())
        return labels, members
    labels = _count_band_labels()
    for row in rows:
        value = getattr(row, metric)
        # Like the table: any count below 3 (zero included) is "fewer than 3".
        band = 0 if value.is_small else count_band(value.value)
        members.setdefault(band, []).append(row.country.lower())
    return labels, members


def render_capacity_svg(rows: list[CountryCapacity], metric: str, title: str) -> bytes:
    """An SVG world map of `metric` per country, with a legend of bands and no script."""
    from pygal_maps_world.maps import World

    labels, members = _bands(rows, metric)
    colours = _GAP_COLOURS if metric == "gap" else _COUNT_COLOURS
    chart_class = type(
        "KuzaWorld",
        (World,),
        {
            "svg_map": _compact_world_map(),
            "area_names": {code.lower(): str(name) for code, name in countries},
        },
    )
    style = Style(
        background="#ffffff",
        plot_background="#ffffff",
        foreground="#1d1d1f",
        foreground_strong="#1d1d1f",
        foreground_subtle="#5b5b66",
        colors=colours,
        font_family="system-ui, sans-serif",
        # The 900-unit map shows at about 330 px on a phone: 36-unit text is then 13 px.
        legend_font_size=36,
        legend_box_size=30,
        title_font_size=36,
    )
    chart = chart_class(
        disable_xml_declaration=True,
        js=[],
        style=style,
        title=title,
        legend_at_bottom=True,
        legend_at_bottom_columns=1,
        show_legend=True,
        width=900,
        height=760,
        # Tooltips and descriptions name the band ("Kenya: 10 to 24"), never a number.
        value_formatter=lambda value: labels[int(value) - 1],
    )
    for index, label in enumerate(labels):
        # Every country of a band gets the same value, so colour shows the band, not a count.
        chart.add(label, dict.fromkeys(members.get(index, []), index + 1))
    svg = chart.render()
    if isinstance(svg, bytes):
        svg = svg.decode("utf-8")
    svg = _COMMENT.sub("", _SCRIPT.sub("", svg))
    return svg.encode("utf-8")
