"""Reads for campaigns: lists, access checks, who is tracked, and the metrics themselves."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from kuza.campaigns.hashtags import hashtag_matcher
from kuza.campaigns.metrics import (
    CampaignMetrics,
    CampaignWindow,
    LeaderboardRow,
    RevisionFact,
    compute_metrics,
)
from kuza.campaigns.metrics import Participant as MetricParticipant
from kuza.campaigns.models import (
    Campaign,
    CampaignWiki,
    Participant,
    Revision,
    UncollectableGap,
    Wiki,
    WikiAccount,
)
from kuza.people.models import Membership

# Above this many tracked names, filtering by user happens in Python rather than in an SQL
# IN list (SQLite caps the number of query parameters).
_MAX_SQL_NAMES = 2000
_FACT_FIELDS = (
    "wiki_id",
    "revid",
    "parentid",
    "page_id",
    "namespace",
    "title",
    "user",
    "timestamp",
    "comment",
    "size",
    "sizediff",
    "is_page_creation",
    "is_redirect",
    "is_upload",
    "is_bot",
    "in_recent_changes",
)


# -- campaigns and access ------------------------------------------------------------------


def campaign_list() -> QuerySet[Campaign]:
    return Campaign.objects.annotate(
        participant_count=Count("participants", distinct=True),
        wiki_count=Count("campaign_wikis", distinct=True),
    ).order_by("-start", "name")


def campaign_get(*, slug: str) -> Campaign:
    """Campaign pages are public: what they show is public wiki activity."""
    try:
        return Campaign.objects.get(slug=slug)
    except Campaign.DoesNotExist:
        raise Http404 from None


def can_create_campaigns(user) -> bool:
    """Staff, and organisers of a community organisation, may start campaigns."""
    if not user.is_authenticated:
        return False
    return (
        user.is_staff
        or Membership.objects.filter(user=user, role=Membership.Role.ORGANISER).exists()
    )


def is_organiser(user, campaign: Campaign) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_staff or campaign.organisers.filter(pk=user.pk).exists()


def campaign_for_organiser(*, user, slug: str) -> Campaign:
    """Fetch a campaign and check the user may manage it, in one step."""
    campaign = campaign_get(slug=slug)
    if not is_organiser(user, campaign):
        raise PermissionDenied
    return campaign


def participation_of(*, user, campaign: Campaign) -> Participant | None:
    if not user.is_authenticated:
        return None
    return campaign.participants.filter(user=user).first()


def campaign_wikis(campaign: Campaign) -> list[CampaignWiki]:
    return list(campaign.campaign_wikis.select_related("wiki"))


def wiki_choices() -> QuerySet[Wiki]:
    return Wiki.objects.order_by("project", "language")


def gaps_of(campaign: Campaign) -> QuerySet[UncollectableGap]:
    return campaign.uncollectable_gaps.select_related("wiki")


# -- who is tracked ------------------------------------------------------------------------


def enrolled_usernames(campaign: Campaign) -> list[str]:
    return sorted(campaign.participants.values_list("wiki_username", flat=True))


def discovered_contributors(
    campaign: Campaign, *, wiki: Wiki | None = None
) -> dict[str, Counter[str]]:
    """Open campaigns: user name -> tagged edits per wiki id, for people not enrolled."""
    if not campaign.is_open or not campaign.hashtag:
        return {}
    wikis = [wiki] if wiki is not None else list(campaign.wikis.all())
    matches = hashtag_matcher(campaign.hashtag)
    enrolled = set(enrolled_usernames(campaign))
    found: dict[str, Counter[str]] = {}
    rows = Revision.objects.filter(
        wiki__in=wikis,
        in_recent_changes=True,
        timestamp__gte=campaign.start,
        timestamp__lt=campaign.end,
    ).values_list("wiki__db_name", "user", "comment")
    for db_name, user, comment in rows.iterator(chunk_size=5000):
        if user not in enrolled and matches(comment):
            found.setdefault(user, Counter())[db_name] += 1
    return found


def tracked_usernames(campaign: Campaign, wiki: Wiki) -> list[str]:
    """Whose contributions a sync fetches on `wiki`: participants and found contributors."""
    names = set(enrolled_usernames(campaign))
    names.update(discovered_contributors(campaign, wiki=wiki))
    return sorted(names)


# -- metrics -------------------------------------------------------------------------------


def campaign_window(campaign: Campaign, wikis: list[CampaignWiki]) -> CampaignWindow:
    worklist = {
        (campaign_wiki.wiki.db_name, title)
        for campaign_wiki in wikis
        for title in campaign_wiki.worklist_titles()
    }
    return CampaignWindow(
        start=campaign.start,
        end=campaign.end,
        time_zone=campaign.time_zone,
        hashtag=campaign.hashtag or None,
        hashtag_required=campaign.hashtag_required and bool(campaign.hashtag),
        worklist=frozenset(worklist) if worklist else None,
        open=campaign.is_open and bool(campaign.hashtag),
        exclude_bots=campaign.exclude_bots,
    )


def _rows(campaign: Campaign, wiki_ids: list[int], tracked: set[str], as_of: datetime):
    revisions = Revision.objects.filter(
        wiki_id__in=wiki_ids, timestamp__gte=campaign.start, timestamp__lte=as_of
    )
    found_by_tag = Q(in_recent_changes=True, timestamp__lt=campaign.end)
    if len(tracked) <= _MAX_SQL_NAMES:
        condition = Q(user__in=tracked)
        if campaign.is_open:
            condition |= found_by_tag
        revisions = revisions.filter(condition)
    return revisions.values_list(*_FACT_FIELDS).iterator(chunk_size=10000)


def campaign_facts(
    campaign: Campaign, wikis: Iterable[Wiki], tracked: set[str], as_of: datetime
) -> Iterator[RevisionFact]:
    """Stored revisions as the pure metrics' input, bot accounts marked as bots."""
    by_id = {wiki.pk: wiki for wiki in wikis}
    bots = set(
        WikiAccount.objects.filter(wiki__in=by_id, is_bot=True).values_list("wiki_id", "username")
    )
    end = campaign.end
    for row in _rows(campaign, list(by_id), tracked, as_of):
        (wiki_id, revid, parentid, page_id, namespace, title, user, timestamp) = row[:8]
        comment, size, sizediff, creation, redirect, upload, bot, in_rc = row[8:]
        if user not in tracked and not (campaign.is_open and in_rc and timestamp < end):
            continue
        wiki = by_id[wiki_id]
        yield RevisionFact(
            wiki=wiki.db_name,
            language=wiki.language,
            revid=revid,
            parentid=parentid,
            page_id=page_id,
            namespace=namespace,
            title=title,
            user=user,
            timestamp=timestamp,
            comment=comment,
            size=size,
            sizediff=sizediff,
            is_page_creation=creation,
            is_redirect=redirect,
            is_upload=upload,
            is_bot=bot or (wiki_id, user) in bots,
        )


