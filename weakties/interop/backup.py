"""The complete JSON backup of one user, its restore, and the online copy of SQLite.

The backup is generic: every model of every ``weakties.*`` app (many-to-many tables included)
is found through ``django.apps``, and each is tied to its owner by following foreign keys
(``Memory`` → ``contact`` → ``owner``). A table added by a new area is in the backup without
anyone touching this file. Rows keep their ids, so a restore into an empty database gives
identical rows; references to the owner become the restoring user.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import sqlite3
from collections import deque
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxLengthValidator
from django.db import (
    DatabaseError,
    IntegrityError,
    OperationalError,
    connection,
    models,
    transaction,
)
from django.utils import timezone

from weakties import __version__
from weakties.errors import UserError
from weakties.interop.calendar import renumbered_uid
from weakties.interop.records import ImportFileError
from weakties.interop.vcard import contact_uid

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
    """The backup as JSON text: one row per line, so a person can read, search and diff it.

    Each row is encoded on its own without indentation, which Python's C encoder does; an
    ``indent`` makes ``json`` fall back to its pure-Python encoder, three times slower for
    30,000 contacts (and 6 MB larger).
    """
    dump = backup_dump(user=user)
    encode = _Encoder(ensure_ascii=False).encode
    tables = dump.pop("tables")
    head = encode(dump)[:-1]  # without its closing brace: the tables follow
    parts = [head, ', "tables": {\n']
    for number, (label, rows) in enumerate(tables.items()):
        parts.append(f"{',' if number else ''}{encode(label)}: [")
        parts.append(",\n".join(map(encode, rows)).join(("\n", "\n")) if rows else "")
        parts.append("]\n")
    parts.append("}}\n")
    return "".join(parts)


SQLITE_MAGIC = b"SQLite format 3\x00"
ZIP_MAGIC = b"PK\x03\x04"


def _refuse_import_file(data: bytes, file_name: str) -> None:
    """Refuse a file ``weakties import`` reads (a vCard, a LinkedIn or contacts CSV), saying
    what it is and the command that takes it; return when it is not one."""
    from weakties.interop.models import ImportRecord
    from weakties.interop.services import OurOwnFile, detect_kind

    try:
        kind = detect_kind(data, None, file_name=file_name)
    except OurOwnFile:
        raise  # weakties' own CSV tracker: its message says what to do instead
    except ImportFileError:
        kind = ""
    if kind:
        label = ImportRecord.Kind(kind).label
        article = "an" if label[0] in "AEIOU" else "a"
        said = f"{file_name}: this is {article} {label} file, not a weakties JSON backup"
        raise ImportFileError(
            f"{said}; to bring it into your network, import it: weakties import {file_name}",
            web=f"{said}; to bring it into your network, import it on the Import page.",
        )


def _check_version(backup: dict[str, Any], file_name: str) -> None:
    """The backup's format version is one this weakties reads: a whole number, 1 to VERSION."""
    version = backup.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise ImportFileError(
            f"{file_name}: backup format version {version} is newer than this "
            f"weakties understands ({VERSION}); update weakties first."
        )
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        said = (
            "does not say its format version"
            if version is None
            else f"says its format version is {json.dumps(version, ensure_ascii=False)[:40]}"
        )
        raise ImportFileError(
            f'{file_name}: the backup {said}; "version" must be a whole number from 1 to '
            f'{VERSION}, written without quotes (this weakties writes "version": {VERSION}).'
        )


