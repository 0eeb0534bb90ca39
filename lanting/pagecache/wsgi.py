"""The WSGI application with guests' kept pages answered before Django builds a request."""

import gc
from collections.abc import Callable, Iterable
from typing import Any

from lanting.pagecache.guests import release, wsgi_hit

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def guests_first(django_application: WSGIApp) -> WSGIApp:
    """``django_application``, but a guest's page that is kept is answered from the cache."""
    release()  # the build's fingerprint for ETags: read now, not on the first request
    # What is loaded by now lives as long as the worker: moved out of the garbage
    # collector's sight, it is not walked again at every full collection.
    gc.collect()
    gc.freeze()

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        return wsgi_hit(environ, start_response) or django_application(environ, start_response)

    return application
