"""Rendering a comment once, when it is saved: BBCode, as Discuz!'s portal comments carry it."""

from lanting.markup import render


def comment_html(body: str) -> str:
    # Comments have no [hide]: a hidden part is shown, as Discuz! shows it in a comment.
    return render(body, "bbcode", hide_visible=True)
