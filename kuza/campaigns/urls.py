from django.urls import path

from kuza.campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("new/", views.campaign_create, name="create"),
    path("wikis/add/", views.wiki_add, name="wiki_add"),
    path("series/<slug:slug>/", views.series_detail, name="series"),
    path("my-choices/", views.my_choices, name="my_choices"),
    path("<slug:slug>/", views.campaign_detail, name="detail"),
    path("<slug:slug>/leaderboard.csv", views.leaderboard_csv, name="leaderboard_csv"),
    path("<slug:slug>/wikis.csv", views.wikis_csv, name="wikis_csv"),
    path(
        "<slug:slug>/participants-wikis.csv",
        views.participant_wikis_csv,
        name="participant_wikis_csv",
    ),
    path("<slug:slug>/join/", views.campaign_join, name="join"),
    path("<slug:slug>/leave/", views.campaign_leave, name="leave"),
    path("<slug:slug>/edit/", views.campaign_edit, name="edit"),
    path("<slug:slug>/collect/", views.campaign_sync_request, name="sync"),
    path("<slug:slug>/participants/", views.participants_manage, name="participants"),
    path("<slug:slug>/goals/", views.goals_manage, name="goals"),
    path("<slug:slug>/invite/", views.invitation_list, name="invitation_list"),
    path("<slug:slug>/contributors/", views.contributors_invite, name="contributors"),
]
