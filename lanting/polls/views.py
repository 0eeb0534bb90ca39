from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanting.forum import selectors as forum_selectors
from lanting.polls import services
from lanting.polls.models import Poll


def _poll_of(request: HttpRequest, thread_id: int) -> Poll:
    thread = forum_selectors.thread_for(thread_id, request.user, kept=False)
    poll = Poll.objects.filter(thread=thread).first()
    if poll is None:
        raise Http404
    poll.thread = thread
    return poll


def _back(poll: Poll) -> HttpResponse:
    return redirect(poll.get_absolute_url())


@require_POST
def vote(request: HttpRequest, thread_id: int) -> HttpResponse:
    """Back to the poll on the thread page, with what happened said there."""
    poll = _poll_of(request, thread_id)
    if not request.user.is_authenticated:
        messages.error(request, _("Log in to vote."))
        return _back(poll)
    raw = request.POST.getlist("options")
    ids = [int(value) for value in raw if value.isascii() and value.isdigit() and len(value) < 19]
    if len(ids) != len(raw):
        messages.error(request, _("That option is not in this poll."))
        return _back(poll)
    try:
        services.vote(poll=poll, member=request.user, option_ids=ids)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        # What they ticked stays ticked on the page they go back to (holes.fill_polls).
        request.session[services.picked_key(poll.pk)] = ids[:50]
    else:
        messages.success(request, _("Thank you: your vote is counted."))
    return _back(poll)


@require_POST
def close(request: HttpRequest, thread_id: int) -> HttpResponse:
    poll = _poll_of(request, thread_id)
    action = request.POST.get("action")
    if not request.user.is_authenticated or action not in {"close", "open"}:
        messages.error(request, _("That moderation request was not understood."))
        return _back(poll)
    try:
        services.close_poll(poll=poll, moderator=request.user, closed=action == "close")
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request, _("The poll is closed.") if action == "close" else _("The poll is open again.")
        )
    return _back(poll)
