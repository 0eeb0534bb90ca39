import datetime as dt
import io
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from lanting.accounts import search_documents
from lanting.accounts.models import CreditEntry, MemberGroup, User
from lanting.accounts.textcheck import name_refusal
from lanting.core.selectors import site_sender, site_settings
from lanting.pagecache import requestmemo
from lanting.pagecache.shared import shared_cache
from lanting.pagecache.tags import touch

VERIFY_SALT = "lanting.accounts.verify-email"
VERIFY_MAX_AGE = dt.timedelta(days=3)
AVATAR_SIZES = {"large": 200, "medium": 96, "small": 48}
AVATAR_MAX_BYTES = 2 * 1024 * 1024
AVATAR_MAX_PIXELS = 4096 * 4096

CREDIT_RULES = {
    CreditEntry.Reason.THREAD: 2,
    CreditEntry.Reason.REPLY: 1,
    CreditEntry.Reason.COMMENT: 1,
    CreditEntry.Reason.LIKED: 1,
}


class LinkError(Exception):
    """A verification link that is expired, tampered with or already used."""


def send_member_mail(
    *,
    member: User,
    subject_template: str,
    body_template: str,
    context: dict[str, Any],
    to: str | None = None,
) -> None:
    """A mail in the member's own language (else the site's)."""
    language = member.language or settings.LANGUAGE_CODE
    with translation.override(language):
        full = {"member": member, "site_name": site_settings().name, **context}
        subject = " ".join(render_to_string(subject_template, full).split())
        body = render_to_string(body_template, full)
    send_mail(subject, body, site_sender(), [to or member.email])


def _signed_link(request_base: str, *, member: User, email: str, purpose: str) -> str:
    token = signing.dumps({"u": member.pk, "e": email, "p": purpose}, salt=VERIFY_SALT)
    return request_base + reverse("accounts:verify-email", kwargs={"token": token})


def _read_link(token: str, purpose: str) -> tuple[User, str]:
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.SignatureExpired:
        raise LinkError(_("This link has expired. Ask for a new one.")) from None
    except signing.BadSignature:
        raise LinkError(_("This link is not valid. Copy the whole link from the mail.")) from None
    if data.get("p") != purpose:
        raise LinkError(_("This link is not valid. Copy the whole link from the mail."))
    member = User.objects.filter(pk=data.get("u")).first()
    if member is None:
        raise LinkError(_("This link is not valid. Copy the whole link from the mail."))
    return member, str(data.get("e", ""))


def purpose_of(token: str) -> str:
    try:
        return str(signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE).get("p", ""))
    except signing.BadSignature:
        return ""


def register_member(*, username: str, email: str, password: str, link_base: str) -> User:
    """Create a member who must confirm the address before logging in."""
    mode = site_settings().registration
    if mode == "closed":
        raise ValidationError(_("Registration is closed on this site."))
    refusal = name_refusal(username)
    if refusal:
        raise ValidationError(refusal)
    member = User(
        username=username,
        email=email,
        email_verified=False,
        is_approved=mode != "approval",
        language=translation.get_language() or "",
    )
    password_validation.validate_password(password, member)
    member.set_password(password)
    member.rank = rank_for(0)
    member.save()
    search_documents.index_member(member.pk)
    # Sent after the row is committed (the view runs in autocommit): a mail is
    # never sent for a member that a failed transaction did not create.
    link = _signed_link(link_base, member=member, email=email, purpose="register")
    send_member_mail(
        member=member,
        subject_template="accounts/mail/verify_subject.txt",
        body_template="accounts/mail/verify_body.txt",
        context={"link": link, "days": VERIFY_MAX_AGE.days},
    )
    return member


def resend_verification(*, member: User, link_base: str) -> None:
    if member.email_verified:
        return
    link = _signed_link(link_base, member=member, email=member.email, purpose="register")
    send_member_mail(
        member=member,
        subject_template="accounts/mail/verify_subject.txt",
        body_template="accounts/mail/verify_body.txt",
        context={"link": link, "days": VERIFY_MAX_AGE.days},
    )


