from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from lanting.accounts.models import User


@admin.register(User)
class MemberAdmin(UserAdmin[User]):
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (_("Community"), {"fields": ("display_name",)}),
    )
    list_display = ["username", "email", "display_name", "is_staff", "date_joined", "last_login"]
