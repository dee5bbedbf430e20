from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "kuza.library"
    label = "library"
    verbose_name = _("Library")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from kuza.core.navigation import NavItem, register
        from kuza.library import permissions, registrations
        from kuza.library.models import Curator

        post_save.connect(permissions.forget_curator, sender=Curator)
        post_delete.connect(permissions.forget_curator, sender=Curator)

        registrations.register_translatable_content()
        registrations.connect_search_reindexing()
        registrations.register_reportables()
        register(NavItem(url_name="library:index", label=_("Library"), order=35))