@transaction.atomic
def verify_email(*, token: str) -> User:
    member, email = _read_link(token, "register")
    if member.email.lower() != email.lower():
        raise LinkError(_("This link is for an address the account no longer uses."))
    if member.email_verified:
        raise LinkError(_("This link was already used: your address is confirmed."))
    User.objects.filter(pk=member.pk).update(email_verified=True)
    member.email_verified = True
    return member


def request_email_change(*, member: User, new_email: str, link_base: str) -> None:
    new_email = new_email.strip()
    if User.objects.filter(email__iexact=new_email).exclude(pk=member.pk).exists():
        raise ValidationError(_("This email address is already registered."))
    link = _signed_link(link_base, member=member, email=new_email, purpose="change")
    send_member_mail(
        member=member,
        subject_template="accounts/mail/change_subject.txt",
        body_template="accounts/mail/change_body.txt",
        context={"link": link, "days": VERIFY_MAX_AGE.days, "new_email": new_email},
        to=new_email,
    )


@transaction.atomic
def confirm_email_change(*, token: str) -> User:
    member, email = _read_link(token, "change")
    if member.email.lower() == email.lower():
        raise LinkError(_("This link was already used: your address is confirmed."))
    if User.objects.filter(email__iexact=email).exclude(pk=member.pk).exists():
        raise LinkError(_("This email address is already registered."))
    User.objects.filter(pk=member.pk).update(email=email, email_verified=True)
    member.email, member.email_verified = email, True
    return member


def approve_members(*, members: list[User]) -> int:
    return User.objects.filter(pk__in=[m.pk for m in members], is_approved=False).update(
        is_approved=True
    )


def _decoded_image(upload: UploadedFile) -> Image.Image:
    if upload.size is None or upload.size > AVATAR_MAX_BYTES:
        raise ValidationError(_("The picture is larger than 2 MB."))
    try:
        with Image.open(upload) as probe:
            probe.verify()  # checks the file's structure without decoding all of it
        upload.seek(0)
        image = Image.open(upload)
        if image.width * image.height > AVATAR_MAX_PIXELS:
            raise ValidationError(_("The picture has too many pixels."))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not a picture we can read (JPEG, PNG, GIF, WebP).")
        ) from None
    return image


def set_avatar(*, member: User, upload: UploadedFile) -> User:
    """Check the upload is a real picture, then store it square in three sizes."""
    image = ImageOps.exif_transpose(_decoded_image(upload)).convert("RGB")
    square = ImageOps.fit(image, (max(AVATAR_SIZES.values()),) * 2, Image.Resampling.LANCZOS)
    stamp = get_random_string(8).lower()
    for size_name, pixels in AVATAR_SIZES.items():
        out = io.BytesIO()
        square.resize((pixels, pixels), Image.Resampling.LANCZOS).save(
            out, "WEBP", quality=85
        )  # no EXIF is written: nothing about where the photo was taken is kept
        field = getattr(member, f"avatar_{size_name}")
        if field:
            field.delete(save=False)
        field.save(f"{member.pk}-{stamp}-{pixels}.webp", ContentFile(out.getvalue()), save=False)
    member.save(update_fields=["avatar_large", "avatar_medium", "avatar_small"])
    touch(f"member:{member.pk}")
    return member


RANKS_CACHE_KEY = "accounts:ranks:v1"
GROUPS_CACHE_KEY = "accounts:groups:v1"
requestmemo.read_with_each_request(GROUPS_CACHE_KEY)


def member_groups() -> dict[int, MemberGroup]:
    """Every group by id (a few dozen rows): what each page asks of its reader's groups."""
    return requestmemo.remembered(GROUPS_CACHE_KEY, _read_groups)


def title_group(member: User) -> MemberGroup | None:
    """The group a member's posts and profile are labelled with: staff show as 管理员 (and
    a system group such as 超级版主 or 版主 as itself) whatever their rank; others, their
    group now. From the cached groups: no query."""
    group = member.current_group
    if (member.is_superuser or member.is_staff) and (
        group is None or group.kind != MemberGroup.Kind.SYSTEM
    ):
        by_code = {g.code: g for g in member_groups().values() if g.code}
        return by_code.get(MemberGroup.Code.ADMINISTRATOR, group)
    return group


