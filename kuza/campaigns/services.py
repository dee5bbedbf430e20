"""Writes for campaigns: creating and editing them, joining, bulk enrolment, custom wikis."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kuza.campaigns import catalogue
from kuza.campaigns.mediawiki import MediaWikiClient, MediaWikiError, normalize_username
from kuza.campaigns.models import (
    Campaign,
    CampaignWiki,
    Goal,
    Participant,
    Series,
    SyncState,
    Wiki,
)
from kuza.campaigns.sync import accounts_store, default_client

# An organiser pastes a list; more than this at once is better done in several goes.
MAX_BULK_NAMES = 500


def parse_worklist(text: str, wikis: list[Wiki]) -> dict[int, list[str]]:
    """`frwikiquote: Title` lines -> titles per wiki id; raise ValidationError naming the line."""
    by_name = {wiki.db_name: wiki for wiki in wikis}
    titles: dict[int, list[str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        db_name, separator, title = line.partition(":")
        wiki = by_name.get(db_name.strip())
        if not separator or wiki is None or not title.strip():
            raise ValidationError(
                _(
                    "Line %(number)d: write the wiki id of one of the campaign's wikis, a colon "
                    "and a page title, for example frwikiquote: Maya Angelou."
                )
                % {"number": number}
            )
        titles.setdefault(wiki.pk, []).append(title.strip())
    return titles


def _set_wikis(campaign: Campaign, wikis: list[Wiki], worklist: str) -> None:
    titles = parse_worklist(worklist, wikis)
    campaign.campaign_wikis.exclude(wiki__in=wikis).delete()
    for wiki in wikis:
        CampaignWiki.objects.update_or_create(
            campaign=campaign,
            wiki=wiki,
            defaults={"worklist": "\n".join(titles.get(wiki.pk, []))},
        )


@transaction.atomic
def campaign_create(
    *,
    organiser,
    name: str,
    slug: str,
    start: datetime,
    end: datetime,
    wikis: list[Wiki],
    description: str = "",
    language: str = "en",
    hashtag: str = "",
    time_zone: str = "UTC",
    is_open: bool = False,
    exclude_bots: bool = True,
    hashtag_required: bool = False,
    worklist: str = "",
) -> Campaign:
    campaign = Campaign.objects.create(
        name=name,
        slug=slug,
        description=description,
        language=language,
        hashtag=hashtag,
        start=start,
        end=end,
        time_zone=time_zone,
        is_open=is_open,
        exclude_bots=exclude_bots,
        hashtag_required=hashtag_required,
    )
    campaign.organisers.add(organiser)
    _set_wikis(campaign, wikis, worklist)
    return campaign


@transaction.atomic
def campaign_update(
    *, campaign: Campaign, wikis: list[Wiki], worklist: str = "", **fields: object
) -> Campaign:
    """Change settings; stored revisions stay, and the next sync fetches what is missing."""
    allowed = {
        "name",
        "description",
        "language",
        "hashtag",
        "start",
        "end",
        "time_zone",
        "is_open",
        "exclude_bots",
        "hashtag_required",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"campaign_update cannot change {sorted(unknown)}")
    window_moved = fields.get("start", campaign.start) != campaign.start
    tag_changed = fields.get("hashtag", campaign.hashtag) != campaign.hashtag or (
        fields.get("is_open", campaign.is_open) and not campaign.is_open
    )
    for name, value in fields.items():
        setattr(campaign, name, value)
    campaign.save()
    _set_wikis(campaign, wikis, worklist)
    if window_moved:
        # Collected ranges were measured from the old start: begin again, idempotently.
        campaign.sync_states.all().delete()
        campaign.uncollectable_gaps.all().delete()
    elif tag_changed:
        # Recent changes were searched for another tag (or not at all): poll them again.
        campaign.sync_states.filter(kind=SyncState.Kind.RECENT_CHANGES).delete()
        campaign.uncollectable_gaps.all().delete()
    return campaign


# -- participants ----------------------------------------------------------------------------


def participant_join(
    *, campaign: Campaign, user, wiki_username: str, hidden_from_leaderboard: bool = False
) -> Participant:
    """A member enrols with their wiki user name (or changes it, or their visibility)."""
    name = _valid_name(wiki_username)
    with transaction.atomic():
        mine = campaign.participants.filter(user=user).first()
        taken = campaign.participants.filter(wiki_username=name).exclude(user=user).first()
        if taken is not None and taken.user_id is not None:
            raise ValidationError(_("Another member already takes part under this user name."))
        if taken is not None:
            # An organiser added this name; the member claims it.
            if mine is not None:
                mine.delete()
            taken.user = user
            taken.hidden_from_leaderboard = hidden_from_leaderboard
            taken.save(update_fields=["user", "hidden_from_leaderboard"])
            return taken
        if mine is None:
            return Participant.objects.create(
                campaign=campaign,
                user=user,
                wiki_username=name,
                hidden_from_leaderboard=hidden_from_leaderboard,
            )
        mine.wiki_username = name
        mine.hidden_from_leaderboard = hidden_from_leaderboard
        mine.save(update_fields=["wiki_username", "hidden_from_leaderboard"])
        return mine


def participant_leave(*, campaign: Campaign, user) -> None:
    campaign.participants.filter(user=user).delete()


def participant_set_hidden(*, participant: Participant, hidden: bool) -> Participant:
    participant.hidden_from_leaderboard = hidden
    participant.save(update_fields=["hidden_from_leaderboard"])
    return participant


def _valid_name(raw: str) -> str:
    try:
        return normalize_username(raw)
    except ValueError:
        raise ValidationError(
            _("%(name)s cannot be a wiki user name.") % {"name": raw.strip()[:80]}
        ) from None


@dataclass(frozen=True)
class BulkRow:
    """One line of an organiser's list and what became of it."""

    line: int
    given: str
    username: str
    status: str  # added, already, unknown, invalid, duplicate

    @property
    def message(self) -> str:
        return {
            "added": _("Added."),
            "already": _("Already a participant."),
            "unknown": _("No such account on any of the campaign's wikis; not added."),
            "invalid": _("Not a possible wiki user name; not added."),
            "duplicate": _("Listed twice; added once."),
        }[self.status]


