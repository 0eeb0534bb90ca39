"""Words of django-tasks and django-tasks-db (the job list in the admin) that ship no Chinese.

Listed so that ``make messages`` puts them in this app's catalogue; Django looks words
up in every app's catalogue, so the admin shows them translated.
"""

from django.utils.translation import gettext_noop, pgettext_lazy

TASK_WORDS = [
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    gettext_noop("args kwargs"),
    gettext_noop("backend name"),
    gettext_noop("enqueued at"),
    gettext_noop("exception class path"),
    gettext_noop("finished at"),
    gettext_noop("priority"),
    gettext_noop("queue name"),
    gettext_noop("return value"),
    gettext_noop("run after"),
    gettext_noop("started at"),
    gettext_noop("status"),
    gettext_noop("task path"),
    gettext_noop("traceback"),
    gettext_noop("worker id"),
]
TASK_STATES = [
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
]
