"""What the library contributes to the rest of Kuza (found by kuza.core.integrations).

Translation: a resource's title, summary, text and transcript, and a toolkit's title, summary,
steps and checklists are translated unit by unit through kuza.translation; readers see their
language with the source as per-unit fallback (selectors.translated_fields).

Resources are synced to the translation app only once published (services call
`sync_translations`): drafts are private to their author and curators, and translators must
not see them. Toolkits are written by staff and synced on every save.

Search: a saved or deleted unit translation of a resource re-indexes that resource.
Safety: resources are reportable by whoever may read them.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from kuza.audience.declarations import Audience
from kuza.audience.declarations import register as register_audience
from kuza.core import home, navigation
from kuza.core.navigation import NavItem
from kuza.core.navigation import register as register_navigation
from kuza.library import permissions, search
from kuza.library.models import Curator, Resource, Toolkit, ToolkitStep
from kuza.safety import reportables
from kuza.translation import hooks, registry
from kuza.translation.models import UnitTranslation

# Published resources are public unless moderators hid them; drafts, resources in review and
# rejected ones are their author's and curators' alone. Curators see every resource.
register_audience(
    Audience(
        model=Resource,
        published=Q(status=Resource.Status.PUBLISHED),
        managers=("author",),
        sees_all=permissions.is_curator,
        people=("author", "reviewed_by"),
    )
)

RESOURCE_FIELDS = {
    "title": registry.PLAIN,
    "summary": registry.PLAIN,
    "body": registry.MARKDOWN,
    # Transcripts are paragraphs of speech: split like Markdown, a paragraph per unit.
    "transcript": registry.MARKDOWN,
}


def checklist_texts(step) -> Mapping[str, str]:
    """A toolkit step's checklist items keyed by item id, which edits never change."""
    return {f"item:{item.pk}": item.text for item in step.items.all()}


registry.register(
    Resource,
    fields=RESOURCE_FIELDS,
    source_language=lambda resource: resource.language,
    title=lambda resource: resource.title,
    sync_on_save=False,
)
# Not synced on save, but a deleted resource's units go with it.
post_delete.connect(
    hooks.forget_after_delete, sender=Resource, dispatch_uid="library-resource-forget"
)
registry.register(
    Toolkit,
    fields={"title": registry.PLAIN, "summary": registry.MARKDOWN},
    source_language=lambda toolkit: toolkit.language,
    title=lambda toolkit: toolkit.title,
    parts=lambda toolkit: toolkit.steps.all(),
)
registry.register(
    ToolkitStep,
    fields={"title": registry.PLAIN, "body": registry.MARKDOWN},
    named={"checklist": checklist_texts},
    source_language=lambda step: step.toolkit.language,
    title=lambda step: f"{step.toolkit.title} · {step.title}",
)

post_save.connect(
    search.translation_changed, sender=UnitTranslation, dispatch_uid="library-reindex-save"
)
post_delete.connect(
    search.translation_changed, sender=UnitTranslation, dispatch_uid="library-reindex-delete"
)

reportables.register(
    reportables.Reportable(
        kind="library-resource",
        model=Resource,
        label=_("a library resource"),
        describe=lambda resource: resource.title,
        person_of=lambda resource: resource.author,
        url_of=lambda resource: resource.get_absolute_url(),
    )
)

register_navigation(
    NavItem(url_name="library:index", label=_("Library"), order=35, group=navigation.LIBRARY)
)

# The personal home (kuza/core/home.py): what waits, what is next, what is offered.
home.register_capability(
    home.Capability(
        url_name="library:index",
        title=_("Library"),
        summary=_("Tutorials and toolkits with checklists, searchable."),
        order=50,
    )
)

# The cached "is a curator" (permissions.is_curator) must follow role changes.
post_save.connect(permissions.forget_curator, sender=Curator)
post_delete.connect(permissions.forget_curator, sender=Curator)
