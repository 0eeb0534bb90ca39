"""``{% watch_hole %}`` on shared pages, ``{% watch_button %}`` on pages made per reader."""

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from lanting.notifications import watching

register = template.Library()


@register.simple_tag
def watch_hole(target: str, target_id: int) -> SafeString:
    """Where the reader's 关注 button goes on a page shared between members (filled later)."""
    return mark_safe(watching.watch_hole(target, target_id))  # noqa: S308  (a fixed comment)


@register.simple_tag(takes_context=True)
def watch_button(context: Any, target: str, target_id: int) -> SafeString:
    request = context["request"]
    token = context.get("csrf_token")  # the page's forms share one
    return mark_safe(watching.watch_button(request, target, target_id, csrf_token=token))  # noqa: S308  (our template)
