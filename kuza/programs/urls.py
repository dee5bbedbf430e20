from django.urls import path

from kuza.programs.views import manage, pages, plans, report, support

app_name = "programs"
urlpatterns = [
    path("", pages.programme_list, name="list"),
    path("new/", pages.create, name="create"),
    path("<int:pk>/", pages.detail, name="detail"),
    path("<int:pk>/vision/", pages.vision_post, name="vision_post"),
    path("<int:pk>/vision/<int:post_id>/delete/", pages.vision_post_delete, name="vision_delete"),
    path("<int:pk>/my-plan/", plans.my_plan, name="my_plan"),
    path("<int:pk>/plans/<int:plan_id>/", plans.plan_detail, name="plan"),
    path("<int:pk>/plans/<int:plan_id>/milestones/", plans.milestone_add, name="milestone_add"),
    path(
        "<int:pk>/plans/<int:plan_id>/milestones/<int:milestone_id>/",
        plans.milestone_status,
        name="milestone_status",
    ),
    path("<int:pk>/plans/<int:plan_id>/notes/", plans.note_add, name="note_add"),
    path("<int:pk>/manage/", manage.manage, name="manage"),
    path("<int:pk>/edit/", manage.edit, name="edit"),
    path("<int:pk>/cohorts/", manage.cohort_add, name="cohort_add"),
    path("<int:pk>/members/", manage.member_add, name="member_add"),
    path("<int:pk>/members/<int:member_id>/remove/", manage.member_remove, name="member_remove"),
    path("<int:pk>/results/new/", manage.key_result_edit, name="key_result_new"),
    path("<int:pk>/results/<int:key_result_id>/", manage.key_result_edit, name="key_result_edit"),
    path(
        "<int:pk>/results/<int:key_result_id>/delete/",
        manage.key_result_delete,
        name="key_result_delete",
    ),
    path("<int:pk>/results/<int:key_result_id>/trend.svg", report.trend, name="trend"),
    path("<int:pk>/report/", report.report, name="report"),
    path("<int:pk>/report.csv", report.report_csv, name="report_csv"),
    path("<int:pk>/support/", support.support, name="support"),
    path("<int:pk>/support/<int:request_id>/decide/", support.decide, name="decide"),
]
