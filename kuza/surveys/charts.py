"""Horizontal bar charts of survey results as small inline SVG (pure: no Django, no script).

Like `kuza.campaigns.charts`: pygal's output carries its own stylesheet and script hooks, too
heavy for a 14 KB page. A count hidden by the small-count rule is drawn as an outlined stub
labelled "fewer than 3", never as a bar of its real length. Labels arrive translated.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from kuza.surveys.tally import Row

# Drawn at about a phone's width, so that on a 360 px screen the labels stay at their size;
# a long label is cut (its whole text is the bar's <title> and in the table).
WIDTH = 360
FONT_SIZE = 13
ROW_HEIGHT = 22
LABEL_WIDTH = 150
VALUE_WIDTH = 80
_BAR_SPACE = WIDTH - LABEL_WIDTH - VALUE_WIDTH
_STUB = 6  # width of the outlined stub for a hidden count
MAX_LABEL = 20


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def bars_svg(rows: Sequence[Row], *, title: str, fewer_than: str) -> str:
    """An accessible SVG, one labelled bar per row, scaled to the largest shown count.

    `fewer_than` is the translated "fewer than 3", written for hidden counts.
    """
    height = ROW_HEIGHT * max(len(rows), 1) + 4
    peak = max((row.count.value or 0 for row in rows), default=0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'direction="ltr" font-size="{FONT_SIZE}"><title>{escape(title)}</title>'
    ]
    for index, row in enumerate(rows):
        y = index * ROW_HEIGHT + 2
        text_y = y + 14
        value = row.count.value
        parts.append(
            f'<text x="0" y="{text_y}" fill="currentColor">{escape(_short(row.label))}'
            f"<title>{escape(row.label)}</title></text>"
        )
        if value is None:
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{_STUB}" height="12" '
                'fill="none" stroke="currentColor"/>'
                f'<text x="{LABEL_WIDTH + _STUB + 6}" y="{text_y}" fill="currentColor">'
                f"{escape(fewer_than)}</text>"
            )
            continue
        width = _BAR_SPACE * value / peak if peak and value else 0
        if width:
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{_number(width)}" height="12" '
                'fill="currentColor"/>'
            )
        parts.append(
            f'<text x="{_number(LABEL_WIDTH + width + 6)}" y="{text_y}" fill="currentColor">'
            f"{value}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
