from django.contrib.auth import views as auth_views
from django.urls import path

from grogrund.accounts import views

# Django's own views for password change and reset, with the templates in
# templates/registration/. The names are Django's: its views redirect to one another by them.
urlpatterns = [
    path("", views.account, name="account"),
    path("token/<int:pk>/aterkalla/", views.token_revoke, name="token_revoke"),
    path(
        "organisation/<int:pk>/historik/",
        views.organisation_history,
        name="organisation_history",
    ),
    path("losenord/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "losenord/klart/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("glomt-losenord/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "glomt-losenord/skickat/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "glomt-losenord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "glomt-losenord/klart/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
