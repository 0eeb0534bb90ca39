from django.contrib import admin

from lanting.forum.models import (
    Attachment,
    Board,
    BoardPermission,
    Post,
    Section,
    Thread,
    ThreadField,
    ThreadType,
)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin[Section]):
    list_display = ["name", "order"]
    list_editable = ["order"]


class BoardPermissionInline(admin.TabularInline[BoardPermission, Board]):
    model = BoardPermission
    extra = 0


class ThreadTypeInline(admin.TabularInline[ThreadType, Board]):
    model = ThreadType
    extra = 0


class ThreadFieldInline(admin.StackedInline[ThreadField, Board]):
    model = ThreadField
    extra = 0


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin[Board]):
    list_display = ["name", "section", "parent", "order", "thread_count", "post_count"]
    list_editable = ["order"]
    list_filter = ["section"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["moderators"]
    readonly_fields = ["thread_count", "post_count"]
    inlines = [BoardPermissionInline, ThreadTypeInline, ThreadFieldInline]


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin[Thread]):
    list_display = [
        "title",
        "board",
        "author_name",
        "created_at",
        "reply_count",
        "views",
        "sticky",
        "digest",
        "is_closed",
        "is_deleted",
    ]
    list_filter = ["board", "sticky", "digest", "is_closed", "is_deleted"]
    search_fields = ["title", "author_name"]
    date_hierarchy = "created_at"
    readonly_fields = ["reply_count", "views", "author", "author_name", "board", "created_at"]
    fields = [
        "title",
        "board",
        "author",
        "author_name",
        "created_at",
        "thread_type",
        "fields",
        "reply_count",
        "views",
    ]

    def has_add_permission(self, request: object) -> bool:
        return False  # threads are started on the site, where counters are kept


@admin.register(Post)
class PostAdmin(admin.ModelAdmin[Post]):
    list_display = ["__str__", "author_name", "created_at", "is_deleted"]
    list_filter = ["is_deleted"]
    search_fields = ["body", "author_name"]
    raw_id_fields = ["thread", "author"]
    readonly_fields = [
        "thread",
        "position",
        "author",
        "author_name",
        "created_at",
        "ip_address",
        "is_deleted",
        "body",
    ]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False  # deleting goes through the recycle bin, which keeps counters right


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin[Attachment]):
    list_display = ["name", "post", "size", "is_image", "downloads", "created_at"]
    raw_id_fields = ["post", "uploader"]