def _backup_tables(data: bytes, file_name: str) -> tuple[dict[str, list[Any]], Any]:
    """The tables of a backup file and the weakties version that made it; when it is something
    else, an error says what it is."""
    if data.startswith(SQLITE_MAGIC):
        said = (
            f"{file_name}: this is a copy of the SQLite database (weakties backup), "
            "not a JSON backup"
        )
        raise ImportFileError(
            f"{said}; to bring it back, stop weakties and put it in place of weakties.sqlite3 "
            "in the data folder (see docs/operating.md, Backups).",
            web=f"{said}; restore the Complete backup (JSON) download instead.",
        )
    if data.startswith(ZIP_MAGIC):
        raise ImportFileError(
            f"{file_name}: this is a zip file, like the CSV tables of weakties export csv, "
            "which are for spreadsheets and cannot be restored; restore a JSON backup "
            "(weakties export json).",
            web=f"{file_name}: this is a zip file, like the Tracker (CSV tables) download, "
            "which is for spreadsheets and cannot be restored; restore the Complete backup "
            "(JSON) download instead.",
        )
    try:
        backup = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        _refuse_import_file(data, file_name)
        raise ImportFileError(
            f"{file_name}: not a weakties JSON backup (it is not text); make one with "
            "weakties export json.",
            web=f"{file_name}: not a weakties JSON backup (it is not text); the Complete "
            "backup (JSON) download is one.",
        ) from None
    except RecursionError:
        # Thousands of nested brackets: no backup looks like that, and the reader gives up.
        raise ImportFileError(
            f"{file_name}: not a weakties JSON backup (its lists and objects nest thousands deep).",
        ) from None
    except json.JSONDecodeError as error:
        if data.removeprefix(b"\xef\xbb\xbf").lstrip().startswith((b"{", b"[")):
            raise ImportFileError(f"{file_name}: not a weakties JSON backup ({error}).") from None
        _refuse_import_file(data, file_name)
        raise ImportFileError(
            f"{file_name}: not a weakties JSON backup (it is not JSON); make one with weakties "
            "export json. A contacts file (LinkedIn, Google Contacts, Outlook, vCard) goes in "
            f"with weakties import {file_name}",
            web=f"{file_name}: not a weakties JSON backup (it is not JSON); the Complete "
            "backup (JSON) download is one. A contacts file (LinkedIn, Google Contacts, "
            "Outlook, vCard) goes in on the Import page.",
        ) from None
    if not isinstance(backup, dict) or backup.get("format") != FORMAT:
        raise ImportFileError(
            f"{file_name}: not a weakties JSON backup (make one with weakties export json).",
            web=f"{file_name}: not a weakties JSON backup (the Complete backup (JSON) "
            "download is one).",
        )
    _check_version(backup, file_name)
    tables = backup.get("tables")
    if not isinstance(tables, dict):
        raise ImportFileError(f"{file_name}: the backup has no tables.")
    for label, rows in tables.items():
        if not isinstance(rows, list):
            raise ImportFileError(f"{file_name}: table {label} is not a list of rows.")
    known = {_label(model) for model, _ in owned_models()}
    unknown = sorted(label for label, rows in tables.items() if label not in known and rows)
    if unknown:
        # Restoring the other tables would lose these rows without a word.
        made_by = backup.get("weakties")
        other = (
            f"the backup was made by weakties {made_by}: restore it with that version, or "
            if made_by != __version__
            else ""
        )
        raise ImportFileError(
            f"{file_name}: table {', '.join(unknown)} is not one this weakties "
            f"({__version__}) has, so its rows would be lost; {other}remove the table from "
            "the file to restore the rest without it."
        )
    return tables, backup.get("weakties")


def _row_name(
    model: type[models.Model],
    number: int,
    row: dict[str, Any],
    file_ids: Mapping[Any, Any] | None = None,
) -> str:
    """``network.contactpoint row 3 (id 12)``: where to look in the backup file. A row given a
    new id on the way in is named by the id the file has (``file_ids``: new id → file's)."""
    pk = row.get(model._meta.pk.attname) if model._meta.pk else None
    pk = file_ids.get(pk, pk) if file_ids else pk
    return f"{_label(model)} row {number}" + (f" (id {pk})" if pk is not None else "")


def _required(field: models.Field[Any, Any]) -> bool:
    """A column every row must have: the id, and what has no default and cannot be empty."""
    if field.primary_key:
        return True
    if field.null or field.has_default() or _stamped(field):
        return False
    return not (field.blank and field.empty_strings_allowed)  # else "" would stand in for it


def _stamped(field: models.Field[Any, Any]) -> bool:
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


