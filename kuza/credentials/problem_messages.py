"""The words for each row outcome of a badge CSV upload, in the reader's language.

assertions_award_csv reports each row as a code with its parameters (kuza.core.problems);
the page words it with gettext when it shows the report.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kuza.core.problems import ProblemMessages

CSV_ROW_OUTCOMES = ProblemMessages(
    {
        "awarded": _("Awarded."),
        "already": _("Already holds this badge."),
        "listed_twice": _("Listed already on line %(line)s."),
        "unknown_username": _("No active member has this username."),
        "evidence_not_web_address": _("The evidence is not a web address (http or https)."),
        "no_email": _("%(name)s has no email address to receive a badge."),
    }
)
