from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lanting.notifications.mailing import mode_for
from lanting.notifications.models import MailMode, MailPreference, Notification

# The order on the settings page: what members ask about first.
KIND_ORDER = [
    Notification.Kind.MESSAGE,
    Notification.Kind.MENTION,
    Notification.Kind.QUOTE,
    Notification.Kind.REPLY,
    Notification.Kind.WATCHED,
    Notification.Kind.COMMENT,
    Notification.Kind.LIKE,
    Notification.Kind.POST_APPROVED,
    Notification.Kind.POST_REJECTED,
    Notification.Kind.THREAD_REMOVED,
    Notification.Kind.POST_REMOVED,
    Notification.Kind.REPORT_DONE,
]


class MailPreferenceForm(forms.Form):
    digest = forms.BooleanField(
        label=_("Send me a daily digest of what I missed while I was away"), required=False
    )
    watch_started = forms.BooleanField(label=_("Watch the threads I start"), required=False)
    watch_replied = forms.BooleanField(label=_("Watch the threads I reply to"), required=False)

    def __init__(self, preference: MailPreference, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind_fields: list[str] = []
        for kind in KIND_ORDER:
            name = f"kind_{kind.value}"
            self.fields[name] = forms.ChoiceField(
                label=kind.label, choices=MailMode.choices, initial=mode_for(preference, kind)
            )
            self.kind_fields.append(name)
        self.fields["digest"].initial = preference.digest
        self.fields["watch_started"].initial = preference.watch_started
        self.fields["watch_replied"].initial = preference.watch_replied

    def kinds(self) -> dict[str, str]:
        return {name.removeprefix("kind_"): self.cleaned_data[name] for name in self.kind_fields}

    def kind_boxes(self) -> list[forms.BoundField]:
        return [self[name] for name in self.kind_fields]
