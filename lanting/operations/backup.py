"""Backups: the whole site in one archive, and back into an empty install.

The archive (``.tar.gz``) holds ``data.jsonl`` (every row, by Django's serializer, one
object a line, streamed both ways: it also moves a site from SQLite to PostgreSQL),
``media/`` (uploads, read through the site's storages: from ``MEDIA_ROOT`` or, with
``LANTING_S3_BUCKET``, from the bucket, and written back the same way, so an archive also
moves uploads between disk and object storage) and ``manifest.json`` (when, from which
database, the rows per model, where the uploads were and the settings that are not secrets).
What can be made again is left out: sessions, waiting jobs, login-attempt logs, content
types and permissions (made by ``migrate``), and the search index (rebuilt after a restore).
"""

import datetime as dt
import io
import json
import os
import tarfile
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core import serializers
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

FORMAT = 1
LEFT_OUT = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "axes.accessattempt",
    "axes.accessattemptexpiration",
    "axes.accessfailurelog",
    "axes.accesslog",
    "django_rq.dashboard",
    "django_tasks_database.dbtaskresult",
    "jobs.scheduledrun",
    "search.searchentry",
}
SECRET_WORDS = ("SECRET", "PASSWORD", "TOKEN", "KEY", "DSN", "URL")


class ExactEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps every microsecond."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """Said to the owner as it is: the archive is not one of ours, or the install not empty."""


def _models() -> list[Any]:
    return [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in LEFT_OUT and model._meta.managed and not model._meta.proxy
    ]


def _public_settings() -> dict[str, str]:
    return {
        name: value
        for name, value in sorted(os.environ.items())
        if name.startswith("LANTING_") and not any(word in name for word in SECRET_WORDS)
    }


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup(path: Path, *, media: bool = True) -> dict[str, Any]:
    """Write the archive; return its manifest."""
    counts: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as work:
        data = Path(work) / "data.jsonl"
        with data.open("w", encoding="utf-8") as out, transaction.atomic():
            serializer = serializers.get_serializer("jsonl")()
            for model in _models():
                rows = model._default_manager.order_by("pk").iterator(chunk_size=2000)
                counted = _counting(rows, counts, model._meta.label_lower)
                serializer.serialize(
                    counted, stream=out, use_natural_foreign_keys=True, cls=ExactEncoder
                )
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(timespec="seconds"),
            "database": connection.vendor,
            "rows": dict(sorted(counts.items())),
            "media": media_places() if media else [],
            "settings": _public_settings(),
        }
        with tarfile.open(path, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
            archive.add(data, arcname="data.jsonl")
            if media:
                for storage, name in stored_files():
                    _add_stored(archive, storage, name)
    return manifest


def _storages() -> list[Storage]:
    """The upload storages, each once (on disk both are MEDIA_ROOT)."""
    seen: dict[tuple[str, str, str], Storage] = {}
    for alias in ("default", "attachments"):
        storage = storages[alias]
        key = (
            type(storage).__name__,
            str(getattr(storage, "location", "")),
            str(getattr(storage, "bucket_name", "")),
        )
        seen.setdefault(key, storage)
    return list(seen.values())


def media_places() -> list[str]:
    """Where the uploads are, said plainly for the manifest and the command's output."""
    places = []
    for storage in _storages():
        if isinstance(storage, FileSystemStorage):
            places.append(str(storage.location))
        else:
            bucket = getattr(storage, "bucket_name", "?")
            places.append(f"s3://{bucket}/{getattr(storage, 'location', '')}".rstrip("/"))
    return places


def stored_files() -> Iterator[tuple[Storage, str]]:
    for storage in _storages():
        if isinstance(storage, FileSystemStorage) and not Path(storage.location).is_dir():
            continue
        yield from ((storage, name) for name in _walk(storage, ""))


def _walk(storage: Storage, folder: str) -> Iterator[str]:
    folders, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from _walk(storage, f"{folder}/{sub}" if folder else sub)


def _add_stored(archive: tarfile.TarFile, storage: Storage, name: str) -> None:
    info = tarfile.TarInfo(f"media/{name}")
    info.size = storage.size(name)
    info.mtime = int(timezone.now().timestamp())
    with storage.open(name, "rb") as handle:
        archive.addfile(info, handle)


def _counting(rows: Any, counts: Counter[str], label: str) -> Any:
    for row in rows:
        counts[label] += 1
        yield row


def _is_empty() -> bool:
    from lanting.accounts.models import User
    from lanting.forum.models import Thread
    from lanting.portal.models import Article

    return not (User.objects.exists() or Thread.objects.exists() or Article.objects.exists())


def _restore_media(media: Path) -> None:
    """Each file back under its own name, attachments into the attachments' storage."""
    from lanting.forum.models import Attachment

    attachment_names = {
        name
        for pair in Attachment.objects.values_list("file", "thumbnail").iterator()
        for name in pair
        if name
    }
    for file in sorted(media.rglob("*")):
        if not file.is_file():
            continue
        name = file.relative_to(media).as_posix()
        storage = storages["attachments" if name in attachment_names else "default"]
        if isinstance(storage, FileSystemStorage):
            destination = Path(storage.path(name))
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(file.read_bytes())
            continue
        if storage.exists(name):
            storage.delete(name)
        with file.open("rb") as handle:
            saved = storage.save(name, File(handle))
        if saved != name:
            raise BackupError(f"{name} was stored as {saved}: restore into an empty bucket.")


def restore(path: Path, *, force: bool = False) -> dict[str, Any]:
    """Load the archive into this install (migrated, with no members, threads or articles
    unless ``force``); return the manifest, with the rows now in the database beside it."""
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115  (closed by the with below)
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{path} is not a Lanting backup: {error}") from None
    with archive, tempfile.TemporaryDirectory() as work:
        names = set(archive.getnames())
        if not {"manifest.json", "data.jsonl"} <= names:
            raise BackupError(f"{path} is not a Lanting backup (no manifest.json or data.jsonl).")
        manifest: dict[str, Any] = json.loads(archive.extractfile("manifest.json").read())  # type: ignore[union-attr]
        if manifest.get("format") != FORMAT:
            raise BackupError(f"{path} is a backup of another format ({manifest.get('format')}).")
        call_command("migrate", interactive=False, verbosity=0)
        if not force and not _is_empty():
            raise BackupError(
                "This install already has members, threads or articles: restore into an "
                "empty one (or pass --force to replace everything in it)."
            )
        archive.extractall(work, filter="data")
        call_command("flush", interactive=False, verbosity=0)  # the defaults migrate made
        call_command("loaddata", str(Path(work) / "data.jsonl"), verbosity=0)
        media = Path(work) / "media"
        if media.is_dir():
            _restore_media(media)
    from lanting.search import services as search

    search.rebuild_index()
    manifest["restored"] = {
        label: apps.get_model(label)._default_manager.count() for label in manifest["rows"]
    }
    return manifest
