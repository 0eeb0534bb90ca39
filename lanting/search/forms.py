import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lanting.search.models import Kind
from lanting.search.text import MAX_QUERY_CHARS

# Dates far outside these overflow time-zone arithmetic; nothing was posted then.
FIRST_DAY = dt.date(1970, 1, 1)
LAST_DAY = dt.date(2999, 12, 31)


class SearchForm(forms.Form):
    """The query and its filters, all optional; read from the query string."""

    q = forms.CharField(label=_("Search for"), required=False, strip=True)
    kind = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("Everything")), *Kind.choices],
    )
    board = forms.TypedChoiceField(label=_("Board"), required=False, coerce=int, empty_value=None)
    author = forms.CharField(label=_("Author"), required=False, max_length=60, strip=True)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, boards: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        board_field = self.fields["board"]
        assert isinstance(board_field, forms.TypedChoiceField)  # noqa: S101  (declared above)
        board_field.choices = [("", _("All boards")), *boards]
        if not boards:
            board_field.widget = forms.HiddenInput()

    def clean_q(self) -> str:
        # A long query is cut, not refused: only its beginning is searched anyway.
        return str(self.cleaned_data["q"])[:MAX_QUERY_CHARS]

    def _clean_day(self, name: str) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get(name)
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            raise ValidationError(
                _("Enter a date between %(first)s and %(last)s.")
                % {"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()}
            )
        return day

    def clean_since(self) -> dt.date | None:
        return self._clean_day("since")

    def clean_until(self) -> dt.date | None:
        return self._clean_day("until")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            raise ValidationError(_("The start date is after the end date."))
        return cleaned

    @property
    def has_filters(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(data.get(name) for name in ("kind", "board", "author", "since", "until"))
