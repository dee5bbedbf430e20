"""Campaigns, the wikis they run on, who takes part, and the revisions collected from the wikis.

Links to a coaching programme, to events (edit-a-thons) and to badge rules are planned as
foreign keys *from* those apps to Campaign (programs.Programme.campaigns, events.Event.campaign,
credentials badge rules on a campaign), so this app does not depend on them.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Wikimedia wikis keep recent changes for 30 days ($wgRCMaxAge).
DEFAULT_RECENT_CHANGES_DAYS = 30


class Wiki(models.Model):
    """A MediaWiki site Kuza can read: a Wikimedia project edition or any wiki's api.php."""

    class Project(models.TextChoices):
        WIKIPEDIA = "wikipedia", _("Wikipedia")
        WIKIQUOTE = "wikiquote", _("Wikiquote")
        WIKTIONARY = "wiktionary", _("Wiktionary")
        WIKISOURCE = "wikisource", _("Wikisource")
        COMMONS = "commons", _("Wikimedia Commons")
        WIKIDATA = "wikidata", _("Wikidata")
        OTHER = "other", _("Other MediaWiki site")

    db_name = models.CharField(
        _("wiki id"), max_length=64, unique=True, help_text=_("For example frwikiquote.")
    )
    name = models.CharField(_("name"), max_length=120)
    language = models.CharField(_("content language"), max_length=20)
    project = models.CharField(_("project"), max_length=20, choices=Project.choices)
    api_url = models.URLField(_("API URL"), max_length=300, unique=True)
    recent_changes_days = models.PositiveIntegerField(
        _("days of recent changes kept"),
        default=DEFAULT_RECENT_CHANGES_DAYS,
        help_text=_("How far back the wiki's recent changes reach (30 days on Wikimedia wikis)."),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["project", "language"]
        verbose_name = _("wiki")
        verbose_name_plural = _("wikis")

    def __str__(self) -> str:
        return self.name

    @property
    def recent_changes_reach(self) -> timedelta:
        return timedelta(days=self.recent_changes_days)

    def user_talk_url(self, username: str) -> str:
        """Where to leave someone a message: index.php sits next to api.php on every wiki."""
        from urllib.parse import quote

        base = self.api_url.rsplit("/", 1)[0]
        title = "User_talk:" + username.replace(" ", "_")
        return f"{base}/index.php?title={quote(title)}"


class Series(models.Model):
    """Editions of one recurring campaign (#SheSaid 2021, 2022, ...), added up on its page."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("campaigns:series", kwargs={"slug": self.slug})


class Campaign(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    language = models.CharField(
        _("language of the texts"),
        max_length=10,
        default="en",
        help_text=_("The language you write the name and description in; translators add others."),
    )
    hashtag = models.CharField(
        _("hashtag"), max_length=100, blank=True, help_text=_("For example #SheSaid.")
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"), help_text=_("The first instant no longer counted."))
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    is_open = models.BooleanField(
        _("open to everyone using the hashtag"),
        default=False,
        help_text=_("Count every edit carrying the hashtag, by anyone, not only participants."),
    )
    exclude_bots = models.BooleanField(_("leave out bot edits"), default=True)
    hashtag_required = models.BooleanField(
        _("only edits whose summary carries the hashtag"), default=False
    )
    wikis = models.ManyToManyField(Wiki, through="CampaignWiki", related_name="campaigns")
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="organised_campaigns", verbose_name=_("organisers")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_synced_at = models.DateTimeField(_("last collected"), null=True, blank=True)
    series = models.ForeignKey(
        Series,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="editions",
    )

    class Meta:
        ordering = ["-start", "name"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")), name="campaign_starts_before_end"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("campaigns:detail", kwargs={"slug": self.slug})


class MetricsSnapshot(models.Model):
    """A campaign's metrics as last computed, kept in the database so that a page never
    recomputes them because a cache was emptied (a restart, Redis going away, eviction).

    `signature` names everything the figures depend on (see selectors.figures); a snapshot
    whose signature differs from the campaign's current one is never read."""

    campaign = models.OneToOneField(
        Campaign, on_delete=models.CASCADE, related_name="metrics_snapshot"
    )
    signature = models.CharField(max_length=120)
    # The pickled `CampaignMetrics`: written only by Kuza itself, the same trust as Django's
    # own cache backends, which pickle into Redis, files or a database table alike.
    metrics = models.BinaryField()
    removed_revisions = models.PositiveIntegerField()
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("campaign metrics snapshot")
        verbose_name_plural = _("campaign metrics snapshots")

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.signature}"