LARGEST_ID = 2**31 - 1  # the largest id a backup may give a row (a 32-bit integer)
_AUTO_FIELDS = (models.AutoField, models.BigAutoField, models.SmallAutoField)


def _value_check(field: models.Field[Any, Any]) -> Callable[[Any], None] | None:
    """``check(value)`` raising ``ValidationError`` for a value (not None) a form would refuse:
    not one of the choices, empty where it is needed, too long, out of range. None for foreign
    keys, whose rows ``_check_references`` looks for in the backup (not one query per row)."""
    if isinstance(field, models.ForeignKey):
        return None
    if field.primary_key:

        def check_id(value: Any) -> None:
            # The ids weakties gives: a negative one has no page, and one near the top of
            # the range would leave the table's counter nothing to give anyone after it.
            if not (type(value) is int and 0 < value <= LARGEST_ID):
                raise ValidationError(
                    f"an id is a whole number from 1 to {LARGEST_ID}.", code="out_of_range"
                )

        return check_id
    if isinstance(field, models.DateTimeField):
        return _check_time

    # A backup repeats most values (the choices, empty text, small numbers): each distinct one
    # is checked once. Text that is not empty and only has a length limit is checked by its
    # length: 30,000 names cost no more than reading them.
    lengths = [v.limit_value for v in field.validators if isinstance(v, MaxLengthValidator)]
    only_length = len(lengths) == len(field.validators) and not any(map(callable, lengths))
    limit = min(lengths, default=None) if only_length and not field.choices else None
    valid: set[Any] = set()

    def check(value: Any) -> None:
        if limit is not None and type(value) is str and 0 < len(value) <= limit:
            return
        try:
            if value in valid:
                return
        except TypeError:  # not hashable
            pass
        field.validate(value, None)
        field.run_validators(value)
        if len(valid) < 10_000:
            valid.add(value)

    return check


def _check_time(value: Any) -> None:
    """A time the database stores in UTC must stay within the years 1 to 9999 when moved
    there: 0001-01-01T00:00+14:00 is in the year 0 in UTC, which PostgreSQL would store and
    nothing could read back."""
    if not isinstance(value, datetime):
        return
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ValidationError(
            "the time is outside the years 1 to 9999 in UTC.", code="out_of_range"
        ) from None


def _value_error(
    file_name: str,
    model: type[models.Model],
    number: int,
    row: dict[str, Any],
    field: models.Field[Any, Any],
    error: ValidationError,
) -> ImportFileError:
    message = " ".join(error.messages)
    if any(e.code == "invalid_choice" for e in error.error_list) and field.flatchoices:
        allowed = ", ".join(str(key) for key, _ in field.flatchoices if key != "")
        message += f" It must be one of: {allowed}."
    return ImportFileError(
        f"{file_name}: {_row_name(model, number, row)} cannot be restored: "
        f"{field.attname}: {message}"
    )


