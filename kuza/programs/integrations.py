"""What the programs app contributes to the site's shared mechanisms (see kuza/core/home.py)."""

from django.utils.translation import gettext_lazy as _

from kuza.core import home

home.register_capability(
    home.Capability(
        url_name="programs:list",
        title=_("Programmes"),
        summary=_("Coaching programmes: plans, key results and a cohort to grow with."),
        order=32,
        members_only=True,
    )
)
