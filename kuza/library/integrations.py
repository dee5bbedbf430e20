"""What the library app contributes to the site's shared mechanisms (see kuza/core/home.py)."""

from django.utils.translation import gettext_lazy as _

from kuza.core import home

home.register_capability(
    home.Capability(
        url_name="library:index",
        title=_("Library"),
        summary=_("Tutorials and toolkits with checklists, searchable."),
        order=50,
    )
)
