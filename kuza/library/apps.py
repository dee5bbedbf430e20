from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "kuza.library"
    label = "library"
    verbose_name = _("Library")

    def ready(self) -> None:
        from kuza.core.navigation import NavItem, register

        register(NavItem(url_name="library:index", label=_("Library"), order=35))
