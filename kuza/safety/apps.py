from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "kuza.safety"
    label = "safety"
    verbose_name = _("Safety")

    def ready(self) -> None:
        from kuza.core.navigation import NavItem, register
        from kuza.safety import reportables

        reportables.register_people()
        register(NavItem(url_name="safety:home", label=_("Safety"), order=90, members_only=True))
        # Organisation and platform moderators who are not staff reach the queue from the
        # Safety page: the navigation cannot know moderator roles.
        register(NavItem(url_name="safety:queue", label=_("Moderation"), order=91, staff_only=True))
