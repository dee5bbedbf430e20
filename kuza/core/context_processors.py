from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from kuza.core import home, navigation

# The figure beside the account entry is read on every page; the home page itself always
# counts afresh (and refreshes this), other pages may show a count up to this old.
WAITING_COUNT_SECONDS = 60


def waiting_count_key(user) -> str:
    return f"core:home:waiting:{user.pk}"


def _cached_waiting_count(user) -> int:
    if not (user and user.is_authenticated):
        return 0
    key = waiting_count_key(user)
    count = cache.get(key)
    if count is None:
        count = home.waiting_count(user)
        cache.set(key, count, timeout=WAITING_COUNT_SECONDS)
    return count


def site(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    return {
        "nav_groups": navigation.groups_for(user),
        "nav_account_items": navigation.account_items_for(user),
        # A callable: the template calls it only where it shows the menu (once, in a `with`).
        "waiting_count": lambda: _cached_waiting_count(user),
        "site_url": settings.SITE_URL,
    }
