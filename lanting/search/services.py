"""Writing the index: what the apps call when their content changes, and rebuilds."""

import contextlib
import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from lanting.search import dictionary
from lanting.search.backends import OldTerms, get_backend
from lanting.search.documents import SearchDocument, sources
from lanting.search.models import SNIPPET_SOURCE_CHARS, DictionaryWord, SearchEntry
from lanting.search.text import MAX_INDEXED_CHARS, index_terms

BATCH_SIZE = 500
Progress = Callable[[str, int, int], None]  # kind, done, total
# Texts in, their index terms out, in order: ``index_terms`` on each, unless a caller
# with many documents (the importer) spreads the work over several processes.
Segmenter = Callable[[list[str]], list[str]]
# Starts cutting texts (elsewhere) and returns how to collect their terms, in order:
# with it, a batch's text is cut while the batch before is written.
Starter = Callable[[list[str]], Callable[[], list[str]]]
# Inserts new entries, giving each its id, in order: ``bulk_create``, unless a caller
# writing many (the importer) has a cheaper way.
Inserter = Callable[[type[SearchEntry], Sequence[SearchEntry]], None]

_SHOWN_FIELDS = ["title", "text", "context", "url", "author_name", "board_id", "created_at"]


def index_document(doc: SearchDocument) -> None:
    """Add, update or (when not visible) remove one document."""
    index_documents([doc])


def remove_document(kind: str, object_id: int) -> None:
    remove_documents(kind, [object_id])


def index_documents(
    docs: Iterable[SearchDocument],
    *,
    batch_size: int = BATCH_SIZE,
    new: bool = False,
    segment: Segmenter | None = None,
    insert: Inserter | None = None,
    start: Starter | None = None,
) -> int:
    """Index many documents, ``batch_size`` at a time; returns how many were seen.

    ``new``: the caller has just written them, so none is in the index yet.
    ``segment``: cuts a list of texts into their terms (by default, here, one by one).
    ``insert``: writes the new entries (by default ``bulk_create``).
    ``start``: cuts texts elsewhere meanwhile (see ``Starter``); all in one transaction.
    """
    seen = 0
    if start is None:
        for batch in _batched(docs, batch_size):
            _index_batch(batch, now=timezone.now(), new=new, segment=segment, insert=insert)
            seen += len(batch)
        return seen
    with transaction.atomic(savepoint=False):
        waiting: _Planned | None = None
        for batch in _batched(docs, batch_size):
            keys = {(doc.kind, doc.object_id) for doc in batch}
            if waiting is not None and not waiting.keys.isdisjoint(keys):
                _write_planned(waiting, insert)  # this batch must see those entries
                waiting = None
            planned = _plan_batch(batch, now=timezone.now(), new=new, start=start)
            if waiting is not None:
                _write_planned(waiting, insert)  # while this batch's text is being cut
            waiting = planned
            seen += len(batch)
        if waiting is not None:
            _write_planned(waiting, insert)
    return seen


@contextlib.contextmanager
def bulk_indexing() -> Iterator[None]:
    """Around writing a great many documents (an import), outside any transaction."""
    with get_backend().bulk():
        yield


@transaction.atomic
def remove_documents(kind: str, object_ids: Iterable[int]) -> int:
    ids = list(object_ids)
    removed = 0
    for start in range(0, len(ids), BATCH_SIZE):
        entries = SearchEntry.objects.filter(
            kind=kind, object_id__in=ids[start : start + BATCH_SIZE]
        )
        removed += _delete(entries)
    return removed


@transaction.atomic
def move_documents(kind: str, object_ids: Iterable[int], *, board_id: int | None) -> None:
    """Documents that changed board and nothing else (a thread moved with its replies).

    Cheap (no text is cut again), so it is done within the move itself: a thread moved
    into a hidden board leaves search at once, before any indexing job runs.
    """
    ids = list(object_ids)
    backend = get_backend()
    for start in range(0, len(ids), BATCH_SIZE):
        entries = list(
            SearchEntry.objects.filter(
                kind=kind, object_id__in=ids[start : start + BATCH_SIZE]
            ).exclude(board_id=board_id)
        )
        if not entries:
            continue
        old = [_old_terms(entry) for entry in entries]
        for entry in entries:
            entry.board_id = board_id
        SearchEntry.objects.bulk_update(entries, ["board_id"])
        backend.changed(old, entries)  # the board is an index term too


