from django.http import HttpRequest

from lanting.core.qr import qr_svg
from lanting.core.selectors import site_chrome


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "site": site_chrome(),
        "page_qr_svg": lambda: qr_svg(request.build_absolute_uri()),
    }
