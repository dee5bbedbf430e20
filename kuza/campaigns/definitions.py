"""Metric names and definitions as people read them, translated.

`metrics_results.METRIC_DEFINITIONS` is the English contract the code implements; these are
the same sentences marked for translation (a test keeps them identical in English).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

METRIC_LABELS = {
    "counted_revision": _("Counted revision"),
    "edits": _("Edits"),
    "articles_created": _("Articles created"),
    "articles_improved": _("Articles improved"),
    "articles_improved_by_contributor": _("Articles improved by a contributor"),
    "bytes_added": _("Bytes added"),
    "net_bytes": _("Net bytes"),
    "files_uploaded": _("Files uploaded"),
    "active_participants": _("Active contributors"),
    "new_editors": _("New editors"),
    "retention": _("Retention"),
    "leaderboard": _("Leaderboard"),
    "deleted": _("Deleted pages and revisions"),
    "daily": _("Daily activity"),
}

METRIC_TEXTS = {
    "counted_revision": _(
        "A revision made from the start of the campaign up to, but not including, its "
        "end, either by an enrolled participant or, when the campaign is open, by anyone "
        "whose edit summary carries the hashtag as a whole word (# or ＃, any letter "
        "case). When the campaign requires its hashtag, every counted revision must carry"
        " it; when it has a worklist, the page must be on it; when it excludes bots, bot "
        "edits are never counted. A revision that leaves its page a redirect counts in no"
        " figure (edits, bytes, articles)."
    ),
    "edits": _(
        "Counted revisions in the campaign's content namespaces, except those that leave "
        "the page a redirect."
    ),
    "articles_created": _(
        "Distinct content pages whose first revision is a counted revision and is not a "
        "redirect. Each is credited to the participant who made that first revision."
    ),
    "articles_improved": _(
        "For the campaign, a wiki or a language: distinct content pages edited by a "
        "counted revision that does not leave them a redirect, and that no contributor "
        "created during the campaign (created as a counted article), whoever else began "
        "them. Created and improved count each page once."
    ),
    "articles_improved_by_contributor": _(
        "For one contributor (leaderboard): distinct content pages they edited during the"
        " campaign, by a counted revision that does not leave the page a redirect, and "
        "did not create themselves. Two people improving one page both get it, so rows "
        "may add up to more than the campaign's figure."
    ),
    "bytes_added": _(
        "Sum of the size increases of counted content edits; edits that shrink a page add nothing."
    ),
    "net_bytes": _("Sum of the size changes of counted content edits, removals included."),
    "files_uploaded": _(
        "Distinct files uploaded by counted revisions (new file pages or upload log "
        "entries), in any namespace, counted separately from articles."
    ),
    "active_participants": _(
        "Distinct contributors with at least one counted edit: enrolled participants, and"
        " in an open campaign everyone credited through the hashtag."
    ),
    "new_editors": _(
        "Active contributors whose account was registered during the campaign; accounts "
        "with no known registration date are not counted as new."
    ),
    "retention": _(
        "Of the active contributors, how many made at least one edit on any campaign "
        "wiki, in any namespace and with or without the hashtag, from 30 days after the "
        "campaign ended up to now. Not yet measurable (shown as empty, not zero) until 30"
        " days after the end."
    ),
    "leaderboard": _(
        "One row per contributor with a counted edit or upload. Contributors who chose to"
        " be hidden get no row, but their work still counts in every total."
    ),
    "deleted": _(
        "Revisions of pages since deleted, and revisions hidden by an administrator, "
        "count in no figure: each collection reads the wikis' deletion and move logs "
        "since the previous one and stops counting what was removed."
    ),
    "daily": _(
        "Edits, articles created and bytes added on each day of the campaign in its time "
        "zone; every day appears, including days with no activity."
    ),
}
