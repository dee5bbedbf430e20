from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "kuza.credentials"
    label = "credentials"
    verbose_name = _("Badges and certificates")

    def ready(self) -> None:
        from kuza.core import navigation
        from kuza.core.navigation import NavItem, register
        from kuza.credentials import integrations  # noqa: F401 (registers this app's home items on import)

        # One entry keeps the shared header small; the badges page links to "My badges".
        register(
            NavItem(
                url_name="credentials:index", label=_("Badges"), order=60, group=navigation.LEARN
            )
        )
        from kuza.credentials import receivers  # noqa: F401 - connects the award receivers