class CampaignWiki(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="campaign_wikis")
    wiki = models.ForeignKey(Wiki, on_delete=models.PROTECT, related_name="+")
    worklist = models.TextField(
        _("worklist"),
        blank=True,
        help_text=_(
            "Page titles, one per line. When any wiki has a worklist, only listed pages count."
        ),
    )

    class Meta:
        ordering = ["wiki__language"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "wiki"], name="one_campaign_wiki"),
        ]
        verbose_name = _("campaign wiki")
        verbose_name_plural = _("campaign wikis")

    def __str__(self) -> str:
        return f"{self.campaign} on {self.wiki}"

    def worklist_titles(self) -> list[str]:
        return [line.strip() for line in self.worklist.splitlines() if line.strip()]


class Participant(models.Model):
    """Someone taking part, known by their wiki user name (and their Kuza account if any).

    Members join themselves; organisers add wiki user names in bulk.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaign_participations",
    )
    wiki_username = models.CharField(_("wiki user name"), max_length=255)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)
    hidden_from_leaderboard = models.BooleanField(_("hide me from the leaderboard"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["wiki_username"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "wiki_username"], name="one_participant_per_wiki_name"
            ),
        ]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.wiki_username


class WikiAccount(models.Model):
    """What a wiki says about an account: registration (for new editors) and bot group."""

    wiki = models.ForeignKey(Wiki, on_delete=models.CASCADE, related_name="accounts")
    username = models.CharField(max_length=255)
    exists = models.BooleanField(default=True)
    registered_at = models.DateTimeField(null=True, blank=True)
    is_bot = models.BooleanField(default=False)
    checked_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wiki", "username"], name="one_account_per_wiki"),
        ]
        verbose_name = _("wiki account")
        verbose_name_plural = _("wiki accounts")

    def __str__(self) -> str:
        return f"{self.username} on {self.wiki}"


class Revision(models.Model):
    """One revision (or upload) on one wiki, stored once whichever campaigns need it."""

    class Source(models.TextChoices):
        CONTRIBUTIONS = "contributions", _("participant contributions")
        RECENT_CHANGES = "recent_changes", _("recent changes")

    wiki = models.ForeignKey(Wiki, on_delete=models.CASCADE, related_name="revisions")
    revid = models.BigIntegerField()
    parentid = models.BigIntegerField()
    page_id = models.BigIntegerField()
    namespace = models.IntegerField()
    title = models.CharField(max_length=255)
    user = models.CharField(max_length=255)
    timestamp = models.DateTimeField()
    comment = models.TextField(blank=True)
    size = models.IntegerField()
    sizediff = models.IntegerField()
    is_page_creation = models.BooleanField()
    is_redirect = models.BooleanField(default=False)
    is_upload = models.BooleanField(default=False)
    is_bot = models.BooleanField(default=False)
    source = models.CharField(max_length=20, choices=Source.choices)
    # Also seen in recent changes: an open campaign counts such rows by their hashtag.
    in_recent_changes = models.BooleanField(default=False)
    # Its page was deleted, or it was hidden, since it was stored (learnt from the wiki's
    # logs): kept so a restoration brings it back, but counted in no figure.
    removed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wiki", "revid"], name="one_revision_per_wiki"),
        ]
        indexes = [
            # Someone's revisions on a wiki in a period, with every column the metrics sum
            # (selectors.aggregates): read from the index alone, never the wide rows (titles,
            # summaries). Plain key columns, not INCLUDE, so that SQLite covers them too.
            models.Index(
                fields=[
                    "wiki",
                    "user",
                    "timestamp",
                    "removed",
                    "is_redirect",
                    "is_bot",
                    "in_recent_changes",
                    "namespace",
                    "is_page_creation",
                    "is_upload",
                    "page_id",
                    "revid",
                    "sizediff",
                ],
                name="revision_user_time_sums",
            ),
            models.Index(
                fields=["wiki", "timestamp"],
                name="revision_rc_time",
                condition=models.Q(in_recent_changes=True),
            ),
        ]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self) -> str:
        return f"{self.wiki_id}:{self.revid}"


class SyncState(models.Model):
    """Where collection stands for one campaign on one wiki, so it resumes exactly.

    `collected_until`: everything up to this instant is stored (for contributions: for the
    user names in `covered_users`). `run`: the fetch in progress, with its users, window and
    the MediaWiki cursor after the last page stored; saved in the same transaction as the
    revisions of that page.
    """

    class Kind(models.TextChoices):
        CONTRIBUTIONS = "contributions", _("participant contributions")
        RECENT_CHANGES = "recent_changes", _("recent changes")
        REMOVALS = "removals", _("deletion and move logs")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="sync_states")
    wiki = models.ForeignKey(Wiki, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    collected_until = models.DateTimeField(null=True, blank=True)
    covered_users = models.JSONField(default=list, blank=True)
    run = models.JSONField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "wiki", "kind"], name="one_sync_state"),
        ]
        verbose_name = _("sync state")
        verbose_name_plural = _("sync states")

    def __str__(self) -> str:
        return f"{self.campaign} / {self.wiki} / {self.kind}"


class UncollectableGap(models.Model):
    """A period whose recent changes had expired before Kuza could read them."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="uncollectable_gaps"
    )
    wiki = models.ForeignKey(Wiki, on_delete=models.CASCADE, related_name="+")
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("until"))
    noted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["wiki__db_name", "start"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "wiki", "start"], name="one_gap_start"),
        ]
        verbose_name = _("period not collected")
        verbose_name_plural = _("periods not collected")

    def __str__(self) -> str:
        return f"{self.wiki}: {self.start:%Y-%m-%d} – {self.end:%Y-%m-%d}"