def _registrations(wikis: Iterable[Wiki], names: set[str]) -> dict[str, datetime]:
    """Earliest registration of each name on any campaign wiki: with single sign-on an
    account gets a local registration on each wiki when first used there."""
    earliest: dict[str, datetime] = {}
    accounts = WikiAccount.objects.filter(
        wiki__in=list(wikis), exists=True, registered_at__isnull=False
    )
    if len(names) <= _MAX_SQL_NAMES:
        accounts = accounts.filter(username__in=names)
    for name, registered in accounts.values_list("username", "registered_at"):
        if name in names and (name not in earliest or registered < earliest[name]):
            earliest[name] = registered
    return earliest


def metric_participants(
    campaign: Campaign, wikis: Iterable[Wiki], discovered: Iterable[str]
) -> list[MetricParticipant]:
    wikis = list(wikis)
    # Nobody is marked hidden here: cached metrics must not carry choices that change
    # between syncs, so `leaderboard_for` applies them when the leaderboard is read.
    enrolled_names = set(enrolled_usernames(campaign))
    found = sorted(set(discovered) - enrolled_names)
    registered = _registrations(wikis, enrolled_names | set(found))
    people = [
        MetricParticipant(name, registered_at=registered.get(name))
        for name in sorted(enrolled_names)
    ]
    people += [
        MetricParticipant(name, registered_at=registered.get(name), enrolled=False)
        for name in found
    ]
    return people


