from django.urls import path

from kuza.learning.views import (
    authoring,
    cohort_admin,
    cohorts,
    courses,
    lessons,
    quiz_authoring,
    quizzes,
)

app_name = "learning"
urlpatterns = [
    path("", courses.catalogue, name="catalogue"),
    path("me/", courses.my_learning, name="my_learning"),
    path("text-only/", courses.text_only, name="text_only"),
    path("calendar/<uuid:token>.ics", cohorts.cohort_feed, name="cohort_feed"),
    path("new/", authoring.course_new, name="course_new"),
    path("<slug:slug>/", courses.course_detail, name="course"),
    path("<slug:slug>/enrol/", courses.enrol, name="enrol"),
    path("<slug:slug>/offline/", courses.offline_copies, name="offline"),
    path("<slug:slug>/offline/download/", courses.offline_download, name="offline_download"),
    path("<slug:slug>/lessons/<int:lesson_id>/", lessons.lesson_detail, name="lesson"),
    path("<slug:slug>/lessons/<int:lesson_id>/read/", lessons.lesson_read, name="lesson_read"),
    path(
        "<slug:slug>/lessons/<int:lesson_id>/images/", lessons.lesson_images, name="lesson_images"
    ),
    path("<slug:slug>/quizzes/<int:quiz_id>/", quizzes.quiz_detail, name="quiz"),
    path(
        "<slug:slug>/quizzes/<int:quiz_id>/attempts/<int:attempt_id>/",
        quizzes.attempt_detail,
        name="attempt",
    ),
    path("<slug:slug>/cohorts/<slug:cohort_slug>/", cohorts.cohort_detail, name="cohort"),
    path("<slug:slug>/cohorts/<slug:cohort_slug>/join/", cohorts.cohort_join, name="cohort_join"),
    path(
        "<slug:slug>/cohorts/<slug:cohort_slug>/announce/",
        cohorts.announcement_post,
        name="announce",
    ),
    path(
        "<slug:slug>/cohorts/<slug:cohort_slug>/sessions/<int:session_id>.ics",
        cohorts.session_ics,
        name="session_ics",
    ),
    path(
        "<slug:slug>/cohorts/<slug:cohort_slug>/progress/",
        cohorts.cohort_progress,
        name="cohort_progress",
    ),
    path(
        "<slug:slug>/cohorts/<slug:cohort_slug>/progress.csv",
        cohorts.cohort_progress_csv,
        name="cohort_progress_csv",
    ),
    # Authoring
    path("<slug:slug>/edit/", authoring.course_edit, name="edit_course"),
    path("<slug:slug>/edit/publish/", authoring.course_publish, name="edit_publish"),
    path("<slug:slug>/edit/move/", authoring.outline_move, name="edit_move"),
    path("<slug:slug>/edit/cohorts/new/", cohort_admin.cohort_new, name="edit_cohort_new"),
    path(
        "<slug:slug>/edit/cohorts/<slug:cohort_slug>/",
        cohort_admin.cohort_edit,
        name="edit_cohort",
    ),
    path(
        "<slug:slug>/edit/cohorts/<slug:cohort_slug>/sessions/new/",
        cohort_admin.session_new,
        name="edit_session_new",
    ),
    path(
        "<slug:slug>/edit/cohorts/<slug:cohort_slug>/sessions/<int:session_id>/",
        cohort_admin.session_edit,
        name="edit_session",
    ),
    path(
        "<slug:slug>/edit/cohorts/<slug:cohort_slug>/sessions/<int:session_id>/cancel/",
        cohort_admin.session_cancel,
        name="edit_session_cancel",
    ),
    path("<slug:slug>/edit/modules/add/", authoring.module_add, name="edit_module_add"),
    path("<slug:slug>/edit/modules/<int:module_id>/", authoring.module_edit, name="edit_module"),
    path("<slug:slug>/edit/lessons/<int:lesson_id>/", authoring.lesson_edit, name="edit_lesson"),
    path(
        "<slug:slug>/edit/lessons/<int:lesson_id>/media/add/",
        authoring.media_link_add,
        name="edit_media_add",
    ),
    path(
        "<slug:slug>/edit/lessons/<int:lesson_id>/media/<int:link_id>/delete/",
        authoring.media_link_delete,
        name="edit_media_delete",
    ),
    path(
        "<slug:slug>/edit/lessons/<int:lesson_id>/images/<int:image_id>/",
        authoring.lesson_image_edit,
        name="edit_image",
    ),
    path(
        "<slug:slug>/edit/lessons/<int:lesson_id>/images/<int:image_id>/delete/",
        authoring.lesson_image_delete,
        name="edit_image_delete",
    ),
    path(
        "<slug:slug>/edit/lessons/<int:lesson_id>/quizzes/add/",
        quiz_authoring.quiz_add,
        name="edit_quiz_add",
    ),
    path("<slug:slug>/edit/quizzes/<int:quiz_id>/", quiz_authoring.quiz_edit, name="edit_quiz"),
    path(
        "<slug:slug>/edit/quizzes/<int:quiz_id>/delete/",
        quiz_authoring.quiz_delete,
        name="edit_quiz_delete",
    ),
    path(
        "<slug:slug>/edit/quizzes/<int:quiz_id>/questions/new/",
        quiz_authoring.question_new,
        name="edit_question_new",
    ),
    path(
        "<slug:slug>/edit/quizzes/<int:quiz_id>/questions/<int:position>/",
        quiz_authoring.question_edit,
        name="edit_question",
    ),
    path(
        "<slug:slug>/edit/quizzes/<int:quiz_id>/questions/<int:position>/action/",
        quiz_authoring.question_action,
        name="edit_question_action",
    ),
]
