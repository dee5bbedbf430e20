from django.urls import path

from kuza.mentorship.views import mentoring, rounds, swaps

app_name = "mentorship"
urlpatterns = [
    path("", mentoring.home, name="home"),
    path("find/", mentoring.find, name="find"),
    path("requests/", mentoring.request_list, name="requests"),
    path("requests/<int:request_id>/", mentoring.request_detail, name="request"),
    path(
        "requests/<int:request_id>/ask/<int:mentor_id>/",
        mentoring.request_ask,
        name="request_ask",
    ),
    path(
        "requests/<int:request_id>/withdraw/",
        mentoring.request_withdraw,
        name="request_withdraw",
    ),
    path("<int:mentorship_id>/", mentoring.detail, name="detail"),
    path("<int:mentorship_id>/accept/", mentoring.accept, name="accept"),
    path("<int:mentorship_id>/decline/", mentoring.decline, name="decline"),
    path("<int:mentorship_id>/cancel/", mentoring.cancel, name="cancel"),
    path("<int:mentorship_id>/complete/", mentoring.complete, name="complete"),
    path("<int:mentorship_id>/goals/", mentoring.goals, name="goals"),
    path("<int:mentorship_id>/checkin/", mentoring.checkin, name="checkin"),
    path("<int:mentorship_id>/feedback/", mentoring.feedback, name="feedback"),
    path("settings/", mentoring.mentor_settings, name="settings"),
    path("notifications/", mentoring.notifications, name="notifications"),
    path("notifications/read/", mentoring.notifications_read, name="notifications_read"),
    path("rounds/", rounds.round_list, name="rounds"),
    path("rounds/new/", rounds.round_create, name="round_create"),
    path("rounds/<int:round_id>/", rounds.round_detail, name="round"),
    path("rounds/<int:round_id>/compute/", rounds.round_compute, name="round_compute"),
    path("rounds/<int:round_id>/send/", rounds.round_send, name="round_send"),
    path("swaps/", swaps.pool, name="swaps"),
    path("swaps/leave/", swaps.pool_leave, name="swap_leave"),
    path("swaps/exchanges/", swaps.exchange_list, name="exchanges"),
    path("swaps/exchanges/<int:exchange_id>/", swaps.exchange_detail, name="exchange"),
    path(
        "swaps/exchanges/<int:exchange_id>/answer/",
        swaps.exchange_answer,
        name="exchange_answer",
    ),
    path("swaps/rounds/", swaps.swap_round_list, name="swap_rounds"),
    path("swaps/rounds/start/", swaps.swap_round_start, name="swap_round_start"),
]
