"""Benchmark: the daily plan (``weakties today``) on a large network.

Builds a deterministic network in a fresh SQLite file with bulk inserts (``executemany``):
30,000 contacts (weak and strong ties, some not met yet, some archived, mentors, a focus tag,
target organisations), 300,000 interactions, 20,000 next steps and 10,000 ledger entries. Then
times, in the same run:

- the domain function ``plan.selectors.today_plan`` (and its ranking alone),
- the whole ``weakties today`` command as a new process (start-up included), next to
  ``weakties --version`` as a process that does nothing,
- the baseline: the bare SQL query that finds the dormant contacts (no ranking, no reasons),

and prints medians and ratios, and the number of queries the domain function makes (which must
not grow with the network: ``tests/plan/test_today.py`` asserts it on two network sizes).

    .venv/bin/python bench/today.py [--contacts 30000] [--interactions 300000] [--steps 20000]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

TODAY = date(2026, 3, 16)
NAMES = ["Ada", "Grace", "Sam", "Priya", "Wei", "Fatima", "Luis", "Noor", "Kofi", "Elena"]
SURNAMES = ["Smith", "Okafor", "Raman", "Chen", "Haddad", "Garcia", "Kim", "Novak", "Patel"]


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def build(owner_id: int, n_contacts: int, n_interactions: int, n_steps: int) -> None:
    """Bulk-insert the network with raw ``executemany`` (deterministic: one seeded RNG)."""
    from django.db import connection, transaction

    rng = random.Random(3)
    now = datetime(2026, 3, 16, 9, tzinfo=UTC).isoformat()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO network_organization (owner_id, name, kind, is_target, insight, "
            "website, motivation, created_at) VALUES (%s, %s, 'employer', %s, '', '', NULL, %s)",
            [(owner_id, f"Organisation {i}", i % 25 == 0, now) for i in range(400)],
        )
        orgs = [row[0] for row in cursor.execute("SELECT id FROM network_organization")]
        cursor.executemany(
            "INSERT INTO network_tag (owner_id, name, is_focus) VALUES (%s, %s, %s)",
            [(owner_id, f"tag {i}", i == 0) for i in range(20)],
        )
        tags = [row[0] for row in cursor.execute("SELECT id FROM network_tag ORDER BY id")]
        rows = []
        for i in range(n_contacts):
            first, last = rng.choice(NAMES), rng.choice(SURNAMES)
            tie = rng.choices(["weak", "strong", "none"], [70, 25, 5])[0]
            added = TODAY - timedelta(days=rng.randint(0, 2500))
            rows.append(
                (
                    owner_id,
                    f"{first} {last} {i}",
                    first,
                    last,
                    rng.choice(orgs) if rng.random() < 0.9 else None,
                    tie,
                    rng.randint(1, 5),
                    rng.choice(["", "", "peer", "senior", "executive"]),
                    added.isoformat(),
                    now if rng.random() < 0.02 else None,
                    now,
                    now,
                )
            )
        cursor.executemany(
            "INSERT INTO network_contact (owner_id, name, first_name, last_name, title, "
            "organization_id, industry, location, how_met, tie, closeness, level, notes, source, "
            "added_on, archived_at, created_at, updated_at) VALUES (%s, %s, %s, %s, '', %s, '', "
            "'', '', %s, %s, %s, '', 'manual', %s, %s, %s, %s)",
            rows,
        )
        ids = [row[0] for row in cursor.execute("SELECT id FROM network_contact ORDER BY id")]
        cursor.executemany(
            "INSERT INTO network_contact_tags (contact_id, tag_id) VALUES (%s, %s)",
            [(cid, rng.choice(tags)) for cid in ids if rng.random() < 0.3],
        )
        cursor.executemany(
            "INSERT INTO network_contactrole (contact_id, role) VALUES (%s, 'mentor')",
            [(cid,) for cid in ids if rng.random() < 0.01],
        )
        cursor.executemany(
            "INSERT INTO network_interaction (owner_id, occurred_on, channel, direction, "
            "summary, created_at) VALUES (%s, %s, 'call', %s, 'Catch-up', %s)",
            [
                (
                    owner_id,
                    (
                        TODAY - timedelta(days=min(rng.randint(0, 730), rng.randint(0, 730)))
                    ).isoformat(),
                    rng.choice(["out", "out", "in", "both"]),
                    now,
                )
                for _ in range(n_interactions)
            ],
        )
        interactions = [row[0] for row in cursor.execute("SELECT id FROM network_interaction")]
        cursor.executemany(
            "INSERT INTO network_interaction_participants (interaction_id, contact_id) "
            "VALUES (%s, %s)",
            [(iid, rng.choice(ids)) for iid in interactions],
        )
        cursor.executemany(
            "INSERT INTO network_nextstep (owner_id, text, mine, due, done_on, contact_id, "
            "interaction_id, created_at) VALUES (%s, %s, %s, %s, %s, %s, NULL, %s)",
            [
                (
                    owner_id,
                    f"Follow up {n}",
                    rng.random() < 0.7,
                    (TODAY + timedelta(days=rng.randint(-60, 60))).isoformat(),
                    (TODAY - timedelta(days=rng.randint(1, 60))).isoformat()
                    if rng.random() < 0.8
                    else None,
                    rng.choice(ids),
                    now,
                )
                for n in range(n_steps)
            ],
        )
        cursor.executemany(
            "INSERT INTO plan_exchange (owner_id, contact_id, direction, kind, text, "
            "occurred_on, created_at) VALUES (%s, %s, %s, 'advice', 'Advice', %s, %s)",
            [
                (
                    owner_id,
                    rng.choice(ids),
                    rng.choice(["gave", "got", "got"]),
                    (TODAY - timedelta(days=rng.randint(1, 700))).isoformat(),
                    now,
                )
                for _ in range(n_contacts // 3)
            ],
        )
    from weakties.accounts.services import local_user
    from weakties.network.services import contacts_refresh_last_contacted

    contacts_refresh_last_contacted(owner=local_user())


def count_queries(fn: Callable[[], object]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--interactions", type=int, default=300_000)
    parser.add_argument("--steps", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="weakties-bench-today-")
    os.environ["WEAKTIES_HOME"] = home
    os.environ["WEAKTIES_TODAY"] = TODAY.isoformat()
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from weakties import bootstrap

    bootstrap.setup()
    from django.db import connection

    from weakties.accounts.services import local_user
    from weakties.plan import selectors
    from weakties.plan.serialize import today_to_dict

    owner = local_user()
    start = time.perf_counter()
    build(owner.pk, args.contacts, args.interactions, args.steps)
    print(
        f"built {args.contacts:,} contacts, {args.interactions:,} interactions, "
        f"{args.steps:,} next steps in {time.perf_counter() - start:.1f} s "
        f"(SQLite, {connection.settings_dict['NAME']})"
    )
    selectors.plan_settings_for(owner)
    from weakties.plan.services import plan_settings_update

    plan_settings_update(owner=owner, daily_count=3)
    cutoff = (TODAY - timedelta(days=90)).isoformat()

    def dormant_sql() -> list[tuple[object, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, name, last_contacted FROM network_contact WHERE owner_id = %s "
                "AND archived_at IS NULL AND tie != 'none' "
                "AND (last_contacted IS NULL OR last_contacted <= %s)",
                [owner.pk, cutoff],
            )
            return cursor.fetchall()

    def plan() -> object:
        return today_to_dict(selectors.today_plan(user=owner, day=TODAY))

    def ranking() -> object:
        return selectors.reach_out_suggestions(user=owner, day=TODAY)

    dormant = len(dormant_sql())
    queries = count_queries(plan)
    for warm in (plan, ranking, dormant_sql):
        warm()
    plan_ms = median_ms(plan, args.repeat)
    rank_ms = median_ms(ranking, args.repeat)
    base_ms = median_ms(dormant_sql, args.repeat)

    env = os.environ | {"WEAKTIES_HOME": home}

    def process(*argv: str) -> Callable[[], object]:
        return lambda: subprocess.run(
            [sys.executable, "-m", "weakties", *argv],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    process("today")()
    cli_ms = median_ms(process("today"), max(3, args.repeat // 2))
    json_ms = median_ms(process("today", "--json"), max(3, args.repeat // 2))
    idle_ms = median_ms(process("--version"), max(3, args.repeat // 2))

    print(f"dormant contacts (≥ 90 days or never): {dormant:,}; today_plan: {queries} queries")
    print(f"{'measure':50} {'time':>10} {'vs bare SQL':>12}")
    rows = [
        ("today_plan (domain, 3 suggestions + steps + week)", plan_ms),
        ("reach_out_suggestions (ranking alone)", rank_ms),
        ("bare SQL: the dormant contacts (baseline)", base_ms),
        ("`weakties today` process", cli_ms),
        ("`weakties today --json` process", json_ms),
        ("`weakties --version` process (start-up only)", idle_ms),
    ]
    for label, ms in rows:
        print(f"{label:50} {ms:8.1f}ms {ms / base_ms:11.1f}×")
    print(
        f"`weakties today` beyond start-up: {cli_ms - idle_ms:.0f} ms; "
        f"domain / baseline: {plan_ms / base_ms:.1f}×"
    )


if __name__ == "__main__":
    main()
