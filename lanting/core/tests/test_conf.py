import os
import subprocess
import sys

import pytest

from lanting.conf import ConfigError, cache_from_url, db_from_url


def run_lanting(env: dict[str, str], tmp_path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "LANTING_VAR_DIR": str(tmp_path), **env}
    return subprocess.run(
        [sys.executable, "-m", "lanting", "check"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "mysql://root@localhost/lanting"),
        ("DATABASE_URL", "nonsense"),
        ("REDIS_URL", "memcached://127.0.0.1:11211"),
        ("REDIS_URL", "redis://:notaport/0"),
        ("LANTING_TIME_ZONE", "Mars/Olympus"),
        ("LANTING_LANGUAGE", "fr"),
    ],
)
def test_bad_setting_stops_start_up_with_one_line_naming_it(variable, value, tmp_path):
    result = run_lanting({variable: value}, tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert variable in lines[0]


def test_good_settings_start(tmp_path):
    result = run_lanting({"LANTING_TIME_ZONE": "Asia/Shanghai"}, tmp_path)
    assert result.returncode == 0, result.stderr
    # The secret key was generated and kept, never taken from the code.
    assert (tmp_path / "secret_key").read_text().strip()


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    config = db_from_url(f"sqlite:///{tmp_path}/x.sqlite3", var=tmp_path)
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["timeout"] >= 5


def test_postgres_url_is_understood(tmp_path):
    config = db_from_url("postgres://postgres@127.0.0.1:5432/test", var=tmp_path)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "test"
    assert config["OPTIONS"]["prepare_threshold"] == 5  # hot queries skip planning
    unprepared = db_from_url("postgres://postgres@127.0.0.1/test", var=tmp_path, prepared=False)
    assert "prepare_threshold" not in unprepared.get("OPTIONS", {})  # safe behind PgBouncer


def test_redis_url_selects_the_redis_cache():
    assert cache_from_url("redis://127.0.0.1:6379/0")["BACKEND"].endswith("RedisCache")
    with pytest.raises(ConfigError, match="REDIS_URL"):
        cache_from_url("http://127.0.0.1")


def test_a_bad_replica_url_names_its_own_variable(tmp_path):
    with pytest.raises(ConfigError, match="DATABASE_REPLICA_URL"):
        db_from_url("mysql://x/y", var=tmp_path, name="DATABASE_REPLICA_URL")
