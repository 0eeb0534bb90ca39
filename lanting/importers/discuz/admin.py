from django.contrib import admin

from lanting.importers.discuz.models import LegacyLink


@admin.register(LegacyLink)
class LegacyLinkAdmin(admin.ModelAdmin[LegacyLink]):
    list_display = ["kind", "old_id", "new_id"]
    list_filter = ["kind"]
    search_fields = ["=old_id", "=new_id"]
