"""Rendering a post once, when it is saved: BBCode or Markdown to safe HTML."""

import re
from collections.abc import Callable, Iterable

from lanting.forum.models import Attachment, Post
from lanting.markup import AttachmentRef, render


def _attachment_lookup(attachments: Iterable[Attachment]) -> Callable[[int], AttachmentRef | None]:
    refs = {
        a.pk: AttachmentRef(
            url=a.get_absolute_url(),
            is_image=a.is_image,
            name=a.name,
            width=a.width,
            height=a.height,
        )
        for a in attachments
    }
    return refs.get


def render_body(
    markup: str, body: str, attachments: Iterable[Attachment] = (), *, hide_visible: bool = False
) -> str:
    return render(
        body,
        "markdown" if markup == Post.Markup.MARKDOWN else "bbcode",
        attachment_url=_attachment_lookup(attachments),
        hide_visible=hide_visible,
    )


def has_hidden_part(markup: str, body: str) -> bool:
    return markup == Post.Markup.BBCODE and "[hide" in body.lower()


# ``[attach]N[/attach]`` (or ``[attachimg]``): file number N placed in the text.
PLACED = re.compile(r"\[attach(img)?\](\d{1,19})\[/attach(img)?\]", re.IGNORECASE)


def placed_numbers(body: str) -> set[int]:
    """The numbers of the files a post's text places itself (not listed again below it)."""
    return {int(match.group(2)) for match in PLACED.finditer(body)} if "[attach" in body else set()
