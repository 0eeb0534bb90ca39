import os
import uuid
from pathlib import Path
from typing import Any

import pymysql
import pytest

from lanting.importers.discuz.sample import write_site
from lanting.importers.discuz.sqlfile import load_install_files

SHARED = Path(__file__).resolve().parents[4].parent / "shared" / "discuz-x3.4"
MYSQL: dict[str, Any] = {"host": "127.0.0.1", "port": 3306, "user": "root", "password": ""}


@pytest.fixture(autouse=True)
def _var_in_tmp(settings, tmp_path):
    """Files a run leaves in var/ (the skips file) go to the test's own folder."""
    settings.VAR_DIR = tmp_path / "var"


def _connect(charset_override: str = "utf8mb4"):
    try:
        return pymysql.connect(**MYSQL, autocommit=True, charset=charset_override)
    except pymysql.MySQLError as error:
        if os.environ.get("CI"):
            pytest.fail(f"MariaDB is not reachable on 127.0.0.1:3306: {error}")
        pytest.skip(f"MariaDB is not reachable on 127.0.0.1:3306 ({error})")


def _make(tmp_path, *, charset: str, connection_charset: str, gbk_in_latin1: bool = False):
    if not SHARED.is_dir():
        pytest.fail(f"the Discuz! install files are missing: {SHARED}")
    name = f"lanting_dz_{uuid.uuid4().hex[:10]}"
    server = _connect()
    loader = _connect(charset_override=connection_charset)
    with server.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET {charset}")
    with loader.cursor() as cursor:
        cursor.execute(f"USE `{name}`")
        load_install_files(cursor, SHARED, charset=charset, gbk_in_latin1=gbk_in_latin1)
        write_site(cursor, tmp_path / "attachment", gbk_in_latin1=gbk_in_latin1)
    loader.close()
    return server, name


@pytest.fixture(params=["utf8", "gbk", "latin1-holding-gbk"])
def discuz_any_charset(request, tmp_path):
    """The sample site as UTF-8, as GBK, and as GBK bytes in latin1 columns."""
    if request.param == "utf8":
        server, name = _make(tmp_path, charset="utf8", connection_charset="utf8mb4")
    elif request.param == "gbk":
        server, name = _make(tmp_path, charset="gbk", connection_charset="gbk")
    else:
        server, name = _make(
            tmp_path, charset="latin1", connection_charset="latin1", gbk_in_latin1=True
        )
    try:
        yield f"mysql://root@127.0.0.1:3306/{name}", tmp_path / "attachment", request.param
    finally:
        with server.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
        server.close()


@pytest.fixture
def discuz_dsn(tmp_path):
    """A throw-away Discuz! X3.4 database: the real schema and defaults, plus a sample site."""
    server, name = _make(tmp_path, charset="utf8", connection_charset="utf8mb4")
    try:
        yield f"mysql://root@127.0.0.1:3306/{name}", tmp_path / "attachment"
    finally:
        with server.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
        server.close()


@pytest.fixture
def discuz_latin1_dsn(tmp_path):
    """A GBK site whose tables were created latin1 (GBK bytes in latin1 columns)."""
    server, name = _make(
        tmp_path, charset="latin1", connection_charset="latin1", gbk_in_latin1=True
    )
    try:
        yield f"mysql://root@127.0.0.1:3306/{name}", tmp_path / "attachment"
    finally:
        with server.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
        server.close()
