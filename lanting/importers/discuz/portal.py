"""The portal from Discuz!: categories, articles with their pages, cover pictures
and uploaded files, and the comments on articles."""

import re
from collections import defaultdict

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext_noop

from lanting.accounts.models import User
from lanting.importers.discuz.indexing import index_articles
from lanting.importers.discuz.links import (
    Row,
    SkipRow,
    TableReport,
    digest,
    links,
    new_ids,
    upsert,
)
from lanting.importers.discuz.models import LegacyLink
from lanting.importers.discuz.run import RunState
from lanting.importers.discuz.source import stamp
from lanting.markup.text import html_to_text
from lanting.portal.markup import comment_html
from lanting.portal.models import Article, Category, Comment
from lanting.portal.services import recount_comments, render_article

# An article's pictures: <img src="data/attachment/portal/201902/20/x.jpg">, relative
# or with the old site's address in front; downloads: portal.php?mod=attachment&id=N.
_PORTAL_FILE = re.compile(
    r"""(?:(?:https?:)?//[^"'\s<>]*?/|/)?data/attachment/portal/([^"'\s<>?#]+)"""
)
_PORTAL_DOWNLOAD = re.compile(
    r"""(?:(?:https?:)?//[^"'\s<>]*?/|/)?portal\.php\?mod=attachment(?:&amp;|&)id=(\d+)"""
)
_SAFE_PATH = re.compile(r"^[\w][\w./-]*$")


def import_categories(run: RunState) -> None:
    report = run.report("portal categories")
    rows = [
        dict(zip(["catid", "upid", "catname", "displayorder", "description"], r, strict=True))
        for r in run.source.fetch(
            f"SELECT catid, upid, catname, displayorder, description FROM "
            f"{run.source.table('portal_category')} ORDER BY upid, catid"
        )
    ]
    report.read = len(rows)

    def fill(category: Category, row: Row) -> None:
        category.name = run.text(row, "catname", "category")[:60]
        category.order = int(row["displayorder"]) % 32767
        category.description = html_to_text(run.text(row, "description", "category"))[:255]

    def build(row: Row) -> Category:
        category = Category(slug=f"c{int(row['catid'])}")
        fill(category, row)
        return category

    upsert(LegacyLink.Kind.CATEGORY, rows, report, "catid", build, fill, Category)
    ids = new_ids(LegacyLink.Kind.CATEGORY, (r["catid"] for r in rows))
    for row in rows:
        parent = ids.get(int(row["upid"]))
        if parent and int(row["catid"]) in ids:
            Category.objects.filter(pk=ids[int(row["catid"])]).update(parent_id=parent)


def import_articles(run: RunState) -> None:
    columns = [
        "aid",
        "catid",
        "uid",
        "username",
        "title",
        "author",
        "from",
        "fromurl",
        "url",
        "summary",
        "allowcomment",
        "dateline",
        "status",
        "pic",
        "remote",
    ]
    run.import_table("articles", "portal_article_title", columns, "aid", article_batch)


def article_batch(run: RunState, rows: list[Row], report: TableReport) -> None:
    aids = [int(r["aid"]) for r in rows]
    pages: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for aid, title, content, order in run.fetch_in(
        "portal_article_content", "aid, title, content, pageorder", aids, key="aid"
    ):
        pages[int(aid)].append(
            (
                int(order),
                run.source.decoder.text(title, "page"),
                run.source.decoder.text(content, f"article {aid}"),
            )
        )
    views = {
        int(a): int(v)
        for a, v in run.fetch_in("portal_article_count", "aid, viewnum", aids, key="aid")
    }
    uploads = {
        int(attachid): run.source.decoder.text(path, "portal attachment")
        for attachid, path in run.fetch_in(
            "portal_attachment", "attachid, attachment", aids, key="aid"
        )
    }
    categories = new_ids(LegacyLink.Kind.CATEGORY, (r["catid"] for r in rows))
    members = new_ids(LegacyLink.Kind.MEMBER, (r["uid"] for r in rows))
    publisher_fallback = User.objects.filter(is_superuser=True).order_by("pk").first()

    def fill(article: Article, row: Row) -> None:
        aid = int(row["aid"])
        article.title = html_to_text(run.text(row, "title", f"article {aid}"))[:200]
        body = "".join(
            (f"<h2>{title}</h2>" if title else "") + content
            for _order, title, content in sorted(pages.get(aid, []))
        )
        url = run.text(row, "url", "article")
        if url.startswith(("http://", "https://")):
            body += f'<p><a href="{url}">{url}</a></p>'  # Discuz! 外链文章: an external link
        article.body = portal_links(run, body, uploads) or "<p></p>"
        article.body_format = Article.Format.HTML
        article.summary = html_to_text(run.text(row, "summary", "article"))[:500]
        article.original_author = run.text(row, "author", "article")[:100]
        article.source_name = run.text(row, "from", "article")[:100]
        from_url = run.text(row, "fromurl", "article")
        article.source_url = from_url if from_url.startswith(("http://", "https://")) else ""
        article.allow_comments = int(row["allowcomment"] or 0) == 1
        article.published_at = stamp(row["dateline"]) or timezone.now()
        article.status = (
            Article.Status.PUBLISHED if int(row["status"] or 0) == 0 else Article.Status.DRAFT
        )
        article.views = views.get(aid, 0)
        pic = run.text(row, "pic", f"article {aid}")
        cover = None
        if pic and not int(row["remote"] or 0):
            # Discuz! keeps the cover as "portal/201902/20/x.jpg" under data/attachment.
            cover = store_portal_file(run, pic.removeprefix("portal/"))
            if cover is None:
                run.missing_files.append(f"portal/{pic.removeprefix('portal/')}")
                report.warn(gettext_noop("cover image missing from --attachments"), str(aid))
        article.cover = cover or ""
        render_article(article)

    def build(row: Row) -> Article:
        category_id = categories.get(int(row["catid"]))
        if category_id is None:
            raise SkipRow(gettext_noop("article whose category was deleted"))
        publisher_id = members.get(int(row["uid"])) or (
            publisher_fallback.pk if publisher_fallback else None
        )
        if publisher_id is None:
            raise SkipRow(gettext_noop("article whose publisher no longer exists"))
        article = Article(category_id=category_id, publisher_id=publisher_id)
        fill(article, row)
        return article

    touched = upsert(LegacyLink.Kind.ARTICLE, rows, report, "aid", build, fill, Article)
    index_articles(run, (article.pk for article in touched.values()))


