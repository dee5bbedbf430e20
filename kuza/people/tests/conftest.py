import pytest

from kuza.people.visibility import register_relationship_source, unregister_relationship_source


class Mentorships:
    """A stand-in for the mentorship app's relationship source: pairs in active mentorship."""

    def __init__(self) -> None:
        self.pairs: set[frozenset[int]] = set()

    def add(self, first, second) -> None:
        self.pairs.add(frozenset({first.pk, second.pk}))

    def __call__(self, user) -> set[int]:
        return {other for pair in self.pairs if user.pk in pair for other in pair - {user.pk}}


@pytest.fixture
def mentorships():
    source = Mentorships()
    register_relationship_source(source)
    yield source
    unregister_relationship_source(source)
