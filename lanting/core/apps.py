from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "lanting.core"
    label = "core"
    verbose_name = _("Site")

    def ready(self) -> None:
        from lanting.core import signals  # noqa: F401  (connects its receivers)
