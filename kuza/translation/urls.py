from django.urls import path, register_converter

from kuza.translation import interface_views, views


class LanguageConverter:
    regex = r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class FileFormatConverter:
    regex = r"po|xliff"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class ModelLabelConverter:
    regex = r"[a-z_]+\.[a-z_]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LanguageConverter, "lang")
register_converter(FileFormatConverter, "fileformat")
register_converter(ModelLabelConverter, "modellabel")

app_name = "translation"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("import/", views.import_file, name="import"),
    path("translators/", views.translators, name="translators"),
    path("interface/", interface_views.status, name="interface"),
    path("interface/<lang:language>.po", interface_views.download, name="interface_download"),
    path("interface/<lang:language>/upload/", interface_views.upload, name="interface_upload"),
    path("translators/<int:role_id>/revoke/", views.translator_revoke, name="translator_revoke"),
    path("<int:pk>/", views.object_detail, name="object"),
    path("<int:pk>/<lang:language>/", views.editor, name="editor"),
    path("<int:pk>/<lang:language>/units/<int:unit_id>/", views.unit_save, name="unit_save"),
    path(
        "<int:pk>/<lang:language>/export.<fileformat:file_format>",
        views.export_object,
        name="export_object",
    ),
    path(
        "<int:pk>/<lang:language>/all.<fileformat:file_format>",
        views.export_whole,
        name="export_whole",
    ),
    path(
        "type/<modellabel:model_label>/<lang:language>/export.<fileformat:file_format>",
        views.export_type,
        name="export_type",
    ),
]
