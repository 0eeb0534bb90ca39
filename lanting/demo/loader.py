"""Load the demo site: the seed page's site, its article, and articles around it.

Loading twice changes nothing: every row is found by a natural key first.
"""

import datetime as dt
import html
from typing import Any

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from lanting.accounts.models import User
from lanting.core.models import NavItem, Page, SiteSettings
from lanting.core.services import save_page
from lanting.demo import articles as demo_articles
from lanting.demo import seed
from lanting.demo.forum_loader import load_forum
from lanting.demo.members import joined_on
from lanting.portal import services as portal_services
from lanting.portal.models import Article, Category, Comment

DEMO_PASSWORD = "lanting-demo-2019"  # noqa: S105  (printed by the command; demo only)

COMMENTERS = ["伦敦小王", "kate_w", "东区老张", "留学生Amy", "CamdenLi"]


def _paragraphs_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def _member(username: str, *, staff: bool = False) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "email": f"{username.lower()}@demo.invalid",
            "is_staff": staff,
            "is_superuser": staff,
            "date_joined": joined_on(username, staff=staff),
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def load_site() -> None:
    site = SiteSettings.objects.filter(pk=1).first() or SiteSettings(pk=1)
    for field, value in seed.SITE.items():
        setattr(site, field, value)
    site.save()
    pages = {}
    for slug, (title, body) in seed.PAGES.items():
        page = Page.objects.filter(slug=slug).first() or Page(slug=slug)
        page.title, page.body = title, body
        pages[slug] = save_page(page=page)
    for order, (label, url) in enumerate(seed.HEADER_NAV, start=1):
        NavItem.objects.update_or_create(
            label=label,
            location=NavItem.Location.HEADER,
            defaults={"url": url, "order": order, "new_tab": True},
        )
    for order, (label, section) in enumerate(seed.MAIN_NAV, start=1):
        NavItem.objects.update_or_create(
            label=label,
            location=NavItem.Location.MAIN,
            defaults={"section": section, "order": order},
        )
    for order, (label, target) in enumerate(seed.FOOTER_NAV, start=1):
        kind, _, value = target.partition(":")
        defaults: dict[str, Any] = {"order": order, "section": "", "page": None, "url": ""}
        if kind == "page":
            defaults["page"] = pages[value]
        else:
            defaults["section"] = value
        NavItem.objects.update_or_create(
            label=label, location=NavItem.Location.FOOTER, defaults=defaults
        )


def _article(
    *, title: str, category: Category, publisher: User, published_at: dt.datetime, **fields: Any
) -> tuple[Article, bool]:
    existing = Article.objects.filter(title=title, category=category).first()
    if existing:
        return existing, False
    article = Article(
        title=title,
        category=category,
        publisher=publisher,
        published_at=published_at,
        status=Article.Status.PUBLISHED,
        **fields,
    )
    return portal_services.save_article(article=article), True


def load_portal() -> int:
    tz = timezone.get_default_timezone()
    publisher = _member(seed.PUBLISHER, staff=True)
    categories = {}
    for order, (slug, name, description) in enumerate(demo_articles.CATEGORIES, start=1):
        categories[slug], _ = Category.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "order": order}
        )
    created_count = 0
    data = seed.ARTICLE
    year, month, day, hour, minute = data["published_at"]
    seed_article, created = _article(
        title=str(data["title"]),
        category=categories[str(data["category"])],
        publisher=publisher,
        published_at=dt.datetime(year, month, day, hour, minute, tzinfo=tz),
        body=_paragraphs_html(data["paragraphs"]),
        summary=str(data["summary"]),
        original_author=str(data["original_author"]),
        source_name=str(data["source_name"]),
        source_url=str(data["source_url"]),
    )
    if created:
        Article.objects.filter(pk=seed_article.pk).update(views=data["views"])
        created_count += 1

    commenters = [_member(name) for name in COMMENTERS]
    today = timezone.localdate()
    for index, item in enumerate(demo_articles.ARTICLES):
        day_ = today - dt.timedelta(days=int(item["days_ago"]))
        published_at = dt.datetime.combine(
            day_,
            dt.time(int(item["hour"]), int(item["minute"])),
            tzinfo=tz,
        )
        article, created = _article(
            title=str(item["title"]),
            category=categories[str(item["category"])],
            publisher=publisher,
            published_at=published_at,
            body=_paragraphs_html(item["paragraphs"]),
            summary=str(item.get("summary", "")),
            original_author=str(item.get("original_author", "")),
            source_name=str(item.get("source_name", "")),
            source_url=str(item.get("source_url", "")),
        )
        if not created:
            continue
        created_count += 1
        Article.objects.filter(pk=article.pk).update(views=(index * 37) % 900 + 5)
        for n, text in enumerate(item.get("comments", [])):
            comment = portal_services.comment_on_article(
                article=article, author=commenters[(index + n) % len(commenters)], body=str(text)
            )
            Comment.objects.filter(pk=comment.pk).update(
                created_at=published_at + dt.timedelta(hours=2 + n * 3)
            )
    return created_count


@transaction.atomic
def load_demo() -> int:
    load_site()
    # The demo's members wrote these posts over years, not in the seconds the loader takes:
    # flood control (one post per 15 s by default) is for live members, not for history.
    with override_settings(LANTING_FLOOD_CONTROL=False):
        return load_portal() + load_forum(DEMO_PASSWORD)
