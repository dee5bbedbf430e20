"""A small server-rendered SVG bar chart of a daily series (no script, no library).

pygal would do, but its output carries its own stylesheet and script hooks; a campaign page
must stay under 14 KB, so this draws just the bars, two date labels and the peak, with a
text description for screen readers. Django-free: labels arrive already translated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

# Drawn at about a phone's width, so that on a 360 px screen the labels stay at their size.
WIDTH = 360
HEIGHT = 140
FONT_SIZE = 13
_TOP = 16  # room for the peak label
_BOTTOM = 20  # room for the date labels


@dataclass(frozen=True)
class Bar:
    day: date
    value: int


def _number(value: float) -> str:
    """Short coordinates keep the markup small: 12.5, not 12.500000001."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def bar_chart_svg(bars: Sequence[Bar], *, title: str, description: str) -> str:
    """An accessible SVG: `title` names it, `description` says in words what it shows.

    Bars scale to the largest value; a series of zeros draws a flat baseline only. Each bar
    carries a <title> (its date and value) so pointing at it tells the number.
    """
    if any(bar.value < 0 for bar in bars):
        raise ValueError("bar values must not be negative")
    plot = HEIGHT - _TOP - _BOTTOM
    peak = max((bar.value for bar in bars), default=0)
    slot = WIDTH / max(len(bars), 1)
    gap = slot * 0.15 if slot > 4 else 0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-title chart-desc" direction="ltr">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(description)}</desc>',
        f'<line x1="0" y1="{HEIGHT - _BOTTOM}" x2="{WIDTH}" y2="{HEIGHT - _BOTTOM}" '
        'stroke="currentColor" stroke-width="1"/>',
        '<g fill="currentColor">',
    ]
    for index, bar in enumerate(bars):
        if not bar.value:
            continue
        height = max(1.0, plot * bar.value / peak)  # a day with edits never looks empty
        x = index * slot + gap / 2
        y = HEIGHT - _BOTTOM - height
        parts.append(
            f'<rect x="{_number(x)}" y="{_number(y)}" width="{_number(slot - gap)}" '
            f'height="{_number(height)}"><title>{bar.day.isoformat()}: {bar.value}</title></rect>'
        )
    parts.append("</g>")
    if bars:
        baseline = HEIGHT - 5
        parts.append(
            f'<g font-size="{FONT_SIZE}" fill="currentColor"><text x="0" y="{baseline}">'
            f"{bars[0].day.isoformat()}</text>"
            f'<text x="{WIDTH}" y="{baseline}" text-anchor="end">{bars[-1].day.isoformat()}</text>'
            f'<text x="0" y="{FONT_SIZE}">{peak}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


BAR_WIDTH = 200
BAR_HEIGHT = 12


def progress_bar_svg(fraction: float, *, label: str) -> str:
    """A goal's progress bar: the track, the part done, and `label` (in words) for screen
    readers and as the tooltip. Drawn on the server; no script, no stylesheet needed."""
    if not 0 <= fraction <= 1:
        raise ValueError(f"fraction must be between 0 and 1, got {fraction}")
    done = _number(BAR_WIDTH * fraction)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="goal" viewBox="0 0 {BAR_WIDTH} '
        f'{BAR_HEIGHT}" width="{BAR_WIDTH}" height="{BAR_HEIGHT}" role="img" '
        f'aria-label="{escape(label)}" direction="ltr"><title>{escape(label)}</title>'
        f'<rect width="{BAR_WIDTH}" height="{BAR_HEIGHT}" fill="none" stroke="currentColor"/>'
        f'<rect width="{done}" height="{BAR_HEIGHT}" fill="currentColor"/></svg>'
    )