def _backup_rows(
    model: type[models.Model],
    rows: list[Any],
    owner: User,
    file_name: str,
    made_by: Any = None,
) -> list[dict[str, Any]]:
    """The rows of one table as attname → Python value; a value that cannot be read, or that
    the app would refuse (not a choice, too long, out of range, empty where it is needed), is
    named with its table, row and field, and so is a column that is missing or unknown."""
    fields = {f.attname: f for f in model._meta.concrete_fields}
    user_fields = {f.attname for f in _user_fields(model)}
    required = {name for name, f in fields.items() if _required(f)}
    checks = {name: check for name, f in fields.items() if (check := _value_check(f))}
    objects = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise ImportFileError(f"{file_name}: {_label(model)} row {number} is not an object.")
        if not required <= row.keys():
            attname = min(required - row.keys(), key=list(fields).index)
            raise ImportFileError(
                f"{file_name}: {_row_name(model, number, row)} cannot be restored: "
                f"{attname} is missing, and every {model._meta.verbose_name} has one."
            )
        values: dict[str, Any] = {}
        for attname, value in row.items():
            field = fields.get(attname)
            if field is None:
                # No column has been removed since VERSION 1, so a column this weakties does
                # not have comes from a newer one, and dropping it would lose data. A future
                # version that removes a column must bump VERSION and ignore exactly the
                # removed columns in backups of the older versions.
                newer = (
                    f" (it was made by weakties {made_by})"
                    if made_by and made_by != __version__
                    else ""
                )
                raise ImportFileError(
                    f"{file_name}: {_row_name(model, number, row)}: column {attname} is not "
                    f"one this weakties ({__version__}) has, so its values would be lost; the "
                    f"backup may come from a newer weakties{newer}: restore it with that "
                    "version, or remove the column from the file to restore the rest without it."
                )
            try:
                if attname in user_fields:
                    if value is not None and value != "owner":
                        raise ValidationError(
                            f'a backup names its owner as "owner", not {_shown(value)}.'
                        )
                    value = owner.pk if value == "owner" else None
                elif value is not None:
                    if (wrong := _wrong_type(field, value)) is not None:
                        raise ValidationError(wrong)
                    try:
                        value = field.to_python(value)
                    except Exception as error:
                        message = "; ".join(getattr(error, "messages", [str(error)]))
                        raise ImportFileError(
                            f"{file_name}: {_row_name(model, number, row)}: {attname}: {message}"
                        ) from None
                if value is None:
                    if not field.null:
                        raise ValidationError(field.error_messages["null"], code="null")
                elif (check := checks.get(attname)) is not None:
                    check(value)
            except ValidationError as error:
                raise _value_error(file_name, model, number, row, field, error) from None
            values[attname] = value
        objects.append(values)
    return objects


_TEXTS = {"CharField", "TextField", "EmailField", "URLField", "SlugField"}
_DATES = {
    "DateField": "a date such as 2026-01-31",
    "DateTimeField": "a time such as 2026-01-31T09:30:00+00:00",
}


def _shown(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)[:40]


def _wrong_type(field: models.Field[Any, Any], value: Any) -> str | None:
    """Why a JSON value cannot stand for the field's, where Django would quietly make it fit:
    a list stored as its own text ("['Ada']"), 2.7 or true as an id (to 2 or 1: another
    row), a number as a date (a raw TypeError)."""
    if isinstance(value, list | dict) and not isinstance(field, models.JSONField):
        return (
            f"{'a list' if isinstance(value, list) else 'an object'} where a single value belongs."
        )
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    kind = target.get_internal_type()
    whole = kind.endswith(("IntegerField", "AutoField"))
    if whole and (isinstance(value, bool) or (isinstance(value, float) and not value.is_integer())):
        return f"a whole number is needed, not {_shown(value)}."
    if kind in _DATES and not isinstance(value, str):
        return f"{_DATES[kind]} is needed, written in quotes, not {_shown(value)}."
    if kind in _TEXTS and isinstance(value, bool):
        return f"text is needed, not {_shown(value)}."
    return None


def _check_references(rows: dict[type[models.Model], list[dict[str, Any]]], file_name: str) -> None:
    """Every reference from one row to another points at a row of the backup.

    The database checks foreign keys only at commit (they are deferred), where it cannot say
    which row is wrong; checking here names the table, the row and the field.
    """
    user_model = get_user_model()
    present: dict[tuple[type[models.Model], str], set[Any]] = {}
    for model, objects in rows.items():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.ForeignKey) or field.related_model is user_model:
                continue
            related = cast("type[models.Model]", field.related_model)
            target = field.target_field.attname
            if (related, target) not in present:
                if related in rows:
                    present[related, target] = {row.get(target) for row in rows[related]}
                else:
                    present[related, target] = set()
            for number, row in enumerate(objects, start=1):
                value = row.get(field.attname)
                if value is None or value in present[related, target]:
                    continue
                if (
                    related not in rows
                    and related._default_manager.filter(**{target: value}).exists()
                ):
                    present[related, target].add(value)
                    continue
                raise ImportFileError(
                    f"{file_name}: {_row_name(model, number, row)}: its {field.name} is "
                    f"{_label(related)} id {value}, which is not in the backup."
                )


