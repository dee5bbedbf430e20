from django.urls import path

from kuza.surveys.views import answering, building, results

app_name = "surveys"
urlpatterns = [
    path("", answering.survey_list, name="list"),
    path("new/", building.create, name="create"),
    path("new/template/", building.from_template, name="from_template"),
    path("<int:pk>/", answering.detail, name="detail"),
    path("<int:pk>/answer/", answering.respond, name="respond"),
    path("<int:pk>/thanks/", answering.thanks, name="thanks"),
    path("<int:pk>/i/<str:token>/", answering.invitation, name="invitation"),
    path("<int:pk>/build/", building.build, name="build"),
    path("<int:pk>/settings/", building.settings_edit, name="settings"),
    path("<int:pk>/sections/", building.section_add, name="section_add"),
    path("<int:pk>/sections/<int:section_id>/", building.section_action, name="section"),
    path(
        "<int:pk>/sections/<int:section_id>/questions/",
        building.question_add,
        name="question_add",
    ),
    path("<int:pk>/questions/<int:question_id>/", building.question_edit, name="question"),
    path(
        "<int:pk>/questions/<int:question_id>/action/",
        building.question_action,
        name="question_action",
    ),
    path("<int:pk>/publish/", building.publish, name="publish"),
    path("<int:pk>/close/", building.close, name="close"),
    path("<int:pk>/organisers/", building.organiser_add, name="organiser_add"),
    path("<int:pk>/invite/", building.invite, name="invite"),
    path("<int:pk>/links/", building.tokens, name="tokens"),
    path("<int:pk>/results/", results.results_page, name="results"),
    path("<int:pk>/responses.csv", results.results_csv, name="csv"),
]
