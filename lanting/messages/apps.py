from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagesConfig(AppConfig):
    name = "lanting.messages"
    label = "pm"  # "messages" is django.contrib.messages'
    verbose_name = _("Private messages")
