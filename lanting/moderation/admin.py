from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from lanting.accounts.selectors import member_of
from lanting.core.ratelimit import client_ip
from lanting.moderation import logtext, services
from lanting.moderation.models import Ban, CensorWord, ModerationLog, QueueEntry


@admin.register(Ban)
class BanAdmin(admin.ModelAdmin[Ban]):
    list_display = [
        "__str__",
        "kind",
        "member",
        "ip_range",
        "reason",
        "moderator",
        "starts_at",
        "ends_at",
        "lifted_at",
    ]
    list_filter = ["kind", "lifted_at"]
    search_fields = ["member__username", "ip_range", "reason"]
    autocomplete_fields = ["member"]
    fields = ["kind", "member", "ip_range", "reason", "ends_at"]
    actions = ["lift_bans"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Ban, form: Any, change: bool) -> None:
        moderator = member_of(request)
        if obj.kind == Ban.Kind.IP:
            saved = services.ban_ip_range(
                ip_range=obj.ip_range,
                moderator=moderator,
                reason=obj.reason,
                until=obj.ends_at,
                moderator_ip=client_ip(request),
            )
        elif obj.member is not None:  # the model's clean() asks for a member
            saved = services.ban_member(
                member=obj.member,
                moderator=moderator,
                kind=obj.kind,
                reason=obj.reason,
                until=obj.ends_at,
            )
        else:
            return
        obj.pk = saved.pk

    @admin.action(description=_("Lift selected bans"))
    def lift_bans(self, request: HttpRequest, queryset: QuerySet[Ban]) -> None:
        moderator = member_of(request)
        for ban in queryset:
            services.lift_ban(ban=ban, moderator=moderator)


class ActionFilter(admin.SimpleListFilter):
    title = _("action")
    parameter_name = "action"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        actions = ModerationLog.objects.order_by().values_list("action", flat=True).distinct()
        return sorted(((a, logtext.action_label(a)) for a in actions), key=lambda p: p[1])

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(ModerationLog)
class ModerationLogAdmin(admin.ModelAdmin[ModerationLog]):
    list_display = ["what_happened"]
    list_display_links = None
    list_filter = [ActionFilter]
    list_select_related = ["actor"]
    search_fields = ["target", "detail", "actor__username"]
    date_hierarchy = "created_at"

    @admin.display(description=_("what happened"), ordering="-created_at")
    def what_happened(self, entry: ModerationLog) -> SafeString:
        return logtext.sentence(entry)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CensorWord)
class CensorWordAdmin(admin.ModelAdmin[CensorWord]):
    """The word filter. A pattern is checked on save (the model's clean): an invalid or
    slow one is refused with the reason, and the word as typed stays in the form."""

    list_display = ["find", "action", "replacement", "category", "added_by", "created_at"]
    list_filter = ["action", "category"]
    search_fields = ["find", "replacement", "category"]
    fields = ["find", "action", "replacement", "category"]

    def save_model(self, request: HttpRequest, obj: CensorWord, form: Any, change: bool) -> None:
        if not change:
            obj.added_by = member_of(request)
        super().save_model(request, obj, form, change)


@admin.register(QueueEntry)
class QueueEntryAdmin(admin.ModelAdmin[QueueEntry]):
    list_display = ["__str__", "kind", "state", "author", "report_count", "created_at"]
    list_filter = ["kind", "state"]
    search_fields = ["title", "excerpt", "author__username"]
    readonly_fields = [f.name for f in QueueEntry._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
