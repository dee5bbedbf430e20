"""What accounts contributes to the rest of Kuza (found by kuza.core.integrations)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from kuza.accounts.models import CodeOfConduct, ConductAcceptance
from kuza.accounts.selectors import (
    accepted_current_conduct_fact,
    forget_acceptance,
    forget_current_conduct,
)
from kuza.core.viewers import register_fact

# Every signed-in page reads whether its member accepted the current code of conduct; the
# cached answers (selectors.has_accepted_current_conduct) follow every change.
post_save.connect(forget_current_conduct, sender=CodeOfConduct)
post_delete.connect(forget_current_conduct, sender=CodeOfConduct)
post_delete.connect(forget_acceptance, sender=ConductAcceptance)

# Read with the account on every request (the site-wide notice to accept it).
register_fact("accepted-current-conduct", accepted_current_conduct_fact)
