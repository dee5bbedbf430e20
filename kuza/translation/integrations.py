"""What the translation app contributes to the site's shared mechanisms (see kuza/core/home.py)."""

from django.utils.translation import gettext_lazy as _

from kuza.core import home

home.register_capability(
    home.Capability(
        url_name="translation:dashboard",
        title=_("Translation"),
        summary=_("Translate courses, events and skills so everyone can read them."),
        order=52,
        members_only=True,
    )
)
