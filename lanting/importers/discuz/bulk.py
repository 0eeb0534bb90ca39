"""Writing many new rows at once, several times faster than ``bulk_create``.

``bulk_create`` compiles every value of every row through the ORM, which is most
of the import's time at a million posts. Here each column gets one converter,
chosen once per model, and the rows go out as PostgreSQL ``COPY`` or one SQLite
``executemany``. Other backends fall back to ``bulk_create``.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any

from django.db import connection, models, transaction

Convert = Callable[[Any], Any]

# Columns whose Python value is already what the database driver takes.
_AS_IS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.AutoField,
    models.BigAutoField,
    models.ForeignKey,
)


def _same(value: Any) -> Any:
    return value


def _sqlite_datetime(value: Any) -> Any:
    # What Django's SQLite backend stores: naive UTC, ``str()`` of the datetime.
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return str(value)


def _converter(field: models.Field[Any, Any], vendor: str) -> Convert:
    if isinstance(field, models.DateTimeField):
        return _sqlite_datetime if vendor == "sqlite" else _same
    if isinstance(field, _AS_IS) and not isinstance(field, models.GenericIPAddressField):
        return _same

    def prepare(value: Any) -> Any:
        return field.get_db_prep_save(value, connection)

    return prepare


def insert_objects(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """Insert unsaved ``objects`` of ``model``; each gets its primary key, in order."""
    if not objects:
        return
    if connection.vendor not in {"sqlite", "postgresql"}:
        model._default_manager.bulk_create(objects, batch_size=500)
        return
    meta = model._meta
    for field in meta.concrete_fields:
        if isinstance(field, models.DateField) and (field.auto_now or field.auto_now_add):
            for obj in objects:
                field.pre_save(obj, add=True)  # sets the attribute, as save() would
    names = [f.attname for f in meta.concrete_fields if not f.primary_key]
    values = attrgetter(*names)  # one C call per object; a tuple when there are several
    rows: list[Sequence[Any]] = (
        [values(obj) for obj in objects] if len(names) > 1 else [[values(o)] for o in objects]
    )
    ids = insert_rows(model, names, rows)
    for obj, new_id in zip(objects, ids, strict=True):
        obj.pk = new_id
        obj._state.adding = False
        obj._state.db = "default"


def insert_rows(
    model: type[models.Model], names: Sequence[str], rows: Sequence[Sequence[Any]]
) -> list[int]:
    """Insert ``rows`` (values of the fields ``names``, by attname); return their new ids."""
    if not rows:
        return []
    meta = model._meta
    pk = meta.pk
    assert pk is not None  # noqa: S101  (every concrete model has one)
    by_attname = {f.attname: f for f in meta.concrete_fields}
    fields = [by_attname[name] for name in names]
    vendor = connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        made = model._default_manager.bulk_create(
            [model(**dict(zip(names, row, strict=True))) for row in rows], batch_size=500
        )
        return [int(obj.pk) for obj in made]
    prepared = _prepared(fields, rows, vendor)
    ids: list[int] = []
    with transaction.atomic(), connection.cursor() as cursor:
        if vendor == "postgresql":
            # Taken from the sequence itself, so they are ours even if someone else writes.
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, pk.column, len(rows)],
            )
            ids = [int(r[0]) for r in cursor.fetchall()]
            fields = [pk, *fields]
            table = connection.ops.quote_name(meta.db_table)
            columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for new_id, values in zip(ids, prepared, strict=True):
                    copy.write_row([new_id, *values])
        else:
            table = connection.ops.quote_name(meta.db_table)
            columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", prepared)  # noqa: S608  (names from the model)
            # Our transaction holds SQLite's write lock, so the rows took consecutive ids.
            cursor.execute("SELECT last_insert_rowid()")
            last = int(cursor.fetchone()[0])
            ids = list(range(last - len(rows) + 1, last + 1))
    return ids


def save_objects(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """Write every field of existing ``objects`` back, as ``save()`` would, in a few statements."""
    if not objects:
        return
    vendor = connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        for obj in objects:
            obj.save()
        return
    meta = model._meta
    pk = meta.pk
    assert pk is not None  # noqa: S101  (every concrete model has one)
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    for field in fields:
        if isinstance(field, models.DateField) and field.auto_now:
            for obj in objects:
                field.pre_save(obj, add=False)
    values = attrgetter(*(f.attname for f in fields))
    rows: list[Sequence[Any]] = (
        [values(obj) for obj in objects] if len(fields) > 1 else [[values(o)] for o in objects]
    )
    prepared = _prepared(fields, rows, vendor)
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(pk.column)} = %s"  # noqa: S608  (names from the model)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            sql, [[*row, obj.pk] for row, obj in zip(prepared, objects, strict=True)]
        )


def _prepared(
    fields: Sequence[models.Field[Any, Any]], rows: Sequence[Sequence[Any]], vendor: str
) -> list[list[Any]]:
    special = [
        (index, convert)
        for index, field in enumerate(fields)
        if (convert := _converter(field, vendor)) is not _same
    ]
    prepared: list[list[Any]] = []
    for row in rows:
        values = list(row)
        for index, convert in special:
            values[index] = convert(values[index])
        prepared.append(values)
    return prepared


def update_rows(
    model: type[models.Model], names: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Set the fields ``names`` (plain numbers or text) of many rows; each row ends with its id."""
    if not rows:
        return
    meta = model._meta
    pk = meta.pk
    assert pk is not None  # noqa: S101  (every concrete model has one)
    quote = connection.ops.quote_name
    by_attname = {f.attname: f for f in meta.concrete_fields}
    if connection.vendor == "postgresql":
        # One statement per 20,000 rows, the values as arrays: row-by-row UPDATEs
        # cost a round trip each, which adds up at a few hundred thousand threads.
        columns = [by_attname[n] for n in names]
        kinds = [f.db_type(connection) for f in (*columns, pk)]
        unnest = ", ".join(f"%s::{kind}[]" for kind in kinds)
        labels = [f"v{i}" for i in range(len(columns))]
        assignments = ", ".join(
            f"{quote(f.column)} = v.{label}" for f, label in zip(columns, labels, strict=True)
        )
        sql = (
            f"UPDATE {quote(meta.db_table)} AS t SET {assignments} "  # noqa: S608  (names from the model)
            f"FROM unnest({unnest}) AS v({', '.join(labels)}, id) "
            f"WHERE t.{quote(pk.column)} = v.id"
        )
        with transaction.atomic(), connection.cursor() as cursor:
            for start in range(0, len(rows), 20000):
                chunk = rows[start : start + 20000]
                cursor.execute(sql, [list(values) for values in zip(*chunk, strict=True)])
        return
    assignments = ", ".join(f"{quote(by_attname[n].column)} = %s" for n in names)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(pk.column)} = %s"  # noqa: S608  (names from the model)
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])