def _cache_key(campaign: Campaign) -> str:
    participants = hashlib.sha256("|".join(enrolled_usernames(campaign)).encode()).hexdigest()
    wikis = campaign.campaign_wikis.aggregate(
        count=Count("id"), ids=Coalesce(Sum("wiki_id"), 0), last=Coalesce(Max("id"), 0)
    )
    worklists = "|".join(campaign.campaign_wikis.order_by("id").values_list("worklist", flat=True))
    signature = repr(
        (
            campaign.last_synced_at,
            campaign.start,
            campaign.end,
            campaign.time_zone,
            campaign.hashtag,
            campaign.is_open,
            campaign.exclude_bots,
            campaign.hashtag_required,
            participants,
            wikis,
            hashlib.sha256(worklists.encode()).hexdigest(),
        )
    )
    digest = hashlib.sha256(signature.encode()).hexdigest()[:20]
    return f"campaigns:metrics:{campaign.pk}:{digest}"


def compute_campaign_metrics(campaign: Campaign, *, as_of: datetime) -> CampaignMetrics:
    """Every metric from what is stored, as of `as_of`; no cache."""
    campaign_wiki_rows = campaign_wikis(campaign)
    wikis = [row.wiki for row in campaign_wiki_rows]
    discovered = discovered_contributors(campaign)
    tracked = set(enrolled_usernames(campaign)) | set(discovered)
    return compute_metrics(
        campaign_facts(campaign, wikis, tracked, as_of),
        metric_participants(campaign, wikis, discovered),
        campaign_window(campaign, campaign_wiki_rows),
        as_of,
    )


def campaign_metrics(campaign: Campaign) -> CampaignMetrics | None:
    """Metrics as of the last completed collection, cached until anything they use changes;
    None before the first collection."""
    if campaign.last_synced_at is None:
        return None
    key = _cache_key(campaign)
    metrics = cache.get(key)
    if metrics is None:
        metrics = compute_campaign_metrics(campaign, as_of=campaign.last_synced_at)
        cache.set(key, metrics, timeout=24 * 3600)
    return metrics


@dataclass(frozen=True)
class VisibleRow:
    rank: int
    row: LeaderboardRow


def hidden_usernames(campaign: Campaign, *, viewer) -> set[str]:
    """Wiki user names the leaderboard leaves out for this viewer: participants who chose to
    be hidden here, members who leave all leaderboards (or are suspended), and members
    blocked either way with the viewer. Found contributors who are members are matched by
    the Wikimedia user name Wikimedia login verified on their profile."""
    from kuza.people.models import Profile
    from kuza.safety.selectors import blocked_user_ids, users_hidden_from_leaderboards

    hidden_members = users_hidden_from_leaderboards()
    blocked = blocked_user_ids(viewer)
    participants = campaign.participants.filter(
        Q(hidden_from_leaderboard=True) | Q(user__in=hidden_members) | Q(user__in=blocked)
    )
    names = set(participants.values_list("wiki_username", flat=True))
    profiles = Profile.objects.filter(wikimedia_verified=True).exclude(wikimedia_username="")
    names.update(
        profiles.filter(Q(user__in=hidden_members) | Q(user__in=blocked)).values_list(
            "wikimedia_username", flat=True
        )
    )
    return names


def leaderboard_for(metrics: CampaignMetrics, *, viewer, campaign: Campaign) -> list[VisibleRow]:
    """The leaderboard as this viewer may see it, ranks counted over the visible rows."""
    hidden = hidden_usernames(campaign, viewer=viewer)
    visible = [row for row in metrics.leaderboard if row.username not in hidden]
    return [VisibleRow(rank, row) for rank, row in enumerate(visible, start=1)]
