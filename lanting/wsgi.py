"""WSGI entry point for production app servers (granian, gunicorn).

A guest's page that is in the page cache is answered here, before Django
builds a request: see ``lanting.core.pagecache``.
"""

import gc
import os
from collections.abc import Callable, Iterable
from typing import Any

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lanting.settings")
django_application = get_wsgi_application()

from lanting.core.pagecache import wsgi_hit  # noqa: E402  (needs the settings loaded above)

# What is loaded by now lives as long as the worker: moved out of the garbage
# collector's sight, it is not walked again at every full collection.
gc.collect()
gc.freeze()


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    return wsgi_hit(environ, start_response) or django_application(environ, start_response)