def participants_bulk_add(
    *, campaign: Campaign, organiser, text: str, client: MediaWikiClient | None = None
) -> list[BulkRow]:
    """Enrol the user names in `text` (one per line), with a report for every line.

    A name is *unknown* when no wiki of the campaign has an account of that name (checked
    with the wikis, 50 names a request); unknown names are not added, since they are
    usually typos and would silently count nothing. Raises MediaWikiError when a wiki cannot
    be asked, so nothing is half-added on a guess.
    """
    lines = [(number, line.strip()) for number, line in enumerate(text.splitlines(), 1)]
    lines = [(number, line) for number, line in lines if line]
    if len(lines) > MAX_BULK_NAMES:
        raise ValidationError(
            _("At most %(count)d names at once, please.") % {"count": MAX_BULK_NAMES}
        )
    parsed: list[tuple[int, str, str | None]] = []
    for number, given in lines:
        try:
            parsed.append((number, given, normalize_username(given.removeprefix("User:"))))
        except ValueError:
            parsed.append((number, given, None))
    candidates = sorted({name for _n, _g, name in parsed if name is not None})
    existing = _existing_accounts(campaign, candidates, client)
    already = set(campaign.participants.values_list("wiki_username", flat=True))
    rows: list[BulkRow] = []
    seen: set[str] = set()
    with transaction.atomic():
        for number, given, name in parsed:
            if name is None:
                rows.append(BulkRow(number, given, "", "invalid"))
            elif name in seen:
                rows.append(BulkRow(number, given, name, "duplicate"))
            elif name in already:
                rows.append(BulkRow(number, given, name, "already"))
            elif name not in existing:
                rows.append(BulkRow(number, given, name, "unknown"))
            else:
                Participant.objects.create(
                    campaign=campaign, wiki_username=name, added_by=organiser
                )
                rows.append(BulkRow(number, given, name, "added"))
            if name is not None:
                seen.add(name)
    return rows


def _existing_accounts(
    campaign: Campaign, names: list[str], client: MediaWikiClient | None
) -> set[str]:
    if not names:
        return set()
    own = client is None
    client = client or default_client()
    found: set[str] = set()
    try:
        for wiki in campaign.wikis.all():
            infos = client.fetch_user_registrations(wiki.api_url, names)
            accounts_store(wiki=wiki, infos=infos, now=timezone.now())
            found.update(info.name for info in infos if info.exists)
    finally:
        if own:
            client.close()
    return found


