from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscuzImporterConfig(AppConfig):
    name = "lanting.importers.discuz"
    label = "discuz"
    verbose_name = _("Discuz! import")
