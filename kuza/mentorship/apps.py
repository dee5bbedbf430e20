from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorshipConfig(AppConfig):
    name = "kuza.mentorship"
    label = "mentorship"
    verbose_name = _("Mentorship")

    def ready(self) -> None:
        from kuza.core.navigation import NavItem, register
        from kuza.mentorship.safety_effects import register_with_safety
        from kuza.mentorship.selectors import active_mentorship_partner_ids
        from kuza.people.visibility import register_relationship_source

        register(
            NavItem(url_name="mentorship:home", label=_("Mentorship"), order=26, members_only=True)
        )
        # People in an active mentorship see each other's "my mentors and organisers" fields.
        register_relationship_source(active_mentorship_partner_ids)
        # Mentorships can be reported by their two people; blocks end what links two people.
        register_with_safety()
        from kuza.mentorship import achievements

        # Completed mentorships, for badge rules to apply to the past.
        achievements.register()
