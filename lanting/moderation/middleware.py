from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from lanting.accounts import permissions
from lanting.core.ratelimit import client_ip
from lanting.moderation.selectors import ip_ban_for


class BanMiddleware:
    """Turns away banned IP ranges and members banned from visiting, with the reason."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/static/"):
            return self.get_response(request)
        ip_ban = ip_ban_for(client_ip(request))
        if ip_ban is not None:
            reason, end_text = ip_ban
            ends = parse_datetime(end_text) if end_text else None
            return render(
                request,
                "moderation/banned.html",
                {
                    "title": _("Your network is banned from this site."),
                    "reason": reason,
                    "ends_at": ends,
                    "permanent": ends is None,
                },
                status=403,
            )
        refusal = permissions.visit_refusal(request.user)
        if refusal and request.path not in {
            reverse("accounts:logout"),
            reverse("moderation:darkroom"),
        }:
            return render(request, "moderation/banned.html", {"message": refusal}, status=403)
        return self.get_response(request)
