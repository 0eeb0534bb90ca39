import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanting.moderation.models import Ban, Report

DURATIONS = [
    ("1", _("1 day")),
    ("3", _("3 days")),
    ("7", _("7 days")),
    ("30", _("30 days")),
    ("365", _("1 year")),
    ("0", _("Permanent")),
]


class BanForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Ban type"),
        choices=[(Ban.Kind.POST, Ban.Kind.POST.label), (Ban.Kind.VISIT, Ban.Kind.VISIT.label)],
    )
    duration = forms.ChoiceField(label=_("For"), choices=DURATIONS, initial="7")
    reason = forms.CharField(label=_("Reason"), max_length=255)

    def until(self) -> dt.datetime | None:
        days = int(self.cleaned_data["duration"])
        return timezone.now() + dt.timedelta(days=days) if days else None

    def __init__(self, *args: Any, allow_visit: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not allow_visit:
            kind = self.fields["kind"]
            assert isinstance(kind, forms.ChoiceField)  # noqa: S101  (declared just above)
            kind.choices = [(Ban.Kind.POST, Ban.Kind.POST.label)]


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why do you report this?"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Details (optional; needed for “Something else”)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
