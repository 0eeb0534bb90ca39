from django import forms
from django.utils.translation import gettext_lazy as _

from lanting.api.models import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=60,
        help_text=_("What the token is for, e.g. “news bot”."),
    )
    scope = forms.ChoiceField(
        label=_("May"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
    )
