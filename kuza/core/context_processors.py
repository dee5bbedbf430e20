from django.conf import settings
from django.http import HttpRequest

from kuza.core import navigation


def site(request: HttpRequest) -> dict:
    return {
        "nav_items": navigation.items_for(getattr(request, "user", None)),
        "site_url": settings.SITE_URL,
    }