class PageOrigin(models.Model):
    """When a page touched by a campaign came into being, as far as it matters to a campaign.

    `first_revid`, `created_at` and `creator` describe the page's first revision once known.
    Until then `existed_at` is the time of a revision of the page known to have a parent:
    the page was created before it, which is all a campaign starting after it needs to know.
    Shared by every campaign on the wiki, like revisions; filled by the sync.
    """

    wiki = models.ForeignKey(Wiki, on_delete=models.CASCADE, related_name="page_origins")
    page_id = models.BigIntegerField()
    first_revid = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(null=True, blank=True)
    creator = models.CharField(max_length=255, blank=True)
    existed_at = models.DateTimeField(null=True, blank=True)
    checked_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wiki", "page_id"], name="one_origin_per_page"),
        ]
        indexes = [models.Index(fields=["wiki", "created_at"], name="page_origin_created")]
        verbose_name = _("page origin")
        verbose_name_plural = _("page origins")

    def __str__(self) -> str:
        return f"{self.wiki_id}:{self.page_id}"


class CollectionLease(models.Model):
    """Who is collecting a campaign, on databases without advisory locks (see locking.py).

    Renewed by its holder's heartbeat; free once `expires_at` has passed, or at once when the
    holding process (`host`, `pid`) is known to be gone.
    """

    campaign = models.OneToOneField(
        Campaign, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    token = models.CharField(max_length=32)
    host = models.CharField(max_length=200)
    pid = models.PositiveIntegerField()
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("collection lease")
        verbose_name_plural = _("collection leases")

    def __str__(self) -> str:
        return f"{self.campaign_id} held by {self.host}:{self.pid}"


class CollectionStatus(models.Model):
    """How the last collection of a campaign went on one wiki, as its organisers read it.

    Written by `collection_status` around each collection (queued by "Collect now" or the
    periodic job, running, done or failed); separate from SyncState, which is where fetching
    resumes and belongs to the collection itself.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        RUNNING = "running", _("collecting")
        DONE = "done", _("collected")
        FAILED = "failed", _("failed")

    class Problem(models.TextChoices):
        NONE = "", _("none")
        UNREACHABLE = "unreachable", _("the wiki did not answer")
        REFUSED = "refused", _("the wiki refused the request")
        BAD_ANSWER = "bad_answer", _("the wiki's answer could not be read")
        INTERNAL = "internal", _("an error in Kuza")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="collection_statuses"
    )
    wiki = models.ForeignKey(Wiki, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    requested_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # When it last went well, kept through later failures.
    succeeded_at = models.DateTimeField(null=True, blank=True)
    revisions_stored = models.PositiveIntegerField(default=0)
    problem = models.CharField(max_length=20, choices=Problem.choices, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    # What the wiki said, as it said it (English, from MediaWiki): shown as a detail.
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "wiki"], name="one_collection_status"),
        ]
        verbose_name = _("collection status")
        verbose_name_plural = _("collection statuses")

    def __str__(self) -> str:
        return f"{self.campaign} / {self.wiki}: {self.state}"


class PageSubject(models.Model):
    """The Wikidata item a page is linked to (its `wikibase_item` page property); `item` is
    empty for a page linked to none. Shared by every campaign on the wiki, like revisions;
    read again at a collection once `checked_at` is older than the refresh interval."""

    wiki = models.ForeignKey(Wiki, on_delete=models.CASCADE, related_name="page_subjects")
    page_id = models.BigIntegerField()
    item = models.CharField(max_length=20, blank=True)
    checked_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wiki", "page_id"], name="one_subject_per_page"),
        ]
        verbose_name = _("page's Wikidata item")
        verbose_name_plural = _("pages' Wikidata items")

    def __str__(self) -> str:
        return f"{self.wiki_id}:{self.page_id} → {self.item or '-'}"


class WikidataItem(models.Model):
    """What Kuza last read of a Wikidata item: a human (P31 = Q5) or not, and the group of
    its sex or gender (P21, see subjects.gender_of). `exists` is false for a deleted item."""

    class Gender(models.TextChoices):
        WOMAN = "woman", _("woman")
        MAN = "man", _("man")
        OTHER = "other", pgettext_lazy("sex or gender", "other")
        UNKNOWN = "unknown", pgettext_lazy("sex or gender", "unknown")

    item = models.CharField(max_length=20, unique=True)
    exists = models.BooleanField(default=True)
    is_human = models.BooleanField(default=False)
    gender = models.CharField(max_length=10, choices=Gender.choices, default=Gender.UNKNOWN)
    fetched_at = models.DateTimeField()

    class Meta:
        verbose_name = _("Wikidata item")
        verbose_name_plural = _("Wikidata items")

    def __str__(self) -> str:
        return self.item


class Goal(models.Model):
    """A target organisers set for a campaign on one figure of the catalogue
    (`catalogue.goal_metrics()`); its progress is the campaign's figure."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="goals")
    metric = models.CharField(_("figure"), max_length=40)
    target = models.PositiveIntegerField(_("target"))

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "metric"], name="one_goal_per_metric"),
            models.CheckConstraint(condition=models.Q(target__gte=1), name="goal_target_set"),
        ]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return f"{self.campaign}: {self.metric} {self.target}"


