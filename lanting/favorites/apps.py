from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FavoritesConfig(AppConfig):
    name = "lanting.favorites"
    verbose_name = _("Favourites")
