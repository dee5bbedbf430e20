from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorshipConfig(AppConfig):
    name = "kuza.mentorship"
    label = "mentorship"
    verbose_name = _("Mentorship")
