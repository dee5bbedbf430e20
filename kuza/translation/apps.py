from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationConfig(AppConfig):
    name = "kuza.translation"
    label = "translation"
    verbose_name = _("Translation")

    def ready(self) -> None:
        from kuza.core import navigation
        from kuza.core.navigation import NavItem, register
        from kuza.translation import (
            integrations,  # noqa: F401 (registers this app's home entries on import)
            registrations,
        )

        registrations.register_foundation_content()
        register(
            NavItem(
                url_name="translation:dashboard",
                label=_("Translate"),
                order=80,
                members_only=True,
                group=navigation.LIBRARY,
            )
        )
