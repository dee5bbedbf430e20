"""A #SheSaid drive on five Wikiquotes, with synthetic revisions stored directly (no network)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from kuza.campaigns.models import (
    Campaign,
    CampaignWiki,
    Participant,
    Revision,
    SyncState,
    UncollectableGap,
    Wiki,
    WikiAccount,
)
from kuza.core.demo_loader import DEMO_ORGANISER, DemoCommunity

NAIROBI = ZoneInfo("Africa/Nairobi")
START = datetime(2025, 10, 1, tzinfo=NAIROBI)
END = datetime(2025, 11, 1, tzinfo=NAIROBI)
COLLECTED = datetime(2026, 1, 15, 9, 0, tzinfo=NAIROBI)
LANGUAGES = ("en", "fr", "sw", "ar", "pt")
WOMEN_QUOTED = [
    "Wangari Maathai",
    "Maya Angelou",
    "Chimamanda Ngozi Adichie",
    "Miriam Makeba",
    "Ellen Johnson Sirleaf",
    "Nawal El Saadawi",
    "Fatima Mernissi",
    "Aminata Traoré",
    "Graça Machel",
    "Winnie Madikizela-Mandela",
    "Funmilayo Ransome-Kuti",
    "Yaa Asantewaa",
]
# People who tagged their edits without joining: an open campaign finds them.
OUTSIDERS = ["Quotewoman", "Lisa K.", "Mwalimu Asha", "Citadelle", "Rania B"]


def load(community: DemoCommunity) -> None:
    rng = community.rng
    organiser = community.users[DEMO_ORGANISER]
    wikis = list(Wiki.objects.filter(project=Wiki.Project.WIKIQUOTE, language__in=LANGUAGES))
    campaign = Campaign.objects.create(
        name="#SheSaid 2025",
        slug="shesaid-2025",
        description=(
            "Quotes by and about women, in many languages. Create or improve a Wikiquote page "
            "about a woman and add **#SheSaid** to your edit summary. Everyone is welcome, "
            "whether or not you joined here."
        ),
        hashtag="#SheSaid",
        start=START,
        end=END,
        time_zone="Africa/Nairobi",
        is_open=True,
        last_synced_at=COLLECTED,
    )
    campaign.organisers.add(organiser)
    CampaignWiki.objects.bulk_create(CampaignWiki(campaign=campaign, wiki=wiki) for wiki in wikis)

    members = sorted(community.users.values(), key=lambda user: user.username)[:18]
    by_name = {}
    for user in members:
        profile = getattr(user, "profile", None)
        by_name.setdefault(profile.display_name if profile else user.username, user)
    names = list(by_name)
    Participant.objects.bulk_create(
        Participant(
            campaign=campaign,
            user=user,
            wiki_username=name,
            hidden_from_leaderboard=index % 9 == 4,
        )
        for index, (name, user) in enumerate(by_name.items())
    )

    revisions: list[Revision] = []
    accounts: list[WikiAccount] = []
    window = (END - START).total_seconds()
    for wiki in wikis:
        revid = 1000
        pages: dict[str, tuple[int, int]] = {}  # title -> (page id, size)
        authors = [*rng.sample(names, 8), *rng.sample(OUTSIDERS, 2)]
        for author in authors:
            registered = START + timedelta(days=rng.randint(-900, 20))
            accounts.append(
                WikiAccount(
                    wiki=wiki,
                    username=author,
                    registered_at=registered,
                    checked_at=COLLECTED,
                )
            )
            outsider = author in OUTSIDERS
            for _ in range(rng.randint(2, 9)):
                revid += rng.randint(1, 40)
                title = rng.choice(WOMEN_QUOTED)
                page_id, size = pages.get(title, (len(pages) + 1, 0))
                creation = title not in pages
                diff = rng.randint(80, 1500) if creation else rng.randint(-200, 900)
                diff = max(diff, -size)
                pages[title] = (page_id, size + diff)
                tagged = outsider or rng.random() < 0.6
                when = START + timedelta(seconds=rng.uniform(0, window))
                revisions.append(
                    Revision(
                        wiki=wiki,
                        revid=revid,
                        parentid=0 if creation else revid - 1,
                        page_id=page_id,
                        namespace=0,
                        title=title,
                        user=author,
                        timestamp=when,
                        comment="quotes #SheSaid" if tagged else "sources",
                        size=size + diff,
                        sizediff=diff,
                        is_page_creation=creation,
                        source=Revision.Source.RECENT_CHANGES
                        if outsider
                        else Revision.Source.CONTRIBUTIONS,
                        in_recent_changes=tagged,
                    )
                )
            if rng.random() < 0.4:  # some came back after the drive
                revid += 1
                revisions.append(
                    Revision(
                        wiki=wiki,
                        revid=revid,
                        parentid=revid - 1,
                        page_id=999,
                        namespace=0,
                        title="Later work",
                        user=author,
                        timestamp=END + timedelta(days=rng.randint(31, 70)),
                        comment="",
                        size=500,
                        sizediff=40,
                        is_page_creation=False,
                        source=Revision.Source.CONTRIBUTIONS,
                    )
                )
        revid += 1
        revisions.append(
            Revision(
                wiki=wiki,
                revid=revid,
                parentid=0,
                page_id=5000,
                namespace=6,
                title=f"File:SheSaid portrait {wiki.language}.jpg",
                user=authors[0],
                timestamp=START + timedelta(days=3),
                comment="portrait #SheSaid",
                size=120,
                sizediff=120,
                is_page_creation=True,
                is_upload=True,
                source=Revision.Source.RECENT_CHANGES,
                in_recent_changes=True,
            )
        )
        for kind in SyncState.Kind.values:
            SyncState.objects.create(
                campaign=campaign,
                wiki=wiki,
                kind=kind,
                collected_until=END if kind == SyncState.Kind.RECENT_CHANGES else COLLECTED,
                covered_users=sorted(set(authors)) if kind == SyncState.Kind.CONTRIBUTIONS else [],
            )
    Revision.objects.bulk_create(revisions)
    WikiAccount.objects.bulk_create(accounts, ignore_conflicts=True)
    arabic = next((wiki for wiki in wikis if wiki.language == "ar"), None)
    if arabic is not None:
        # The Arabic wiki was added to the drive late: its first days were out of reach.
        UncollectableGap.objects.create(
            campaign=campaign, wiki=arabic, start=START, end=START + timedelta(days=4)
        )
    community.extra["campaign"] = campaign
