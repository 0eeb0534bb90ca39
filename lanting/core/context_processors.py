from django.http import HttpRequest

from lanting.core.qr import qr_svg
from lanting.core.selectors import site_chrome


def site(request: HttpRequest) -> dict[str, object]:
    # "chrome", not "site": Django's auth views put a "site" of their own in the context,
    # which took the site's name, navigation and footer off the login and reset pages.
    return {
        "chrome": site_chrome(),
        "page_qr_svg": lambda: qr_svg(request.build_absolute_uri()),
    }
