"""Lighter country outlines for the capacity map (pure: no Django).

The world map pygal ships draws each country with sub-pixel cubic curves: about 1 MB of
SVG. A map of counts per country needs far less: each outline becomes a polyline through
the curves' end points, rounded to whole units, dropping points closer than `tolerance` to
the last one kept. That keeps every country recognisable at a tenth of the size.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[MmLlHhVvCcSsQqTtZz]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
# How many numbers each command takes per repetition, and how many of them are the end point.
_ARITY = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "t": 2}
_METADATA = re.compile(r"<metadata>.*?</metadata>", re.DOTALL)
_PATH_DATA = re.compile(r'(\sd=")([^"]*)(")')
_PATH_ID = re.compile(r'(<path\b[^>]*?)\s+id="[^"]*"')
_EMPTY_PATH = re.compile(r'<path\s+d=""[^>]*?/>|<path\s+d=""[^>]*>\s*</path>')
_BETWEEN_TAGS = re.compile(r">\s+<")
_VIEW_BOX = re.compile(r'viewBox="([^"]*)"')
_CIRCLE_NUMBER = re.compile(r'\b(cx|cy|r)="(-?[\d.]+)"')
_TRANSFORM = re.compile(r'transform="(translate|matrix)\(([^)]*)\)"')


def _scaled_transform(match: re.Match[str], scale: float) -> str:
    """Only the translation part changes when every coordinate is divided by `scale`."""
    numbers = [float(number) for number in re.split(r"[\s,]+", match.group(2).strip())]
    if match.group(1) == "translate":
        numbers = [number / scale for number in numbers]
    else:
        numbers[4:6] = [number / scale for number in numbers[4:6]]
    return f'transform="{match.group(1)}({",".join(f"{number:g}" for number in numbers)})"'


class PathError(ValueError):
    """Path data this simplifier does not understand (arcs, or a broken command)."""


def _tokens(data: str) -> list[str]:
    tokens = _TOKEN.findall(data)
    leftover = _TOKEN.sub("", data).replace(",", "").strip()
    if leftover:
        raise PathError(f"unexpected path data: {leftover[:20]!r}")
    return tokens


def subpaths(data: str) -> list[list[tuple[float, float]]]:
    """Absolute points of each sub-path: curve end points only, control points dropped."""
    result: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    x = y = start_x = start_y = 0.0
    command = ""
    numbers: list[float] = []

    def flush() -> None:
        nonlocal x, y, start_x, start_y, command
        arity = _ARITY[command.lower()]
        if len(numbers) % arity:
            raise PathError(f"{command} needs multiples of {arity} numbers")
        relative = command.islower()
        for index in range(0, len(numbers), arity):
            group = numbers[index : index + arity]
            kind = command.lower()
            if kind == "h":
                x = x + group[0] if relative else group[0]
            elif kind == "v":
                y = y + group[0] if relative else group[0]
            else:
                end_x, end_y = group[-2], group[-1]
                x, y = (x + end_x, y + end_y) if relative else (end_x, end_y)
            if kind == "m" and index == 0:
                if current:
                    result.append(list(current))
                current.clear()
                start_x, start_y = x, y
            current.append((x, y))
        # After a move, further pairs are line segments.
        if command in "mM":
            command = "l" if command == "m" else "L"

    for part in _tokens(data):
        if part.isalpha():
            if command and command.lower() != "z":
                if not numbers and command.lower() != "z":
                    raise PathError(f"{command} without numbers")
                flush()
            numbers = []
            command = part
            if part in "zZ":
                x, y = start_x, start_y
        else:
            if not command or command in "zZ":
                raise PathError("numbers before any command")
            numbers.append(float(part))
    if command and command not in "zZ":
        flush()
    if current:
        result.append(list(current))
    return result


def simplify(data: str, tolerance: float = 2.0, scale: float = 1.0) -> str:
    """Equivalent outline as absolute whole-unit polylines (`M x y L ... Z` per sub-path).

    Coordinates are divided by `scale` first (the caller shrinks the viewBox to match), so
    that whole units are about a pixel where the map is shown: shorter numbers, same picture.
    `tolerance` is in the original units.
    """
    parts = []
    tolerance = tolerance / scale
    for original in subpaths(data):
        points = [(px / scale, py / scale) for px, py in original]
        kept = [(round(points[0][0]), round(points[0][1]))]
        for px, py in points[1:]:
            last_x, last_y = kept[-1]
            if abs(px - last_x) >= tolerance or abs(py - last_y) >= tolerance:
                kept.append((round(px), round(py)))
        if len(kept) < 3:
            continue  # an islet smaller than the tolerance
        xs, ys = [px for px, _py in kept], [py for _px, py in kept]
        if max(xs) - min(xs) < 2 * tolerance and max(ys) - min(ys) < 2 * tolerance:
            continue  # a speck: invisible at the size the map is shown
        # Relative steps between rounded absolute points: short numbers, no drift.
        steps = [f"{b[0] - a[0]} {b[1] - a[1]}" for a, b in zip(kept, kept[1:], strict=False)]
        parts.append(f"M{kept[0][0]} {kept[0][1]}l{' '.join(steps)}z")
    return "".join(parts)


def _scaled_numbers(text: str, scale: float) -> str:
    return " ".join(f"{float(number) / scale:g}" for number in text.split())


def _scale_attributes(svg: str, scale: float) -> str:
    if scale == 1:
        return svg
    svg = _VIEW_BOX.sub(lambda match: f'viewBox="{_scaled_numbers(match.group(1), scale)}"', svg, 1)
    svg = _TRANSFORM.sub(lambda match: _scaled_transform(match, scale), svg)
    return _CIRCLE_NUMBER.sub(
        lambda match: f'{match.group(1)}="{round(float(match.group(2)) / scale, 1):g}"', svg
    )


def compact_svg_map(svg: str, tolerance: float = 2.0, scale: float = 1.0) -> str:
    """The map's SVG with metadata removed, every path simplified, and nothing left unused.

    Countries are found by their group's class, so the paths' ids go; paths left empty by
    the simplification go; so does the indentation between elements.
    """
    svg = _scale_attributes(_METADATA.sub("", svg), scale)
    svg = _PATH_DATA.sub(
        lambda match: match.group(1) + simplify(match.group(2), tolerance, scale) + match.group(3),
        svg,
    )
    svg = _PATH_ID.sub(r"\1", svg)
    svg = _EMPTY_PATH.sub("", svg)
    return _BETWEEN_TAGS.sub("><", svg)