class InvitationOptOut(models.Model):
    """A member who does not want to be suggested to campaign organisers (invitation lists)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invitation opt-out")
        verbose_name_plural = _("invitation opt-outs")

    def __str__(self) -> str:
        return str(self.user_id)


class CampaignInvitation(models.Model):
    """An organiser's in-app invitation of a member to a campaign, shown on their home."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="campaign_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "user"], name="one_campaign_invitation_per_member"
            ),
        ]
        verbose_name = _("campaign invitation")
        verbose_name_plural = _("campaign invitations")

    def __str__(self) -> str:
        return f"{self.user_id} to {self.campaign}"


class InvitationList(models.Model):
    """An organiser's invitation list, built by the worker: reading up to a hundred page
    histories from a wiki takes too long for a web request. `suggestions` holds the scored
    editors (invitations.Suggestion as JSON); who of them is a member the reader may invite
    is decided when the list is shown, for that reader."""

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        RUNNING = "running", _("being built")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    class Problem(models.TextChoices):
        NONE = "", _("none")
        NO_PAGES = "no_pages", _("the category has no pages")
        UNREACHABLE = "unreachable", _("the wiki could not be asked; try again later")
        INTERNAL = "internal", _("an error in Kuza")
        STOPPED = "stopped", _("the worker stopped before it was ready; ask again")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="invitation_lists"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    wiki = models.ForeignKey(Wiki, on_delete=models.CASCADE, related_name="+")
    titles = models.TextField(blank=True)
    category = models.CharField(max_length=255, blank=True)
    days = models.PositiveIntegerField()
    requested_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    problem = models.CharField(max_length=20, choices=Problem.choices, blank=True, default="")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    suggestions = models.JSONField(default=list, blank=True)
    # The task queue's id of the job building it, to read the job's failure when the worker
    # died without saying so (empty when the queue gave none).
    task_id = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("invitation list")
        verbose_name_plural = _("invitation lists")

    def __str__(self) -> str:
        return f"{self.campaign}: {self.get_state_display()}"
