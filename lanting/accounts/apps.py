from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lanting.accounts"
    label = "accounts"
    verbose_name = _("Members")

    def ready(self) -> None:
        from lanting.accounts import search_documents

        search_documents.connect()
