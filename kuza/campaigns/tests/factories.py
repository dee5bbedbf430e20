from datetime import UTC, datetime

import factory

from kuza.accounts.tests.factories import UserFactory
from kuza.campaigns.models import Campaign, CampaignWiki, Participant, Revision, Wiki


class WikiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wiki
        django_get_or_create = ["db_name"]

    db_name = factory.Sequence(lambda n: f"test{n}wikiquote")
    name = factory.LazyAttribute(lambda wiki: wiki.db_name)
    language = "en"
    project = Wiki.Project.WIKIQUOTE
    api_url = factory.LazyAttribute(lambda wiki: f"https://{wiki.db_name}.example.org/w/api.php")


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Campaign {n}")
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    hashtag = "#SheSaid"
    start = datetime(2025, 3, 1, tzinfo=UTC)
    end = datetime(2025, 4, 1, tzinfo=UTC)

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if create:
            self.organisers.add(*(extracted or [UserFactory()]))

    @factory.post_generation
    def on_wikis(self, create, extracted, **kwargs):
        if create:
            for wiki in extracted or [WikiFactory()]:
                CampaignWiki.objects.create(campaign=self, wiki=wiki)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    campaign = factory.SubFactory(CampaignFactory)
    wiki_username = factory.Sequence(lambda n: f"Editor {n}")


class RevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Revision

    wiki = factory.SubFactory(WikiFactory)
    revid = factory.Sequence(lambda n: n + 1)
    parentid = 0
    page_id = factory.Sequence(lambda n: n + 1)
    namespace = 0
    title = factory.Sequence(lambda n: f"Page {n}")
    user = "Editor 1"
    timestamp = datetime(2025, 3, 10, 12, tzinfo=UTC)
    comment = "#SheSaid"
    size = 100
    sizediff = 100
    is_page_creation = True
    source = Revision.Source.CONTRIBUTIONS
