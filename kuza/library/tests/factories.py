import factory

from kuza.accounts.tests.factories import UserFactory
from kuza.library.models import Curator, Toolkit, ToolkitItem, ToolkitStep
from kuza.library.services.resources import resource_propose, resource_review
from kuza.library.validation import ResourceInput

__all__ = ["UserFactory", "CuratorFactory", "ToolkitFactory", "make_resource"]


class CuratorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Curator

    user = factory.SubFactory(UserFactory)


class ToolkitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Toolkit
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"toolkit-{n}")
    title = factory.Sequence(lambda n: f"Toolkit {n}")
    language = "en"
    is_published = True

    @factory.post_generation
    def steps(self, create, extracted, **kwargs):
        """`steps=[("Title", ["item", ...]), ...]`; two steps of two items by default."""
        if not create:
            return
        steps = extracted or [("Prepare", ["Book a room", "Invite"]), ("Run", ["Welcome"])]
        for order, (title, items) in enumerate(steps, start=1):
            step = ToolkitStep.objects.create(toolkit=self, order=order, title=title)
            for index, text in enumerate(items, start=1):
                ToolkitItem.objects.create(step=step, order=index, text=text)


def make_resource(*, author=None, publish=True, curator=None, translation_of=None, **fields):
    """A resource through the real services: proposed, and published unless told not to."""
    author = author or UserFactory()
    values = {
        "kind": "tutorial",
        "title": "A tutorial",
        "body": "Some text.",
        "language": "en",
        "level": "beginner",
        **fields,
    }
    resource = resource_propose(
        author=author,
        data=ResourceInput(**values),
        translation_of=translation_of,
        submit=publish,
    )
    if publish:
        resource_review(
            resource=resource, curator=curator or UserFactory(is_staff=True), publish=True
        )
    return resource
