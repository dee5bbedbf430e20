"""A small #SheSaid drive played out on the two real test wikis, and its truth.

The truth is computed here from the wikis' own SQLite databases with a deliberately plain
reading of the metric definitions (its own hashtag regex, one filter per clause), so a bug in
the sync, the selectors or `compute_metrics` cannot hide in it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from kuza.campaigns.mediawiki import MediaWikiClient, RetryPolicy, build_user_agent
from kuza.campaigns.models import Wiki
from kuza.campaigns.testing import LocalWiki, TruthRevision, tiny_png

PASSWORD = "Campaign-sync-password-1"
USER_AGENT = build_user_agent("https://kuza.example/tests")


class SleepRecorder:
    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def make_client(sleep: SleepRecorder | None = None, *, max_attempts: int = 4) -> MediaWikiClient:
    return MediaWikiClient(
        USER_AGENT,
        retry=RetryPolicy(max_attempts, 0.01, 0.05),
        sleep=sleep or SleepRecorder(),
        random_fraction=lambda: 0.5,
    )


def wiki_row(local: LocalWiki, *, api_url: str | None = None, days: int = 36500) -> Wiki:
    """The Wiki row for a local wiki (the seeded Wikimedia row of that id, repointed)."""
    wiki, _ = Wiki.objects.update_or_create(
        db_name=local.spec.db_name,
        defaults={
            "name": local.spec.site_name,
            "language": local.spec.language,
            "project": Wiki.Project.WIKIQUOTE,
            "api_url": api_url or local.api_url,
            "recent_changes_days": days,
        },
    )
    return wiki


_TAG = re.compile(r"(?<![\w])[#＃]shesaid(?![\w])", re.IGNORECASE)


def tagged(comment: str) -> bool:
    return _TAG.search(comment) is not None


@dataclass
class World:
    """Who did what, in which window; `token` keeps names apart from other tests' data."""

    token: str
    start: datetime
    end: datetime
    wikis: dict[str, LocalWiki]
    participants: list[str]
    outsiders: list[str]
    bot: str
    registrations: dict[str, datetime] = field(default_factory=dict)

    @property
    def as_of(self) -> datetime:
        return self.end + timedelta(days=45)

    def truth(self, *, open_campaign: bool, exclude_bots: bool = True) -> dict:
        """Every metric, from the wikis' databases."""
        bots = {self.bot}
        per_wiki: dict[str, dict[str, int]] = {}
        leaderboard: Counter[str] = Counter()
        active: set[str] = set()
        all_uploads = 0
        totals = Counter()
        credited_anywhere: list[TruthRevision] = []
        for db_name, wiki in self.wikis.items():
            revisions = [r for r in wiki.truth_revisions() if self.token in r.user]
            in_window = [r for r in revisions if self.start <= r.timestamp < self.end]

            def credited(r: TruthRevision) -> bool:
                if exclude_bots and r.user in bots:
                    return False
                return r.user in self.participants or (open_campaign and tagged(r.comment))

            # A revision whose text or author an administrator hid counts in no figure.
            counted = [r for r in in_window if credited(r) and not r.text_or_user_hidden]
            credited_anywhere += counted
            # A revision of a page that is now a redirect counts in no figure.
            edits = [r for r in counted if r.namespace == 0 and not r.page_is_redirect]
            created = {r.page_id for r in edits if r.parentid == 0}
            improved = {r.page_id for r in edits if r.parentid != 0} - created
            uploads = {r.page_id for r in counted if r.namespace == 6 and r.parentid == 0}
            all_uploads += len(uploads)
            per_wiki[db_name] = {
                "edits": len(edits),
                "articles_created": len(created),
                "articles_improved": len(improved),
                "bytes_added": sum(max(r.sizediff, 0) for r in edits),
                "files_uploaded": len(uploads),
                "active_participants": len({r.user for r in edits}),
            }
            for key, value in per_wiki[db_name].items():
                if key != "active_participants":
                    totals[key] += value
            active |= {r.user for r in edits}
            leaderboard.update(r.user for r in edits)
        totals["active_participants"] = len(active)
        returned = {
            r.user
            for wiki in self.wikis.values()
            for r in wiki.truth_revisions()
            if self.end + timedelta(days=30) <= r.timestamp <= self.as_of
        }
        new_editors = sum(
            1
            for user in active
            if user in self.registrations and self.start <= self.registrations[user] < self.end
        )
        return {
            "totals": dict(totals),
            "per_wiki": per_wiki,
            "leaderboard": dict(leaderboard),
            "new_editors": new_editors,
            "retained": len(active & returned),
            "cohort": len(active),
        }


