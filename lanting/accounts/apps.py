from axes.apps import AppConfig as AxesAppConfig  # type: ignore[import-untyped]  # no stubs
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lanting.accounts"
    label = "accounts"
    verbose_name = _("Members")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from lanting.accounts import search_documents
        from lanting.accounts.models import MemberGroup
        from lanting.accounts.services import forget_ranks

        search_documents.connect()
        post_save.connect(forget_ranks, sender=MemberGroup, dispatch_uid="forget-ranks-save")
        post_delete.connect(forget_ranks, sender=MemberGroup, dispatch_uid="forget-ranks-delete")


class AxesConfig(AxesAppConfig):  # type: ignore[misc]  # axes ships no types
    """django-axes (login lockouts) under a name in the site's language."""

    verbose_name = _("Login lockouts")
