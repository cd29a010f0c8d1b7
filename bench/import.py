"""Benchmark: importing a 30,000-row LinkedIn ``Connections.csv``.

Generates a realistic file (the "Notes:" preamble, varied names and companies, 30% empty
emails), then times, in the same run:

1. the floor: ``sqlite3``'s own ``.import`` of the same file into a bare table (where the
   ``sqlite3`` shell is missing: Python's ``csv`` and ``executemany`` into the same table);
   and beside it the schema floor: the rows an import produced, inserted straight into
   weakties' own tables (see ``schema_floor``);
2. ``import_file`` inside one process (parse, match, write) into a freshly migrated database;
3. the second, idempotent run of the same file (everything matches, nothing is written);
4. the whole ``weakties import`` process into a fresh data folder (start-up and migrations
   included), and its second run;
5. the exports of the imported network: vCard, and the CSV tracker as a zip.

Prints medians of wall and CPU time and their ratios to the floor (CPU time is the steadier
figure on a busy machine).

    .venv/bin/python bench/import.py [--rows 30000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import compileall
import csv
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
FIRST = [
    "Ada",
    "Grace",
    "Sam",
    "Priya",
    "Wei",
    "Fatima",
    "Luis",
    "Noor",
    "Kofi",
    "Elena",
    "Hiro",
    "Maya",
    "Omar",
    "Inès",
    "Jonas",
    "Aisha",
    "Tom",
    "Lena",
    "Ravi",
    "Zoë",
    "José",
    "Ana",
    "Björn",
    "Chloé",
    "Dmitri",
    "Aiyana",
    "Mateus",
    "Søren",
    "Yuki",
    "Nadia",
    "Kwame",
    "Leila",
]
LAST = [
    "Smith",
    "Okafor",
    "Raman",
    "Chen",
    "Haddad",
    "García",
    "Kim",
    "Novak",
    "Mensah",
    "Rossi",
    "Tanaka",
    "Silva",
    "Ahmed",
    "Berg",
    "Kowalski",
    "Nguyen",
    "O'Brien",
    "Müller",
    "Dubois",
    "Jensen",
    "Ivanova",
    "Patel",
    "Costa",
    "Lindqvist",
    "Abebe",
    "Moreau",
]
WORDS = [
    "Analytical",
    "Northern",
    "Blue",
    "Civic",
    "Open",
    "Global",
    "Digital",
    "Green",
    "Quantum",
    "Bright",
    "Atlas",
    "Harbor",
    "Summit",
    "Vertex",
    "Pioneer",
    "Lumen",
    "Cedar",
    "Orbit",
    "Signal",
    "Maple",
]
SUFFIX = ["Inc", "GmbH", "Ltd", "Labs", "Group", "Partners", "Solutions", "Systems"]
TITLES = [
    "Software Engineer", "Senior Recruiter", "Product Manager", "Data Scientist",
    "Engineering Manager", "Talent Acquisition Partner", "Designer", "VP, Engineering",
    "Founder & CEO", "Account Executive", "Research Associate", "Consultant",
]  # fmt: skip
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def make_file(path: Path, rows: int) -> None:
    rng = random.Random(30_000)
    companies = [
        f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(SUFFIX)}" for _ in range(3_000)
    ] + ["", ""]
    lines = [PREAMBLE, "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"]
    for number in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        slug = f"{first}-{last}-{number:06d}".lower().replace("'", "")
        email = "" if rng.random() < 0.3 else f"{slug}@example.com"
        company = rng.choice(companies)
        title = rng.choice(TITLES)
        day = f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(2010, 2026)}"
        url = f"https://www.linkedin.com/in/{quote(slug)}"  # LinkedIn percent-encodes accents
        fields = [first, last, url, email, company, title, day]
        lines.append(",".join(f'"{f}"' if "," in f else f for f in fields) + "\n")
    path.write_text("".join(lines), encoding="utf-8")


class Clock:
    """Wall time and CPU time (ours and our child processes'), so a run on a busy machine
    still says how much work it was."""

    def __enter__(self) -> Clock:
        self.wall = time.perf_counter()
        self.cpu = self._cpu()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = self._cpu() - self.cpu

    @staticmethod
    def _cpu() -> float:
        me = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def sqlite_floor(csv_path: Path, work: Path) -> Clock:
    database = work / "floor.sqlite3"
    database.unlink(missing_ok=True)
    script = (
        "CREATE TABLE connections (first TEXT, last TEXT, url TEXT, email TEXT, company TEXT, "
        "position TEXT, connected TEXT);\n"
        f".import --csv --skip 4 {csv_path} connections\n"
    )
    if shutil.which("sqlite3") is None:  # no sqlite3 shell: csv + executemany, bare table
        with Clock() as clock:
            bare = sqlite3.connect(database)
            with bare, csv_path.open(newline="", encoding="utf-8") as handle:
                rows = csv.reader(handle)
                for _ in range(4):
                    next(rows)
                bare.execute(script.split(";")[0])
                bare.executemany("INSERT INTO connections VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            bare.close()
        return clock
    with Clock() as clock:
        subprocess.run(["sqlite3", str(database)], input=script, text=True, check=True)
    return clock


TABLES = ("auth_user", "network_organization", "network_contact", "network_contactpoint")


def schema_floor(imported: Path, template: Path, work: Path) -> Clock:
    """Writing the rows an import produced straight into weakties' own tables: the same
    organisations, contacts and contact points, read back from an imported database and
    inserted with ``executemany`` into a fresh copy of the empty schema (indexes built after
    the rows, WAL, one transaction), with no parsing or matching. What the schema alone
    costs, as the other floor is what a bare table costs."""
    source = sqlite3.connect(imported)
    rows = {table: source.execute(f'SELECT * FROM "{table}"').fetchall() for table in TABLES}
    source.close()
    database = work / "schema-floor.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    shutil.copy(template, database)
    with Clock() as clock:
        target = sqlite3.connect(database, isolation_level=None)
        target.execute("PRAGMA journal_mode = wal")
        target.execute("PRAGMA synchronous = normal")
        target.execute("PRAGMA foreign_keys = on")  # as Django's connection has it
        target.execute("BEGIN")
        indexes = target.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN (?, ?)",
            TABLES[2:],
        ).fetchall()
        for name, _ in indexes:
            target.execute(f'DROP INDEX "{name}"')
        for table in TABLES:
            if rows[table]:
                marks = ", ".join("?" * len(rows[table][0]))
                target.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows[table])
        for _, sql in indexes:
            target.execute(sql)
        target.execute("COMMIT")
        target.close()
    return clock


def medians(clocks: list[Clock]) -> tuple[float, float]:
    return (
        statistics.median(c.wall for c in clocks) * 1000,
        statistics.median(c.cpu for c in clocks) * 1000,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    # Our modules byte-compiled, as a user's installed copy has them (``make bytecode``): with
    # PYTHONDONTWRITEBYTECODE set, an editable install would compile them in every process.
    compileall.compile_dir(ROOT / "weakties", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="weakties-bench-import-"))
    os.environ["WEAKTIES_HOME"] = str(work / "home")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weakties.settings")
    sys.path.insert(0, str(ROOT))
    csv_path = work / "Connections.csv"
    make_file(csv_path, args.rows)
    size_mb = csv_path.stat().st_size / 1e6
    print(f"{args.rows:,} rows, {size_mb:.1f} MB, median of {args.repeat} runs")

    floor = [sqlite_floor(csv_path, work) for _ in range(args.repeat)]

    from weakties.bootstrap import setup

    setup()
    from django.db import connection

    from weakties.accounts.services import local_user
    from weakties.interop.services import import_file
    from weakties.network.models import Contact

    database = Path(connection.settings_dict["NAME"])
    connection.close()
    template = work / "migrated.sqlite3"
    shutil.copy(database, template)
    data = csv_path.read_bytes()

    first_runs, second_runs = [], []
    for _ in range(args.repeat):
        connection.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        shutil.copy(template, database)
        owner = local_user()
        with Clock() as first:
            report = import_file(owner=owner, data=data, file_name="Connections.csv")
        assert report.added == args.rows, report.to_dict()
        with Clock() as second:
            again = import_file(owner=owner, data=data, file_name="Connections.csv")
        assert (again.added, again.updated) == (0, 0), again.to_dict()
        first_runs.append(first)
        second_runs.append(second)
    assert Contact.objects.count() == args.rows
    from weakties.interop import exports

    vcard_runs, tracker_runs = [], []
    for _ in range(args.repeat):
        with Clock() as clock:
            cards = exports.vcard_export(user=owner)
        assert cards.count("BEGIN:VCARD") == args.rows
        vcard_runs.append(clock)
        with Clock() as clock:
            exports.csv_zip_bytes(user=owner)
        tracker_runs.append(clock)
    connection.close()
    imported = work / "imported.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{database}{suffix}").exists():
            shutil.copy(f"{database}{suffix}", f"{imported}{suffix}")
    schema = [schema_floor(imported, template, work) for _ in range(args.repeat)]

    weakties = str(Path(sys.executable).with_name("weakties"))
    process_first: list[Clock] = []
    process_second: list[Clock] = []
    for run in range(args.repeat):
        env = dict(os.environ, WEAKTIES_HOME=str(work / f"cli-{run}"))
        env.pop("DJANGO_SETTINGS_MODULE", None)
        for samples in (process_first, process_second):
            with Clock() as clock:
                subprocess.run(
                    [weakties, "import", str(csv_path), "--json"],
                    env=env,
                    check=True,
                    capture_output=True,
                )
            samples.append(clock)

    floor_wall, floor_cpu = medians(floor)
    rows = [
        (
            "sqlite3 .import into a bare table (floor)"
            if shutil.which("sqlite3")
            else "csv + executemany into a bare table (floor)",
            floor,
        ),
        ("the same rows into weakties' tables (schema floor)", schema),
        ("import_file in one process (parse, match, write)", first_runs),
        ("  second run of the same file (idempotent)", second_runs),
        ("weakties import, whole process, fresh data folder", process_first),
        ("  second run, whole process", process_second),
        ("export: every contact as vCard", vcard_runs),
        ("export: the CSV tracker (zip)", tracker_runs),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"{'':<{width}}  {'wall':>8}  {'ratio':>6}  {'CPU':>8}  {'ratio':>6}")
    for name, clocks in rows:
        wall, cpu = medians(clocks)
        print(
            f"{name:<{width}}  {wall:6.0f} ms  {wall / floor_wall:5.1f}×  "
            f"{cpu:6.0f} ms  {cpu / floor_cpu:5.1f}×"
        )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
