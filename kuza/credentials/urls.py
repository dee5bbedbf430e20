from django.urls import path, register_converter

from kuza.credentials import manage_views, views


class ImageKindConverter:
    regex = r"png|svg"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ImageKindConverter, "imagekind")

app_name = "credentials"
urlpatterns = [
    path("", views.index, name="index"),
    path("backpack/", views.backpack, name="backpack"),
    # Open Badges 2.0 hosted documents: stable, public, never renamed.
    path("issuers/<uuid:uuid>.json", views.issuer_json, name="issuer_json"),
    path("issuers/<uuid:uuid>/revocations.json", views.revocations_json, name="revocations_json"),
    path("classes/<uuid:uuid>.json", views.badge_class_json, name="badge_class_json"),
    path(
        "classes/<uuid:uuid>/image.<imagekind:kind>",
        views.badge_class_image,
        name="badge_class_image",
    ),
    path("assertions/<uuid:uuid>.json", views.assertion_json, name="assertion_json"),
    # Pages for people.
    path("issuers/<uuid:uuid>/", views.issuer_page, name="issuer"),
    path("classes/<uuid:uuid>/", views.badge_class_page, name="badge_class"),
    path("assertions/<uuid:uuid>/", views.assertion_page, name="assertion"),
    path("assertions/<uuid:uuid>/badge.<imagekind:kind>", views.baked_badge, name="baked_badge"),
    path("assertions/<uuid:uuid>/certificate.pdf", views.certificate, name="certificate"),
    path("assertions/<uuid:uuid>/visibility/", views.visibility, name="visibility"),
    # Organisers.
    path("manage/", manage_views.manage, name="manage"),
    path("manage/start/", manage_views.start_issuer, name="start_issuer"),
    path("manage/issuers/<uuid:uuid>/", manage_views.manage_issuer, name="manage_issuer"),
    path(
        "manage/classes/<uuid:uuid>/",
        manage_views.manage_badge_class,
        name="manage_badge_class",
    ),
    path("manage/classes/<uuid:uuid>/rules/", manage_views.add_rule, name="add_rule"),
    path(
        "manage/classes/<uuid:uuid>/rules/<int:rule_id>/",
        manage_views.toggle_rule,
        name="toggle_rule",
    ),
    path(
        "manage/classes/<uuid:uuid>/rules/<int:rule_id>/apply/",
        manage_views.apply_rule,
        name="apply_rule",
    ),
    path("manage/classes/<uuid:uuid>/award/", manage_views.award, name="award"),
    path("manage/classes/<uuid:uuid>/award-csv/", manage_views.award_csv, name="award_csv"),
    path("manage/classes/<uuid:uuid>/image/", manage_views.replace_image, name="replace_image"),
    path("manage/assertions/<uuid:uuid>/revoke/", manage_views.revoke, name="revoke"),
]
