from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "kuza.credentials"
    label = "credentials"
    verbose_name = _("Badges and certificates")

    def ready(self) -> None:
        from kuza.core.navigation import NavItem, register

        # One entry keeps the shared header small; the badges page links to "My badges".
        register(NavItem(url_name="credentials:index", label=_("Badges"), order=60))
        from django.core import checks

        from kuza.credentials import receivers
        from kuza.credentials.certificates import check_certificate_fonts

        checks.register(check_certificate_fonts)

        receivers.connect()