def _read_groups() -> dict[int, MemberGroup]:
    groups: dict[int, MemberGroup] | None = shared_cache().get(GROUPS_CACHE_KEY)
    if groups is None:
        groups = {group.pk: group for group in MemberGroup.objects.all()}
        shared_cache().set(GROUPS_CACHE_KEY, groups, 3600)
    return groups


def _rank_thresholds() -> list[tuple[int, int]]:
    """(minimum credits, group id) of every rank, highest first; cached until a group changes."""
    ranks: list[tuple[int, int]] | None = shared_cache().get(RANKS_CACHE_KEY)
    if ranks is None:
        ranks = list(
            MemberGroup.objects.filter(kind=MemberGroup.Kind.RANK)
            .order_by("-min_credits")
            .values_list("min_credits", "pk")
        )
        shared_cache().set(RANKS_CACHE_KEY, ranks, 3600)
    return ranks


def forget_ranks(**_: Any) -> None:
    shared_cache().delete_many([RANKS_CACHE_KEY, GROUPS_CACHE_KEY])
    requestmemo.forget(GROUPS_CACHE_KEY, RANKS_CACHE_KEY)


def rank_id_for(credits: int) -> int | None:
    return next((pk for least, pk in _rank_thresholds() if least <= credits), None)


def rank_for(credits: int) -> MemberGroup | None:
    rank_id = rank_id_for(credits)
    return None if rank_id is None else MemberGroup.objects.get(pk=rank_id)


@transaction.atomic(savepoint=False)  # inside a post's write: one transaction, no savepoint
def award_credits(
    *, member: User, reason: str, reference: str = "", amount: int | None = None, posts: int = 0
) -> CreditEntry | None:
    """Credit ``member`` by the rules for ``reason``.

    ``posts``: how many posts come with it; the member's post count moves in the same write.
    """
    points = CREDIT_RULES.get(reason, 0) if amount is None else amount  # type: ignore[call-overload]
    moved: dict[str, Any] = {"post_count": F("post_count") + posts} if posts else {}
    if points:
        moved["credits"] = F("credits") + points
    if moved:
        User.objects.filter(pk=member.pk).update(**moved)
    if not points:
        return None
    entry = CreditEntry.objects.create(
        member=member, amount=points, reason=reason, reference=reference[:200]
    )
    member.refresh_from_db(fields=["credits"])
    touch(f"credits:{member.pk}")  # the profile; posts show the rank, not the total
    rank_id = rank_id_for(member.credits)
    if rank_id != member.rank_id:
        User.objects.filter(pk=member.pk).update(rank_id=rank_id)
        member.rank_id = rank_id
        touch(f"member:{member.pk}")
    return entry


@transaction.atomic
def rebuild_credits() -> int:
    """Recompute every member's total and rank from the ledger."""
    totals = dict(
        CreditEntry.objects.values_list("member").annotate(total=Sum("amount")).order_by()
    )
    ranks = list(MemberGroup.objects.filter(kind=MemberGroup.Kind.RANK).order_by("-min_credits"))
    changed = 0
    for member in User.objects.only("pk", "credits", "rank").iterator(chunk_size=2000):
        total = totals.get(member.pk, 0)
        rank = next((r for r in ranks if r.min_credits <= total), None)
        if member.credits != total or member.rank_id != (rank.pk if rank else None):
            User.objects.filter(pk=member.pk).update(credits=total, rank=rank)
            changed += 1
    return changed


def touch_last_visit(member: User) -> None:
    User.objects.filter(pk=member.pk).update(last_visit=timezone.now())


LOGIN_FAILURES_KEY = "accounts:login-failures:{address}"


def note_login_failure(*, address: str) -> None:
    """One more failed login from this address (any account), for the address's ceiling."""
    key = LOGIN_FAILURES_KEY.format(address=address)
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    if not cache.add(key, 1, seconds):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, seconds)


def login_address_refusal(*, address: str) -> bool:
    """Has this address failed for so many accounts that it must wait (the ceiling)?"""
    failures = cache.get(LOGIN_FAILURES_KEY.format(address=address)) or 0
    return int(failures) >= settings.LANTING_LOGIN_FAILURES_PER_ADDRESS
