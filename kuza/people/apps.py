from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "kuza.people"
    label = "people"
    verbose_name = _("People and organisations")

    def ready(self) -> None:
        from kuza.core.navigation import NavItem, register

        register(NavItem(url_name="people:search", label=_("People"), order=20))
        register(NavItem(url_name="people:organisation_list", label=_("Organisations"), order=21))
        register(NavItem(url_name="people:map", label=_("Capacity map"), order=23))
        register(NavItem(url_name="people:inbox", label=_("Inbox"), order=24, members_only=True))
