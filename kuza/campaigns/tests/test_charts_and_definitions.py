"""The SVG chart (pure) and the translated metric definitions."""

from __future__ import annotations

import re
from datetime import date, timedelta
from xml.etree import ElementTree  # noqa: S405 - parses SVG this test suite generated

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from kuza.campaigns.catalogue import METRICS, english_definitions
from kuza.campaigns.charts import HEIGHT, Bar, bar_chart_svg

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # noqa: S314 - our own generated markup


def bars(values: list[int]) -> list[Bar]:
    return [Bar(date(2025, 3, 1) + timedelta(days=n), value) for n, value in enumerate(values)]


def test_bars_scale_to_the_busiest_day_and_name_themselves() -> None:
    svg = parse(bar_chart_svg(bars([2, 0, 4]), title="Edits", description="d"))

    rects = svg.findall(f".//{SVG}rect")
    assert len(rects) == 2  # an empty day draws nothing
    heights = [float(rect.get("height")) for rect in rects]
    assert heights[1] == 2 * heights[0]
    assert [rect.find(f"{SVG}title").text for rect in rects] == ["2025-03-01: 2", "2025-03-03: 4"]
    assert svg.get("role") == "img" and svg.find(f"{SVG}title").text == "Edits"


def test_labels_are_escaped() -> None:
    svg = bar_chart_svg(bars([1]), title="<b>&", description='"quoted"')
    assert "<b>" not in svg and "&lt;b&gt;&amp;" in svg
    parse(svg)  # still well-formed


def test_negative_values_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        bar_chart_svg(bars([-1]), title="t", description="d")


@given(st.lists(st.integers(0, 10**6), max_size=400))
def test_any_series_gives_well_formed_svg_inside_the_box(values: list[int]) -> None:
    svg = parse(bar_chart_svg(bars(values), title="t", description="d"))
    for rect in svg.findall(f".//{SVG}rect"):
        y, height = float(rect.get("y")), float(rect.get("height"))
        assert y >= 0 and y + height <= HEIGHT + 0.1 and height > 0
    assert len(svg.findall(f".//{SVG}rect")) == sum(1 for value in values if value)


def test_every_metric_is_declared_once_with_a_label_and_a_definition() -> None:
    keys = [metric.key for metric in METRICS]
    assert len(keys) == len(set(keys))
    with translation.override("en"):
        for metric in METRICS:
            assert str(metric.label) and len(str(metric.definition).split()) >= 8, metric.key


@pytest.mark.parametrize("language", ["fr", "ar", "sw"])
def test_definitions_are_translated(language: str) -> None:
    english = english_definitions()
    with translation.override(language):
        for metric in METRICS:
            text, key = metric.definition, metric.key
            assert str(text) != english[key], (language, key)
            # Numbers in a definition (30 days, Q5) survive translation.
            assert re.findall(r"\d+", english[key]) == re.findall(
                r"\d+", str(text).translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
            ), (language, key)
