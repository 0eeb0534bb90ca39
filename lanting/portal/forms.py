from django import forms
from django.utils.translation import gettext_lazy as _

from lanting.portal.models import COMMENT_MAX_LENGTH


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write something before you post a comment."),
            "max_length": _("A comment can be at most %(limit_value)d characters long."),
        },
    )
