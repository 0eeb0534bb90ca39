"""One masked CSRF token for all of a response's forms.

Django's ``get_token`` masks the secret afresh on every call (32 random
characters, one system call each); a member's page fills its forms from
several places (the account box, the post links, the 关注 button). Any masked
copy of the secret is valid, so the first one made for the request serves them all.
"""

from django.http import HttpRequest
from django.middleware.csrf import get_token


def page_token(request: HttpRequest) -> str:
    """The request's masked CSRF token, made once (again if the secret was rotated meanwhile)."""
    memo: tuple[str, str] | None = request.__dict__.get("_lanting_csrf")
    secret = request.META.get("CSRF_COOKIE")
    if memo is not None and secret and memo[0] == secret:
        return memo[1]
    token = get_token(request)
    request.__dict__["_lanting_csrf"] = (request.META.get("CSRF_COOKIE", ""), token)
    return token
