from django.contrib import admin

from lanting.reactions.models import ArticleMood, PostVote


@admin.register(PostVote)
class PostVoteAdmin(admin.ModelAdmin[PostVote]):
    list_display = ["member", "attitude", "post", "created_at"]
    list_filter = ["attitude"]
    search_fields = ["member__username"]
    raw_id_fields = ["member", "post"]


@admin.register(ArticleMood)
class ArticleMoodAdmin(admin.ModelAdmin[ArticleMood]):
    list_display = ["member", "mood", "article", "created_at"]
    list_filter = ["mood"]
    search_fields = ["member__username", "article__title"]
    raw_id_fields = ["member", "article"]
