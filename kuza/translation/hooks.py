"""Signal receivers the registry connects for models declared with sync_on_save."""

from __future__ import annotations

from django.db import models


def sync_after_save(
    sender: type[models.Model], instance: models.Model, raw: bool, **kwargs
) -> None:
    if raw:  # loading fixtures: related rows may not exist yet
        return
    from kuza.translation.services import translation_sync_source

    translation_sync_source(obj=instance)


def forget_after_delete(sender: type[models.Model], instance: models.Model, **kwargs) -> None:
    from kuza.translation.services import translation_forget_source

    translation_forget_source(model=sender, object_id=instance.pk)
