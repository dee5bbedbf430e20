import factory
from django.utils import timezone

from kuza.accounts.models import CodeOfConduct
from kuza.accounts.tests.factories import UserFactory
from kuza.people.models import Membership, Organisation
from kuza.translation.models import SourceUnit, TranslatorRole, UnitTranslation


class TranslatorRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TranslatorRole

    user = factory.SubFactory(UserFactory)
    language = "fr"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"User group {n}")
    slug = factory.Sequence(lambda n: f"group-{n}")
    kind = Organisation.Kind.USER_GROUP


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER


class CodeOfConductFactory(factory.django.DjangoModelFactory):
    """A registered translatable model of the foundation: saving it syncs its units."""

    class Meta:
        model = CodeOfConduct

    version = factory.Sequence(lambda n: 100 + n)
    title = "Community code"
    body = "# Welcome\n\nBe kind.\n\n- Listen first\n- Ask before sharing\n"
    published_at = factory.LazyFunction(timezone.now)


def translate_unit(obj, text: str, language: str, translation: str) -> UnitTranslation:
    """Translate the current unit of `obj` whose source is `text`, as a translator would."""
    unit = SourceUnit.objects.get(
        field__translatable__object_id=obj.pk,
        field__translatable__content_type__model=obj._meta.model_name,
        text=text,
        removed=False,
    )
    return UnitTranslation.objects.create(
        unit=unit, language=language, text=translation, source_hash_at_translation=unit.source_hash
    )
