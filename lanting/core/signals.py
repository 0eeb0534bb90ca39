"""Cache invalidation only: edits in the admin show on the next page view."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lanting.core.models import NavItem, Page, SiteSettings
from lanting.core.selectors import forget_site_chrome
from lanting.pagecache.tags import touch


@receiver([post_save, post_delete], sender=SiteSettings)
@receiver([post_save, post_delete], sender=NavItem)
@receiver([post_save, post_delete], sender=Page)
def forget_chrome_on_change(**kwargs: Any) -> None:
    forget_site_chrome()
    touch("chrome")
