from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lanting.accounts import services
from lanting.accounts.models import CreditEntry, MemberGroup, User

# Members' groups are MemberGroup (用户组): Django's own permission groups are not used,
# and listing both showed two "groups" in the admin.
admin.site.unregister(Group)


@admin.register(User)
class MemberAdmin(UserAdmin[User]):
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (
            _("Community"),
            {
                "fields": (
                    "display_name",
                    "email_verified",
                    "is_approved",
                    "group",
                    "group_expires_at",
                    "group_reason",
                    "credits",
                    "signature",
                    "bio",
                    "location",
                    "time_zone",
                    "language",
                    "avatar_large",
                )
            },
        ),
    )
    readonly_fields = ["credits"]
    list_display = [
        "username",
        "email",
        "current_group",
        "credits",
        "is_approved",
        "email_verified",
        "date_joined",
        "last_visit",
    ]
    list_filter = ["is_approved", "email_verified", "is_staff", "group", "rank"]
    search_fields = ["username", "email", "display_name"]
    actions = ["approve_members"]

    @admin.display(description=_("group"))
    def current_group(self, obj: User) -> str:
        group = obj.current_group
        return group.shown_name if group else "—"

    @admin.action(description=_("Approve selected registrations"))
    def approve_members(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        count = services.approve_members(members=list(queryset))
        self.message_user(
            request,
            ngettext("%(count)d member approved.", "%(count)d members approved.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(MemberGroup)
class MemberGroupAdmin(admin.ModelAdmin[MemberGroup]):
    list_display = [
        "name",
        "name_en",
        "kind",
        "code",
        "min_credits",
        "can_visit",
        "can_post",
        "can_reply",
        "can_comment",
        "can_upload",
        "is_moderator",
        "can_message",
        "conversations_per_day",
    ]
    list_editable = ["min_credits"]
    list_filter = ["kind"]


@admin.register(CreditEntry)
class CreditEntryAdmin(admin.ModelAdmin[CreditEntry]):
    list_display = ["created_at", "member", "amount", "reason", "reference"]
    list_filter = ["reason"]
    search_fields = ["member__username", "reference"]
    autocomplete_fields = ["member"]
    date_hierarchy = "created_at"

    def save_model(
        self, request: HttpRequest, obj: CreditEntry, form: object, change: bool
    ) -> None:
        if change:
            return  # the ledger is append-only: add a correcting entry instead
        services.award_credits(
            member=obj.member,
            reason=CreditEntry.Reason.ADJUSTMENT,
            reference=obj.reference,
            amount=obj.amount,
        )

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
