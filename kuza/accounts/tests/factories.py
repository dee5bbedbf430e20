import factory
from django.contrib.auth import get_user_model

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


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    display_name = factory.LazyAttribute(lambda profile: profile.user.username.title())
    country = "KE"
