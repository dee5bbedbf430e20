"""Who a campaign tracks: enrolled participants and, for open campaigns, found contributors."""

from __future__ import annotations

from collections import Counter

from kuza.campaigns.hashtags import hashtag_matcher
from kuza.campaigns.models import Campaign, Revision, Wiki
from kuza.campaigns.selectors.access import wikis_of


def enrolled_usernames(campaign: Campaign) -> list[str]:
    """The participants' wiki user names (from the campaign's prefetched participants when the
    page has them: its metrics, gaps and contributors all ask; else only the names are read,
    not a model instance per participant)."""
    if "participants" in getattr(campaign, "_prefetched_objects_cache", {}):
        return sorted(participant.wiki_username for participant in campaign.participants.all())
    return sorted(campaign.participants.values_list("wiki_username", flat=True))


def discovered_contributors(
    campaign: Campaign, *, wiki: Wiki | None = None
) -> dict[str, Counter[str]]:
    """Open campaigns: user name -> tagged edits per wiki id, for people not enrolled."""
    if not campaign.is_open or not campaign.hashtag:
        return {}
    if wiki is None:
        # Asked by the metrics and by the removed count of one page: read once per
        # instance and collection (a collection moves `last_synced_at` on).
        memo = getattr(campaign, "_discovered", None)
        if memo is not None and memo[0] == campaign.last_synced_at:
            return memo[1]
    found = _discovered(campaign, wiki)
    if wiki is None:
        campaign._discovered = (campaign.last_synced_at, found)
    return found


def _discovered(campaign: Campaign, wiki: Wiki | None) -> dict[str, Counter[str]]:
    wikis = [wiki] if wiki is not None else wikis_of(campaign)
    matches = hashtag_matcher(campaign.hashtag)
    enrolled = set(enrolled_usernames(campaign))
    found: dict[str, Counter[str]] = {}
    rows = Revision.objects.filter(
        wiki__in=wikis,
        in_recent_changes=True,
        timestamp__gte=campaign.start,
        timestamp__lt=campaign.end,
        removed=False,
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
