from django.db.models import QuerySet

from lanting.core.models import NavItem, Page, SiteSettings
from lanting.pagecache.requestmemo import forget, read_with_each_request, remembered
from lanting.pagecache.shared import shared_cache

SITE_CACHE_KEY = "core:site:v2"
read_with_each_request(SITE_CACHE_KEY)


def site_settings() -> SiteSettings:
    return SiteSettings.objects.get_or_create(pk=1)[0]


def visible_nav_items() -> QuerySet[NavItem]:
    return NavItem.objects.filter(is_visible=True).select_related("page")


def site_chrome() -> dict[str, object]:
    """Site settings and navigation, read once and kept in the cache until edited."""
    return remembered(SITE_CACHE_KEY, _read_chrome)


def _read_chrome() -> dict[str, object]:
    chrome: dict[str, object] | None = shared_cache().get(SITE_CACHE_KEY)
    if chrome is None:
        settings_row = site_settings()
        places: dict[str, list[dict[str, object]]] = {
            location: [] for location in NavItem.Location.values
        }
        for item in visible_nav_items():
            href = item.href
            if not href:
                continue  # its section is not installed on this site: no dead link
            entry = {"label": item.label, "href": href, "new_tab": item.new_tab}
            places.setdefault(item.location, []).append(entry)
        chrome = {
            "name": settings_row.name,
            "slogan": settings_row.slogan,
            "short_name": settings_row.short_name,
            "footer_text": settings_row.footer_text,
            "posting_captcha_posts": settings_row.posting_captcha_posts,
            "header_nav": places[NavItem.Location.HEADER],
            "main_nav": places[NavItem.Location.MAIN],
            "footer_nav": places[NavItem.Location.FOOTER],
        }
        shared_cache().set(SITE_CACHE_KEY, chrome, None)
    return chrome


def forget_site_chrome() -> None:
    shared_cache().delete(SITE_CACHE_KEY)
    forget(SITE_CACHE_KEY)


def page_by_slug(slug: str) -> Page:
    return Page.objects.get(slug=slug)


def site_sender() -> str:
    """Who the site's mail is from: "英国伦敦华人网 <noreply@example.org>", the site's name and
    the address from the environment (LANTING_FROM_EMAIL), unless that already names someone."""
    from email.utils import formataddr, parseaddr

    from django.conf import settings

    name, address = parseaddr(str(settings.DEFAULT_FROM_EMAIL))
    if name:
        return str(settings.DEFAULT_FROM_EMAIL)
    return formataddr((site_settings().name, address))
