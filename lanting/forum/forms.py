from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from lanting.forum.models import Board, Post, ThreadField, ThreadType
from lanting.forum.services import TITLE_MAX


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class PostForm(forms.Form):
    # No max_length here: browsers send line breaks as CRLF, which would count
    # twice; the service checks the length after normalizing them.
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write something before you post.")},
    )
    markup = forms.ChoiceField(
        label=_("Format"), choices=Post.Markup.choices, initial=Post.Markup.BBCODE
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_(
            "Pictures (JPEG, PNG, GIF, WebP) or documents; write [attach]1[/attach] "
            "to place the first file in the text, [attach]2[/attach] the second."
        ),
    )


class ThreadForm(PostForm):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    thread_type = forms.ModelChoiceField(
        label=_("Thread type"), queryset=ThreadType.objects.none(), required=False
    )
    field_order = ["thread_type", "title"]

    def __init__(self, board: Board, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.board = board
        types = board.thread_types.all()
        type_field = self.fields["thread_type"]
        assert isinstance(type_field, forms.ModelChoiceField)  # noqa: S101  (declared above)
        type_field.queryset = types
        if not types.exists():
            del self.fields["thread_type"]
        self.classified = list(board.thread_fields.all())
        for field in self.classified:
            self.fields[f"field_{field.name}"] = _form_field(field)

    def classified_values(self) -> dict[str, Any]:
        return {f.name: self.cleaned_data.get(f"field_{f.name}", "") for f in self.classified}


def _form_field(field: ThreadField) -> forms.Field:
    label = f"{field.label} ({field.unit})" if field.unit else field.label
    if field.kind == ThreadField.Kind.CHOICE:
        return forms.ChoiceField(
            label=label,
            required=field.required,
            choices=[("", "—"), *[(c, c) for c in field.choice_list]],
        )
    if field.kind == ThreadField.Kind.NUMBER:
        return forms.DecimalField(
            label=label, required=field.required, max_digits=12, decimal_places=2
        )
    if field.kind == ThreadField.Kind.DATE:
        return forms.DateField(
            label=label, required=field.required, widget=forms.DateInput(attrs={"type": "date"})
        )
    return forms.CharField(label=label, required=field.required, max_length=200)


class EditPostForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX, required=False)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 10}))


class ModerateForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            (a, a)
            for a in (
                "stick",
                "digest",
                "close",
                "open",
                "move",
                "delete",
                "restore",
                "merge",
                "split",
                "delete_posts",
            )
        ]
    )
    level = forms.IntegerField(required=False, min_value=0, max_value=3)
    board = forms.ModelChoiceField(queryset=Board.objects.all(), required=False)
    target = forms.IntegerField(required=False, min_value=1)
    posts = forms.CharField(required=False)
    title = forms.CharField(required=False, max_length=TITLE_MAX)
    reason = forms.CharField(required=False, max_length=255)
    thread_type = forms.CharField(required=False, max_length=20)


class BulkModerateForm(forms.Form):
    """What to do with the threads ticked on a board page."""

    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            ("close", _("Close")),
            ("open", _("Reopen")),
            ("stick", _("Stick")),
            ("unstick", _("Unstick")),
            ("digest", _("Mark as digest")),
            ("undigest", _("Unmark digest")),
            ("move", _("Move to the board below")),
            ("delete", _("Move to the recycle bin")),
        ],
    )
    board = forms.ModelChoiceField(
        label=_("Board to move to"), queryset=Board.objects.all(), required=False
    )
    reason = forms.CharField(
        label=_("Reason (the authors are told)"), max_length=255, required=False
    )


class DeleteForm(forms.Form):
    """Deleting asks first; a moderator says why (the author and the log are told)."""

    reason = forms.CharField(label=_("Reason"), max_length=255, required=False)

    def __init__(self, *args: Any, needs_reason: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = needs_reason
        self.fields["reason"].error_messages["required"] = _(
            "Give a reason: it is sent to the author and kept in the moderation log."
        )
