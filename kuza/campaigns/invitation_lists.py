"""Invitation lists: the editors who did most for a worklist's pages, for organisers to invite.

Reads the wiki (page histories, a category's members, the editors' groups and blocks), leaves
out bots, blocked accounts and members who opted out, scores the rest (invitations.py), and
says which suggested editors are Kuza members the organiser may invite in the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kuza.campaigns.invitations import PageEdit, Suggestion, suggest
from kuza.campaigns.mediawiki import MediaWikiClient
from kuza.campaigns.models import Campaign, CampaignInvitation, InvitationOptOut, Wiki
from kuza.people.models import Profile
from kuza.people.selectors import people_visible_to

MAX_PAGES = 100


@dataclass(frozen=True)
class InvitationRow:
    suggestion: Suggestion
    reason: str
    member_id: int | None  # a Kuza member the organiser may see and invite
    invited: bool

    @property
    def wiki_account(self) -> str:
        """The editor's account on the wiki (public there), not a Kuza name: a Kuza member is
        named only through `member_id`, which is set only for people the organiser may see."""
        return self.suggestion.username


def reason_of(suggestion: Suggestion) -> str:
    pages = ngettext("%(count)d page", "%(count)d pages", suggestion.pages) % {
        "count": suggestion.pages
    }
    return ngettext(
        "Score %(score)d: %(bytes)d bytes added in %(count)d edit on %(pages)s, last on %(day)s.",
        "Score %(score)d: %(bytes)d bytes added in %(count)d edits on %(pages)s, last on %(day)s.",
        suggestion.edits,
    ) % {
        "score": suggestion.score,
        "bytes": suggestion.bytes_added,
        "count": suggestion.edits,
        "pages": pages,
        "day": suggestion.last_edit.date().isoformat(),
    }


def opted_out_names() -> set[str]:
    """Wikimedia user names of members who asked not to be suggested (verified names)."""
    return set(
        Profile.objects.filter(
            wikimedia_verified=True,
            user__in=InvitationOptOut.objects.values("user"),
        ).values_list("wikimedia_username", flat=True)
    )


def invitation_list(
    *,
    campaign: Campaign,
    wiki: Wiki,
    titles: list[str],
    category: str,
    days: int,
    viewer,
    client: MediaWikiClient,
    now: datetime | None = None,
) -> list[InvitationRow]:
    """Editors of the pages (titles, or a category's articles) over the last `days`."""
    now = now or timezone.now()
    if days < 1 or days > 3650:
        raise ValidationError(_("Choose a period between 1 and 3650 days."))
    if category.strip():
        titles = client.fetch_category_titles(wiki.api_url, category.strip(), limit=MAX_PAGES)
    titles = list(dict.fromkeys(title for title in titles if title.strip()))
    if not titles:
        raise ValidationError(_("Give page titles or a category with pages in it."))
    if len(titles) > MAX_PAGES:
        raise ValidationError(_("At most %(count)d pages at once.") % {"count": MAX_PAGES})
    start = now - timedelta(days=days)
    edits = [
        PageEdit(user, title, moment, added)
        for title in titles
        for user, moment, added in client.fetch_page_edits(wiki.api_url, title, start)
    ]
    editors = sorted({edit.user for edit in edits})
    infos = client.fetch_user_registrations(wiki.api_url, editors, blocks=True) if editors else ()
    accounts = {info.name for info in infos if info.exists}
    excluded = {info.name for info in infos if info.is_bot or info.blocked}
    # Unregistered editors (IP addresses) cannot be invited; members who opted out are not
    # suggested at all.
    excluded |= {name for name in editors if name not in accounts} | opted_out_names()
    suggestions = suggest(edits, now=now, period=timedelta(days=days), excluded=excluded)
    names = [s.username for s in suggestions]
    members = dict(
        people_visible_to(viewer, fields=("wikimedia",))
        .filter(wikimedia_verified=True, wikimedia_username__in=names)
        .values_list("wikimedia_username", "user_id")
    )
    invited = set(campaign.invitations.values_list("user_id", flat=True))
    return [
        InvitationRow(s, reason_of(s), members.get(s.username), members.get(s.username) in invited)
        for s in suggestions
    ]


def member_invite(*, campaign: Campaign, user_id: int, organiser, reason: str = "") -> bool:
    """Invite a member in the app (shown on their home); False when already invited or when
    they opted out of suggestions."""
    if InvitationOptOut.objects.filter(user_id=user_id).exists():
        return False
    try:
        with transaction.atomic():
            CampaignInvitation.objects.create(
                campaign=campaign, user_id=user_id, invited_by=organiser, reason=reason[:300]
            )
    except IntegrityError:
        return False
    return True


def opt_out_set(*, user, opted_out: bool) -> None:
    if opted_out:
        InvitationOptOut.objects.get_or_create(user=user)
    else:
        InvitationOptOut.objects.filter(user=user).delete()
