import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _interface_language_reset():
    """Requests with a language cookie leave that language active in the thread: reset it."""
    yield
    translation.deactivate()
