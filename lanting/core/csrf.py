"""One masked CSRF token for all of a response's forms, masked cheaply.

Django's ``get_token`` masks the secret afresh on every call, drawing its 32
random characters one system call each; a member's page fills its forms from
several places (the account box, the post links, the 关注 button). Any masked
copy of the secret is valid, so the first one made for the request serves them
all, and it is masked from one draw of random bytes (uniform over the same 62
characters: bytes of 248 and above are drawn again). Django checks it as its own.
"""

import secrets

from django.http import HttpRequest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, get_token

_INDEX = {char: number for number, char in enumerate(CSRF_ALLOWED_CHARS)}
_FAIR = 256 - 256 % len(CSRF_ALLOWED_CHARS)  # draws below this fall evenly on the characters


def page_token(request: HttpRequest) -> str:
    """The request's masked CSRF token, made once (again if the secret was rotated meanwhile)."""
    memo: tuple[str, str] | None = request.__dict__.get("_lanting_csrf")
    secret = request.META.get("CSRF_COOKIE")
    if memo is not None and secret and memo[0] == secret:
        return memo[1]
    if secret and len(secret) == CSRF_SECRET_LENGTH and all(c in _INDEX for c in secret):
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True  # as get_token: the cookie is renewed
        token = masked(secret)
    else:  # no secret yet: Django makes one (and sets its cookie)
        token = get_token(request)
    request.__dict__["_lanting_csrf"] = (request.META.get("CSRF_COOKIE", ""), token)
    return token


def masked(secret: str) -> str:
    """``secret`` masked as Django masks it (mask, then secret shifted by the mask)."""
    size = len(CSRF_ALLOWED_CHARS)
    draws: list[int] = []
    while len(draws) < CSRF_SECRET_LENGTH:
        draws.extend(byte % size for byte in secrets.token_bytes(48) if byte < _FAIR)
    mask = draws[:CSRF_SECRET_LENGTH]
    shifted = (
        CSRF_ALLOWED_CHARS[(_INDEX[char] + m) % size] for char, m in zip(secret, mask, strict=True)
    )
    return "".join(CSRF_ALLOWED_CHARS[m] for m in mask) + "".join(shifted)