def _restore_elsewhere(file_name: str) -> str:
    if connection.vendor == "sqlite":
        return (
            "restore into a new data folder: "
            f"WEAKTIES_HOME=/path/to/new/folder weakties restore {file_name}"
        )
    return (
        "restore into a new, empty database: createdb weakties_restored, then "
        f"DATABASE_URL=postgres://…/weakties_restored weakties restore {file_name}"
    )


class NetworkNotEmpty(UserError):
    """A restore was asked for a network that already has data; nothing is written."""


# One row per user that is not part of the network: the calendar feed (opening the Export
# page makes it) and the plan settings (a new user may set them before restoring). They do
# not make a network "not empty"; the backup's row, when it has one, replaces the user's.
REPLACED = {"interop.calendarfeed", "plan.plansettings"}


def data_in_the_way(owner: User) -> str | None:
    """What of the owner's keeps a backup out (``"contacts"``, ``"tags"``), or None when the
    network is empty and a restore can go ahead: one rule for the command and the page."""
    models_in_order = owned_models()
    # Contacts first: "yours already has contacts" says more than "feed events".
    for model, path in sorted(
        models_in_order, key=lambda pair: _label(pair[0]) != "network.contact"
    ):
        if _label(model) in REPLACED:
            continue
        if model._default_manager.filter(**{path: owner}).exists():
            return str(model._meta.verbose_name_plural)
    return None


def _check_empty(owner: User, file_name: str) -> None:
    """The owner's network is empty: a restore adds rows and never replaces the user's."""
    if (what := data_in_the_way(owner)) is not None:
        raise NetworkNotEmpty(
            "restore needs an empty network, and yours already has data "
            f"({what}); {_restore_elsewhere(file_name)}",
            web=f"A backup is restored into an empty network, and yours already has "
            f"{what}: nothing was changed. A restore never overwrites or mixes with what "
            "you have; to add people from another network, import its contacts "
            "(vCard) on the Import page instead.",
        )


def _ids_taken(
    owner: User,
    models_in_order: list[tuple[type[models.Model], str]],
    rows: dict[type[models.Model], list[dict[str, Any]]],
) -> set[type[models.Model]]:
    """The tables where someone else's rows already hold ids of the backup's rows: on a
    server many people share each table, so a backup made elsewhere usually meets them."""
    paths = dict(models_in_order)
    taken = set()
    for model, objects in rows.items():
        ids = [row[model._meta.pk.attname] for row in objects if model._meta.pk]
        others = model._default_manager.all()
        if _label(model) in REPLACED:
            others = others.exclude(**{paths[model]: owner})  # replaced by the backup's
        for start in range(0, len(ids), 500):
            if others.filter(pk__in=ids[start : start + 500]).exists():
                taken.add(model)
                break
    return taken


