"""Reading settings from the environment.

Every helper raises ``ConfigError`` with one line naming the variable, so a
bad value stops start-up with a message a site owner can act on.
"""

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dj_database_url


class ConfigError(Exception):
    """A setting read from the environment has a value Lanting cannot use."""


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, *, default: bool) -> bool:
    raw = env(name)
    if not raw:
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no, on/off).")


def env_int(name: str, *, default: int) -> int:
    raw = env(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, *, default: str) -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def db_from_url(
    url: str, *, var: Path, prepared: bool = True, name: str = "DATABASE_URL"
) -> dict[str, Any]:
    """Turn ``DATABASE_URL`` (or another variable, ``name``) into a Django database dict."""
    scheme = urlsplit(url).scheme
    if scheme == "sqlite":
        config: dict[str, Any] = dict(dj_database_url.parse(url))
        name = str(config["NAME"])
        if name in {"", ":memory:"}:
            raise ConfigError(f"{name}={url!r} must name a database file.")
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        # WAL lets readers go on while one writer commits; IMMEDIATE takes the
        # write lock at BEGIN so two writers queue on the busy timeout instead
        # of failing halfway through a transaction with "database is locked".
        config["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        }
        config["TEST"] = {"NAME": str(var / "test-lanting.sqlite3")}
        return config
    if scheme in {"postgres", "postgresql", "pgsql"}:
        parts = urlsplit(url)
        if not parts.hostname and not parts.path.strip("/"):
            raise ConfigError(f"{name}={url!r} names no host or database.")
        config = dict(dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True))
        # Parameters bound by the server let psycopg prepare a statement the
        # fifth time a connection runs it: PostgreSQL then skips planning the
        # same few page queries over and over (a thread page's join, say).
        # Off (``prepared=False``) behind a pooler in transaction mode (PgBouncer).
        if prepared:
            config["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 5}
        return config
    raise ConfigError(
        f"{name}={url!r} is not supported: use sqlite:///path or postgres://user@host/db."
    )


REDIS_CONNECT_SECONDS = 0.5


def cache_from_url(url: str) -> dict[str, Any]:
    """Turn ``REDIS_URL`` (or ``locmem://``) into a Django cache dict."""
    parts = urlsplit(url)
    if parts.scheme == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "lanting",
            "OPTIONS": {"MAX_ENTRIES": 10000},
        }
    if parts.scheme in {"redis", "rediss", "unix"}:
        if parts.scheme != "unix" and not parts.hostname:
            raise ConfigError(f"REDIS_URL={url!r} names no host.")
        try:
            _ = parts.port
        except ValueError:
            raise ConfigError(f"REDIS_URL={url!r} has a bad port.") from None
        return {
            "BACKEND": "lanting.pagecache.backends.ReusingRedisCache",
            "LOCATION": url,
            # Short, so a Redis that stops answering costs a request well under a second
            # before the breaker opens (lanting.pagecache.outage).
            "OPTIONS": {"socket_connect_timeout": REDIS_CONNECT_SECONDS, "socket_timeout": 1.0},
        }
    raise ConfigError(f"REDIS_URL={url!r} is not supported: use redis://host:6379/0.")


def time_zone(name: str) -> str:
    value = env(name, "Europe/London")
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"{name}={value!r} is not a known time zone (e.g. Europe/London)."
        ) from None
    return value


