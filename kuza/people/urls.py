from django.urls import path

from kuza.people.views import capacity, contact, organisations, owndata, profiles, search, welcome

app_name = "people"
urlpatterns = [
    path("", search.people_search, name="search"),
    path("<int:profile_id>/", profiles.profile_detail, name="profile"),
    path("<int:profile_id>/contact/", contact.contact_send, name="contact"),
    path("welcome/", welcome.welcome, name="welcome"),
    path("me/", profiles.profile_edit, name="profile_edit"),
    path("me/languages/", profiles.languages_edit, name="languages_edit"),
    path("me/skills/", profiles.skills_edit, name="skills_edit"),
    path("me/skills/<int:claim_id>/delete/", profiles.skill_claim_delete, name="claim_delete"),
    path("me/data/", owndata.my_data, name="my_data"),
    path("me/data.json", owndata.my_data_download, name="my_data_download"),
    path("inbox/", contact.inbox, name="inbox"),
    path("inbox/<int:request_id>/answer/", contact.contact_answer, name="contact_answer"),
    path("inbox/<int:request_id>/ignore/", contact.contact_ignore, name="contact_ignore"),
    path("inbox/<int:request_id>/block/", contact.contact_block, name="contact_block"),
    path("organisations/", organisations.organisation_list, name="organisation_list"),
    path("organisations/<slug:slug>/", organisations.organisation_detail, name="organisation"),
    path(
        "organisations/<slug:slug>/edit/",
        organisations.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisations/<slug:slug>/join/",
        organisations.organisation_join,
        name="organisation_join",
    ),
    path(
        "organisations/<slug:slug>/leave/",
        organisations.organisation_leave,
        name="organisation_leave",
    ),
    path(
        "organisations/<slug:slug>/members/<int:user_id>/role/",
        organisations.organisation_member_role,
        name="organisation_member_role",
    ),
    path("map/", capacity.capacity_page, name="map"),
    path("map.svg", capacity.capacity_svg, name="map_svg"),
]
