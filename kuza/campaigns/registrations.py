"""Campaign texts declared to the translation app: readers see them in their language."""

from __future__ import annotations

from kuza.translation import registry


def register_translatable_content() -> None:
    from kuza.campaigns.models import Campaign

    registry.register(
        Campaign,
        fields={"name": registry.PLAIN, "description": registry.MARKDOWN},
        source_language=lambda campaign: campaign.language,
        title=lambda campaign: campaign.name,
    )
