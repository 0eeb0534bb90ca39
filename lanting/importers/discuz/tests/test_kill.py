"""An import killed half-way (SIGKILL: no clean-up runs) and run again ends where one run does.

A generated site (lanting.importers.discuz.generate) is imported twice, each time by
``lanting import-discuz`` in its own process and into a database of its own: once in
a single run, and once killed while the posts are being written, killed again in the
next run further on, then run to the end. The two databases must agree on everything
told by the old site's ids: no row twice, every counter the same, search the same.

On the database the tests run on: SQLite files, or PostgreSQL databases beside the
test database when DATABASE_URL names one.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pymysql
import pytest
from django.db import connection

from lanting.importers.discuz.generate import sizes, write_generated_site
from lanting.importers.discuz.sqlfile import load_install_files
from lanting.importers.discuz.tests.conftest import MYSQL, SHARED, _connect

POSTS = 4000  # a few seconds of import; the kills land while the posts are written


class Target:
    """A database a subprocess imports into, on the backend the tests run on."""

    def __init__(self, work: Path, name: str) -> None:
        self.work, self.name = work, name
        self.var = work / f"var-{name}"
        settings = connection.settings_dict
        self.postgres = connection.vendor == "postgresql"
        if self.postgres:
            self.database = f"lanting_kill_{uuid.uuid4().hex[:8]}_{name}"
            user = settings["USER"] or "postgres"
            password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
            host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
            self.url = f"postgres://{user}{password}@{host}:{port}/{self.database}"
        else:
            self.path = work / f"{name}.sqlite3"
            self.url = f"sqlite:///{self.path}"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
        return {
            **env,
            "DATABASE_URL": self.url,
            "LANTING_VAR_DIR": str(self.var),
            "LANTING_JOBS": "immediate",
            "LANTING_GUEST_PAGE_CACHE": "0",
        }

    def lanting(self, *args: str, **popen: Any) -> subprocess.Popen[bytes]:
        command = [sys.executable, "-m", "lanting", *args]
        return subprocess.Popen(command, env=self.env(), **popen)  # noqa: S603  (our own command)

    def copy_of(self, template: "Target") -> None:
        if self.postgres:
            _postgres(f'CREATE DATABASE "{self.database}" TEMPLATE "{template.database}"')
            return
        source, copy = sqlite3.connect(template.path), sqlite3.connect(self.path)
        source.backup(copy)
        source.close()
        copy.close()

    def count(self, table: str) -> int:
        """Rows in ``table`` now, read beside the running import."""
        if self.postgres:
            import psycopg

            with psycopg.connect(self.url.replace("postgres://", "postgresql://")) as pg:
                found = pg.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
                return int(found[0]) if found else 0
        try:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=5)
            try:
                return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608
            finally:
                db.close()
        except sqlite3.OperationalError:  # not there yet, or a checkpoint in the way
            return 0

    def fingerprint(self) -> dict[str, Any]:
        done = subprocess.run(
            [sys.executable, "-m", "lanting.importers.discuz.tests.fingerprint"],
            env=self.env(),
            capture_output=True,
            check=True,
        )
        found: dict[str, Any] = json.loads(done.stdout)
        return found

    def drop(self) -> None:
        if self.postgres:
            _postgres(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


def _postgres(statement: str) -> None:
    import psycopg

    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"] or "postgres",
        password=settings["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as db:
        db.execute(statement)


@pytest.fixture
def generated_dsn():
    if not SHARED.is_dir():
        pytest.fail(f"the Discuz! install files are missing: {SHARED}")
    name = f"lanting_dz_kill_{uuid.uuid4().hex[:10]}"
    server = _connect()
    with server.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8")
    loader = pymysql.connect(**MYSQL, autocommit=True, charset="utf8mb4", database=name)
    with loader.cursor() as cursor:
        load_install_files(cursor, SHARED)
        write_generated_site(cursor, POSTS, seed=7)
    loader.close()
    try:
        yield f"mysql://root@127.0.0.1:3306/{name}"
    finally:
        with server.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
        server.close()


@pytest.fixture
def targets(tmp_path):
    """A migrated database, and two copies of it: one for each way of importing.

    Beside the test database (its server and vendor, read from the settings): the
    test itself needs no database of its own.
    """
    made = [Target(tmp_path, name) for name in ("template", "once", "killed")]
    template, once, killed = made
    try:
        if template.postgres:
            _postgres(f'CREATE DATABASE "{template.database}"')
        migrate = template.lanting("migrate", "-v0")
        assert migrate.wait(timeout=300) == 0
        once.copy_of(template)
        killed.copy_of(template)
        yield once, killed
    finally:
        for target in made:
            target.drop()


def _import(target: Target, dsn: str, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return target.lanting(
            "import-discuz", "--dsn", dsn, "--batch-size", "500",
            "--report", str(log.with_suffix(".json")),
            stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip


def _kill_when(target: Target, child: subprocess.Popen[bytes], table: str, rows: int) -> int:
    """SIGKILL ``child`` once ``table`` holds ``rows`` rows; the rows it held then."""
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if child.poll() is not None:
            pytest.fail(f"the import ended (code {child.returncode}) before it could be killed")
        held = target.count(table)
        if held >= rows:
            child.send_signal(signal.SIGKILL)
            child.wait()
            return held
        time.sleep(0.05)
    child.kill()
    pytest.fail(f"{table} never reached {rows} rows")


def test_an_import_killed_twice_and_run_again_ends_as_one_run_does(
    generated_dsn, targets, tmp_path
):
    once, killed = targets
    posts = sizes(POSTS)["posts"]

    first = _import(killed, generated_dsn, tmp_path / "killed-1.log")
    held = _kill_when(killed, first, "forum_post", posts // 4)
    assert 0 < held < posts, "killed while the posts were being written"
    second = _import(killed, generated_dsn, tmp_path / "killed-2.log")
    held_again = _kill_when(killed, second, "forum_post", held + posts // 4)
    assert held < held_again < posts
    assert _import(killed, generated_dsn, tmp_path / "killed-3.log").wait(timeout=300) == 0
    assert _import(once, generated_dsn, tmp_path / "once.log").wait(timeout=300) == 0

    resumed, single = killed.fingerprint(), once.fingerprint()

    # Nothing twice: each old id once in the map, each row once.
    assert resumed["rows"]["Post"] == resumed["links"]["post"] == posts
    assert resumed["distinct_posts"] == posts
    assert resumed["links"]["member"] == sizes(POSTS)["members"]
    assert resumed["links"]["thread"] == sizes(POSTS)["threads"]
    assert resumed["rows"]["Poll"] == resumed["links"]["poll"] > 0
    assert resumed["rows"]["Message"] == resumed["links"]["pm"] > 0
    assert resumed["rows"]["PostRating"] > 0
    assert resumed["rows"]["SearchEntry"] == len({tuple(e) for e in resumed["search_entries"]})
    assert resumed["rows"] == single["rows"]
    assert resumed["links"] == single["links"]
    # Every counter as one run leaves it.
    for part in ("threads", "boards", "members", "posts", "polls", "ratings", "conversations"):
        assert resumed[part] == single[part], part
    # Search finds the same, and finds something.
    assert resumed["search_entries"] == single["search_entries"]
    assert resumed["searches"] == single["searches"]
    assert all(found["total"] for found in resumed["searches"].values())
