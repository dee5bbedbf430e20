from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "kuza.people"
    label = "people"
    verbose_name = _("People and organisations")

    def ready(self) -> None:
        from kuza.core import navigation
        from kuza.core.navigation import NavItem, register
        from kuza.people import integrations  # noqa: F401 (registers this app's home items on import)

        register(
            NavItem(url_name="people:search", label=_("People"), order=20, group=navigation.PEOPLE)
        )
        register(
            NavItem(
                url_name="people:organisation_list",
                label=_("Organisations"),
                order=21,
                group=navigation.PEOPLE,
            )
        )
        register(
            NavItem(
                url_name="people:map", label=_("Capacity map"), order=23, group=navigation.PEOPLE
            )
        )
        register(
            NavItem(
                url_name="people:inbox",
                label=_("Inbox"),
                order=24,
                members_only=True,
                group=navigation.ACCOUNT,
            )
        )
