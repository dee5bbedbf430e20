from django.contrib import admin
from django.urls import include, path, re_path

from kuza.api.api import api
from kuza.api.errors import api_not_found
from kuza.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("", include("kuza.accounts.urls")),
    path("people/", include("kuza.people.urls")),
    path("skills/", include("kuza.skills.urls")),
    path("translate/", include("kuza.translation.urls")),
    path("safety/", include("kuza.safety.urls")),
    path("mentorship/", include("kuza.mentorship.urls")),
    path("learn/", include("kuza.learning.urls")),
    path("badges/", include("kuza.credentials.urls")),
    path("campaigns/", include("kuza.campaigns.urls")),
    path("events/", include("kuza.events.urls")),
    path("surveys/", include("kuza.surveys.urls")),
    path("library/", include("kuza.library.urls")),
    path("programmes/", include("kuza.programs.urls")),
    path("api/", api.urls),
    re_path(r"^api/(?P<unmatched>.*)$", api_not_found),
    path("admin/", admin.site.urls),
    # Uploaded files are small and few; a proxy or CDN serves them at scale.
    path("media/<path:path>", core_views.media, name="media"),
]

handler400 = "kuza.core.errors.bad_request"
handler403 = "kuza.core.errors.permission_denied"
handler404 = "kuza.core.errors.page_not_found"
handler500 = "kuza.core.errors.server_error"
