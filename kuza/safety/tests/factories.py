import factory

from kuza.accounts.tests.factories import UserFactory
from kuza.people.models import Membership, Organisation
from kuza.safety.models import ModeratorRole


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
