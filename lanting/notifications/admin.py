from django.contrib import admin

from lanting.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = ["recipient", "kind", "actor_name", "subject", "created_at", "read_at"]
    list_filter = ["kind"]
    search_fields = ["recipient__username", "subject"]
    raw_id_fields = ["recipient", "actor"]
