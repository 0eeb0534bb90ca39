from lanting.core.markup import sanitize_html
from lanting.core.models import Page


def save_page(*, page: Page) -> Page:
    """Clean the page's HTML once, then store it."""
    page.body_html = sanitize_html(page.body)
    page.save()
    return page