def _batched(items: Iterable[SearchDocument], size: int) -> Iterator[list[SearchDocument]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _fingerprint(doc: SearchDocument, dictionary_signature: str) -> str:
    digest = hashlib.sha1(usedforsecurity=False)
    for part in (dictionary_signature, doc.title, doc.body[:MAX_INDEXED_CHARS]):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _shown(doc: SearchDocument, now: dt.datetime) -> dict[str, object]:
    return {
        "title": doc.title[:300],
        "text": doc.body[:SNIPPET_SOURCE_CHARS],
        "context": doc.context[:300],
        "url": doc.url[:500],
        "author_name": doc.author_name[:60],
        "board_id": doc.board_id,
        "created_at": doc.created_at or now,
    }


def _segment_each(texts: list[str]) -> list[str]:
    return [index_terms(text) for text in texts]


def _bulk_create(model: type[SearchEntry], entries: Sequence[SearchEntry]) -> None:
    model.objects.bulk_create(entries)


def _index_batch(
    batch: Sequence[SearchDocument],
    *,
    now: dt.datetime,
    new: bool,
    segment: Segmenter | None = None,
    insert: Inserter | None = None,
) -> None:
    cut = segment or _segment_each

    def start(texts: list[str]) -> Callable[[], list[str]]:
        terms = cut(texts)
        return lambda: terms

    with transaction.atomic(savepoint=False):  # within a caller's write: no savepoint
        _write_planned(_plan_batch(batch, now=now, new=new, start=start), insert)


@dataclass
class _Planned:
    """A batch read and sorted out, its text being cut: what is left is to write it."""

    keys: set[tuple[str, int]]
    created: list[SearchEntry] = field(default_factory=list)
    retermed: list[SearchEntry] = field(default_factory=list)
    old_terms: list[OldTerms] = field(default_factory=list)
    touched: list[SearchEntry] = field(default_factory=list)
    to_cut: list[tuple[SearchEntry, str]] = field(default_factory=list)  # entries needing terms
    terms: Callable[[], list[str]] = list


def _plan_batch(
    batch: Sequence[SearchDocument], *, now: dt.datetime, new: bool, start: Starter
) -> _Planned:
    """Within the caller's transaction: removes hidden documents, starts cutting the text."""
    latest = {(doc.kind, doc.object_id): doc for doc in batch}  # the last word wins
    signature = dictionary.signature()
    planned = _Planned(keys=set(latest))
    existing: dict[tuple[str, int], SearchEntry] = {}
    by_kind: dict[str, list[int]] = {}
    for kind, object_id in latest:
        by_kind.setdefault(kind, []).append(object_id)
    lookup = Q()
    for kind, ids in by_kind.items():
        lookup |= Q(kind=kind, object_id__in=ids)
    for entry in [] if new else SearchEntry.objects.select_for_update().filter(lookup):
        existing[(entry.kind, entry.object_id)] = entry

    hidden = [
        existing[key].pk for key, doc in latest.items() if not doc.visible and key in existing
    ]
    if hidden:
        _delete(SearchEntry.objects.filter(pk__in=hidden))

    texts: list[str] = []
    for key, doc in latest.items():
        if not doc.visible:
            continue
        fingerprint = _fingerprint(doc, signature)
        if key not in existing:
            fresh = SearchEntry(kind=doc.kind, object_id=doc.object_id, **_shown(doc, now))
            planned.to_cut.append((fresh, fingerprint))
            texts += (doc.title, doc.body)
            fresh.indexed_at = now
            planned.created.append(fresh)
            continue
        entry = existing[key]
        before = _old_terms(entry)
        for name, value in _shown(doc, now).items():
            setattr(entry, name, value)
        entry.indexed_at = now
        if entry.fingerprint != fingerprint:
            planned.old_terms.append(before)
            planned.to_cut.append((entry, fingerprint))
            texts += (doc.title, doc.body)
            planned.retermed.append(entry)
        elif entry.board_id != before.board_id:  # moved: its board is an index term
            planned.old_terms.append(before)
            planned.retermed.append(entry)
        else:
            planned.touched.append(entry)
    if texts:
        planned.terms = start(texts)
    return planned


def _write_planned(planned: _Planned, insert: Inserter | None) -> None:
    _set_terms(planned.to_cut, planned.terms)
    backend = get_backend()
    if planned.created:
        (insert or _bulk_create)(SearchEntry, planned.created)
        backend.added(planned.created)
    if planned.retermed:
        SearchEntry.objects.bulk_update(
            planned.retermed,
            [*_SHOWN_FIELDS, "title_tokens", "body_tokens", "fingerprint", "indexed_at"],
        )
        backend.changed(planned.old_terms, planned.retermed)
    if planned.touched:
        SearchEntry.objects.bulk_update(planned.touched, [*_SHOWN_FIELDS, "indexed_at"])


def _set_terms(entries: list[tuple[SearchEntry, str]], collect: Callable[[], list[str]]) -> None:
    if not entries:
        return
    terms = collect()  # title and body of each entry, in order
    for number, (entry, fingerprint) in enumerate(entries):
        entry.title_tokens, entry.body_tokens = terms[2 * number], terms[2 * number + 1]
        entry.fingerprint = fingerprint


def _old_terms(entry: SearchEntry) -> OldTerms:
    return OldTerms(entry.pk, entry.title_tokens, entry.body_tokens, entry.kind, entry.board_id)


def _delete(entries: QuerySet[SearchEntry]) -> int:
    rows = [
        OldTerms(*row)
        for row in entries.values_list("pk", "title_tokens", "body_tokens", "kind", "board_id")
    ]
    if not rows:
        return 0
    get_backend().removed(rows)
    SearchEntry.objects.filter(pk__in=[row.id for row in rows]).delete()
    return len(rows)


def rebuild_index(
    *,
    kinds: Iterable[str] | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Index every visible document of every source again, then drop what is gone.

    The index stays usable meanwhile: documents are updated in place (an
    unchanged document costs no segmentation), and only at the end of each
    kind are the entries that no source yielded any more swept away.
    """
    done: dict[str, int] = {}
    chosen = sources(kinds)
    for source in chosen:
        started = timezone.now()
        total = source.count()
        count = 0
        if progress:
            progress(source.kind, 0, total)
        for batch in _batched(source.documents(), batch_size):
            _index_batch(batch, now=timezone.now(), new=False)
            count += len(batch)
            if progress:
                progress(source.kind, count, max(total, count))
        _sweep(Q(kind=source.kind), started, batch_size)
        done[source.kind] = count
    if kinds is None:
        # Kinds that no app hands over any more.
        _sweep(~Q(kind__in=[s.kind for s in chosen]), timezone.now(), batch_size)
    return done


def _sweep(which: Q, before: dt.datetime, batch_size: int) -> None:
    stale = SearchEntry.objects.filter(which, indexed_at__lt=before).order_by("pk")
    while ids := list(stale.values_list("pk", flat=True)[:batch_size]):
        with transaction.atomic():
            _delete(SearchEntry.objects.filter(pk__in=ids))


def reindex_containing(word: str, *, batch_size: int = BATCH_SIZE) -> int:
    """Cut again every document whose text contains ``word`` (a site word changed)."""
    seen = 0
    for source in sources():
        seen += index_documents(source.documents(containing=word), batch_size=batch_size)
    return seen


@transaction.atomic
def save_dictionary_word(*, word: DictionaryWord, previous: str = "") -> DictionaryWord:
    """Add or change a site word; documents containing it (or the word it was) follow."""
    word.full_clean()
    word.save()
    changed = {word.word, previous} - {""}
    transaction.on_commit(lambda: _after_dictionary_change(changed))
    return word


@transaction.atomic
def delete_dictionary_words(*, words: Iterable[DictionaryWord]) -> None:
    chosen = [w.word for w in words]
    DictionaryWord.objects.filter(word__in=chosen).delete()
    transaction.on_commit(lambda: _after_dictionary_change(set(chosen)))


def _after_dictionary_change(words: set[str]) -> None:
    dictionary.words_changed()
    for word in sorted(words):
        reindex_containing(word)
