"""``{% poll_block thread %}``: the poll of a thread page, every part in, for ``fill_polls``."""

from typing import Any

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from lanting.polls import holes
from lanting.polls.selectors import poll_results

register = template.Library()


@register.simple_tag(takes_context=True)
def poll_block(context: Any, thread: Any) -> SafeString:
    try:
        poll = thread.poll
    except ObjectDoesNotExist:
        return mark_safe("")
    if poll is None:
        return mark_safe("")
    poll.thread = thread
    request = context.get("request")
    html = render_to_string(
        "polls/_poll.html",
        {
            "poll": poll,
            "results": poll_results(poll),
            "mark": holes.mark(),
            "csrf_token": context.get("csrf_token"),  # the page's forms share one
            "is_moderator": context.get("is_moderator", False),
            "member": request is not None and request.user.is_authenticated,
        },
    )
    return mark_safe(html)  # noqa: S308  (our template)
