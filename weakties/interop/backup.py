"""The complete JSON backup of one user, its restore, and the online copy of SQLite.

The backup is generic: every model of every ``weakties.*`` app (many-to-many tables included)
is found through ``django.apps``, and each is tied to its owner by following foreign keys
(``Memory`` → ``contact`` → ``owner``). A table added by a new area is in the backup without
anyone touching this file. Rows keep their ids, so a restore into an empty database gives
identical rows; references to the owner become the restoring user.
"""

from __future__ import annotations

import json
import sqlite3
from collections import deque
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from weakties import __version__
from weakties.errors import UserError
from weakties.interop.records import ImportFileError

FORMAT = "weakties-backup"
VERSION = 1
MAX_HOPS = 4


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _owner_path(model: type[models.Model], depth: int = 0) -> str | None:
    """The lookup from ``model`` to its owning user (``owner``, ``contact__owner``…)."""
    user_model = get_user_model()
    fields = [f for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey)]
    for field in sorted(fields, key=lambda f: f.name != "owner"):
        if field.related_model is user_model:
            return field.name
    if depth >= MAX_HOPS:
        return None
    for field in fields:
        target = field.related_model
        if isinstance(target, type) and target._meta.app_label in _app_labels():
            path = _owner_path(target, depth + 1)
            if path:
                return f"{field.name}__{path}"
    return None


def _app_labels() -> set[str]:
    return {c.label for c in apps.get_app_configs() if c.name.startswith("weakties.")}


def owned_models() -> list[tuple[type[models.Model], str]]:
    """(model, owner lookup) for every weakties table, parents before children."""
    labels = _app_labels()
    found = [
        (model, path)
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in labels
        and not model._meta.proxy
        and (path := _owner_path(model)) is not None
    ]
    # Topological order on foreign keys, so a restore inserts what is referenced first.
    by_label = {_label(model): (model, path) for model, path in found}
    depends = {
        label: {
            _label(f.related_model)
            for f in model._meta.concrete_fields
            if isinstance(f, models.ForeignKey)
            and isinstance(f.related_model, type)
            and _label(f.related_model) in by_label
            and f.related_model is not model
        }
        for label, (model, _) in by_label.items()
    }
    ordered: list[str] = []
    ready = deque(sorted(label for label, deps in depends.items() if not deps))
    while ready:
        label = ready.popleft()
        ordered.append(label)
        for other in sorted(depends):
            deps = depends[other]
            if label in deps:
                deps.discard(label)
                if not deps and other not in ordered and other not in ready:
                    ready.append(other)
    ordered += sorted(set(by_label) - set(ordered))  # cycles: whatever is left
    return [by_label[label] for label in ordered]


def _user_fields(model: type[models.Model]) -> list[models.ForeignKey[Any, Any]]:
    user_model = get_user_model()
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and f.related_model is user_model
    ]


def backup_dump(*, user: User) -> dict[str, Any]:
    """Every row of ``user``'s data, table by table, as plain JSON-able values."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for model, path in owned_models():
        fields = model._meta.concrete_fields
        user_fields = {f.attname for f in _user_fields(model)}
        rows = []
        for values in (
            model._default_manager.filter(**{path: user})
            .order_by("pk")
            .values_list(*(f.attname for f in fields))
        ):
            row = {}
            for field, value in zip(fields, values, strict=True):
                if field.attname in user_fields:
                    value = "owner" if value == user.pk else None
                row[field.attname] = value
            rows.append(row)
        tables[_label(model)] = rows
    return {
        "format": FORMAT,
        "version": VERSION,
        "weakties": __version__,
        "exported_at": timezone.now().isoformat(),
        "user": user.get_username(),
        "tables": tables,
    }


class _Encoder(DjangoJSONEncoder):
    """Django's encoder, but datetimes keep their microseconds so a restore is exact."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime):
            return o.isoformat()
        return super().default(o)


def json_text(*, user: User) -> str:
    return json.dumps(backup_dump(user=user), cls=_Encoder, ensure_ascii=False, indent=1)


