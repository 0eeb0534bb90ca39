from django.contrib import admin

from lanting.polls.models import Poll, PollOption, PostRating


class PollOptionInline(admin.TabularInline[PollOption, Poll]):
    model = PollOption
    extra = 0
    fields = ["order", "text", "votes"]
    readonly_fields = ["votes"]


@admin.register(Poll)
class PollAdmin(admin.ModelAdmin[Poll]):
    list_display = ["thread", "multiple", "max_choices", "ends_at", "results", "is_closed"]
    list_filter = ["is_closed", "results", "multiple"]
    raw_id_fields = ["thread"]
    readonly_fields = ["voter_count", "created_at"]
    inlines = [PollOptionInline]


@admin.register(PostRating)
class PostRatingAdmin(admin.ModelAdmin[PostRating]):
    list_display = ["post", "rater_name", "credit", "score", "reason", "created_at"]
    search_fields = ["rater_name", "reason"]
    raw_id_fields = ["post", "rater"]
