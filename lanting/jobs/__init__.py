"""Background jobs: one interface (Django's Tasks API, the ``django-tasks`` backport).

``@job`` declares a job with retries and backoff; ``lanting worker`` runs them. The
embedded default keeps jobs in the database (django-tasks-db); with ``REDIS_URL`` they
go to Redis (django-tasks-rq, RQ). Periodic jobs come from ``schedule.PERIODIC``. A job
that fails its last attempt is kept in ``FailedJob``, listed in the admin, and can be
run again from there.
"""
