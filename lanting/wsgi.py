"""WSGI entry point for production app servers (granian, gunicorn)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lanting.settings")
application = get_wsgi_application()
