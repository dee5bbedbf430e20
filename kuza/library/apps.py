from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "kuza.library"
    label = "library"
    verbose_name = _("Library")

    def ready(self) -> None:
        from kuza.core import navigation
        from kuza.core.navigation import NavItem, register
        from kuza.library import (
            integrations,  # noqa: F401 (registers this app's home entries on import)
            registrations,
        )

        registrations.register_translatable_content()
        registrations.connect_search_reindexing()
        registrations.register_reportables()
        register(
            NavItem(
                url_name="library:index", label=_("Library"), order=35, group=navigation.LIBRARY
            )
        )
