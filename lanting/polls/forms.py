import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanting.polls.models import OPTIONS_MAX, Poll
from lanting.polls.services import clean_options


class PollForm(forms.Form):
    """发起投票 on the new-thread page: filled in only when the box is ticked."""

    is_poll = forms.BooleanField(label=_("Start a poll (发起投票)"), required=False)
    options = forms.CharField(
        label=_("Options, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("From 2 to 20 options."),
    )
    multiple = forms.TypedChoiceField(
        label=_("Voters may choose"),
        choices=[("0", _("One option")), ("1", _("Several options"))],
        coerce=lambda value: value == "1",
        initial="0",
        required=False,
    )
    max_choices = forms.IntegerField(
        label=_("With several: at most this many"),
        min_value=1,
        max_value=OPTIONS_MAX,
        initial=2,
        required=False,
    )
    ends_at = forms.DateTimeField(
        label=_("Voting ends at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        help_text=_("Empty: voting never ends (a moderator may close the poll)."),
    )
    results = forms.ChoiceField(
        label=_("Results are shown"),
        choices=Poll.Results.choices,
        initial=Poll.Results.ALWAYS,
        required=False,
    )
    voters_public = forms.BooleanField(label=_("Show who voted for what"), required=False)
    allow_change = forms.BooleanField(label=_("Voters may change their vote"), required=False)

    def clean(self) -> dict[str, Any]:
        """The poll's own rules, checked before anything is written."""
        data = super().clean() or {}
        if not data.get("is_poll"):
            return data
        try:
            data["options"] = "\n".join(clean_options(data.get("options") or ""))
        except ValidationError as error:
            self.add_error("options", error)
        ends_at = data.get("ends_at")
        if ends_at is not None and ends_at <= timezone.now():
            self.add_error("ends_at", _("The end time has already passed: choose a time to come."))
        return data

    def poll_values(self) -> dict[str, Any] | None:
        """What ``services.start_poll`` takes, or None when no poll was asked for."""
        data = self.cleaned_data
        if not data.get("is_poll"):
            return None
        ends_at: dt.datetime | None = data.get("ends_at")
        return {
            "options": data.get("options") or "",
            "multiple": bool(data.get("multiple")),
            "max_choices": data.get("max_choices") or 1,
            "ends_at": ends_at,
            "results": data.get("results") or Poll.Results.ALWAYS,
            "voters_public": bool(data.get("voters_public")),
            "allow_change": bool(data.get("allow_change")),
        }
