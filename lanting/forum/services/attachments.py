"""Files attached to posts: checked whole before anything is written, stored, removed."""

import io
import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from storages.backends.s3 import S3Storage

from lanting.accounts import permissions as member_permissions
from lanting.accounts.models import User
from lanting.forum import permissions
from lanting.forum.models import Attachment, Board, Post
from lanting.jobs.queue import enqueue_after_write, job
from lanting.pagecache.tags import touch

ATTACHMENTS_MAX = 10
# MPO: camera JPEGs that carry a second, preview picture; served and stored as JPEG.
IMAGE_TYPES = {
    "JPEG": "image/jpeg",
    "MPO": "image/jpeg",
    "PNG": "image/png",
    "GIF": "image/gif",
    "WEBP": "image/webp",
}
FILE_EXTENSIONS = {".pdf", ".txt", ".zip", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx"}
THUMBNAIL_SIZE = (400, 400)
MAX_IMAGE_PIXELS = 40_000_000


@dataclass
class PreparedUpload:
    """An upload checked before anything is written, so a bad file changes nothing."""

    name: str
    content: bytes
    content_type: str
    is_image: bool
    width: int | None = None
    height: int | None = None


def prepare_uploads(
    *, uploads: Sequence[UploadedFile], member: User, board: Board
) -> list[PreparedUpload]:
    """Check every file (type, size, a real picture) before anything is saved."""
    if not uploads:
        return []
    refusal = permissions.upload_refusal(member, board)
    if refusal:
        raise PermissionDenied(refusal)
    if len(uploads) > ATTACHMENTS_MAX:
        raise ValidationError(_("At most %(max)d files per post.") % {"max": ATTACHMENTS_MAX})
    limit = member_permissions.upload_limit_kb(member) * 1024
    prepared = []
    for upload in uploads:
        name = (upload.name or "file").rsplit("/", 1)[-1][-200:]
        if upload.size is None or upload.size > limit:
            raise ValidationError(
                _("%(name)s is larger than %(kb)d KB.") % {"name": name, "kb": limit // 1024}
            )
        content = upload.read()
        prepared.append(_prepare_one(name, content))
    return prepared


def _prepare_one(name: str, content: bytes) -> PreparedUpload:
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if extension in {".jpg", ".jpeg", ".png", ".gif", ".webp"}:
        try:
            with Image.open(io.BytesIO(content)) as probe:
                probe.verify()
            image = Image.open(io.BytesIO(content))
            if image.width * image.height > MAX_IMAGE_PIXELS or image.format not in IMAGE_TYPES:
                raise ValidationError(_("%(name)s is not a picture we accept.") % {"name": name})
            image.load()
        except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
            raise ValidationError(_("%(name)s is not a real picture.") % {"name": name}) from None
        content_type = IMAGE_TYPES[str(image.format)]
        clean = _strip_metadata(image, str(image.format), content)
        return PreparedUpload(name, clean, content_type, True, image.width, image.height)
    if extension not in FILE_EXTENSIONS:
        raise ValidationError(_("%(name)s: this kind of file cannot be attached.") % {"name": name})
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return PreparedUpload(name, content, content_type, False)


def _strip_metadata(image: Image.Image, image_format: str, original: bytes) -> bytes:
    """Re-save photos without EXIF and text chunks, so where a photo was taken is never published.

    GIFs are kept as they are: they carry no EXIF, and re-encoding would break animations.
    """
    if image_format == "GIF":
        return original
    upright = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    if image_format in {"JPEG", "MPO"}:
        upright.convert("RGB").save(out, "JPEG", quality=90)
    elif image_format == "WEBP":
        upright.save(out, "WEBP", quality=90)
    else:
        upright.save(out, "PNG", optimize=True)  # no exif= and no pnginfo=: nothing carried over
    return out.getvalue()


def save_attachments(post: Post, uploads: list[PreparedUpload], uploader: User) -> list[Attachment]:
    saved: list[Attachment] = []
    try:
        for item in uploads:
            attachment = Attachment(
                post=post,
                uploader=uploader,
                name=item.name,
                size=len(item.content),
                content_type=item.content_type,
                is_image=item.is_image,
                width=item.width,
                height=item.height,
            )
            attachment.file.save(item.name, ContentFile(item.content), save=False)
            saved.append(attachment)
            attachment.save()
    except BaseException:
        _remove_files(saved)  # nothing half-written stays on disk when the post fails
        raise
    for attachment in saved:
        if attachment.is_image:
            # Until the worker has made it, the page shows the picture itself, scaled.
            enqueue_after_write(make_thumbnail, attachment.pk)
    return saved


@job(attempts=3, backoff=30)
def make_thumbnail(attachment_id: int) -> bool:
    return make_thumbnail_now(attachment_id)


def make_thumbnail_now(attachment_id: int) -> bool:
    """Store the picture's thumbnail (WebP, at most 400 px) and refresh the pages that show it.

    False when there is nothing to do: the attachment is gone, not a picture, or has one.
    """
    attachment = Attachment.objects.filter(pk=attachment_id, is_image=True).first()
    if attachment is None or attachment.thumbnail:
        return False
    with attachment.file.open("rb") as source:
        image = Image.open(io.BytesIO(source.read()))
        image.load()
    thumb = ImageOps.exif_transpose(image).convert("RGB")
    thumb.thumbnail(THUMBNAIL_SIZE)
    out = io.BytesIO()
    thumb.save(out, "WEBP", quality=80)
    stem = attachment.name.rsplit(".", 1)[0]
    attachment.thumbnail.save(f"{stem}.webp", ContentFile(out.getvalue()), save=False)
    updated = Attachment.objects.filter(pk=attachment.pk, thumbnail="").update(
        thumbnail=attachment.thumbnail.name
    )
    if not updated:  # deleted meanwhile, or another run was first: keep no orphan
        attachment.thumbnail.storage.delete(attachment.thumbnail.name)
        return False
    threads = Post.objects.filter(pk=attachment.post_id or 0).values_list("thread_id", flat=True)
    touch(*(f"thread:{pk}" for pk in threads))
    return True


def signed_url(attachment: Attachment, *, thumbnail: bool = False) -> str | None:
    """A short-lived URL on object storage, for a reader the forum has just let in.

    None when attachments are on this server's own disk: the view sends the file itself.
    The URL names the type and, for a file that is not a picture, the download name, so
    the object store answers as the view would.
    """
    field = attachment.thumbnail if thumbnail else attachment.file
    storage = field.storage
    if not isinstance(storage, S3Storage):
        return None
    if thumbnail:
        parameters = {"ResponseContentType": "image/webp"}
    else:
        parameters = {
            "ResponseContentType": attachment.content_type,
            "ResponseContentDisposition": content_disposition_header(
                not attachment.is_image, attachment.name
            )
            or "inline",
        }
    return str(storage.url(field.name, parameters=parameters))


def remove_stored_files(attachment: Attachment) -> None:
    """The attachment's row is gone (deleted in the admin, or with its post): so are its files."""
    _remove_files([attachment])


def _remove_files(attachments: list[Attachment]) -> None:
    for attachment in attachments:
        for field in (attachment.file, attachment.thumbnail):
            if field:
                field.storage.delete(field.name)