def content_security_policy(*, https: bool) -> dict[str, Any]:
    """django-csp's ``CONTENT_SECURITY_POLICY``: scripts, styles, frames and forms from the
    site itself only; no inline script, no plugins, no framing.

    Two allowances, each for a reason: style attributes (``style-src-attr``), because BBCode
    posts carry Discuz!'s colours, sizes and alignments as checked ``style`` attributes
    (never ``<style>`` elements); and pictures from anywhere (``LANTING_CSP_OUTSIDE_IMAGES``,
    on by default), because posts show ``[img]`` pictures from other sites. ALTCHA, the
    registration captcha, solves its puzzle in a worker made from a ``blob:`` URL.
    """
    images = ["'self'", "data:", *_upload_origins()]
    if env_bool("LANTING_CSP_OUTSIDE_IMAGES", default=True):
        images += ["https:"] if https else ["https:", "http:"]
    directives: dict[str, Any] = {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": images,
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
    report_uri = env("LANTING_CSP_REPORT_URI")
    if report_uri:
        if urlsplit(report_uri).scheme not in {"http", "https"} and not report_uri.startswith("/"):
            raise ConfigError(
                f"LANTING_CSP_REPORT_URI={report_uri!r} is not an http(s) URL or path."
            )
        directives["report-uri"] = [report_uri]
    return {"DIRECTIVES": directives}


def _upload_origins() -> list[str]:
    """Where uploads are read from when they are not on the site (S3-compatible storage)."""
    bucket = env("LANTING_S3_BUCKET")
    if not bucket:
        return []
    origins = []
    if domain := env("LANTING_S3_CUSTOM_DOMAIN"):
        origins.append(f"https://{domain}")
    endpoint = urlsplit(env("LANTING_S3_ENDPOINT_URL"))
    if endpoint.scheme and endpoint.netloc:
        # Path-style (endpoint/bucket/key) and virtual-host style (bucket.endpoint/key).
        origins += [
            f"{endpoint.scheme}://{endpoint.netloc}",
            f"{endpoint.scheme}://{bucket}.{endpoint.netloc}",
        ]
    else:
        origins.append("https://*.amazonaws.com")
    return origins


def secret_key(var: Path) -> str:
    """``SECRET_KEY`` from the environment, else one generated once and kept in var/."""
    value = env("SECRET_KEY")
    if value:
        if len(value) < 32:
            raise ConfigError("SECRET_KEY is shorter than 32 characters.")
        return value
    path = var / "secret_key"
    if path.exists():
        return path.read_text().strip()
    var.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(50)
    path.write_text(value)
    path.chmod(0o600)
    return value


S3_BACKEND = "storages.backends.s3.S3Storage"


def s3_storages() -> dict[str, dict[str, Any]] | None:
    """Uploads on S3-compatible object storage when ``LANTING_S3_BUCKET`` is set, else None.

    Two prefixes in one bucket: ``public/`` (avatars, covers, board icons, portal pictures:
    plain URLs, readable by anyone through the bucket policy or a CDN at
    ``LANTING_S3_CUSTOM_DOMAIN``) and ``private/`` (forum attachments: handed out only after
    the forum's permission check, as URLs signed for ``LANTING_S3_URL_SECONDS``).
    """
    bucket = env("LANTING_S3_BUCKET")
    if not bucket:
        return None
    endpoint = env("LANTING_S3_ENDPOINT_URL")
    if endpoint and urlsplit(endpoint).scheme not in {"http", "https"}:
        raise ConfigError(f"LANTING_S3_ENDPOINT_URL={endpoint!r} is not an http(s) URL.")
    seconds = env_int("LANTING_S3_URL_SECONDS", default=300)
    if not 10 <= seconds <= 7 * 24 * 3600:
        raise ConfigError(f"LANTING_S3_URL_SECONDS={seconds} is not between 10 and 604800.")
    common: dict[str, Any] = {
        "bucket_name": bucket,
        "endpoint_url": endpoint or None,
        "access_key": env("LANTING_S3_ACCESS_KEY") or None,
        "secret_key": env("LANTING_S3_SECRET_KEY") or None,
        "region_name": env("LANTING_S3_REGION") or None,
        "addressing_style": env("LANTING_S3_ADDRESSING_STYLE") or None,
        "signature_version": "s3v4",
        "file_overwrite": False,  # two uploads of photo.jpg keep both
        "default_acl": None,  # the bucket's policy decides, not per-object ACLs
    }
    public = {
        **common,
        "location": "public",
        "querystring_auth": False,
        "custom_domain": env("LANTING_S3_CUSTOM_DOMAIN") or None,
    }
    private = {
        **common,
        "location": "private",
        "querystring_auth": True,
        "querystring_expire": seconds,
    }
    return {
        "default": {"BACKEND": S3_BACKEND, "OPTIONS": public},
        "attachments": {"BACKEND": S3_BACKEND, "OPTIONS": private},
    }
