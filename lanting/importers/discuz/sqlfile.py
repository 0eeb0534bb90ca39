"""Running Discuz!'s install SQL files the way its installer does (tests and benchmarks)."""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_TYPE = re.compile(r"\)\s*TYPE\s*=\s*(\w+)\s*;", re.IGNORECASE)


def statements(sql: str) -> Iterator[str]:
    """Split a dump into statements on ``;`` outside quotes and comments."""
    buffer: list[str] = []
    quote = ""
    escaped = False
    index = 0
    length = len(sql)
    while index < length:
        char = sql[index]
        if quote:
            buffer.append(char)
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote:
                quote = ""
        elif char in "'\"`":
            quote = char
            buffer.append(char)
        elif (char == "-" and sql.startswith("--", index)) or char == "#":
            end = sql.find("\n", index)
            index = length if end < 0 else end
            continue
        elif char == ";":
            statement = "".join(buffer).strip()
            if statement:
                yield statement
            buffer = []
        else:
            buffer.append(char)
        index += 1
    tail = "".join(buffer).strip()
    if tail:
        yield tail


def installer_sql(
    text: str, *, prefix: str = "pre_", charset: str = "utf8", uc_prefix: str | None = None
) -> str:
    """Rewrite ``TYPE=x`` to ``ENGINE=x DEFAULT CHARSET=…`` and the table prefixes."""
    text = _TYPE.sub(lambda m: f") ENGINE={m.group(1)} DEFAULT CHARSET={charset};", text)
    if uc_prefix is not None:
        text = re.sub(r"\buc_", uc_prefix, text)
    elif prefix != "pre_":
        text = re.sub(r"\bpre_", prefix, text)
    return text


def load_install_files(
    cursor: Any, folder: Path, *, charset: str = "utf8", gbk_in_latin1: bool = False
) -> None:
    """Create every Discuz! X3.4 table (with its default rows) through a DB-API cursor.

    For a GBK site the default rows are GBK text, as in the official GBK package;
    ``gbk_in_latin1`` stores those GBK bytes in latin1 tables, a common accident.
    """
    cursor.execute("SET SESSION sql_mode=''")
    for name, uc in (("install.sql", False), ("install_data.sql", False), ("uc.sql", True)):
        text = (folder / name).read_text(encoding="utf-8")
        if charset == "gbk" or gbk_in_latin1:
            text = text.encode("gbk", "replace").decode("gbk")
        sql = installer_sql(text, charset=charset, uc_prefix="pre_ucenter_" if uc else None)
        for statement in statements(sql):
            # GBK bytes sent as they are over a latin1 connection land in the
            # latin1 columns unchanged, as PHP sites of the GBK era wrote them.
            cursor.execute(statement.encode("gbk") if gbk_in_latin1 else statement)