def store_portal_file(run: RunState, relative: str) -> str | None:
    """Copy ``<attachments>/portal/<relative>`` into storage once; its name there, or None."""
    if not _SAFE_PATH.match(relative) or ".." in relative or run.attachments is None:
        return None
    name = f"portal/discuz/{relative}"
    if name in run.stored_portal:
        return name
    source_file = run.attachments / "portal" / relative
    if not source_file.is_file():
        return None
    if not run.dry_run and not default_storage.exists(name):
        with source_file.open("rb") as handle:
            name = default_storage.save(name, File(handle))
    run.stored_portal.add(name)
    return name


def portal_links(run: RunState, body: str, uploads: dict[int, str]) -> str:
    """Point an article's images and file links at the copies in Lanting's storage."""

    def stored_url(relative: str) -> str | None:
        name = store_portal_file(run, relative.removesuffix(".thumb.jpg"))
        return default_storage.url(name) if name else None

    def image(match: re.Match[str]) -> str:
        return stored_url(match.group(1)) or match.group(0)

    def download(match: re.Match[str]) -> str:
        relative = uploads.get(int(match.group(1)))
        return (stored_url(relative) if relative else None) or match.group(0)

    return _PORTAL_DOWNLOAD.sub(download, _PORTAL_FILE.sub(image, body))


def import_portal_files(run: RunState) -> None:
    run.import_table(
        "portal attachments",
        "portal_attachment",
        ["attachid", "aid", "attachment", "remote"],
        "attachid",
        portal_file_batch,
    )


def portal_file_batch(run: RunState, rows: list[Row], report: TableReport) -> None:
    """The files an article's body and cover use are copied with the article; this
    copies the rest (and counts every file), so none is left behind."""
    ids = [int(r["attachid"]) for r in rows]
    done = links(LegacyLink.Kind.PORTAL_FILE, ids)
    articles = new_ids(LegacyLink.Kind.ARTICLE, (r["aid"] for r in rows))
    fresh: list[LegacyLink] = []
    for row in rows:
        attachid = int(row["attachid"])
        relative = run.text(row, "attachment", f"portal attachment {attachid}")
        if int(row["remote"] or 0):
            report.skip(gettext_noop("attachment kept on remote FTP storage"), str(attachid))
            continue
        name = store_portal_file(run, relative)
        if name is None:
            run.missing_files.append(f"portal/{relative}")
            report.skip(gettext_noop("file missing from --attachments"), str(attachid))
            continue
        sum_ = digest(row)
        link = done.get(attachid)
        if link is not None and link.checksum == sum_:
            report.unchanged += 1
            continue
        new_id = articles.get(int(row["aid"]), 0)  # 0: uploaded, never published
        if link is not None:
            LegacyLink.objects.filter(pk=link.pk).update(new_id=new_id, checksum=sum_)
            report.updated += 1
        else:
            fresh.append(
                LegacyLink(
                    kind=LegacyLink.Kind.PORTAL_FILE,
                    old_id=attachid,
                    new_id=new_id,
                    checksum=sum_,
                )
            )
    LegacyLink.objects.bulk_create(fresh)
    report.imported += len(fresh)


def import_comments(run: RunState) -> None:
    run.import_table(
        "article comments",
        "portal_comment",
        ["cid", "uid", "username", "id", "idtype", "postip", "dateline", "status", "message"],
        "cid",
        comment_batch,
        where="idtype = 'aid'",
    )
    recount_comments(
        article_ids=list(
            LegacyLink.objects.filter(kind=LegacyLink.Kind.ARTICLE).values_list("new_id", flat=True)
        )
    )


def comment_batch(run: RunState, rows: list[Row], report: TableReport) -> None:
    articles = new_ids(LegacyLink.Kind.ARTICLE, (r["id"] for r in rows))
    members = new_ids(LegacyLink.Kind.MEMBER, (r["uid"] for r in rows))

    def fill(comment: Comment, row: Row) -> None:
        text = html_to_text(run.text(row, "message", f"comment {row['cid']}"))
        comment.body = text[:5000] or "—"
        comment.body_html = comment_html(comment.body)
        comment.is_public = int(row["status"] or 0) == 0
        comment.created_at = stamp(row["dateline"]) or timezone.now()

    def build(row: Row) -> Comment:
        article_id = articles.get(int(row["id"]))
        author_id = members.get(int(row["uid"]))
        if article_id is None:
            raise SkipRow(gettext_noop("comment on an article that was not imported"))
        if author_id is None:
            raise SkipRow(gettext_noop("comment by a guest or a deleted member"))
        comment = Comment(article_id=article_id, author_id=author_id)
        fill(comment, row)
        return comment

    upsert(LegacyLink.Kind.COMMENT, rows, report, "cid", build, fill, Comment)
