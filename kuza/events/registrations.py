"""Event texts declared to the translation app: readers see them in their language."""

from __future__ import annotations

from kuza.translation import registry


def register_translatable_content() -> None:
    from kuza.events.models import Event

    registry.register(
        Event,
        fields={"title": registry.PLAIN, "description": registry.MARKDOWN},
        source_language=lambda event: event.language,
        title=lambda event: event.title,
    )
