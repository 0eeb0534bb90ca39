from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lanting.pagecache.tags import touch
from lanting.portal import search_documents, services
from lanting.portal.markup import comment_html
from lanting.portal.models import Article, Category, Comment


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin[Category]):
    list_display = ["name", "slug", "parent", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin[Article]):
    list_display = [
        "title",
        "category",
        "publisher",
        "status",
        "published_at",
        "views",
        "comment_count",
    ]
    list_filter = ["status", "category"]
    search_fields = ["title", "summary", "original_author", "source_name"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["publisher"]
    readonly_fields = ["views", "comment_count"]
    fieldsets = (
        (None, {"fields": ("title", "category", "status", "published_at", "publisher")}),
        (_("Content"), {"fields": ("body_format", "body", "summary", "cover")}),
        (_("Source"), {"fields": ("original_author", "source_name", "source_url")}),
        (_("Comments and counters"), {"fields": ("allow_comments", "views", "comment_count")}),
    )

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("publisher", str(request.user.pk))
        return initial

    def save_model(self, request: HttpRequest, obj: Article, form: Any, change: bool) -> None:
        services.render_article(obj)
        obj.save()
        touch("portal", f"article:{obj.pk}")
        search_documents.index_article(obj.pk)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin[Comment]):
    list_display = ["__str__", "article", "author", "is_public", "created_at", "ip_address"]
    list_filter = ["is_public"]
    search_fields = ["body", "author__username"]
    readonly_fields = ["article", "author", "ip_address", "created_at", "is_public"]
    fields = ["article", "author", "body", "is_public", "ip_address", "created_at"]
    actions = ["hide_comments", "show_comments"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # comments are written on the site, by members

    def save_model(self, request: HttpRequest, obj: Comment, form: Any, change: bool) -> None:
        obj.body_html = comment_html(obj.body)  # BBCode, as when it was posted
        obj.save()

    def delete_model(self, request: HttpRequest, obj: Comment) -> None:
        services.delete_comment(comment=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        for comment in queryset:
            services.delete_comment(comment=comment)

    @admin.action(description=_("Hide selected comments"))
    def hide_comments(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        self._set_visibility(request, queryset, public=False)

    @admin.action(description=_("Show selected comments"))
    def show_comments(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        self._set_visibility(request, queryset, public=True)

    def _set_visibility(
        self, request: HttpRequest, queryset: QuerySet[Comment], *, public: bool
    ) -> None:
        for comment in queryset:
            services.set_comment_visibility(comment=comment, public=public)
        count = queryset.count()
        self.message_user(
            request,
            ngettext("%(count)d comment updated.", "%(count)d comments updated.", count)
            % {"count": count},
            messages.SUCCESS,
        )
