import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from kuza.accounts.models import ConductAcceptance
from kuza.accounts.selectors import current_code_of_conduct
from kuza.people.models import Profile

PASSWORD = "correct horse battery staple"  # noqa: S105 - test persona password


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)
    profile = factory.RelatedFactory(
        "kuza.accounts.tests.factories.ProfileFactory", factory_related_name="user"
    )

    @factory.post_generation
    def _save_password(self, create, extracted, **kwargs):
        if create:
            self.save(update_fields=["password"])


class ConductAcceptedUserFactory(UserFactory):
    """A member who accepted the current code of conduct, as registering or posting requires."""

    @factory.post_generation
    def accepted_conduct(self, create, extracted, **kwargs):
        conduct = current_code_of_conduct()
        if create and conduct is not None and extracted is not False:
            ConductAcceptance.objects.get_or_create(
                user=self, conduct=conduct, defaults={"accepted_at": timezone.now()}
            )


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    display_name = factory.LazyAttribute(lambda profile: profile.user.username.title())
    country = "KE"
