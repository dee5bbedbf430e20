import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kuza.people.mapshape import PathError, compact_svg_map, simplify, subpaths

points = st.lists(
    st.tuples(st.integers(-500, 500), st.integers(-500, 500)), min_size=3, max_size=40
)


def relative_path(absolute: list[tuple[int, int]]) -> str:
    start = absolute[0]
    steps = [f"{b[0] - a[0]},{b[1] - a[1]}" for a, b in zip(absolute, absolute[1:], strict=False)]
    return f"m {start[0]},{start[1]} " + " ".join(steps) + " z"


@given(points)
def test_relative_lines_are_read_back_as_the_same_absolute_points(absolute):
    assert subpaths(relative_path(absolute)) == [[(float(x), float(y)) for x, y in absolute]]


@given(points, st.floats(min_value=0.5, max_value=10))
def test_simplified_outlines_keep_their_start_and_stay_within_the_points_bounds(
    absolute, tolerance
):
    result = simplify(relative_path(absolute), tolerance)
    if not result:
        return  # everything within the tolerance of the start: an islet dropped
    (kept,) = subpaths(result)
    xs = [x for x, _y in absolute]
    ys = [y for _x, y in absolute]
    assert kept[0] == (float(absolute[0][0]), float(absolute[0][1]))
    assert all(min(xs) <= x <= max(xs) and min(ys) <= y <= max(ys) for x, y in kept)
    assert len(kept) <= len(absolute)


def test_curves_keep_their_end_points_and_subpaths_continue_from_the_last_close():
    data = "m 10,10 c 1,1 2,2 10,0 5,5 6,6 0,10 z m 100,0 l 10,0 0,10 z"
    assert subpaths(data) == [
        [(10, 10), (20, 10), (20, 20)],
        [(110, 10), (120, 10), (120, 20)],
    ]


def test_absolute_horizontal_and_vertical_commands():
    assert subpaths("M 0 0 H 10 V 10 h -10 v -10 Z") == [
        [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]
    ]


@pytest.mark.parametrize("data", ["m 0,0 a 1 1 0 0 1 5 5", "10 10", "m 0"])
def test_unsupported_or_broken_path_data_is_refused(data):
    with pytest.raises(PathError):
        subpaths(data)


def test_the_shipped_world_map_becomes_much_smaller_and_keeps_every_country():
    from pygal_maps_world.maps import WORLD_MAP

    compact = compact_svg_map(WORLD_MAP, 8.0, 3.0)

    assert len(compact) < len(WORLD_MAP) / 20
    assert "<metadata>" not in compact
    countries = re.findall(r'class="(\w+) country', WORLD_MAP)
    assert re.findall(r'class="(\w+) country', compact) == countries
    assert 'viewBox="-10 20.3333 918 466"' in compact  # scaled with the coordinates
    assert ' d=""' not in compact and 'id="path' not in compact


def test_scaling_divides_coordinates_and_translations_alike():
    svg = (
        '<svg viewBox="0 0 300 300"><g class="xx country map-element">'
        '<path id="p1" d="M 30 30 L 90 30 L 90 90 Z" transform="translate(30,-60)" />'
        '<path id="p2" d="" /><circle r="6" cx="300" cy="150" /></g></svg>'
    )

    compact = compact_svg_map(svg, 1.0, 3.0)

    assert compact == (
        '<svg viewBox="0 0 100 100"><g class="xx country map-element">'
        '<path d="M10 10l20 0 0 20z" transform="translate(10,-20)" />'
        '<circle r="2" cx="100" cy="50" /></g></svg>'
    )
