"""Which language a page is shown in: one rule for the middleware and the page cache."""

from django.conf import settings

LANGUAGE_PARAM = "lang"


def choose_language(asked: str, cookie: str) -> str:
    """``?lang=`` for this one page, else the switch's cookie, else the site's language."""
    known = dict(settings.LANGUAGES)
    if asked in known:
        return asked
    return cookie if cookie in known else settings.LANGUAGE_CODE
