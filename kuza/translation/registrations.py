"""Translatable content of the foundation apps, which load before this one.

Feature apps (learning, library, surveys, skills, credentials) register their own models
from their AppConfig.ready(); the code of conduct lives in accounts, which cannot depend on
this app, so it is declared here.
"""

from __future__ import annotations

from kuza.translation import registry


def register_foundation_content() -> None:
    from kuza.accounts.models import CodeOfConduct

    registry.register(
        CodeOfConduct,
        fields={"title": registry.PLAIN, "body": registry.MARKDOWN},
        title=lambda conduct: f"{conduct.title} v{conduct.version}",
    )