# -- wikis -----------------------------------------------------------------------------------


def _check_public_address(api_url: str) -> None:
    """Refuse URLs that would make Kuza fetch from its own network (SSRF), unless the
    operator allows it (KUZA_CAMPAIGNS_ALLOW_PRIVATE_WIKIS, for local test wikis)."""
    parts = urlsplit(api_url)
    allow_private = settings.KUZA_CAMPAIGNS_ALLOW_PRIVATE_WIKIS
    if parts.scheme != "https" and not (allow_private and parts.scheme == "http"):
        raise ValidationError(_("The API URL must start with https://."))
    if not parts.path.endswith("/api.php") or parts.query or parts.fragment:
        raise ValidationError(
            _(
                "Give the address of the wiki's api.php, for example https://fr.wikiquote.org/w/api.php."
            )
        )
    if allow_private:
        return
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 443)}
    except (OSError, UnicodeError):
        raise ValidationError(_("This host name cannot be found.")) from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            raise ValidationError(_("This address is not on the public internet."))


def wiki_register(*, api_url: str, user, client: MediaWikiClient | None = None) -> Wiki:
    """Add any MediaWiki site by its api.php URL, named and typed from its own siteinfo."""
    api_url = api_url.strip()
    existing = Wiki.objects.filter(api_url=api_url).first()
    if existing is not None:
        return existing
    _check_public_address(api_url)
    own = client is None
    client = client or default_client()
    try:
        data = client.transport.get(
            api_url, {"action": "query", "meta": "siteinfo", "siprop": "general"}
        )
    except MediaWikiError:
        raise ValidationError(_("No MediaWiki API answered at this address.")) from None
    finally:
        if own:
            client.close()
    general = data.get("query", {}).get("general", {})
    db_name, language = str(general.get("wikiid", "")), str(general.get("lang", ""))
    if not db_name or not language:
        raise ValidationError(_("No MediaWiki API answered at this address."))
    try:
        with transaction.atomic():
            return Wiki.objects.create(
                db_name=db_name,
                name=str(general.get("sitename", db_name))[:120],
                language=language[:20],
                project=Wiki.Project.OTHER,
                api_url=api_url,
                added_by=user,
            )
    except IntegrityError:
        raise ValidationError(
            _("A wiki with the id %(id)s is already listed under another address.")
            % {"id": db_name}
        ) from None


def goal_set(*, campaign: Campaign, metric: str, target: int) -> Goal:
    """Set (or change) the campaign's goal on one figure of the catalogue."""
    if metric not in {m.key for m in catalogue.goal_metrics()}:
        raise ValidationError(
            _("Goals can be set on these figures only: %(keys)s.")
            % {"keys": ", ".join(str(m.label) for m in catalogue.goal_metrics())}
        )
    if not isinstance(target, int) or target < 1:
        raise ValidationError(_("A goal needs a target of at least 1."))
    goal, _created = Goal.objects.update_or_create(
        campaign=campaign, metric=metric, defaults={"target": target}
    )
    return goal


def goal_remove(*, campaign: Campaign, metric: str) -> None:
    Goal.objects.filter(campaign=campaign, metric=metric).delete()


@transaction.atomic
def campaign_series_set(*, campaign: Campaign, name: str) -> Series | None:
    """Make the campaign an edition of the series called `name` (created when new), or of
    none when `name` is empty. Editions never overlap in time, so no edit counts twice."""
    name = " ".join(name.split())
    if not name:
        Campaign.objects.filter(pk=campaign.pk).update(series=None)
        campaign.series = None
        return None
    slug = slugify(name, allow_unicode=False)[:80]
    if not slug:
        raise ValidationError(_("Give the series a name with letters or digits."))
    series, _created = Series.objects.get_or_create(slug=slug, defaults={"name": name})
    overlapping = series.editions.exclude(pk=campaign.pk).filter(
        start__lt=campaign.end, end__gt=campaign.start
    )
    if overlapping.exists():
        raise ValidationError(
            _(
                "%(edition)s, an edition of this series, overlaps these dates; editions "
                "follow one another."
            )
            % {"edition": overlapping.first().name}
        )
    Campaign.objects.filter(pk=campaign.pk).update(series=series)
    campaign.series = series
    return series
