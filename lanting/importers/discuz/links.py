"""The old-URL map: which Lanting object each old Discuz! id became.

Every table family writes through ``upsert``: a source row becomes an object and a
LegacyLink (old id → new id, and a digest of the row) in the same batch. The links
answer the old addresses (views.py), let a later table find its parents (a post
its thread), and let a second run skip the rows that did not change.
"""

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_noop

from lanting.importers.discuz.bulk import insert_objects, insert_rows, save_objects, update_rows
from lanting.importers.discuz.models import LegacyLink

Row = dict[str, Any]


class SkipRow(Exception):  # noqa: N818  (a signal, not an error)
    """A source row that is not imported. Its reason, marked with ``gettext_noop``, is
    the report's key in English and is shown in the site's language."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class TableReport:
    read: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    warnings: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    seconds: float = 0.0
    # Told of every skipped row and every warning, with the row: the skips file.
    log: Callable[[str, str, str], None] | None = field(default=None, repr=False)

    @property
    def written(self) -> int:
        return self.imported + self.updated

    def skip(self, reason: str, example: str = "") -> None:
        self.skipped[reason] += 1
        if example and len(self.examples[reason]) < 20:
            self.examples[reason].append(example)
        if self.log is not None:
            self.log("skipped", reason, example)

    def warn(self, reason: str, example: str = "") -> None:
        self.warnings[reason] += 1
        if example and len(self.examples[reason]) < 20:
            self.examples[reason].append(example)
        if self.log is not None:
            self.log("warning", reason, example)

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": dict(self.skipped),
            "warnings": dict(self.warnings),
            "examples": {k: v for k, v in self.examples.items() if v},
            "seconds": round(self.seconds, 2),
        }


def digest(row: Row) -> str:
    # Rows of one table come with the same columns in the same order: the values suffice.
    return hashlib.md5(repr(tuple(row.values())).encode(), usedforsecurity=False).hexdigest()


def links(kind: str, old_ids: Iterable[int]) -> dict[int, LegacyLink]:
    ids = sorted({int(i) for i in old_ids})
    if not ids:
        return {}
    if ids[-1] - ids[0] < 2 * len(ids) + 100:
        # A batch of a table's own rows is one stretch of ids: read that stretch.
        # An index range scan, whatever PostgreSQL's statistics say, and one
        # parameter pair instead of thousands.
        wanted = set(ids)
        return {
            link.old_id: link
            for link in LegacyLink.objects.filter(
                kind=kind, old_id__gte=ids[0], old_id__lte=ids[-1]
            )
            if link.old_id in wanted
        }
    found: dict[int, LegacyLink] = {}
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        for link in LegacyLink.objects.filter(kind=kind, old_id__in=chunk):
            found[link.old_id] = link
    return found


def new_ids(kind: str, old_ids: Iterable[int]) -> dict[int, int]:
    return {old: link.new_id for old, link in links(kind, old_ids).items()}


def upsert(
    kind: str,
    rows: list[Row],
    report: TableReport,
    key: str,
    build: Callable[[Row], Any],
    update: Callable[[Any, Row], None],
    model: Any,
) -> dict[int, Any]:
    """Create new objects, update changed ones, skip unchanged; keep the links."""
    existing = links(kind, (r[key] for r in rows))
    sums = {int(r[key]): digest(r) for r in rows}
    # Only rows whose digest changed are loaded; for the rest, knowing that the
    # object is still there (not deleted in Lanting since) is enough.
    alive = set(
        model.objects.filter(pk__in=[link.new_id for link in existing.values()]).values_list(
            "pk", flat=True
        )
    )
    changed_ids = [
        link.new_id
        for old, link in existing.items()
        if link.new_id in alive and link.checksum != sums[old]
    ]
    by_id = {o.pk: o for o in model.objects.filter(pk__in=changed_ids)} if changed_ids else {}
    created: list[tuple[int, Any]] = []
    touched: dict[int, Any] = {}
    relinked: list[LegacyLink] = []
    changed: list[Any] = []
    for row in rows:
        old = int(row[key])
        link = existing.get(old)
        try:
            if link is not None and link.new_id in alive:
                if link.checksum == sums[old]:
                    report.unchanged += 1
                    continue
                obj = by_id[link.new_id]
                update(obj, row)
                changed.append(obj)
                link.checksum = sums[old]
                relinked.append(link)
                report.updated += 1
                touched[old] = obj
                continue
            obj = build(row)
        except UnicodeDecodeError:
            report.skip(gettext_noop("text not decodable in the site charset"), f"{kind} {old}")
            continue
        except SkipRow as skip:
            report.skip(skip.reason, f"{kind} {old}")
            continue
        if obj is None:
            continue
        created.append((old, obj))
    if relinked:
        save_objects(model, changed)
        update_rows(LegacyLink, ["checksum"], [(link.checksum, link.pk) for link in relinked])
    if created:
        insert_objects(model, [obj for _old, obj in created])
        stale = [old for old, _o in created if old in existing]
        if stale:
            LegacyLink.objects.filter(kind=kind, old_id__in=stale).delete()
        insert_rows(
            LegacyLink,
            ["kind", "old_id", "new_id", "checksum"],
            [(kind, old, obj.pk, sums[old]) for old, obj in created],
        )
        report.imported += len(created)
        touched.update(created)
    return touched
