"""Start Django for the CLI and bring the database schema up to date without being asked."""

from __future__ import annotations

import os
from typing import Any

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
    """Bring the schema up to date; True if anything ran.

    A brand-new database gets the current schema in one step (``_create_fresh``) instead of
    replaying every migration: replaying re-renders the models dozens of times and was half of
    a new user's first command (0.7 s of a 1.9 s first import). An existing database is
    migrated as usual.
    """
    if _all_recorded():
        return False
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not plan:
        return False
    if _fresh_path_allowed(plan) and _create_fresh(executor, plan):
        return True
    call_command("migrate", interactive=False, verbosity=0)
    return True


def _all_recorded() -> bool:
    """True when the database has recorded every migration module of every installed app.

    The check every command makes first: Django's own check imports every migration module to
    build the graph (40 ms on each command); this one lists their names the way Django's
    loader finds them, and reads the recorded ones. A difference, or a squashed migration not
    recorded by its own name, answers False and the full check runs.
    """
    import pkgutil
    from importlib import import_module

    from django.apps import apps
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return False
    recorded = set(recorder.applied_migrations())
    for config in apps.get_app_configs():
        module_name, _ = MigrationLoader.migrations_module(config.label)
        try:
            path = getattr(import_module(module_name), "__path__", None) if module_name else None
        except ModuleNotFoundError:
            path = None  # an app without migrations: the loader leaves it alone too
        for _, name, is_package in pkgutil.iter_modules(path or []):
            if not is_package and name[0] not in "_~" and (config.label, name) not in recorded:
                return False
    return True


def _fresh_path_allowed(plan: list[tuple[Any, bool]]) -> bool:
    """Only schema operations, or data steps marked ``elidable`` (meaningless on an empty
    database, like filling a derived column), may be skipped by creating tables directly.
    Django's own apps' data steps only fix up rows of older installations."""
    from django.db import migrations

    for migration, backwards in plan:
        if backwards:
            return False
        ours = not migration.__module__.startswith("django.")
        for operation in migration.operations:
            if isinstance(operation, migrations.RunSQL | migrations.SeparateDatabaseAndState):
                return False
            if isinstance(operation, migrations.RunPython) and ours and not operation.elidable:
                return False
    return True


def _create_fresh(executor: Any, plan: list[tuple[Any, bool]]) -> bool:
    """Create every table from the current models and record the migrations as applied, in
    one transaction; False (nothing done) if the database turns out not to be empty."""
    from django.apps import apps
    from django.core.management.sql import emit_post_migrate_signal
    from django.db import connection

    # The schema editor runs everything in one transaction (taking SQLite's write lock first,
    # so a second process starting at the same moment waits, then finds the tables).
    with connection.schema_editor(atomic=True) as editor:
        if connection.introspection.table_names():
            return False  # not empty after all (or another process got here first)
        for model in apps.get_models():
            if model._meta.managed and not model._meta.proxy:
                editor.create_model(model)
        editor.create_model(executor.recorder.Migration)
        for migration, _backwards in plan:
            executor.recorder.record_applied(migration.app_label, migration.name)
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias, plan=plan)
    return True
