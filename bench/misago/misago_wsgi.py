"""WSGI entry for Misago under the benchmark (run with bench/misago on PYTHONPATH)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "misago_settings")
application = get_wsgi_application()
