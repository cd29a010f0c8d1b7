"""Start Django for the CLI and bring the database schema up to date without being asked."""

from __future__ import annotations

import os

_ready = False


def setup() -> None:
    """Configure Django and apply pending migrations, so a new user never types ``migrate``."""
    global _ready
    if _ready:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weakties.settings")
    import django

    django.setup()
    migrate_if_needed()
    _ready = True


def migrate_if_needed() -> bool:
    """Run migrations when some are unapplied; True if anything ran."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not plan:
        return False
    call_command("migrate", interactive=False, verbosity=0)
    return True
