from lanting.core.models import Page
from lanting.markup import render


def save_page(*, page: Page) -> Page:
    """Clean the page's HTML once, then store it."""
    page.body_html = render(page.body, "html")
    page.save()
    return page
