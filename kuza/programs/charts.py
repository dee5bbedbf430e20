"""A key result's trend as a small SVG line chart (pygal), served as an image with no script."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from pygal.style import Style

_SCRIPT = re.compile(r"<script\b[^>]*/>|<script\b.*?</script>", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def trend_svg(
    points: list[tuple[date, Decimal]], *, target: Decimal, title: str, target_label: str
) -> bytes:
    """The values over time with the target as a second, flat line; dates label the ends.

    `title` names the series; the page shows it as the heading and the image's text.
    """
    import pygal

    top = float(max([target, *(value for _day, value in points)]) or 1)
    style = Style(
        background="#ffffff",
        plot_background="#ffffff",
        foreground="#1d1d1f",
        foreground_strong="#1d1d1f",
        foreground_subtle="#5b5b66",
        colors=("#bf5425", "#5b5b66"),
        font_family="system-ui, sans-serif",
        # Drawn at about a phone's width with 14-unit text: readable on a 360 px screen.
        label_font_size=14,
        major_label_font_size=14,
        value_font_size=14,
        value_label_font_size=14,
        tooltip_font_size=14,
        legend_font_size=14,
    )
    chart = pygal.Line(
        disable_xml_declaration=True,
        js=[],
        style=style,
        width=360,
        height=200,
        show_legend=False,
        show_minor_x_labels=False,
        x_label_rotation=0,
        dots_size=2,
        truncate_label=-1,
        show_y_guides=False,
        range=(0, top),
        y_labels=[0, float(target)] if target else [0, top],
    )
    labels = [day.isoformat() for day, _value in points]
    chart.x_labels = labels
    chart.x_labels_major = [labels[0], labels[-1]] if labels else []
    chart.add(title, [float(value) for _day, value in points])
    chart.add(
        target_label,
        [float(target)] * len(points),
        show_dots=False,
        stroke_style={"dasharray": "4,4"},
    )
    svg = chart.render()
    if isinstance(svg, bytes):
        svg = svg.decode("utf-8")
    return _COMMENT.sub("", _SCRIPT.sub("", svg)).encode("utf-8")
