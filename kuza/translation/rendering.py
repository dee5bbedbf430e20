"""Content shown to readers in their language, unit by unit, with the source as fallback.

Markdown is reassembled from translated units and rendered once, so lists and tables stay
whole. To flag single units in that HTML, each unit's Markdown gets private-use markers
(registry.MARKERS, stripped from every text beforehand) that survive rendering and
sanitising as plain characters and are then swapped for fixed HTML: a `lang` span around
a unit shown in the source language, and a "may be out of date" note after an outdated one.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.html import conditional_escape, format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kuza.core.markdown import render_markdown
from kuza.translation import registry
from kuza.translation.fallback import (
    Progress,
    RenderedUnit,
    UnitMismatchError,
    UnitState,
    progress,
    render_translation,
    translate_unit,
)
from kuza.translation.keys import KeyedUnit, Translation
from kuza.translation.languages import language_direction
from kuza.translation.units import Document, UnitKind, reassemble, single_unit, split_markdown

logger = logging.getLogger(__name__)

_OPEN_SOURCE_LANGUAGE, _CLOSE_SOURCE_LANGUAGE, _OUTDATED = registry.MARKERS


@dataclass(frozen=True)
class RenderedField:
    """A field as a reader sees it in `requested_language`."""

    html: SafeString
    """Safe HTML: rendered Markdown, or the escaped plain text with line breaks."""
    text: str
    """The text (Markdown or plain) without any markup added for readers."""
    language: str
    """The language most of the text is in: requested_language once anything is translated."""
    requested_language: str
    source_language: str
    progress: Progress
    outdated_units: tuple[str, ...] = ()

    @property
    def direction(self) -> str:
        return language_direction(self.language)

    @property
    def is_partial(self) -> bool:
        """Some parts are translated and some are shown in the source language."""
        return self.language != self.source_language and self.progress.is_partial

    @property
    def is_untranslated(self) -> bool:
        """The reader asked for another language, and nothing is translated into it yet."""
        return (
            self.requested_language != self.source_language
            and self.language == self.source_language
            and self.progress.total > 0
        )

    def __str__(self) -> str:
        return self.html


def _outdated_note() -> str:
    return format_html(
        ' <span class="muted outdated">{}</span>', _("(this part may be out of date)")
    )


def _replace_markers(html: str, source_language: str) -> SafeString:
    opening = format_html(
        '<span lang="{}" dir="{}">', source_language, language_direction(source_language)
    )
    html = html.replace(_OPEN_SOURCE_LANGUAGE + " ", opening).replace(
        _OPEN_SOURCE_LANGUAGE, opening
    )
    html = html.replace(" " + _CLOSE_SOURCE_LANGUAGE, "</span>").replace(
        _CLOSE_SOURCE_LANGUAGE, "</span>"
    )
    html = html.replace(" " + _OUTDATED, _outdated_note()).replace(_OUTDATED, _outdated_note())
    return mark_safe(html)  # noqa: S308 - sanitised Markdown HTML plus fixed, escaped markup


def _with_markers(unit: RenderedUnit, kind: str, mark_fallback: bool) -> str:
    text = registry.without_markers(unit.text).strip()
    is_row = kind == UnitKind.TABLE_ROW
    if unit.state is UnitState.OUTDATED:
        # Spaces keep emphasis delimiters next to the marker working.
        if is_row and text.endswith("|"):
            return text[:-1].rstrip() + " " + _OUTDATED + " |"
        return text + " " + _OUTDATED
    if unit.state is UnitState.MISSING and mark_fallback and not is_row:
        # A span cannot cross table cells, so source rows stay unmarked.
        return _OPEN_SOURCE_LANGUAGE + " " + text + " " + _CLOSE_SOURCE_LANGUAGE
    return text


def render_markdown_units(
    document: Document,
    units: Sequence[KeyedUnit],
    translations: Mapping[str, Translation],
    *,
    source_language: str,
    requested_language: str,
) -> RenderedField:
    """Render a Markdown document in `requested_language`; raises UnitMismatchError."""
    rendering = render_translation(document, units, translations)
    shown_translated = rendering.progress.translated + rendering.progress.outdated > 0
    mark_fallback = shown_translated and rendering.progress.missing > 0
    replacements = {
        index: _with_markers(rendered, unit.kind, mark_fallback)
        for index, (rendered, unit) in enumerate(zip(rendering.units, units, strict=True))
        if rendered.state is not UnitState.MISSING or mark_fallback
    }
    marked = reassemble(document, replacements)
    return RenderedField(
        html=_replace_markers(render_markdown(marked), source_language),
        text=rendering.text,
        language=requested_language if shown_translated else source_language,
        requested_language=requested_language,
        source_language=source_language,
        progress=rendering.progress,
        outdated_units=rendering.outdated_keys,
    )


def render_plain_units(
    document: Document,
    units: Sequence[KeyedUnit],
    translations: Mapping[str, Translation],
    *,
    source_language: str,
    requested_language: str,
) -> RenderedField:
    """A plain field: one unit at most, shown as escaped text with line breaks."""
    rendering = render_translation(document, units, translations)
    shown_translated = rendering.progress.translated + rendering.progress.outdated > 0
    html = (
        linebreaks(conditional_escape(rendering.text))
        if "\n" in rendering.text.strip()
        else (conditional_escape(rendering.text.strip()))
    )
    if rendering.outdated_keys:
        html = mark_safe(html + _outdated_note())  # noqa: S308 - both parts escaped
    return RenderedField(
        html=mark_safe(html),  # noqa: S308 - escaped above
        text=rendering.text,
        language=requested_language if shown_translated else source_language,
        requested_language=requested_language,
        source_language=source_language,
        progress=rendering.progress,
        outdated_units=rendering.outdated_keys,
    )


def render_source(
    text: str, field_format: str, *, source_language: str, requested_language: str
) -> RenderedField:
    """The source as it is, when no usable units are stored (never synced, or stale)."""
    document = (
        split_markdown(text) if field_format == registry.Format.MARKDOWN else single_unit(text)
    )
    units = tuple(
        KeyedUnit(str(index + 1), unit.text, unit.kind) for index, unit in enumerate(document.units)
    )
    renderer = (
        render_markdown_units if field_format == registry.Format.MARKDOWN else render_plain_units
    )
    return renderer(
        document,
        units,
        {},
        source_language=source_language,
        requested_language=requested_language,
    )


def render_field(
    text: str,
    field_format: str,
    units: Sequence[KeyedUnit],
    translations: Mapping[str, Translation],
    *,
    source_language: str,
    requested_language: str,
) -> RenderedField:
    """The field in `requested_language`, or the source alone if `units` are stale."""
    is_markdown = field_format == registry.Format.MARKDOWN
    document = split_markdown(text) if is_markdown else single_unit(text)
    renderer = render_markdown_units if is_markdown else render_plain_units
    try:
        return renderer(
            document,
            units,
            translations,
            source_language=source_language,
            requested_language=requested_language,
        )
    except UnitMismatchError:
        logger.warning(
            "translation units are stale (the source changed without translation_sync_source); "
            "showing the source"
        )
        return render_source(
            text,
            field_format,
            source_language=source_language,
            requested_language=requested_language,
        )


@dataclass(frozen=True)
class RenderedPart:
    """One named part (e.g. a quiz option) in the reader's language."""

    text: str
    language: str
    is_outdated: bool

    @property
    def direction(self) -> str:
        return language_direction(self.language)

    def __str__(self) -> str:
        return self.text


def render_named_units(
    texts: Mapping[str, str],
    units: Mapping[str, KeyedUnit],
    translations: Mapping[str, Translation],
    *,
    source_language: str,
    requested_language: str,
) -> tuple[dict[str, RenderedPart], Progress]:
    """Each named part translated where its stored unit matches the current text."""
    parts = {}
    shown = []
    for key, text in texts.items():
        unit = units.get(key)
        if unit is None or unit.text != text:
            parts[key] = RenderedPart(text, source_language, False)
            continue
        rendered = translate_unit(unit, translations.get(key))
        shown.append(unit)
        language = source_language if rendered.state is UnitState.MISSING else requested_language
        parts[key] = RenderedPart(rendered.text, language, rendered.state is UnitState.OUTDATED)
    return parts, progress(shown, translations)
