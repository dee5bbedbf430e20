from django.urls import path

from kuza.safety import moderation_views, views

app_name = "safety"
urlpatterns = [
    path("", views.home, name="home"),
    path("blocked/", views.blocked, name="blocked"),
    path("block/<int:user_id>/", views.block, name="block"),
    path("unblock/<int:user_id>/", views.unblock, name="unblock"),
    path("report/<slug:kind>/<int:target_id>/", views.report, name="report"),
    path("reports/", views.my_reports, name="my_reports"),
    path("reports/<int:report_id>/", views.my_report, name="my_report"),
    path("notices/", views.notices, name="notices"),
    path("notices/read/", views.notices_read, name="notices_read"),
    path("conduct/", views.conduct_accept, name="conduct_accept"),
    path("conduct/publish/", views.conduct_publish, name="conduct_publish"),
    path("moderation/", moderation_views.queue, name="queue"),
    path("moderation/log/", moderation_views.log, name="log"),
    path("moderation/suspensions/", moderation_views.suspensions, name="suspensions"),
    path(
        "moderation/suspensions/<int:suspension_id>/lift/",
        moderation_views.lift,
        name="lift_suspension",
    ),
    path("moderation/<int:report_id>/", moderation_views.detail, name="moderate"),
    path("moderation/<int:report_id>/status/", moderation_views.set_status, name="set_status"),
    path("moderation/<int:report_id>/note/", moderation_views.add_note, name="add_note"),
    path("moderation/<int:report_id>/reply/", moderation_views.reply, name="reply"),
    path("moderation/<int:report_id>/warn/", moderation_views.warn, name="warn"),
    path("moderation/<int:report_id>/hide/", moderation_views.hide, name="hide"),
    path("moderation/<int:report_id>/unhide/", moderation_views.unhide, name="unhide"),
    path("moderation/<int:report_id>/suspend/", moderation_views.suspend, name="suspend"),
]
