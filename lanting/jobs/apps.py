from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    default = True
    name = "lanting.jobs"
    verbose_name = _("Background jobs")


class TasksDatabaseConfig(AppConfig):
    """django-tasks-db (jobs kept in the database), its name translated for the admin."""

    name = "django_tasks_db"
    label = "django_tasks_database"
    verbose_name = _("Jobs in the database")

    def ready(self) -> None:
        from django_tasks_db import signal_handlers  # noqa: F401
