from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkillsConfig(AppConfig):
    name = "kuza.skills"
    label = "skills"
    verbose_name = _("Skills")

    def ready(self) -> None:
        from kuza.core import navigation
        from kuza.core.navigation import NavItem, register

        register(
            NavItem(url_name="skills:list", label=_("Skills"), order=22, group=navigation.PEOPLE)
        )
