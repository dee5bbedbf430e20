from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kuza.campaigns.collection import campaign_collect
from kuza.campaigns.models import Campaign
from kuza.campaigns.selectors import active_campaigns
from kuza.campaigns.sync import PageStored

# Exit codes, as the README lists them: 0 every campaign collected; 1 a wiki could not be
# collected (run again to resume) or the command line was wrong; this one (sysexits'
# EX_TEMPFAIL) when a live collection of a campaign was already running and it was skipped.
EXIT_ALREADY_RUNNING = 75


class Command(BaseCommand):
    help = (
        "Collect a campaign's revisions from its wikis (`kuza campaign-sync SLUG`, or --active "
        "for every campaign that has started and not ended more than 60 days ago), then compute "
        "its numbers and award its participation badges, as the worker does. Resumes an "
        "interrupted collection; safe to repeat. Exits 0 when everything was collected, 1 when a "
        "wiki could not be, 75 when a campaign was skipped because a live collection of it was "
        "already running."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", metavar="SLUG")
        parser.add_argument("--active", action="store_true", help="every running campaign")

    def handle(self, *args, slugs, active, verbosity, **options):
        campaigns = list(Campaign.objects.filter(slug__in=slugs))
        missing = set(slugs) - {campaign.slug for campaign in campaigns}
        if missing:
            raise CommandError(f"no campaign called {', '.join(sorted(missing))}")
        if active:
            now = timezone.now()
            campaigns += active_campaigns(now=now).exclude(slug__in=slugs)
        if not campaigns:
            raise CommandError("name a campaign (kuza campaign-sync SLUG) or pass --active")
        failed = False
        skipped = []
        for campaign in campaigns:
            on_page = self._progress if verbosity >= 2 else None
            collected = campaign_collect(campaign, on_page=on_page)
            if collected is None:
                self.stderr.write(
                    f"{campaign.slug}: skipped, another collection of it is running right now"
                )
                skipped.append(campaign.slug)
                continue
            report = collected.report
            self.stdout.write(
                f"{campaign.slug}: {report.requests} API request(s), "
                f"{report.revisions_stored} new revision(s), "
                f"{collected.badges_qualified} member(s) meeting a badge rule"
            )
            for wiki in report.wikis:
                line = (
                    f"  {wiki.wiki}: {wiki.requests} request(s), {wiki.pages} page(s), "
                    f"{wiki.revisions_stored} new revision(s), {wiki.accounts_checked} account(s)"
                )
                for start, end in wiki.gaps:
                    line += f"; not collectable {start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M}"
                if wiki.error:
                    line += f"; STOPPED: {wiki.error}"
                self.stdout.write(line)
            line = (
                f"  wikidata: {report.wikidata_requests} request(s), "
                f"{report.items_read} item(s) read"
            )
            if report.wikidata_error:
                line += f"; STOPPED: {report.wikidata_error}"
            self.stdout.write(line)
            failed = failed or bool(report.errors)
        if failed:
            raise CommandError("some wikis could not be collected; run again to resume")
        if skipped:
            raise CommandError(
                f"not collected, a collection was already running: {', '.join(skipped)}",
                returncode=EXIT_ALREADY_RUNNING,
            )

    def _progress(self, page: PageStored) -> None:
        where = page.wiki.db_name if page.wiki is not None else "wikidata"
        self.stdout.write(f"    {where} {page.kind}: {page.revisions} stored")
