"""Rendering a comment once, when it is saved: BBCode, as Discuz!'s portal comments carry it."""

from lanting.core.bbcode import DEFAULT_SMILIES, bbcode_to_html


def comment_html(body: str) -> str:
    # Comments have no [hide]: a hidden part is shown, as Discuz! shows it in a comment.
    return bbcode_to_html(body, smiley=DEFAULT_SMILIES.get, hide_visible=True)
