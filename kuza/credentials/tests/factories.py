import factory

from kuza.credentials import identity
from kuza.credentials.models import Assertion, AwardRule, BadgeClass, Issuer
from kuza.people.models import Membership, Organisation


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Wiki Group {n}")
    slug = factory.Sequence(lambda n: f"wiki-group-{n}")
    kind = Organisation.Kind.USER_GROUP
    country = "KE"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory("kuza.accounts.tests.factories.UserFactory")
    role = Membership.Role.ORGANISER


class IssuerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issuer

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.LazyAttribute(lambda issuer: issuer.organisation.name)
    url = "https://group.example.org/"
    email = "badges@group.example.org"


class BadgeClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BadgeClass

    issuer = factory.SubFactory(IssuerFactory)
    name = factory.Sequence(lambda n: f"Badge {n}")
    description = "Recognises a real achievement."
    criteria = "Do the *thing* well."


class AwardRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardRule

    badge_class = factory.SubFactory(BadgeClassFactory)
    kind = AwardRule.Kind.COURSE_COMPLETED
    target_key = "course-1"


class AssertionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assertion

    badge_class = factory.SubFactory(BadgeClassFactory)
    recipient = factory.SubFactory("kuza.accounts.tests.factories.UserFactory")
    recipient_salt = factory.LazyFunction(identity.new_salt)
    recipient_identity = factory.LazyAttribute(
        lambda assertion: identity.hash_email(assertion.recipient.email, assertion.recipient_salt)
    )
    achievement_key = factory.Sequence(lambda n: f"manual:{n}")
