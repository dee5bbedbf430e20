"""Reads for campaigns: lists, access checks, who is tracked, and the metrics themselves."""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet, PermissionDenied
from django.db import connections
from django.db.models import (
    CharField,
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Cast, Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from kuza.accounts.selectors import is_signed_in
from kuza.audience.selectors import access, visible_to
from kuza.campaigns import catalogue
from kuza.campaigns.charts import progress_bar_svg
from kuza.campaigns.goals import Progress
from kuza.campaigns.hashtags import hashtag_matcher
from kuza.campaigns.metrics import (
    RETENTION_DELAY,
    CampaignMetrics,
    CampaignWindow,
    LeaderboardRow,
    RevisionFact,
    RevisionRow,
    Tally,
    compute_metrics_from_rows,
)
from kuza.campaigns.metrics import Participant as MetricParticipant
from kuza.campaigns.models import (
    Campaign,
    CampaignInvitation,
    CampaignWiki,
    Goal,
    Participant,
    Revision,
    Series,
    UncollectableGap,
    Wiki,
    WikiAccount,
)
from kuza.campaigns.wikidata import subjects_for
from kuza.core import home
from kuza.core.home import HomeItem
from kuza.people.models import Membership, Profile
from kuza.people.selectors import people_visible_to
from kuza.safety.permissions import is_platform_moderator
from kuza.safety.selectors import blocked_user_ids, users_hidden_from_leaderboards

# How a participant the viewer may not see named appears on leaderboards (page, CSV, API).
UNNAMED_PARTICIPANT = gettext_lazy("A participant")

# Above this many tracked names, filtering by user happens in Python rather than in an SQL
# IN list (SQLite caps the number of query parameters).
_MAX_SQL_NAMES = 2000
_ROW_CHUNK = 10000
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


def campaigns_visible_to(user) -> QuerySet[Campaign]:
    """The campaigns `user` may see (the audience declared in integrations.py): public, as
    what they show is public wiki activity, unless moderators hid them."""
    return visible_to(Campaign.objects.all(), user)


def campaign_list(viewer=None) -> QuerySet[Campaign]:
    """The campaigns `viewer` may see (see `campaigns_visible_to`), newest first."""
    return (
        campaigns_visible_to(viewer)
        .annotate(
            participant_count=Count("participants", distinct=True),
            wiki_count=Count("campaign_wikis", distinct=True),
        )
        .order_by("-start", "name")
    )


def _own_revisions(**extra) -> Subquery:
    """A count of the participant's counted revisions on the campaign's wikis in its window
    (an expression of `home_my_campaigns`'s participations)."""
    revisions = (
        Revision.objects.filter(
            wiki__campaigns=OuterRef("campaign_id"),
            user=OuterRef("wiki_username"),
            timestamp__gte=OuterRef("campaign__start"),
            timestamp__lte=OuterRef("campaign__end"),
            removed=False,
            is_redirect=False,
            **extra,
        )
        .order_by()
        .values("user")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(revisions, output_field=IntegerField()), 0)


def home_my_campaigns(user) -> list[HomeItem]:
    """Personal home: campaigns `user` takes part in that have not ended, with their own
    figures on the campaign's wikis since it started: edits and articles created (one query)."""
    if not is_signed_in(user):
        return []
    now = timezone.now()
    participations = (
        Participant.objects.filter(user=user, campaign__end__gte=now)
        .filter(campaign__in=campaigns_visible_to(user))
        .select_related("campaign")
        .annotate(
            edits=_own_revisions(),
            created=_own_revisions(is_page_creation=True, namespace=0),
        )
        .annotate(has_goals=Exists(Goal.objects.filter(campaign=OuterRef("campaign_id"))))
        .order_by("campaign__end", "campaign_id")[: home.LIMIT]
    )
    items = [
        HomeItem(
            title=participation.campaign.name,
            source=(participation.campaign, "name"),
            url=reverse("campaigns:detail", args=[participation.campaign.slug]),
            reason=_("A campaign you take part in"),
            figure=_own_figures(participation.edits, participation.created),
            # Under way: undated, after what has a date; not started yet: by its start.
            when=participation.campaign.start if participation.campaign.start > now else None,
        )
        for participation in participations
    ]
    for participation in participations:
        if participation.has_goals:
            items += _home_goals(participation.campaign)
    return items


def _own_figures(edits: int, created: int) -> str:
    figures = ngettext(
        "%(count)d edit of yours collected so far",
        "%(count)d edits of yours collected so far",
        edits,
    ) % {"count": edits}
    if created:
        figures += pgettext("between the items of a list", ", ") + ngettext(
            "%(count)d article created", "%(count)d articles created", created
        ) % {"count": created}
    return figures


def campaign_get(*, slug: str) -> Campaign:
    """Any campaign, hidden or not: for its organisers' pages and for leaving it."""
    try:
        return Campaign.objects.get(slug=slug)
    except Campaign.DoesNotExist:
        raise Http404 from None


def campaign_for_viewer(*, user, slug: str) -> Campaign:
    """A campaign `user` may see, or Http404: one hidden by moderators is not found."""
    return access(Campaign, user, slug=slug)


def campaign_creator(campaign: Campaign):
    """The organiser who created the campaign (the first added), or None when none is left."""
    link = (
        Campaign.organisers.through.objects.filter(campaign=campaign)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return link.user if link is not None else None


def can_create_campaigns(user) -> bool:
    """Staff, and organisers of a community organisation, may start campaigns."""
    if not is_signed_in(user):
        return False
    return (
        user.is_staff
        or Membership.objects.filter(user=user, role=Membership.Role.ORGANISER).exists()
    )


def is_organiser(user, campaign: Campaign) -> bool:
    if not is_signed_in(user):
        return False
    return user.is_staff or campaign.organisers.filter(pk=user.pk).exists()


# `kuza campaign-sync --active` and the periodic job keep collecting this long after the end:
# late edits still count for retention, and a wiki that was down catches up.
ACTIVE_AFTER_END = timedelta(days=60)


def active_campaigns(*, now: datetime) -> QuerySet[Campaign]:
    """Campaigns worth collecting now: started, and not ended more than 60 days ago."""
    return Campaign.objects.filter(start__lte=now, end__gte=now - ACTIVE_AFTER_END).order_by("pk")


def campaign_for_organiser(*, user, slug: str) -> Campaign:
    """Fetch a campaign and check the user may manage it, in one step."""
    campaign = campaign_get(slug=slug)
    if not is_organiser(user, campaign):
        raise PermissionDenied
    return campaign


def participation_of(*, user, campaign: Campaign) -> Participant | None:
    if not is_signed_in(user):
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


def _facts_query(campaign: Campaign, wiki_ids: list[int], tracked: set[str], as_of: datetime):
    revisions = Revision.objects.filter(
        wiki_id__in=wiki_ids, timestamp__gte=campaign.start, timestamp__lte=as_of, removed=False
    )
    found_by_tag = Q(in_recent_changes=True, timestamp__lt=campaign.end)
    if len(tracked) <= _MAX_SQL_NAMES:
        condition = Q(user__in=tracked)
        if campaign.is_open:
            condition |= found_by_tag
        revisions = revisions.filter(condition)
    return revisions


def campaign_revisions(campaign: Campaign, wiki_ids: list[int], tracked: set[str], as_of: datetime):
    """Stored revisions the campaign may count on these wikis, up to `as_of` (not removed;
    above a few thousand tracked names the user filter is left to the caller)."""
    return _facts_query(campaign, wiki_ids, tracked, as_of)


def removed_revision_count(campaign: Campaign) -> int:
    """Revisions in the campaign's window, by people it tracks, that no longer count because
    their page was deleted or they were hidden (learnt at collections)."""
    tracked = set(enrolled_usernames(campaign)) | set(discovered_contributors(campaign))
    rows = Revision.objects.filter(
        wiki__in=campaign.wikis.all(),
        timestamp__gte=campaign.start,
        timestamp__lt=campaign.end,
        removed=True,
    )
    if len(tracked) > _MAX_SQL_NAMES:
        return sum(1 for user in rows.values_list("user", flat=True) if user in tracked)
    by_tag = Q(in_recent_changes=True) if campaign.is_open else Q(pk__in=[])
    return rows.filter(Q(user__in=tracked) | by_tag).count()


def _bot_accounts(wiki_ids: Iterable[int]) -> set[tuple[int, str]]:
    return set(
        WikiAccount.objects.filter(wiki__in=list(wiki_ids), is_bot=True).values_list(
            "wiki_id", "username"
        )
    )


def campaign_facts(
    campaign: Campaign, wikis: Iterable[Wiki], tracked: set[str], as_of: datetime
) -> Iterator[RevisionFact]:
    """Stored revisions as validated facts, bot accounts marked as bots.

    The plain, slow reading of what is stored (a validated object per revision): metrics
    use `campaign_rows`, and the tests check that both give the same metrics.
    """
    by_id = {wiki.pk: wiki for wiki in wikis}
    bots = _bot_accounts(by_id)
    end = campaign.end
    rows = _facts_query(campaign, list(by_id), tracked, as_of).values_list(*_FACT_FIELDS)
    for row in rows.iterator(chunk_size=10000):
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


_ROW_COLUMNS = (
    "wiki_id",
    "revid",
    "page_id",
    "namespace",
    "title",
    "user",
    "timestamp",
    "comment",
    "sizediff",
    "is_page_creation",
    "is_redirect",
    "is_upload",
    "is_bot",
    "in_recent_changes",
)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC).replace(tzinfo=None)  # naive, like SQLite text


def _posix(value: datetime | str) -> float:
    """POSIX time of a timestamp as the database driver returns it: an aware datetime
    (PostgreSQL), or the text SQLite stores, a UTC time Django writes without an offset.

    Subtracting the naive epoch gives exactly what `aware.timestamp()` gives (both divide
    a whole number of microseconds by a million), without building an aware datetime.
    """
    if isinstance(value, str):
        return (datetime.fromisoformat(value) - _EPOCH).total_seconds()
    if value.tzinfo is None:
        return (value - _EPOCH).total_seconds()
    return value.timestamp()


def campaign_rows(
    campaign: Campaign, wikis: Iterable[Wiki], tracked: set[str], as_of: datetime
) -> Iterator[RevisionRow]:
    """Stored revisions as `compute_metrics_from_rows` reads them, read fast.

    Equivalent to `campaign_facts` (the tests compare them) but for a million revisions
    about ten times faster: only the columns the metrics read, straight from the database
    cursor (no ORM conversion of each value), no validated object per revision, and the
    revisions between the end and the retention period, which count for nothing, are not
    read at all.
    """
    wikis = list(wikis)
    db_names = {wiki.pk: wiki.db_name for wiki in wikis}
    bots = _bot_accounts(db_names)
    retention_start = campaign.end + RETENTION_DELAY
    queryset = _facts_query(campaign, list(db_names), tracked, as_of).filter(
        Q(timestamp__lt=campaign.end) | Q(timestamp__gte=retention_start)
    )
    in_python = len(tracked) > _MAX_SQL_NAMES  # else SQL filtered the users already
    is_open, end_t = campaign.is_open, campaign.end.timestamp()
    connection = connections[queryset.db]
    columns = list(_ROW_COLUMNS)
    if connection.vendor == "sqlite":
        # As text, SQLite's driver leaves the time alone instead of calling Django's
        # parser for every row; _posix reads the text directly.
        queryset = queryset.annotate(time_text=Cast("timestamp", CharField()))
        columns[columns.index("timestamp")] = "time_text"
    query = queryset.values_list(*columns).query
    try:
        sql, params = query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:  # nobody tracked and no hashtag search: nothing can count
        return
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(_ROW_CHUNK):
            for wiki_id, revid, page, ns, title, user, ts, comment, diff, *flags in chunk:
                creation, redirect, upload, bot, in_rc = flags
                t = _posix(ts)
                if in_python and user not in tracked and not (is_open and in_rc and t < end_t):
                    continue
                if bots and not bot:
                    bot = (wiki_id, user) in bots
                yield (
                    db_names[wiki_id],
                    revid,
                    page,
                    ns,
                    title,
                    user,
                    t,
                    comment,
                    diff,
                    creation,
                    redirect,
                    upload,
                    bot,
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


# Bumped when the cached result's shape changes, so no older pickle is ever read back.
METRICS_VERSION = 2


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
    return f"campaigns:metrics:{METRICS_VERSION}:{campaign.pk}:{digest}"


def compute_campaign_metrics(campaign: Campaign, *, as_of: datetime) -> CampaignMetrics:
    """Every metric from what is stored, as of `as_of`; no cache."""
    campaign_wiki_rows = campaign_wikis(campaign)
    wikis = [row.wiki for row in campaign_wiki_rows]
    discovered = discovered_contributors(campaign)
    tracked = set(enrolled_usernames(campaign)) | set(discovered)
    return compute_metrics_from_rows(
        campaign_rows(campaign, wikis, tracked, as_of),
        {wiki.db_name: wiki.language for wiki in wikis},
        metric_participants(campaign, wikis, discovered),
        campaign_window(campaign, campaign_wiki_rows),
        as_of,
        subjects_for(wikis),
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
    """A leaderboard row as one viewer sees it: counted always, named only when allowed."""

    rank: int
    row: LeaderboardRow
    name: str
    named: bool

    @property
    def cells(self) -> list[str]:
        """The row's figures as the page shows them, in the catalogue's column order."""
        metrics = catalogue.participant_metrics(catalogue.PAGE)
        return [
            metric.formatted(catalogue.participant_value(metric, self.row)) for metric in metrics
        ]


def sees_every_participant(viewer, campaign: Campaign) -> bool:
    """Campaign organisers (and staff) and moderators see every name on the leaderboard."""
    return is_organiser(viewer, campaign) or is_platform_moderator(viewer)


def hidden_usernames(campaign: Campaign, *, viewer) -> set[str]:
    """Wiki user names the leaderboard does not name for this viewer:
    - participants who chose to be hidden here, members who leave all leaderboards (or are
      suspended), and members blocked either way with the viewer;
    - members whose Wikimedia user name the viewer may not see (their profile, or its
      Wikimedia field, is kept from the viewer: kuza.people.visibility decides).
    Found contributors who are members are matched by the Wikimedia user name Wikimedia
    login verified on their profile. Everyone else's wiki activity is public: they are named.
    """
    if sees_every_participant(viewer, campaign):
        return set()
    hidden_members = users_hidden_from_leaderboards()
    blocked = blocked_user_ids(viewer)
    named_members = people_visible_to(viewer, fields=("wikimedia",)).values("user_id")
    participants = campaign.participants.filter(
        Q(hidden_from_leaderboard=True)
        | Q(user__in=hidden_members)
        | Q(user__in=blocked)
        | (Q(user__isnull=False) & ~Q(user__in=named_members))
    )
    names = set(participants.values_list("wiki_username", flat=True))
    profiles = Profile.objects.filter(wikimedia_verified=True).exclude(wikimedia_username="")
    names.update(
        profiles.filter(
            Q(user__in=hidden_members) | Q(user__in=blocked) | ~Q(user__in=named_members)
        ).values_list("wikimedia_username", flat=True)
    )
    return names


def leaderboard_for(metrics: CampaignMetrics, *, viewer, campaign: Campaign) -> list[VisibleRow]:
    """Every row, ranked over everyone (all are counted in the totals); a person the viewer
    may not see named is shown as a neutral label (see `hidden_usernames`)."""
    hidden = hidden_usernames(campaign, viewer=viewer)
    neutral = str(UNNAMED_PARTICIPANT)
    return [
        VisibleRow(
            rank,
            row,
            name=neutral if row.username in hidden else row.username,
            named=row.username not in hidden,
        )
        for rank, row in enumerate(metrics.leaderboard, start=1)
    ]


# -- goals ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalProgress:
    metric: catalogue.Metric
    target: int
    progress: Progress | None  # None before the first collection

    @property
    def text(self) -> str:
        if self.progress is None:
            return _("%(label)s: goal %(target)d, nothing collected yet.") % {
                "label": self.metric.label,
                "target": self.target,
            }
        return _("%(label)s: %(value)d of %(target)d (%(percent)d%%)") % {
            "label": self.metric.label,
            "value": self.progress.value,
            "target": self.progress.target,
            "percent": self.progress.percent,
        }

    @property
    def bar(self) -> str:
        """The progress bar as SVG markup built from numbers and escaped text only."""
        fraction = self.progress.fraction if self.progress is not None else 0.0
        return mark_safe(progress_bar_svg(fraction, label=self.text))  # noqa: S308


def goal_rows(targets: Iterable[tuple[str, int]], totals: Tally | None) -> list[GoalProgress]:
    """Goals given as (metric key, target) against `totals` (None: nothing collected yet);
    for campaigns and for their events alike."""
    rows = []
    for key, target in targets:
        metric = catalogue.BY_KEY.get(key)
        if metric is None or not metric.goal:
            continue
        progress = None
        if totals is not None:
            progress = Progress(int(metric.value(totals) or 0), target)
        rows.append(GoalProgress(metric, target, progress))
    return rows


def goal_progress(campaign: Campaign, metrics: CampaignMetrics | None) -> list[GoalProgress]:
    """Each goal of the campaign with the campaign's figure against it."""
    targets = [(goal.metric, goal.target) for goal in campaign.goals.all()]
    return goal_rows(targets, metrics.totals if metrics is not None else None)


def figures_between(campaign: Campaign, start: datetime, end: datetime) -> Tally | None:
    """The campaign's totals for its counted work between `start` and `end` only (an event's
    hours), as of the last collection; None before it. Cached like the campaign's metrics."""
    if campaign.last_synced_at is None:
        return None
    start, end = max(start, campaign.start), min(end, campaign.end)
    if start >= end:  # the event lies outside the campaign: nothing of it counts
        return Tally(0, 0, 0, 0, 0, 0, 0)
    key = f"{_cache_key(campaign)}:{start.timestamp():.0f}:{end.timestamp():.0f}"
    totals = cache.get(key)
    if totals is None:
        rows = campaign_wikis(campaign)
        wikis = [row.wiki for row in rows]
        discovered = discovered_contributors(campaign)
        tracked = set(enrolled_usernames(campaign)) | set(discovered)
        window = dataclasses.replace(campaign_window(campaign, rows), start=start, end=end)
        totals = compute_metrics_from_rows(
            campaign_rows(campaign, wikis, tracked, campaign.last_synced_at),
            {wiki.db_name: wiki.language for wiki in wikis},
            metric_participants(campaign, wikis, discovered),
            window,
            campaign.last_synced_at,
            subjects_for(wikis),
        ).totals
        cache.set(key, totals, timeout=24 * 3600)
    return totals


def _home_goals(campaign: Campaign) -> list[HomeItem]:
    """A campaign's goals for a participant's home, each with its progress bar."""
    return [
        HomeItem(
            title=campaign.name,
            url=reverse("campaigns:detail", args=[campaign.slug]) + "#goals",
            reason=_("A goal of a campaign you take part in"),
            figure=mark_safe(row.bar + " " + conditional_escape(row.text)),  # noqa: S308
        )
        for row in goal_progress(campaign, campaign_metrics(campaign))
    ]


# -- series --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeriesFigures:
    editions: list[tuple[Campaign, Tally | None]]  # oldest first; None: not collected yet
    totals: Tally  # every collected edition, each page and person counted once


def series_get(*, slug: str) -> Series:
    try:
        return Series.objects.get(slug=slug)
    except Series.DoesNotExist:
        raise Http404 from None


def series_figures(series: Series, *, viewer) -> SeriesFigures:
    """The editions `viewer` may see, each with its totals, and the series' own totals."""
    from kuza.campaigns.series import add_up

    editions = list(campaigns_visible_to(viewer).filter(series=series).order_by("start", "pk"))
    metrics = [campaign_metrics(campaign) for campaign in editions]
    wikis = Wiki.objects.filter(campaigns__in=editions).distinct()
    return SeriesFigures(
        editions=[
            (campaign, m.totals if m is not None else None)
            for campaign, m in zip(editions, metrics, strict=True)
        ],
        totals=add_up([m for m in metrics if m is not None], subjects_for(wikis)),
    )


def home_campaign_invitations(user) -> list[HomeItem]:
    """Personal home (waiting): campaigns an organiser invited `user` to, not yet joined."""
    if not is_signed_in(user):
        return []
    invitations = (
        CampaignInvitation.objects.filter(user=user, campaign__end__gte=timezone.now())
        .filter(campaign__in=campaigns_visible_to(user))
        .exclude(campaign__participants__user=user)
        .select_related("campaign")
        .order_by("-created_at")[: home.LIMIT]
    )
    return [
        HomeItem(
            title=invitation.campaign.name,
            url=reverse("campaigns:detail", args=[invitation.campaign.slug]),
            reason=_("The organisers invite you to take part"),
            figure=invitation.reason,
        )
        for invitation in invitations
    ]
