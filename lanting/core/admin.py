from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from lanting.core.models import NavItem, Page, SiteSettings
from lanting.core.services import save_page

admin.site.site_header = _("Lanting administration")
admin.site.site_title = _("Lanting administration")


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin[SiteSettings]):
    list_display = ["name", "slogan", "short_name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(NavItem)
class NavItemAdmin(admin.ModelAdmin[NavItem]):
    list_display = ["label", "location", "order", "section", "page", "url", "new_tab", "is_visible"]
    list_editable = ["order", "new_tab", "is_visible"]
    list_filter = ["location", "is_visible"]


@admin.register(Page)
class PageAdmin(admin.ModelAdmin[Page]):
    list_display = ["title", "slug", "updated_at"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "body"]

    def save_model(self, request: HttpRequest, obj: Page, form: Any, change: bool) -> None:
        save_page(page=obj)
