"""Is this installation fit to serve: does the database answer, are its migrations applied?

Used by the health URL (`/health/`, for load balancers and monitoring) and by `grogrund serve`,
which refuses to start on a database whose migrations are pending.
"""

from __future__ import annotations

from django.db import DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor


def database_answers(using: str = "default") -> bool:
    """True when the database runs a trivial query now."""
    try:
        with connections[using].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def pending_migrations(using: str = "default") -> list[str]:
    """The migrations of this code that the database has not applied ("app.name"), in order."""
    executor = MigrationExecutor(connections[using])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
