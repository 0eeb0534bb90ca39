from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagesConfig(AppConfig):
    name = "lanting.messages"
    label = "pm"  # "messages" is django.contrib.messages'
    verbose_name = _("Private messages")

    def ready(self) -> None:
        from lanting.messages.services import register_purgers, register_targets

        register_targets()  # reported messages in the review queue
        register_purgers()  # and a purged spammer's messages
