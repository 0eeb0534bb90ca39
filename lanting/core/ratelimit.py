"""Counting attempts per key in the cache (Redis in production, shared by all nodes)."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The visitor's address; behind a proxy that we trust, its X-Forwarded-For."""
    return client_ip_from_meta(request.META)


def client_ip_from_meta(meta: Mapping[str, Any]) -> str:
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return str(forwarded).split(",")[0].strip()
    return str(meta.get("REMOTE_ADDR", ""))


def hit(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt; False when ``limit`` attempts were already made in the window."""
    cache_key = f"ratelimit:{key}"
    if cache.add(cache_key, 1, window_seconds):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, window_seconds)
        return True
    return count <= limit
