from lanting.core.models import Page
from lanting.markup.sanitize import sanitize_html


def save_page(*, page: Page) -> Page:
    """Clean the page's HTML once, then store it."""
    page.body_html = sanitize_html(page.body)
    page.save()
    return page
