from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "kuza.learning"
    label = "learning"
    verbose_name = _("Learning")

    def ready(self) -> None:
        from kuza.core import navigation
        from kuza.core.navigation import NavItem, register
        from kuza.learning import (
            integrations,  # noqa: F401 (registers this app's home items on import)
            registrations,
        )

        registrations.register_translatable_content()
        register(
            NavItem(
                url_name="learning:catalogue", label=_("Learn"), order=30, group=navigation.LEARN
            )
        )
        registrations.register_reportables()
