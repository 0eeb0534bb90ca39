import unicodedata
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lanting.accounts import captcha
from lanting.accounts.models import USERNAME_MAX_LENGTH, User, time_zone_choices
from lanting.accounts.permissions import signature_refusal
from lanting.accounts.textcheck import checked_text, name_refusal
from lanting.core.selectors import site_sender

USERNAME_MIN_LENGTH = 3


def clean_username_text(value: str) -> str:
    username = unicodedata.normalize("NFKC", value).strip()
    if not username:
        raise forms.ValidationError(_("Choose a username: spaces alone are not one."))
    if any(unicodedata.category(char).startswith("C") for char in username):
        raise forms.ValidationError(_("A username cannot contain control characters."))
    if not USERNAME_MIN_LENGTH <= len(username) <= USERNAME_MAX_LENGTH:
        raise forms.ValidationError(
            _("A username has %(min)d to %(max)d characters.")
            % {"min": USERNAME_MIN_LENGTH, "max": USERNAME_MAX_LENGTH}
        )
    refusal = name_refusal(username)
    if refusal:
        raise forms.ValidationError(refusal)
    if User.objects.filter(username__iexact=username).exists():
        raise forms.ValidationError(_("This username is already taken."))
    return username


class RegistrationForm(forms.Form):
    # The browser holds the length the help text names; the server says the same in
    # ``clean_username_text`` (after NFKC, which may change the length).
    username = forms.CharField(
        label=_("Username"),
        strip=False,
        help_text=_("3 to 15 characters; Chinese characters are welcome."),
        widget=forms.TextInput(
            attrs={
                "minlength": USERNAME_MIN_LENGTH,
                "maxlength": USERNAME_MAX_LENGTH,
                "autocomplete": "username",
            }
        ),
    )
    email = forms.EmailField(label=_("Email"), help_text=_("We send a link to confirm it."))
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    # A field people never see: bots that fill every input give themselves away.
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    # The proof of work from the captcha widget, when the site asks for one (``captcha``).
    altcha = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.wants_captcha = captcha.enabled()
        if not self.wants_captcha:
            del self.fields["altcha"]

    def clean_altcha(self) -> str:
        proof: str = self.cleaned_data.get("altcha", "")
        if not captcha.check(proof):
            raise forms.ValidationError(
                _(
                    "The check that you are a person did not finish. Wait until it says "
                    "it is verified, then send the form again (it needs JavaScript)."
                )
            )
        return proof

    def clean_username(self) -> str:
        return clean_username_text(self.cleaned_data["username"])

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("This email address is already registered."))
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("website"):
            raise forms.ValidationError(_("Registration failed. Please try again."))
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first and "username" in data:
            candidate = User(username=data["username"], email=data.get("email", ""))
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


LOGIN_MAX_LENGTH = 254  # the longest email address


class LoginForm(AuthenticationForm):
    # A username or an email address: as long as an address may be (RFC 5321), not a name.
    username = forms.CharField(
        label=_("Username or email"),
        max_length=LOGIN_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    remember = forms.BooleanField(label=_("Remember me"), required=False, initial=True)

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The username, email or password is not right. Please try again."),
        "unverified": _("Confirm your email address first: open the link we mailed you."),
        "unapproved": _("Your registration is waiting for approval by the staff."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # AuthenticationForm cuts the field to the username's length (15): an address is longer.
        field = self.fields["username"]
        assert isinstance(field, forms.CharField)  # noqa: S101  (declared above)
        field.max_length = LOGIN_MAX_LENGTH
        field.widget.attrs["maxlength"] = str(LOGIN_MAX_LENGTH)

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if not user.email_verified:
            raise forms.ValidationError(self.error_messages["unverified"], code="unverified")
        if not user.is_approved:
            raise forms.ValidationError(self.error_messages["unapproved"], code="unapproved")


class ProfileForm(forms.ModelForm[User]):
    avatar = forms.FileField(
        label=_("New avatar"),
        required=False,
        help_text=_("A JPEG, PNG, GIF or WebP picture of at most 2 MB."),
    )

    class Meta:
        model = User
        fields = ["display_name", "signature", "bio", "location", "time_zone", "language"]
        widgets = {
            "signature": forms.Textarea(attrs={"rows": 2}),
            "bio": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_display_name(self) -> str:
        name: str = self.cleaned_data["display_name"]
        refusal = name_refusal(name)
        if refusal:
            raise forms.ValidationError(refusal)
        return name

    def clean_signature(self) -> str:
        refusal, signature = checked_text(self.cleaned_data["signature"])
        if refusal:
            raise forms.ValidationError(refusal)
        if signature and signature != self.instance.signature:
            refusal = signature_refusal(self.instance)
            if refusal:
                raise forms.ValidationError(refusal)
        return signature

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zone = self.fields["time_zone"]
        zone.widget = forms.Select(choices=[("", _("The site's time zone")), *time_zone_choices()])


class EmailChangeForm(forms.Form):
    email = forms.EmailField(label=_("New email address"))
    password = forms.CharField(label=_("Your password"), strip=False, widget=forms.PasswordInput())

    def __init__(self, member: User, *args: Any, **kwargs: Any) -> None:
        self.member = member
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.member.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exclude(pk=self.member.pk).exists():
            raise forms.ValidationError(_("This email address is already registered."))
        if email.lower() == self.member.email.lower():
            raise forms.ValidationError(_("That is already your address."))
        return email


class RecoverPasswordForm(PasswordResetForm):
    """Sends the recovery mail in the member's own language."""

    def send_mail(self, *args: Any, **kwargs: Any) -> None:
        context = args[2] if len(args) > 2 else kwargs["context"]
        language = getattr(context.get("user"), "language", "") or translation.get_language()
        if len(args) > 3 and args[3] is None:  # from the site, by its name
            args = (*args[:3], site_sender(), *args[4:])
        elif kwargs.get("from_email") is None and len(args) <= 3:
            kwargs["from_email"] = site_sender()
        with translation.override(language):
            super().send_mail(*args, **kwargs)
