"""Members as search documents: found by their user name and display name."""

from collections.abc import Iterator

from django.db.models import Q

from lanting.accounts.models import User
from lanting.jobs.queue import enqueue_after_write, job
from lanting.search.documents import Kind, SearchDocument, in_chunks, register_source
from lanting.search.services import index_document, remove_document


def member_document(member: User) -> SearchDocument:
    names = member.username
    if member.display_name and member.display_name != member.username:
        names = f"{member.username} {member.display_name}"
    return SearchDocument(
        kind=Kind.MEMBER,
        object_id=member.pk,
        title=names,
        body="",
        url=member.get_absolute_url(),
        author_name=member.username,
        created_at=member.date_joined,
        visible=member.is_active,
        context=member.location,
    )


def index_member(member_id: int) -> None:
    """After a member registers, is renamed, deactivated or deleted.

    One that is gone or deactivated leaves search now; the worker indexes the rest.
    """
    active = User.objects.filter(pk=member_id).values_list("is_active", flat=True).first()
    if not active:
        remove_document(Kind.MEMBER, member_id)
        return
    enqueue_after_write(reindex_member, member_id)


@job(attempts=5, backoff=30)
def reindex_member(member_id: int) -> None:
    member = User.objects.filter(pk=member_id).first()
    if member is None:
        remove_document(Kind.MEMBER, member_id)
    else:
        index_document(member_document(member))


def members(*, containing: str | None = None) -> Iterator[SearchDocument]:
    rows = User.objects.filter(is_active=True)
    if containing:
        rows = rows.filter(
            Q(username__icontains=containing) | Q(display_name__icontains=containing)
        )
    for chunk in in_chunks(rows):
        yield from (member_document(member) for member in chunk)


def count_members() -> int:
    return User.objects.filter(is_active=True).count()


def connect() -> None:
    register_source(Kind.MEMBER, members, count=count_members)
