"""Counting attempts per key in the cache (Redis in production, shared by all nodes)."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The visitor's address; behind a proxy that we trust, its X-Forwarded-For."""
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return str(forwarded).split(",")[0].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


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
