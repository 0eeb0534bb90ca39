from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from lanting.messages.models import Block, Conversation, Message, Participant


class ParticipantInline(admin.TabularInline[Participant, Conversation]):
    model = Participant
    raw_id_fields = ["member"]
    extra = 0


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin[Conversation]):
    list_display = ["subject", "started_by", "is_group", "message_count", "last_message_at"]
    list_filter = ["is_group"]
    search_fields = ["subject", "started_by__username"]
    raw_id_fields = ["started_by"]
    date_hierarchy = "last_message_at"
    inlines = [ParticipantInline]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin[Message]):
    list_display = ["__str__", "author", "conversation", "created_at"]
    search_fields = ["body", "author__username"]
    raw_id_fields = ["conversation", "author"]
    date_hierarchy = "created_at"

    def save_model(self, request: HttpRequest, obj: Message, form: Any, change: bool) -> None:
        from lanting.messages.services import render_body

        obj.body_html = render_body(obj.body, obj.markup)  # as when it was sent
        super().save_model(request, obj, form, change)


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin[Block]):
    list_display = ["member", "blocked", "created_at"]
    search_fields = ["member__username", "blocked__username"]
    raw_id_fields = ["member", "blocked"]
