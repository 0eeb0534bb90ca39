from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from lanting.accounts import views

app_name = "accounts"
urlpatterns = [
    path("accounts/register/", views.register, name="register"),
    path("accounts/register/captcha/", views.captcha_challenge, name="captcha"),
    path("accounts/register/verify/<str:token>/", views.verify_email, name="verify-email"),
    path("accounts/register/resend/", views.resend_verification, name="resend-verification"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/reset/",
        views.RecoverPasswordView.as_view(success_url=reverse_lazy("accounts:password_reset_done")),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "accounts/password/change/",
        auth_views.PasswordChangeView.as_view(
            success_url=reverse_lazy("accounts:password_change_done")
        ),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/settings/", views.settings_page, name="settings"),
    path("accounts/settings/email/", views.change_email, name="change-email"),
    path("accounts/settings/avatar/delete/", views.delete_avatar, name="avatar-delete"),
    path("u/<str:username>/", views.profile, name="profile"),
]
