from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanting.accounts import captcha, search_documents, selectors, services
from lanting.accounts.backends import find_member
from lanting.accounts.forms import (
    EmailChangeForm,
    LoginForm,
    ProfileForm,
    RecoverPasswordForm,
    RegistrationForm,
)
from lanting.accounts.profile import sections_for
from lanting.accounts.selectors import member_of
from lanting.core.ratelimit import client_ip, hit
from lanting.core.selectors import site_chrome, site_settings
from lanting.pagecache.guests import cached_for_guests, show_on_page
from lanting.pagecache.tags import touch

REGISTRATIONS_PER_IP_PER_HOUR = 5


def _link_base(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("portal:home")
    if site_settings().registration == "closed":
        return render(request, "accounts/register_closed.html", status=403)
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not hit(
            f"register:{client_ip(request)}",
            limit=REGISTRATIONS_PER_IP_PER_HOUR,
            window_seconds=3600,
        ):
            form.add_error(None, _("Too many registrations from your network. Try again later."))
        else:
            try:
                member = services.register_member(
                    username=form.cleaned_data["username"],
                    email=form.cleaned_data["email"],
                    password=form.cleaned_data["password1"],
                    link_base=_link_base(request),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return render(request, "accounts/register_done.html", {"member": member})
    return render(request, "accounts/register.html", {"form": form})


def captcha_challenge(request: HttpRequest) -> JsonResponse:
    """A fresh puzzle for the captcha widget (registering, and new members' posts)."""
    if not captcha.serves_challenges():
        raise Http404
    return JsonResponse(captcha.new_challenge(), headers={"Cache-Control": "no-store"})


def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    purpose = services.purpose_of(token)
    try:
        if purpose == "change":
            member = services.confirm_email_change(token=token)
            message = _("Your new email address %(email)s is confirmed.") % {"email": member.email}
        else:
            member = services.verify_email(token=token)
            message = _("Your email address is confirmed. You can log in now.")
            if not member.is_approved:
                message = _("Your email address is confirmed. The staff will approve your account.")
    except services.LinkError as error:
        return render(request, "accounts/verify_failed.html", {"reason": str(error)}, status=400)
    messages.success(request, message)
    return redirect("accounts:login" if not request.user.is_authenticated else "accounts:settings")


def resend_verification(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        member = find_member(request.POST.get("login", ""))
        if member is not None and hit(f"resend:{member.pk}", limit=3, window_seconds=3600):
            services.resend_verification(member=member, link_base=_link_base(request))
        messages.info(
            request, _("If that account waits for confirmation, a new link is on its way.")
        )
        return redirect("accounts:login")
    return render(request, "accounts/resend.html")


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        address = client_ip(request)
        if services.login_address_refusal(address=address):
            return render(request, "accounts/locked_out.html", {"whole_address": True}, status=429)
        response = super().post(request, *args, **kwargs)
        if response.status_code == 200:  # the form came back: the login failed
            services.note_login_failure(address=address)
        return response

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        if not form.cleaned_data.get("remember"):
            self.request.session.set_expiry(0)  # ends when the browser closes
        return response


class RecoverPasswordView(auth_views.PasswordResetView):
    """找回密码: the mail names the site as its owner set it, in the member's language."""

    email_template_name = "registration/password_reset_email.txt"
    form_class = RecoverPasswordForm

    def form_valid(self, form: Any) -> HttpResponse:
        self.extra_email_context = {"site_name": site_chrome()["name"]}
        return super().form_valid(form)


@cached_for_guests
def profile(request: HttpRequest, username: str) -> HttpResponse:
    member = selectors.member_by_username(username)
    show_on_page(request, f"member:{member.pk}", f"credits:{member.pk}", "portal", "forum", "bans")
    return render(
        request,
        "accounts/profile.html",
        {
            "member": member,
            "sections": sections_for(member, request.user),
            **selectors.profile_facts(member),
        },
    )


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    member = member_of(request)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=member)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("avatar")
        try:
            if upload:
                services.set_avatar(member=member, upload=upload)
        except ValidationError as error:
            form.add_error("avatar", error)
            member.refresh_from_db()
        else:
            form.save()
            touch(f"member:{member.pk}")
            search_documents.index_member(member.pk)
            messages.success(request, _("Your profile is saved."))
            return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form})


@login_required
def change_email(request: HttpRequest) -> HttpResponse:
    member = member_of(request)
    form = EmailChangeForm(member, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_email_change(
                member=member, new_email=form.cleaned_data["email"], link_base=_link_base(request)
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.info(
                request,
                _("We sent a link to %(email)s. Your address changes when you open it.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("accounts:settings")
    return render(request, "accounts/change_email.html", {"form": form})


@require_POST
@login_required
def delete_avatar(request: HttpRequest) -> HttpResponse:
    member = member_of(request)
    for field in (member.avatar_large, member.avatar_medium, member.avatar_small):
        if field:
            field.delete(save=False)
    member.save(update_fields=["avatar_large", "avatar_medium", "avatar_small"])
    return redirect("accounts:settings")
