"""One interface, two engines: SQLite FTS5 (embedded) and PostgreSQL full text."""

from django.db import connection

from lanting.search.backends.base import Backend, Filters, OldTerms


def get_backend() -> Backend:
    """The backend for the database in use, chosen by its vendor."""
    if connection.vendor == "postgresql":
        from lanting.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    if connection.vendor == "sqlite":
        from lanting.search.backends.sqlite import SQLiteBackend

        return SQLiteBackend()
    raise NotImplementedError(f"Search supports SQLite and PostgreSQL, not {connection.vendor}.")


__all__ = ["Backend", "Filters", "OldTerms", "get_backend"]