def _fresh_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` ids no row of ``model`` has or will be given: PostgreSQL's sequence hands
    them out (to nobody else, even in a concurrent transaction); on SQLite, which lets one
    writer in at a time, the ids after both the highest row and the highest ever given."""
    table, column = model._meta.db_table, str(model._meta.pk.column)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [quote(table), column, count],
            )
            return [number for (number,) in cursor.fetchall()]
        cursor.execute(f"SELECT MAX({quote(column)}) FROM {quote(table)}")
        highest = cursor.fetchone()[0] or 0
        if connection.vendor == "sqlite":
            cursor.execute("SELECT MAX(seq) FROM sqlite_sequence WHERE name = %s", [table])
            highest = max(highest, cursor.fetchone()[0] or 0)
    return list(range(highest + 1, highest + 1 + count))


def _renumber(
    rows: dict[type[models.Model], list[dict[str, Any]]], tables: set[type[models.Model]]
) -> dict[type[models.Model], dict[Any, int]]:
    """Give the rows of ``tables`` new ids, and every reference to them the new id too.

    What is known by an id outside the database follows as well: a contact's vCard UID, made
    from its id until now, is stored as it was (a phone that has the card still finds the
    contact), and the calendar feed's bookkeeping names its events by their new ids.
    """
    new_ids: dict[type[models.Model], dict[Any, int]] = {}
    for model in tables:
        pk = model._meta.pk
        if not isinstance(pk, _AUTO_FIELDS):
            raise UserError(
                f"restore needs an empty database: {_label(model)} has ids the database "
                "already holds, and they cannot be renumbered."
            )
        objects = rows[model]
        # In the order of the old ids: a rule such as "a link's first person has the lower
        # id" holds for the new ids too, and so does the order the rows were added in.
        old_ids = sorted(row[pk.attname] for row in objects)
        ids = dict(zip(old_ids, _fresh_ids(model, len(objects)), strict=True))
        if _label(model) == "network.contact":
            for row in objects:
                if not row.get("uid") and row.get("created_at") is not None:
                    row["uid"] = contact_uid(row[pk.attname], row["created_at"])
        for row in objects:
            row[pk.attname] = ids[row[pk.attname]]
        new_ids[model] = ids
    for model, objects in rows.items():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.ForeignKey):
                continue
            related = cast("type[models.Model]", field.related_model)
            if related not in new_ids or field.target_field != related._meta.pk:
                continue  # (a reference by another column than the id keeps its value)
            ids = new_ids[related]
            for row in objects:
                value = row.get(field.attname)
                if value is not None:
                    row[field.attname] = ids.get(value, value)
        if _label(model) == "interop.feedevent":
            by_label = {_label(m): ids for m, ids in new_ids.items()}
            steps, contacts = by_label.get("network.nextstep"), by_label.get("network.contact")
            for row in objects:
                row["uid"] = renumbered_uid(row["uid"], steps=steps, contacts=contacts)
            # The bookkeeping of an event whose step or contact is gone goes with it.
            objects[:] = [row for row in objects if row["uid"] is not None]
    return new_ids


# What the database, or the conversion of a value for it, raises for a row it cannot hold:
# OverflowError for a time that, moved to UTC, falls outside the years 1 to 9999.
_REFUSED_ROW = (DatabaseError, OverflowError, ValueError)


def _insert_naming_the_row(
    model: type[models.Model],
    columns: list[str],
    objects: list[dict[str, Any]],
    file_name: str,
    file_ids: Mapping[Any, Any] | None = None,
) -> None:
    """Insert the rows; if the database refuses, find the row it refuses and name it, by the
    id the file gives it (``file_ids``: new id → file's, for renumbered rows)."""
    try:
        with transaction.atomic():
            _insert_raw(model, columns, objects)
    except _REFUSED_ROW as error:
        where, reason = _label(model), error
    else:
        return
    for number, row in enumerate(objects, start=1):
        try:
            with transaction.atomic():
                _insert_raw(model, columns, [row])
        except _REFUSED_ROW as error:
            where, reason = _row_name(model, number, row, file_ids), error
            break
    raise ImportFileError(
        f"{file_name}: {where} cannot be restored: {str(reason).splitlines()[0]}."
    ) from None


def _new_token_where_taken(
    rows: dict[type[models.Model], list[dict[str, Any]]], own_tokens: list[str]
) -> None:
    """A calendar address someone else has (the same backup restored into two accounts, or a
    forged one) is not taken over: the feed keeps the address the owner had (``own_tokens``,
    which their calendar may already follow), or gets a new secret."""
    from weakties.interop.models import CalendarFeed

    feeds = rows.get(CalendarFeed, [])
    tokens = {row["token"] for row in feeds}
    taken = set(CalendarFeed.objects.filter(token__in=tokens).values_list("token", flat=True))
    spare = list(own_tokens)
    for row in feeds:
        if row["token"] in taken:
            row["token"] = spare.pop(0) if spare else secrets.token_urlsafe(24)


@transaction.atomic
def backup_restore(*, owner: User, data: bytes, file_name: str) -> dict[str, int]:
    """Put a backup's rows back, for ``owner``, into a network that is empty.

    1. The whole file is checked first (what it is, its tables, every value, every reference
       between rows): a broken backup is refused with exit code 2, naming the table, row and
       field, before anything is written.
    2. Then the network must be empty and no id taken by someone else's rows (exit code 1,
       with the command that restores into a new data folder).
    3. Rows go in raw, parents first. Anything the database still refuses is named by row,
       and the transaction leaves the database as it was.
    """
    tables, made_by = _backup_tables(data, file_name)
    models_in_order = owned_models()
    rows = {
        model: _backup_rows(model, tables.get(_label(model)) or [], owner, file_name, made_by)
        for model, _ in models_in_order
    }
    _check_references(rows, file_name)
    _check_empty(owner, file_name)
    _lock_tables(rows)
    renumbered = _renumber(rows, _ids_taken(owner, models_in_order, rows))
    owners_tokens: list[str] = []
    for model, path in models_in_order:
        if _label(model) in REPLACED and rows[model]:
            # The backup's calendar feed (its token: the address calendars subscribe to) and
            # plan settings replace the user's; without them in the backup, the user's stay.
            replaced = model._default_manager.filter(**{path: owner})
            if _label(model) == "interop.calendarfeed":
                owners_tokens = list(replaced.values_list("token", flat=True))
            replaced.delete()
    _new_token_where_taken(rows, owners_tokens)
    counts: dict[str, int] = {}
    for model, _ in models_in_order:
        # Raw inserts: bulk_create would stamp auto_now fields with the time of the restore.
        columns = [f.attname for f in model._meta.concrete_fields]
        file_ids = {new: old for old, new in renumbered.get(model, {}).items()}
        _insert_naming_the_row(model, columns, rows[model], file_name, file_ids)
        counts[_label(model)] = len(rows[model])
    try:
        connection.check_constraints(table_names=[m._meta.db_table for m in rows])
    except IntegrityError as error:
        raise ImportFileError(
            f"{file_name}: the backup's rows do not fit together: {error}"
        ) from None
    # Renumbered tables took their ids from the counter already.
    _advance_sequences([m for m, objects in rows.items() if objects and m not in renumbered])
    return counts


LOCK_WAIT = "20s"  # how long a restore waits for other changes to the tables it fills


def _lock_tables(rows: dict[type[models.Model], list[dict[str, Any]]]) -> None:
    """On PostgreSQL, wait for other sessions writing to the tables the backup fills, and
    keep new writes out of them (reads go on) until the restore commits.

    Only then does "no row holds this id" mean the id is free: the counter (a sequence) is
    shared, and another user adding a contact may hold an id from it in a transaction not
    yet committed. Without the lock the restore could keep that id and one of the two fail.
    SQLite needs none of this: a restore holds its one write lock from its first statement.
    """
    if connection.vendor != "postgresql":
        return
    tables = [model._meta.db_table for model, objects in rows.items() if objects]
    if not tables:
        return
    names = ", ".join(map(connection.ops.quote_name, tables))
    with connection.cursor() as cursor:
        # Someone's long change, or two changes each waiting for the other (PostgreSQL ends
        # one of them), is a moment to try again, not a traceback.
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [LOCK_WAIT])
        try:
            cursor.execute(f"LOCK TABLE {names} IN SHARE ROW EXCLUSIVE MODE")
        except OperationalError:
            raise UserError(
                "restore: other changes to the database were being saved and did not finish "
                "in time; nothing was restored. Try again in a moment.",
                web="Other changes were being saved at the same moment and did not finish in "
                "time: nothing was restored. Try again in a moment.",
            ) from None


def _advance_sequences(tables: list[type[models.Model]]) -> None:
    """PostgreSQL's counters do not move when rows are given ids: point each past the
    restored rows, never back. Django's sequence reset set it to the table's highest id,
    which can be lower than ids already handed out (to rows since deleted), and giving one
    out again reuses, say, an old next step's calendar UID. (SQLite's AUTOINCREMENT counter
    follows the rows by itself, and never goes back.)"""
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in tables:
            table, column = model._meta.db_table, str(model._meta.pk.column)
            cursor.execute(
                "SELECT setval(sequence, GREATEST("
                f"(SELECT MAX({quote(column)}) FROM {quote(table)}), "
                "COALESCE(pg_sequence_last_value(sequence::regclass), 1))) "
                "FROM (SELECT pg_get_serial_sequence(%s, %s) AS sequence) AS found",
                [quote(table), column],
            )


def _missing_value(field: models.Field[Any, Any]) -> Any:
    """What a column a row does not have gets: its default, as in a backup made before the
    column existed (``_backup_rows`` refuses rows without a column that has none)."""
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if _stamped(field):
        return timezone.now() if isinstance(field, models.DateTimeField) else timezone.localdate()
    return field.get_default()  # "" for text that may be empty


def _insert_raw(model: type[models.Model], attnames: list[str], rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    fields = [cast("models.Field[Any, Any]", model._meta.get_field(name)) for name in attnames]
    quote = connection.ops.quote_name
    names = ", ".join(quote(str(f.column)) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})"
    params = [
        [
            f.get_db_prep_save(
                row[f.attname] if f.attname in row else _missing_value(f), connection
            )
            for f in fields
        ]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


class WriteError(UserError):
    """A file cannot be written where the user asked; nothing is written (exit code 2)."""

    exit_code = 2


def _why_not_written(target: Path, error: OSError) -> str:
    for folder in target.parents:
        if folder.exists():
            if not folder.is_dir():
                return f"{target}: {folder} is a file, not a folder."
            break
    return f"{target}: cannot be written ({error.strerror or error})."


def _part_file(target: Path) -> Path:
    """A new, empty file beside ``target`` (its folder made if missing), to be renamed onto it.

    Writing there and renaming means ``target`` is either the old file or the whole new one,
    never half of it.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for attempt in range(100):
            part = target.with_name(f".{target.name}.{os.getpid()}-{attempt}.part")
            try:
                os.close(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            except FileExistsError:
                continue
            return part
        raise FileExistsError(errno.EEXIST, "too many unfinished copies beside it")
    except OSError as error:
        raise WriteError(_why_not_written(target, error)) from None


def write_file(target: Path, data: bytes, *, example: str) -> None:
    """Write ``data`` to ``target`` whole or not at all; a missing folder is created.

    ``example`` is a file name to suggest when ``target`` is a folder.
    """
    if target.is_dir():
        raise WriteError(
            f"{target}: this is a folder; give a file name, such as {target / example}."
        )
    part = _part_file(target)
    try:
        part.write_bytes(data)
        os.replace(part, target)
    except OSError as error:
        part.unlink(missing_ok=True)
        raise WriteError(_why_not_written(target, error)) from None


def sqlite_backup(target: Path | None = None) -> Path:
    """A consistent copy of the live SQLite database (SQLite's online backup API)."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        raise UserError(
            "weakties backup copies SQLite databases; for PostgreSQL use pg_dump: "
            'pg_dump --format=custom --file=weakties.dump "$DATABASE_URL" (see docs/operating.md).'
        )
    if target is None or target.is_dir():
        # A name of our own choosing: never one that is taken (two backups in one second).
        folder = Path(settings.WEAKTIES_HOME) / "backups" if target is None else target
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = folder / f"weakties-{stamp}.sqlite3"
        number = 1
        while target.exists():
            number += 1
            target = folder / f"weakties-{stamp}-{number}.sqlite3"
    if target.exists():
        raise UserError(f"{target} already exists; choose a new file name.")
    part = _part_file(target)
    try:
        source = sqlite3.connect(str(database["NAME"]))
        try:
            destination = sqlite3.connect(str(part))
            try:
                source.backup(destination)
            finally:
                destination.close()
        finally:
            source.close()
        os.replace(part, target)
    except (OSError, sqlite3.Error) as error:
        part.unlink(missing_ok=True)
        reason = error.strerror if isinstance(error, OSError) else str(error)
        raise WriteError(f"{target}: cannot be written ({reason}).") from None
    return target
