from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanting.accounts import captcha, permissions
from lanting.accounts.models import User
from lanting.accounts.selectors import member_of
from lanting.messages import selectors, services
from lanting.messages.forms import BlockForm, NewConversationForm, ReplyForm
from lanting.messages.models import Participant
from lanting.pagecache.members import personal_page


def _refused(form: forms.Form, error: ValidationError) -> None:
    """Put a service's refusal beside the field it is about (its code), else on top."""
    named = (error.code or "").partition("_")[0]  # "to_blocked": the To field
    field = named if named in form.fields else None
    form.add_error(field, error.messages)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    member = member_of(request)

    def make() -> HttpResponse:
        page = selectors.inbox_page(member.pk, request.GET.get("page"))
        return render(request, "messages/inbox.html", {"page": page})

    # Kept for this member until a message comes or goes, or one is read.
    return personal_page(request, "inbox", [selectors.inbox_tag(member.pk)], make)


@login_required
def new_conversation(request: HttpRequest) -> HttpResponse:
    member = member_of(request)
    refused: ValidationError | None = None
    if request.method == "POST":
        form = NewConversationForm(request.POST)
        if form.is_valid():
            try:
                conversation = services.start_conversation(
                    author=member,
                    to=form.cleaned_data["to"],
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    markup=form.cleaned_data["markup"],
                    proof=request.POST.get("altcha", ""),
                )
            except ValidationError as error:
                _refused(form, error)
                refused = error
            else:
                flash.success(request, _("Your message is sent."))
                return redirect(conversation)
    else:
        form = NewConversationForm(initial={"to": request.GET.get("to", "")[:300]})
    status = 400 if form.is_bound else 200  # a refused message: said, with the text kept
    # Said before anything is typed, too: a group that may not start conversations.
    refusal = None if form.is_bound else permissions.message_refusal(member)
    context = {"form": form, "refusal": refusal, "captcha": captcha.shown_to(member, refused)}
    return render(request, "messages/new.html", context, status=status)


def _conversation_page(
    request: HttpRequest,
    line: Participant,
    form: ReplyForm,
    status: int = 200,
    refused: ValidationError | None = None,
) -> HttpResponse:
    conversation = line.conversation
    others = [
        p.member for p in getattr(conversation, "present", []) if p.member_id != line.member_id
    ]
    blocked = set(
        selectors.blocked_by(line.member)
        .filter(blocked__in=[o.pk for o in others])
        .values_list("blocked_id", flat=True)
    )
    context = {
        "conversation": conversation,
        "line": line,
        "others": others,
        "blocked_ids": blocked,
        "page": selectors.messages_page(conversation, request.GET.get("page")),
        "form": form,
        "captcha": captcha.shown_to(request.user, refused),
    }
    return render(request, "messages/conversation.html", context, status=status)


@login_required
def conversation(request: HttpRequest, conversation_id: int) -> HttpResponse:
    member = member_of(request)
    line = selectors.place_in(member, conversation_id)
    if request.method == "POST":
        form = ReplyForm(request.POST)
        refused: ValidationError | None = None
        if form.is_valid():
            try:
                message = services.reply(
                    conversation=line.conversation,
                    author=member,
                    body=form.cleaned_data["body"],
                    markup=form.cleaned_data["markup"],
                    proof=request.POST.get("altcha", ""),
                )
            except ValidationError as error:
                _refused(form, error)
                refused = error
            else:
                return redirect(f"{line.conversation.get_absolute_url()}#pm-{message.pk}")
        return _conversation_page(request, line, form, status=400, refused=refused)
    services.mark_read(line)
    return _conversation_page(request, line, ReplyForm())


@require_POST
@login_required
def leave(request: HttpRequest, conversation_id: int) -> HttpResponse:
    line = selectors.place_in(member_of(request), conversation_id)
    services.leave_conversation(line=line)
    flash.success(
        request,
        _("You left “%(subject)s”.") % {"subject": line.conversation.subject},
    )
    return redirect("pm:inbox")


@require_POST
@login_required
def block_in_conversation(request: HttpRequest, conversation_id: int) -> HttpResponse:
    """Block (or unblock) someone from the conversation they wrote in."""
    member = member_of(request)
    line = selectors.place_in(member, conversation_id)
    raw = request.POST.get("member", "")
    other = get_object_or_404(User, pk=int(raw) if raw.isdigit() and len(raw) < 19 else 0)
    if request.POST.get("undo"):
        services.unblock_member(member=member, blocked_id=other.pk)
        flash.success(request, _("%(name)s may write to you again.") % {"name": other.shown_name})
    else:
        try:
            services.block_member(member=member, name=other.username)
        except ValidationError as error:
            flash.error(request, " ".join(error.messages))
        else:
            flash.success(
                request,
                _("%(name)s is blocked: their messages to you will be refused.")
                % {"name": other.shown_name},
            )
    return redirect(line.conversation)


@login_required
def blocked(request: HttpRequest) -> HttpResponse:
    member = member_of(request)
    form = BlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            other = services.block_member(member=member, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error("name", error.messages)
        else:
            flash.success(
                request,
                _("%(name)s is blocked: their messages to you will be refused.")
                % {"name": other.shown_name},
            )
            return redirect("pm:blocked")
    return render(
        request,
        "messages/blocked.html",
        {"form": form, "blocks": selectors.blocked_by(member)},
        status=400 if form.is_bound else 200,
    )


@require_POST
@login_required
def unblock(request: HttpRequest, member_id: int) -> HttpResponse:
    member = member_of(request)
    other = get_object_or_404(User, pk=member_id)
    services.unblock_member(member=member, blocked_id=other.pk)
    flash.success(request, _("%(name)s may write to you again.") % {"name": other.shown_name})
    return redirect("pm:blocked")
