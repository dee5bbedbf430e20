from django.urls import path

from kuza.skills import views

app_name = "skills"
urlpatterns = [
    path("", views.skill_index, name="list"),
    path("<slug:slug>/", views.skill_detail, name="detail"),
]
