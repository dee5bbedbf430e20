from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "kuza.learning"
    label = "learning"
    verbose_name = _("Learning")

    def ready(self) -> None:
        from kuza.core.navigation import NavItem, register
        from kuza.learning import registrations

        registrations.register_translatable_content()
        register(NavItem(url_name="learning:catalogue", label=_("Learn"), order=30))
        registrations.register_reportables()
        from kuza.learning import achievements

        # Course and cohort completions, for badge rules to pick and apply to the past.
        achievements.register()
