from django.contrib import admin

from lanting.favorites.models import Favorite


@admin.register(Favorite)
class FavoriteAdmin(admin.ModelAdmin[Favorite]):
    list_display = ["member", "kind", "thread", "article", "board", "created_at"]
    list_filter = ["kind"]
    search_fields = ["member__username"]
    raw_id_fields = ["member", "thread", "article", "board"]
