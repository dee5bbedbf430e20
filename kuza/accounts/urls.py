from django.urls import path

from kuza.accounts import views

urlpatterns = [
    path("code-of-conduct/", views.code_of_conduct, name="code_of_conduct"),
    path("account/", views.account_home, name="account_home"),
    path("account/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]
