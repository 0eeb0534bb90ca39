from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lanting.messages.models import Message
from lanting.messages.services import MAX_RECIPIENTS, SUBJECT_MAX


class ReplyForm(forms.Form):
    # No max_length: browsers send line breaks as CRLF, which would count twice;
    # the service checks the length once they are normalized.
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write something before you send.")},
    )
    markup = forms.ChoiceField(
        label=_("Format"), choices=Message.Markup.choices, initial=Message.Markup.BBCODE
    )


class NewConversationForm(ReplyForm):
    to = forms.CharField(
        label=pgettext_lazy("private message", "To"),
        help_text=_("Member names, separated by commas: at most %(max)d.")
        % {"max": MAX_RECIPIENTS},
        error_messages={"required": _("Write the name of the member you are writing to.")},
    )
    subject = forms.CharField(
        label=_("Subject"),
        required=False,
        max_length=SUBJECT_MAX,
        help_text=_("Optional: the start of the message stands in for it."),
    )
    field_order = ["to", "subject", "body", "markup"]


class BlockForm(forms.Form):
    name = forms.CharField(
        label=_("Member name"),
        max_length=150,
        error_messages={"required": _("Write the name of the member you want to block.")},
    )
