from django.urls import path

from kuza.library.views import plans, resources

app_name = "library"
urlpatterns = [
    path("", resources.index, name="index"),
    path("propose/", resources.resource_propose, name="propose"),
    path("mine/", resources.my_resources, name="mine"),
    path("review/", resources.review_queue, name="review"),
    path("r/<int:pk>/", resources.resource_detail, name="resource"),
    path("r/<int:pk>/edit/", resources.resource_edit, name="edit"),
    path("r/<int:pk>/translate/", resources.resource_translate, name="translate"),
    path("r/<int:pk>/submit/", resources.resource_submit, name="submit"),
    path("r/<int:pk>/review/", resources.resource_review, name="review_resource"),
    path("r/<int:pk>/history/", resources.resource_history, name="history"),
    path("toolkits/", plans.toolkits, name="toolkits"),
    path("toolkits/<slug:slug>/", plans.toolkit_detail, name="toolkit"),
    path("toolkits/<slug:slug>/start/", plans.plan_start, name="plan_start"),
    path("plans/", plans.plans, name="plans"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan"),
    path("plans/<int:pk>/team/", plans.plan_member_add, name="plan_member_add"),
    path(
        "plans/<int:pk>/team/<int:user_pk>/remove/",
        plans.plan_member_remove,
        name="plan_member_remove",
    ),
    path("steps/<int:pk>/", plans.plan_step_update, name="plan_step"),
]
