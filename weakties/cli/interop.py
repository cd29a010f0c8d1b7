"""Commands of the Import and export area: import, imports, export, restore, backup.

The printing of these commands lives here too (``cli/output.py`` is shared by every area).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from django.utils import timezone
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from weakties.cli import output
from weakties.cli.options import epilog, json_option, network_owner

IMPORT_KINDS = ("linkedin", "google", "outlook", "vcard")
EXPORT_KINDS = ("vcard", "csv", "json", "ics")
EXPORT_NAMES = {"vcard": "contacts.vcf", "json": "weakties-backup.json", "ics": "next-steps.ics"}
PROGRESS_FROM_BYTES = 1_000_000
SKIPPED_SHOWN = 20


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise click.UsageError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise click.UsageError(f"{path} is a folder; give the file inside it.") from None
    except OSError as error:
        raise click.UsageError(f"{path}: cannot be read ({error.strerror}).") from None


@contextmanager
def _progress(size: int, quiet: bool) -> Iterator[Callable[[int, int, str], None] | None]:
    """A progress bar on stderr for large files on a terminal; nothing otherwise."""
    console = Console(stderr=True)
    if quiet or size < PROGRESS_FROM_BYTES or not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("Reading", total=1)

        def update(line: int, total: int, phase: str) -> None:
            bar.update(task, completed=line, total=total, description=phase)

        yield update


def _print_report(report: Any) -> None:
    console = output.console()
    what = "conversation" if report.interactions else "contact"
    verb = "Would import" if report.dry_run else "Imported"
    from weakties.interop.models import ImportRecord

    label = ImportRecord.Kind(report.kind).label
    console.print(f"[bold]{verb}[/] {escape(report.file_name)} ({label}):")
    console.print(f"  added:     {report.added:,} {what}{'' if report.added == 1 else 's'}")
    console.print(f"  updated:   {report.updated:,}")
    console.print(f"  unchanged: {report.unchanged:,}")
    console.print(f"  skipped:   {len(report.skipped):,}")
    for skipped in report.skipped[:SKIPPED_SHOWN]:
        console.print(f"    line {skipped.line}: {escape(skipped.reason)}")
    if len(report.skipped) > SKIPPED_SHOWN:
        console.print(f"    … and {len(report.skipped) - SKIPPED_SHOWN:,} more (see --json)")
    for warning in report.warnings[:SKIPPED_SHOWN]:
        console.print(f"  [yellow]warning:[/] {escape(warning)}")
    if len(report.warnings) > SKIPPED_SHOWN:
        console.print(f"  … and {len(report.warnings) - SKIPPED_SHOWN:,} more warnings")
    if report.dry_run:
        console.print("[dim]Dry run: nothing was written. Run again without --dry-run.[/]")


@click.command(
    "import",
    epilog=epilog(
        "weakties import ~/Downloads/Connections.csv",
        "weakties import linkedin messages.csv --dry-run",
        "weakties import vcard contacts.vcf --json",
    ),
)
@click.argument("kind_or_file", metavar="[KIND] FILE")
@click.argument("file", required=False, metavar="")
@click.option("--dry-run", is_flag=True, help="Show what would change, and write nothing.")
@json_option
def import_command(kind_or_file: str, file: str | None, dry_run: bool, as_json: bool) -> None:
    """Import people from a file: LinkedIn, Google Contacts, Outlook or vCard.

    KIND is linkedin, google, outlook or vcard, and may be left out: weakties tells from the
    file. LinkedIn's Connections.csv adds people; its messages.csv and Invitations.csv log
    conversations with the people already imported. Running the same file again changes
    nothing; a file that cannot be read writes nothing and exits with code 2.
    """
    if file is None:
        kind, path = None, kind_or_file
    else:
        kind, path = kind_or_file.lower(), file
        if kind not in IMPORT_KINDS:
            raise click.BadParameter(
                f"{kind_or_file!r} is not one of {', '.join(IMPORT_KINDS)}.", param_hint="KIND"
            )
    data = _read(path)
    owner = network_owner()
    from weakties.interop.services import import_file

    with _progress(len(data), as_json) as progress:
        report = import_file(
            owner=owner,
            data=data,
            file_name=path,
            kind=kind,
            dry_run=dry_run,
            progress=progress,
        )
    if as_json:
        output.print_json(report.to_dict())
    else:
        _print_report(report)


@click.command(epilog=epilog("weakties imports", "weakties imports --json"))
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True, metavar="N")
@json_option
def imports(limit: int, as_json: bool) -> None:
    """List the imports you ran, newest first: file, kind, counts and when."""
    from weakties.interop.selectors import import_list

    rows = list(import_list(user=network_owner())[:limit])
    if as_json:
        output.print_json(
            [
                {
                    "id": row.pk,
                    "file": row.file_name,
                    "kind": row.kind,
                    "sha256": row.sha256,
                    "added": row.added,
                    "updated": row.updated,
                    "unchanged": row.unchanged,
                    "skipped": row.skipped,
                    "warnings": row.warnings,
                    "imported_at": row.imported_at.isoformat(),
                }
                for row in rows
            ]
        )
        return
    console = output.console()
    if not rows:
        console.print("No imports yet. Try: weakties import ~/Downloads/Connections.csv")
        return
    # Two lines a row (the day above the time, the file above its kind) and a file column that
    # folds, so at 80 columns every file name is whole and every count shown.
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("When", no_wrap=True)
    table.add_column("File", overflow="fold", ratio=1)
    for column in ("Added", "Updated", "Unchanged", "Skipped", "Warnings"):
        table.add_column(column, justify="right", no_wrap=True)
    for row in rows:
        table.add_row(
            timezone.localtime(row.imported_at).strftime("%Y-%m-%d\n[dim]%H:%M[/]"),
            f"{escape(row.file_name)}\n[dim]{escape(row.get_kind_display())}[/]",
            f"{row.added:,}",
            f"{row.updated:,}",
            f"{row.unchanged:,}",
            f"{row.skipped:,}",
            f"{row.warnings:,}",
        )
    console.print(table)


@click.command(
    epilog=epilog(
        "weakties export vcard --out contacts.vcf",
        "weakties export csv --out tracker.zip",
        "weakties export json --out backup.json",
        "weakties export ics > next-steps.ics",
    )
)
@click.argument("kind", type=click.Choice(EXPORT_KINDS, case_sensitive=False))
@click.option(
    "--out",
    metavar="PATH",
    help="Where to write (csv: a .zip file or a folder). Default: standard output; for csv "
    "weakties-tracker-DATE.zip here.",
)
@json_option
def export(kind: str, out: str | None, as_json: bool) -> None:
    """Take your data out: vCard 4.0, the tracker as CSV tables, a JSON backup, or iCalendar.

    The JSON backup holds everything of yours and goes back in with weakties restore.
    """
    from weakties.dates import local_today
    from weakties.interop import exports

    owner = network_owner()
    kind = kind.lower()
    today = local_today()
    if kind == "csv":
        target = Path(out or f"weakties-tracker-{today.isoformat()}.zip")
        counts = exports.csv_write(user=owner, target=target)
        summary: dict[str, Any] = {"kind": kind, "path": str(target), "tables": counts}
    else:
        text = {
            "vcard": lambda: exports.vcard_export(user=owner),
            "json": lambda: exports.json_text(user=owner),
            "ics": lambda: exports.ics_export(user=owner, today=today),
        }[kind]()
        if out is None:
            click.echo(text, nl=False)
            return
        data = text.encode("utf-8")
        exports.write_file(Path(out), data, example=EXPORT_NAMES[kind])
        summary = {"kind": kind, "path": out, "bytes": len(data)}
    if as_json:
        output.print_json(summary)
    else:
        output.message(f"Wrote {escape(summary['path'])}")


@click.command(epilog=epilog("weakties restore weakties-backup.json"))
@click.argument("file", type=click.Path(dir_okay=False))
@json_option
def restore(file: str, as_json: bool) -> None:
    """Bring back a JSON backup (weakties export json) into an empty network."""
    from weakties.interop.backup import backup_restore

    data = _read(file)
    counts = backup_restore(owner=network_owner(), data=data, file_name=Path(file).name)
    if as_json:
        output.print_json({"restored": counts})
        return
    total = sum(counts.values())
    output.message(f"Restored {total:,} rows from {escape(file)}:")
    for table, count in counts.items():
        if count:
            output.message(f"  {escape(table)}: {count:,}")


@click.command(epilog=epilog("weakties backup", "weakties backup ~/weakties-copy.sqlite3"))
@click.argument("path", required=False, type=click.Path(dir_okay=True))
@json_option
def backup(path: str | None, as_json: bool) -> None:
    """Copy the SQLite database safely, even while weakties runs (online backup).

    Without PATH the copy goes to backups/ in the data folder. On PostgreSQL, use pg_dump
    (see docs/operating.md).
    """
    from weakties.interop.backup import sqlite_backup

    network_owner()
    target = sqlite_backup(Path(path) if path else None)
    if as_json:
        output.print_json({"path": str(target), "bytes": target.stat().st_size})
    else:
        output.message(f"Copied the database to {escape(str(target))}")


COMMANDS: list[click.Command] = [import_command, imports, export, restore, backup]
