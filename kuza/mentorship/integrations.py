"""What the mentorship app contributes to the site's shared mechanisms (see kuza/core/home.py)."""

from django.utils.translation import gettext_lazy as _

from kuza.core import home
from kuza.mentorship import selectors

home.register(home.WAITING, "mentorship.answers", selectors.home_mentorship_answers)
home.register(home.WAITING, "mentorship.check-ins", selectors.home_check_ins_due)
home.register(home.WAITING, "mentorship.swaps", selectors.home_swaps_to_answer)
home.register_capability(
    home.Capability(
        url_name="mentorship:home",
        title=_("Mentorship"),
        summary=_("Find a mentor for a skill, or mentor others; agree goals and check in."),
        order=20,
        members_only=True,
    )
)
home.register_capability(
    home.Capability(
        url_name="mentorship:swaps",
        title=_("Skill swaps"),
        summary=_("Teach a skill you know in exchange for one you want to learn."),
        order=22,
        members_only=True,
    )
)