def build_world(wikis: dict[str, LocalWiki], token: str, start: datetime) -> World:
    """Creations, improvements, redirects, talk pages, uploads, tags in every spelling."""
    end = start + timedelta(days=30)

    def at(day: int, hour: int = 12) -> datetime:
        return start + timedelta(days=day, hours=hour)

    en, fr = wikis["enwikiquote"], wikis["frwikiquote"]
    amina, bea, chloe = (f"Amina {token}", f"Bea {token}", f"Chloe {token}")
    outsider, passer, shy = (f"Outsider {token}", f"Passer {token}", f"Shy {token}")
    bot = f"QuoteBot {token}"
    world = World(token, start, end, wikis, [amina, bea, chloe], [outsider, passer, shy], bot)
    world.registrations = {amina: at(1, 1), outsider: start - timedelta(days=400)}
    sessions: dict[tuple[str, str], object] = {}

    def me(wiki: LocalWiki, name: str):
        key = (wiki.spec.db_name, name)
        if key not in sessions:
            sessions[key] = wiki.create_user(
                name, PASSWORD, at=world.registrations.get(name, start - timedelta(days=900))
            )
        return sessions[key]

    page = f"Maya Angelou {token}"
    # Participants on the English wiki: a new article (untagged: participants count anyway),
    # improvements, a redirect, a talk page, a page from before the start, an upload.
    me(en, amina).create_page(f"Old {token}", "Before.", "early", at=start - timedelta(days=3))
    me(en, amina).create_page(page, "* Quote one.", "new page", at=at(2))
    me(en, bea).edit(page, "* Quote one.\n* Quote two, sourced.", "#SheSaid sources", at=at(3))
    me(en, bea).edit(page, "* Quote two, sourced.", "trim", at=at(3, 14))  # shrinks the page
    me(en, chloe).create_redirect(f"Angelou {token}", page, "redirect #SheSaid", at=at(4))
    me(en, chloe).edit(f"Talk:{page}", "Sources?", "question", at=at(5))
    me(en, amina).edit(f"Old {token}", "Before.\n* Improved.", "improve", at=at(6))
    me(en, amina).upload(f"Angelou {token}.png", tiny_png(1), "portrait", at=at(7))
    # Outsiders: tagged in every spelling, and near misses that must not count.
    me(en, outsider).create_page(f"Wangari {token}", "* Quote.", "＃shesaid new", at=at(8))
    me(en, outsider).edit(f"Wangari {token}", "* Quote.\n* More.", "more #SHESAID", at=at(9))
    me(en, passer).create_page(f"Near {token}", "* Miss.", "#SheSaid2025 drive", at=at(10))
    me(en, passer).edit(f"Near {token}", "* Miss!", "x#SheSaid", at=at(11))
    me(en, passer).edit(f"Wangari {token}", "* Quote.\n* More.\n* Again.", "untagged", at=at(12))
    me(en, outsider).upload(f"Wangari {token}.png", tiny_png(2), "photo #SheSaid", at=at(13))
    # A bot tags its edits too; excluded by default.
    with en.create_bot(bot, PASSWORD) as robot:
        robot.edit(f"Bot list {token}", "* Auto.", "#SheSaid batch", bot=True, at=at(14))
    # The French wiki: the same people under the same names (accounts are per wiki here).
    me(fr, amina).create_page(f"Citations {token}", "* Une.", "nouvelle page", at=at(15))
    me(fr, chloe).edit(f"Citations {token}", "* Une.\n* Deux.", "#SheSaid ajout", at=at(16))
    me(fr, shy).create_page(f"Discret {token}", "* Trois.", "#SheSaid", at=at(17))
    me(fr, outsider).edit(f"Discussion:Citations {token}", "?", "#SheSaid question", at=at(18))
    # After the end: Amina and the outsider come back (retention), Bea does not.
    me(en, amina).edit(page, "* Later.", "back again", at=end + timedelta(days=35))
    me(fr, outsider).edit(f"Citations {token}", "* Plus.", "retour", at=end + timedelta(days=36))
    me(en, passer).edit(f"Near {token}", "* After.", "#SheSaid late", at=end + timedelta(hours=1))
    for session in sessions.values():
        session.close()  # type: ignore[attr-defined]
    return world


def snapshot_revisions(wiki_ids: list[int]) -> list[tuple]:
    from kuza.campaigns.models import Revision

    fields = [f.name for f in Revision._meta.fields if f.name != "id"]
    return list(
        Revision.objects.filter(wiki_id__in=wiki_ids)
        .order_by("wiki_id", "revid")
        .values_list(*fields)
    )


def stop_after(pages: int, wiki: LocalWiki, kind: str) -> Callable:
    """An on_page callback that stops `wiki` once `pages` pages of `kind` were stored."""
    seen = Counter()

    def callback(page) -> None:
        if page.wiki is not None and page.wiki.db_name == wiki.spec.db_name and page.kind == kind:
            seen[kind] += 1
            if seen[kind] == pages:
                wiki.stop()

    return callback