@transaction.atomic
def backup_restore(*, owner: User, data: bytes, file_name: str) -> dict[str, int]:
    """Put a backup's rows back, for ``owner``, into a network that is empty."""
    try:
        backup = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportFileError(f"{file_name}: not a weakties JSON backup ({error}).") from None
    if not isinstance(backup, dict) or backup.get("format") != FORMAT:
        raise ImportFileError(
            f"{file_name}: not a weakties JSON backup (make one with weakties export json)."
        )
    if not isinstance(backup.get("version"), int) or backup["version"] > VERSION:
        raise ImportFileError(
            f"{file_name}: backup format version {backup.get('version')} is newer than this "
            f"weakties understands ({VERSION}); update weakties first."
        )
    tables = backup.get("tables")
    if not isinstance(tables, dict):
        raise ImportFileError(f"{file_name}: the backup has no tables.")
    models_in_order = owned_models()
    for model, path in models_in_order:
        if model._default_manager.filter(**{path: owner}).exists():
            raise UserError(
                "restore needs an empty network, and yours already has data "
                f"({model._meta.verbose_name_plural}); restore into a new data folder: "
                f"WEAKTIES_HOME=/path/to/new weakties restore {file_name}"
            )
    counts: dict[str, int] = {}
    restored: list[type[models.Model]] = []
    for model, _ in models_in_order:
        rows = tables.get(_label(model)) or []
        if not isinstance(rows, list):
            raise ImportFileError(f"{file_name}: table {_label(model)} is not a list of rows.")
        fields = {f.attname: f for f in model._meta.concrete_fields}
        user_fields = {f.attname for f in _user_fields(model)}
        objects = []
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                raise ImportFileError(
                    f"{file_name}: {_label(model)} row {number} is not an object."
                )
            values: dict[str, Any] = {}
            try:
                for attname, value in row.items():
                    field = fields.get(attname)
                    if field is None:
                        continue  # a column this version no longer has
                    if attname in user_fields:
                        value = owner.pk if value == "owner" else None
                    elif value is not None:
                        value = field.to_python(value)
                    values[attname] = value
            except Exception as error:
                raise ImportFileError(
                    f"{file_name}: {_label(model)} row {number}: {error}"
                ) from None
            objects.append(values)
        # Raw inserts: bulk_create would stamp auto_now fields with the time of the restore.
        columns = list(fields)
        try:
            _insert_raw(model, columns, objects)
        except IntegrityError as error:
            raise UserError(
                f"{file_name}: {_label(model)} cannot be restored here ({error}); restore into "
                "an empty database (a new data folder)."
            ) from None
        counts[_label(model)] = len(objects)
        restored.append(model)
    # PostgreSQL sequences do not move when ids are given; point them past the restored rows.
    statements = connection.ops.sequence_reset_sql(no_style(), restored)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    return counts


def _insert_raw(model: type[models.Model], attnames: list[str], rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    fields = [cast("models.Field[Any, Any]", model._meta.get_field(name)) for name in attnames]
    for field in fields:
        if not field.null and not field.has_default() and not field.primary_key:
            for row in rows:
                row.setdefault(field.attname, field.get_default())
    quote = connection.ops.quote_name
    present = [f for f in fields if any(f.attname in row for row in rows)]
    names = ", ".join(quote(str(f.column)) for f in present)
    marks = ", ".join(["%s"] * len(present))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})"
    params = [
        [f.get_db_prep_save(row.get(f.attname, f.get_default()), connection) for f in present]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def sqlite_backup(target: Path | None = None) -> Path:
    """A consistent copy of the live SQLite database (SQLite's online backup API)."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        raise UserError(
            "weakties backup copies SQLite databases; for PostgreSQL use pg_dump: "
            'pg_dump --format=custom --file=weakties.dump "$DATABASE_URL" (see docs/operating.md).'
        )
    if target is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = Path(settings.WEAKTIES_HOME) / "backups" / f"weakties-{stamp}.sqlite3"
    elif target.is_dir():
        target = target / f"weakties-{datetime.now().strftime('%Y%m%d-%H%M%S')}.sqlite3"
    if target.exists():
        raise UserError(f"{target} already exists; choose a new file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(str(database["NAME"]))
    try:
        destination = sqlite3.connect(str(target))
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target
