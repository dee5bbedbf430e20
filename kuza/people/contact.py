"""Contact requests: a short first message between members, answered, ignored or blocked.

Nobody's email address is shown. A person can only write to someone whose profile they may
see, never across a block, and at most `CONTACT_LIMIT` times per `CONTACT_WINDOW` seconds.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kuza.people.models import ContactRequest
from kuza.people.selectors import people_visible_to
from kuza.people.services import PeopleError
from kuza.safety import ratelimit
from kuza.safety.selectors import is_blocked_between
from kuza.safety.services import ConductNotAccepted, block_create, require_current_conduct

CONTACT_LIMIT = 10
CONTACT_WINDOW = 60 * 60
MESSAGE_LIMIT = 1000


def _take_rate_slot(sender) -> None:
    if not ratelimit.hit(f"people:contact:{sender.pk}", CONTACT_LIMIT, CONTACT_WINDOW):
        raise PeopleError(
            ngettext(
                "You can send at most %(count)d contact request per hour. "
                "Please wait a while before writing to someone else.",
                "You can send at most %(count)d contact requests per hour. "
                "Please wait a while before writing to someone else.",
                CONTACT_LIMIT,
            )
            % {"count": CONTACT_LIMIT}
        )


def contact_request_send(*, sender, recipient_profile_id: int, message: str) -> ContactRequest:
    try:
        require_current_conduct(sender)
    except ConductNotAccepted as error:
        raise PeopleError(str(error)) from error
    message = message.strip()
    if not message:
        raise PeopleError(_("Write a short message."))
    if len(message) > MESSAGE_LIMIT:
        raise PeopleError(
            _("Keep the message under %(limit)d characters.") % {"limit": MESSAGE_LIMIT}
        )
    recipient_profile = (
        people_visible_to(sender).select_related("user").filter(pk=recipient_profile_id).first()
    )
    if recipient_profile is None:
        # Same answer for hidden, blocked and missing people: nothing to learn from it.
        raise PeopleError(_("This person cannot be contacted."))
    recipient = recipient_profile.user
    if recipient.pk == sender.pk:
        raise PeopleError(_("You cannot send a contact request to yourself."))
    if is_blocked_between(sender, recipient):
        raise PeopleError(_("This person cannot be contacted."))
    _take_rate_slot(sender)
    return ContactRequest.objects.create(sender=sender, recipient=recipient, message=message)


def _received(recipient, request_id: int) -> ContactRequest:
    request = (
        ContactRequest.objects.select_related("sender")
        .filter(pk=request_id, recipient=recipient)
        .first()
    )
    if request is None:
        raise PeopleError(_("That contact request does not exist."))
    return request


def contact_request_answer(*, recipient, request_id: int, answer: str) -> ContactRequest:
    request = _received(recipient, request_id)
    answer = answer.strip()
    if not answer:
        raise PeopleError(_("Write an answer."))
    if len(answer) > MESSAGE_LIMIT:
        raise PeopleError(
            _("Keep the message under %(limit)d characters.") % {"limit": MESSAGE_LIMIT}
        )
    if is_blocked_between(recipient, request.sender):
        raise PeopleError(_("This person cannot be contacted."))
    request.answer = answer
    request.status = ContactRequest.Status.ANSWERED
    request.answered_at = timezone.now()
    request.save(update_fields=["answer", "status", "answered_at"])
    return request


def contact_request_ignore(*, recipient, request_id: int) -> ContactRequest:
    request = _received(recipient, request_id)
    request.status = ContactRequest.Status.IGNORED
    request.save(update_fields=["status"])
    return request


def contact_request_block_sender(*, recipient, request_id: int) -> ContactRequest:
    """Block the sender: they can no longer contact, find or be matched with the recipient."""
    request = _received(recipient, request_id)
    with transaction.atomic():
        block_create(blocker=recipient, blocked=request.sender)
        ContactRequest.objects.filter(recipient=recipient, sender=request.sender).update(
            status=ContactRequest.Status.BLOCKED
        )
    request.refresh_from_db()
    return request
