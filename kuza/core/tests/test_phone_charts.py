"""Charts and the capacity map stay readable on a 360 px phone (#20 item 15).

An SVG scales to the width it is given: on a 360 px screen the page leaves about 328 px for
it, so text drawn at `size` units in a viewBox `width` units wide shows at size * 328 / width
pixels. Below 10 px it cannot be read.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest

from kuza.campaigns.charts import Bar, bar_chart_svg
from kuza.people.mapchart import render_capacity_svg
from kuza.programs.charts import trend_svg
from kuza.surveys.charts import bars_svg
from kuza.surveys.tally import Row, shown

PHONE_CONTENT_PX = 328
READABLE_PX = 10


def _width(svg: str) -> float:
    view_box = re.search(r'viewBox="([-\d. ]+)"', svg)
    if view_box:
        return float(view_box.group(1).split()[2])
    return float(re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg).group(1))


def _text_sizes(svg: str, selectors=None) -> list[float]:
    sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)"', svg)]
    for selector, size in re.findall(r"([^{}]*)\{[^}]*font-size:\s*([\d.]+)px", svg):
        if selectors is None or any(name in selector for name in selectors):
            sizes.append(float(size))
    return sizes


def _smallest_on_a_phone(svg: str, selectors=None) -> float:
    sizes = _text_sizes(svg, selectors)
    assert sizes, "no text size found"
    return min(sizes) * PHONE_CONTENT_PX / _width(svg)


def test_the_campaign_and_survey_charts_are_readable_on_a_phone():
    start = date(2026, 1, 1)
    bars = [Bar(start + timedelta(days=day), day * 3) for day in range(30)]
    rows = [Row(str(index), f"Option {index}", shown(index * 4)) for index in range(5)]

    for svg in [
        bar_chart_svg(bars, title="Edits per day", description="30 days"),
        bars_svg(rows, title="Answers", fewer_than="fewer than 3"),
    ]:
        assert _smallest_on_a_phone(svg) >= READABLE_PX


def test_the_programme_trend_is_readable_on_a_phone():
    points = [(date(2026, 1, day), Decimal(day)) for day in range(1, 20)]

    svg = trend_svg(points, target=Decimal(30), title="Editors", target_label="Target").decode()

    assert _smallest_on_a_phone(svg, selectors=(".axis", ".title", "text")) >= READABLE_PX


@pytest.mark.parametrize("metric", ["mentors", "gap"])
def test_the_capacity_map_legend_is_readable_on_a_phone(metric):
    svg = render_capacity_svg([], metric, "Mentors").decode()

    assert _smallest_on_a_phone(svg, selectors=(".legends", ".title")) >= READABLE_PX
