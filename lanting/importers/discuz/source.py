"""Reading a live Discuz! X3.4 database (MySQL/MariaDB) in bounded batches."""

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

import pymysql
import pymysql.cursors


class SourceError(Exception):
    """The source cannot be read at all: a wrong DSN, prefix or database. One line."""


@dataclass
class Decoder:
    """Turns raw column bytes into text in the site's charset; counts what it cannot."""

    charset: str
    failures: list[str] = field(default_factory=list)

    def text(self, raw: Any, where: str = "") -> str:
        if raw is None:
            return ""
        if isinstance(raw, str):
            return raw
        if isinstance(raw, int | float):
            return str(raw)
        try:
            return bytes(raw).decode(self.charset)
        except UnicodeDecodeError:
            if len(self.failures) < 1000:
                self.failures.append(where)
            raise


def stamp(value: Any) -> dt.datetime | None:
    """A Discuz! time (seconds since 1970, 0 for none) as an aware datetime, or None."""
    try:
        seconds = int(value or 0)
    except (TypeError, ValueError):
        return None
    if seconds <= 0:
        return None
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)


def parse_dsn(dsn: str) -> dict[str, Any]:
    parts = urlsplit(dsn)
    if parts.scheme not in {"mysql", "mariadb"} or not parts.path.strip("/"):
        raise SourceError(f"--dsn {dsn!r} is not mysql://USER:PASS@HOST:PORT/DB")
    try:
        port = parts.port or 3306
    except ValueError:
        raise SourceError(f"--dsn {dsn!r} has a bad port") from None
    return {
        "host": parts.hostname or "127.0.0.1",
        "port": port,
        "user": unquote(parts.username or "root"),
        "password": unquote(parts.password or ""),
        "database": unquote(parts.path.strip("/")),
    }


_IDENT = re.compile(r"^[A-Za-z0-9_]+$")


class DiscuzSource:
    def __init__(
        self, dsn: str, *, prefix: str = "pre_", uc_prefix: str = "pre_ucenter_", charset: str = ""
    ) -> None:
        if not _IDENT.match(prefix) or not _IDENT.match(uc_prefix):
            raise SourceError("--prefix and --uc-prefix may hold only letters, digits and _")
        self.prefix, self.uc_prefix = prefix, uc_prefix
        self.params = parse_dsn(dsn)
        try:
            self.connection = pymysql.connect(
                **self.params,
                charset="utf8mb4",
                use_unicode=False,
                connect_timeout=10,
                cursorclass=pymysql.cursors.Cursor,
            )
            with self.connection.cursor() as cursor:
                # Results come back as the bytes stored, with no conversion by the
                # server, so GBK text kept in latin1 columns survives to be decoded here.
                cursor.execute("SET character_set_results = NULL")
        except pymysql.MySQLError as error:
            raise SourceError(
                f"cannot connect to {self.params['host']}: {error.args[-1]}"
            ) from None
        if not self.has_table("common_member"):
            raise SourceError(
                f"no table {prefix}common_member in {self.params['database']}: "
                "not a Discuz! database, or a wrong --prefix"
            )
        self.decoder = Decoder(charset or self.detect_charset())

    def table(self, name: str, *, uc: bool = False) -> str:
        return f"`{self.uc_prefix if uc else self.prefix}{name}`"

    def has_table(self, name: str, *, uc: bool = False) -> bool:
        full = f"{self.uc_prefix if uc else self.prefix}{name}"
        with self.connection.cursor() as cursor:
            cursor.execute("SHOW TABLES LIKE %s", (full,))
            return cursor.fetchone() is not None

    def detect_charset(self) -> str:
        """The site's text encoding: from the table definition, else by sniffing."""
        with self.connection.cursor() as cursor:
            cursor.execute(f"SHOW CREATE TABLE {self.table('common_member')}")
            row = cursor.fetchone()
        definition = bytes(row[1]).decode("ascii", "replace").lower() if row else ""
        match = re.search(r"charset=(\w+)", definition)
        declared = match.group(1) if match else ""
        if declared in {"utf8", "utf8mb3", "utf8mb4"}:
            return "utf-8"
        if declared in {"gbk", "gb2312", "gb18030"}:
            return "gb18030"  # a superset of GBK: decodes every GBK byte sequence
        if declared == "big5":
            return "big5"
        return self._sniff()

    def _sniff(self) -> str:
        """latin1 tables hold whatever the PHP side wrote: try UTF-8, then GBK."""
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT username FROM {self.table('common_member')} LIMIT 200")
            names = [bytes(r[0]) for r in cursor.fetchall()]
        try:
            for name in names:
                name.decode("utf-8")
        except UnicodeDecodeError:
            return "gb18030"
        return "utf-8"

    def count(self, table: str, *, uc: bool = False, where: str = "1=1") -> int:
        if not self.has_table(table, uc=uc):
            return 0
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {self.table(table, uc=uc)} WHERE {where}")
            row = cursor.fetchone()
            return int(row[0]) if row else 0

    def batches(
        self,
        table: str,
        columns: Sequence[str],
        *,
        key: str,
        batch: int = 1000,
        where: str = "1=1",
        uc: bool = False,
        after: int = 0,
    ) -> Iterator[list[dict[str, Any]]]:
        """Rows in key order, ``batch`` at a time, by keyset: memory stays bounded."""
        if not self.has_table(table, uc=uc):
            return
        names = ", ".join(f"`{c}`" for c in columns)
        sql = (
            f"SELECT {names} FROM {self.table(table, uc=uc)} "
            f"WHERE `{key}` > %s AND ({where}) ORDER BY `{key}` LIMIT {int(batch)}"
        )
        last = after
        while True:
            with self.connection.cursor() as cursor:
                cursor.execute(sql, (last,))
                rows = [dict(zip(columns, r, strict=True)) for r in cursor.fetchall()]
            if not rows:
                return
            yield rows
            last = int(rows[-1][key])

    def fetch(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, args)
            return list(cursor.fetchall())

    def close(self) -> None:
        self.connection.close()
