"""`kuza survey_template USERNAME [--organisation SLUG]`: the ready needs assessment, as a draft."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kuza.people.models import Organisation
from kuza.surveys.services import SurveyError
from kuza.surveys.services.template import survey_from_template


class Command(BaseCommand):
    help = (
        "Create the draft survey “Skills needs assessment for organisers” (English and "
        "French) from the skills the community most wants to learn."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", help="The organiser who will own the survey.")
        parser.add_argument(
            "--organisation", help="Short name of an organisation, to survey only its members."
        )

    def handle(self, *args, username: str, organisation: str | None, **options) -> None:
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active account is called {username!r}.")
        group = None
        if organisation:
            group = Organisation.objects.filter(slug=organisation).first()
            if group is None:
                raise CommandError(f"No organisation has the short name {organisation!r}.")
        try:
            survey = survey_from_template(creator=user, organisation=group)
        except SurveyError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Draft survey {survey.pk} created: /surveys/{survey.pk}/build/")
