import factory
from django.contrib.contenttypes.models import ContentType

from kuza.accounts.tests.factories import UserFactory
from kuza.people.models import Membership, Organisation
from kuza.safety.models import HiddenContent, ModeratorRole


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Safety test group {n}")
    slug = factory.Sequence(lambda n: f"safety-group-{n}")
    kind = Organisation.Kind.USER_GROUP


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER


class ModeratorRoleFactory(factory.django.DjangoModelFactory):
    """An organisation moderator by default; pass organisation=None for the whole platform."""

    class Meta:
        model = ModeratorRole

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)


def hide_content(obj, reason: str = "Breaks the code of conduct") -> HiddenContent:
    """Content moderators hid, as `moderation.content_hide` records it (without a report)."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return HiddenContent.objects.create(content_type=content_type, object_id=obj.pk, reason=reason)
