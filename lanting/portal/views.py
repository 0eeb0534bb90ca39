from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanting.accounts import captcha, permissions
from lanting.accounts.selectors import member_count
from lanting.forum.selectors import forum_digest
from lanting.pagecache.guests import cached_for_guests, count_on_page, show_on_page
from lanting.portal import selectors, services
from lanting.portal.forms import CommentForm
from lanting.portal.models import Article


@cached_for_guests
def home(request: HttpRequest) -> HttpResponse:
    """Discuz!'s portal home: articles, the forum's hot and newest threads, boards, the numbers."""
    show_on_page(request, "portal", "forum")
    latest = selectors.latest_articles(limit=8)
    forum = forum_digest(request.user)
    return render(
        request,
        "portal/home.html",
        {
            "latest": latest,
            "blocks": selectors.home_blocks(shown=latest),
            "forum": forum,
            "members": member_count(),
        },
    )


@cached_for_guests
def category(request: HttpRequest, slug: str) -> HttpResponse:
    show_on_page(request, "portal")
    current = selectors.category_by_slug(slug)
    page = selectors.category_page(current, request.GET.get("page"))
    return render(request, "portal/category.html", {"category": current, "page": page})


def _article_context(request: HttpRequest, article: Article) -> dict[str, object]:
    previous, following = selectors.neighbours(article)
    return {
        "article": article,
        "views": selectors.shown_views(article),
        "previous": previous,
        "next": following,
        "related": selectors.related_articles(article),
        "comment_refusal": (
            permissions.comment_refusal(request.user, article)
            if request.user.is_authenticated
            else None
        ),
    }


@cached_for_guests
def article(request: HttpRequest, article_id: int) -> HttpResponse:
    shown = selectors.article_for_reader(article_id, request.user)
    show_on_page(request, "portal", f"article:{shown.pk}")
    # Read the total before counting this view: counting may flush the pending
    # views into the row we already hold, and they must not vanish from the page.
    views = selectors.shown_views(shown)
    if shown.is_published:
        seen = services.count_article_view(shown)
        views += 1
        count_on_page(request, "article", shown.pk, shown=views, seen=seen)
    context = _article_context(request, shown)
    context["views"] = views
    context.update(comments=selectors.latest_comments(shown), form=CommentForm())
    context["captcha"] = context["comment_refusal"] is None and captcha.shown_to(request.user)
    context["own_pending"] = selectors.own_pending_comments(shown, request.user)
    return render(request, "portal/article.html", context)


@cached_for_guests
def article_comments(request: HttpRequest, article_id: int) -> HttpResponse:
    shown = selectors.article_for_reader(article_id, request.user)
    show_on_page(request, f"article:{shown.pk}")
    page = selectors.comments_page(shown, request.GET.get("page"))
    return render(request, "portal/comments.html", {"article": shown, "page": page})


@require_POST
def article_comment(request: HttpRequest, article_id: int) -> HttpResponse:
    shown = selectors.article_for_reader(article_id, request.user)
    if not request.user.is_authenticated:
        return redirect_to_login(shown.get_absolute_url())
    form = CommentForm(request.POST)
    status = 400
    refused: ValidationError | None = None
    if form.is_valid():
        try:
            comment = services.comment_on_article(
                article=shown,
                author=request.user,
                body=form.cleaned_data["body"],
                ip_address=request.META.get("REMOTE_ADDR"),
                proof=request.POST.get("altcha", ""),
            )
        except ValidationError as error:
            form.add_error("body", error.messages)
            refused = error
        except PermissionDenied:
            status = 403  # the page says why, from the permission check itself
        else:
            if not comment.is_public:
                messages.info(
                    request,
                    _("Your comment is awaiting review: it shows once a moderator approves it."),
                )
                return redirect(shown)
            messages.success(request, _("Your comment has been posted."))
            return redirect(comment)
    context = _article_context(request, shown)
    context.update(comments=selectors.latest_comments(shown), form=form)
    context["captcha"] = captcha.shown_to(request.user, refused)
    return render(request, "portal/article.html", context, status=status)
