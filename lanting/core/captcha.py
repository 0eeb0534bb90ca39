"""An image captcha that needs no third-party service (the `captcha` package draws it).

The answer is kept in the visitor's session and is good for one try: a bot cannot reuse
a solved picture, and a wrong answer draws a new one.
"""

import secrets

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache

SESSION_KEY = "lanting-captcha"
# No 0/O, 1/I/L: letters people read alike.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 4


def _new_answer(request: HttpRequest) -> str:
    answer = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    request.session[SESSION_KEY] = answer
    return answer


@never_cache
def image(request: HttpRequest) -> HttpResponse:
    from captcha.image import ImageCaptcha

    answer = _new_answer(request)
    picture = ImageCaptcha(width=160, height=60).generate(answer)
    return HttpResponse(picture.getvalue(), content_type="image/png")


def solved(request: HttpRequest, typed: str) -> bool:
    """Is ``typed`` the answer of the picture shown? One try per picture."""
    answer = request.session.pop(SESSION_KEY, None)
    return bool(answer) and secrets.compare_digest(str(answer), "".join(typed.split()).upper())
