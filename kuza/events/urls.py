from django.urls import path

from kuza.events import manage_views, views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", manage_views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/calendar.ics", views.calendar_file, name="ics"),
    path("<int:pk>/edit/", manage_views.edit, name="edit"),
    path("<int:pk>/questions/", manage_views.questions, name="questions"),
    path("<int:pk>/questions/<int:question_id>/", manage_views.question_edit, name="question_edit"),
    path(
        "<int:pk>/questions/<int:question_id>/delete/",
        manage_views.question_delete,
        name="question_delete",
    ),
    path("<int:pk>/attendance/", manage_views.attendance, name="attendance"),
    path("<int:pk>/goals/", manage_views.goals, name="goals"),
    path("<int:pk>/registrations.csv", manage_views.registrations_csv, name="registrations_csv"),
]
