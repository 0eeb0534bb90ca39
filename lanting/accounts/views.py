from typing import Any

from django.contrib.auth import login
from django.contrib.auth.views import PasswordResetView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from lanting.accounts import selectors, services
from lanting.accounts.forms import RegistrationForm
from lanting.accounts.profile import sections_for
from lanting.core.selectors import site_chrome


def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("portal:home")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.register_member(
            username=form.cleaned_data["username"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(user)
    return render(request, "accounts/register.html", {"form": form})


def profile(request: HttpRequest, username: str) -> HttpResponse:
    member = selectors.member_by_username(username)
    return render(
        request, "accounts/profile.html", {"member": member, "sections": sections_for(member)}
    )


class RecoverPasswordView(PasswordResetView):
    """找回密码: the mail names the site as its owner set it, not the bare host."""

    email_template_name = "registration/password_reset_email.txt"

    def form_valid(self, form: Any) -> HttpResponse:
        self.extra_email_context = {"site_name": site_chrome()["name"]}
        return super().form_valid(form)
