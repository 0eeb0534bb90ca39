"""WSGI entry point for production app servers (granian, gunicorn).

A guest's page that is kept is answered before Django builds a request: see
``lanting.pagecache``. Every request, kept page or not, is counted for ``/metrics``.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lanting.settings")

from django.conf import settings

if settings.LANTING_METRICS:  # before prometheus_client is imported anywhere
    from lanting.operations.multiproc import prepare

    prepare(settings.VAR_DIR)

from django.core.wsgi import get_wsgi_application

django_application = get_wsgi_application()

from lanting.pagecache.wsgi import guests_first  # noqa: E402  (needs the settings loaded above)

application = guests_first(django_application)
if settings.LANTING_METRICS:
    from lanting.operations.metrics import measured

    application = measured(application)
