"""The member's own API tokens: made (shown once) and revoked from the settings page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanting.accounts.selectors import member_of
from lanting.api import services
from lanting.api.forms import TokenForm


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    member = member_of(request)
    form = TokenForm(request.POST or None)
    made = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                made = services.create_token(
                    member=member, name=form.cleaned_data["name"], scope=form.cleaned_data["scope"]
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for name, errors in error.message_dict.items():
                        for message in errors:
                            form.add_error(name if name in form.fields else None, message)
                else:
                    for message in error.messages:
                        form.add_error(None, message)
            else:
                status, form = 201, TokenForm()
    context = {"form": form, "made": made, "tokens": services.live_tokens_of(member)}
    response = render(request, "api/tokens.html", context, status=status)
    response["Cache-Control"] = "no-store"  # the new token is on this page, once
    return response


@require_POST
@login_required
def revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    if services.revoke_token(member=member_of(request), token_id=token_id):
        messages.success(request, _("The token is revoked: it no longer works."))
    else:
        messages.error(request, _("There is no such token of yours, or it was revoked already."))
    return redirect("api:tokens")
