"""WSGI entry point for production app servers (granian, gunicorn).

A guest's page that is kept is answered before Django builds a request: see
``lanting.pagecache``.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lanting.settings")
django_application = get_wsgi_application()

from lanting.pagecache.wsgi import guests_first  # noqa: E402  (needs the settings loaded above)

application = guests_first(django_application)
