from django.contrib import admin

from lanting.notifications.models import MailPreference, Notification, Watch


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = ["recipient", "kind", "actor_name", "subject", "created_at", "read_at"]
    list_filter = ["kind"]
    search_fields = ["recipient__username", "subject"]
    raw_id_fields = ["recipient", "actor"]


@admin.register(Watch)
class WatchAdmin(admin.ModelAdmin[Watch]):
    list_display = ["member", "thread", "board", "mode", "created_at"]
    list_filter = ["mode"]
    search_fields = ["member__username", "thread__title", "board__name"]
    raw_id_fields = ["member", "thread", "board"]


@admin.register(MailPreference)
class MailPreferenceAdmin(admin.ModelAdmin[MailPreference]):
    list_display = ["member", "digest", "watch_started", "watch_replied", "last_digest_at"]
    search_fields = ["member__username"]
    raw_id_fields = ["member"]
