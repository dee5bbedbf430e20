from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "kuza.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from kuza.core import navigation
        from kuza.core.navigation import NavItem, register
        from kuza.safety import reportables
        from kuza.surveys import (
            capacity,
            integrations,  # noqa: F401 (registers this app's home items on import)
            selectors,
        )
        from kuza.surveys.models import Survey
        from kuza.surveys.presentation import register_translatable_content

        register(
            NavItem(
                url_name="surveys:list",
                label=_("Surveys"),
                order=56,
                members_only=True,
                group=navigation.GATHER,
            )
        )
        register_translatable_content()
        capacity.register()
        reportables.register(
            reportables.Reportable(
                kind="survey",
                model=Survey,
                label=_("a survey"),
                describe=lambda survey: survey.title,
                person_of=lambda survey: survey.created_by,
                url_of=lambda survey: survey.get_absolute_url(),
                # A draft is its organisers' alone: the report page must not name it by id.
                reportable_by=lambda survey, user: (
                    selectors.survey_for_viewer(user, survey.pk) is not None
                ),
            )
        )
