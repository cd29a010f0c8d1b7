"""Benchmark: listing, filtering and searching a large network.

Builds a deterministic network of 30,000 contacts and 300,000 interactions in a fresh SQLite
file, then times the domain functions the CLI and web UI call against the bare SQL query that
answers the same question (the baseline, measured in the same run). Prints medians and ratios.

    .venv/bin/python bench/contacts.py [--contacts 30000] [--interactions 300000]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta

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
    "Ines",
    "Jonas",
    "Aisha",
    "Tom",
    "Lena",
    "Ravi",
    "Zoe",
]
LAST = [
    "Smith",
    "Okafor",
    "Raman",
    "Chen",
    "Haddad",
    "Garcia",
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
    "Dubois",
    "Patel",
]


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def build(n_contacts: int, n_interactions: int, today: date) -> None:
    from weakties.accounts.services import local_user
    from weakties.network.models import Contact, Interaction, Organization
    from weakties.network.services import contacts_refresh_last_contacted

    rng = random.Random(7)
    owner = local_user()
    orgs = Organization.objects.bulk_create(
        Organization(owner=owner, name=f"Organisation {i}") for i in range(300)
    )
    Contact.objects.bulk_create(
        (
            Contact(
                owner=owner,
                name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}",
                title=rng.choice(["Nurse", "Engineer", "Recruiter", "Director", "Analyst"]),
                organization=rng.choice(orgs),
                tie=rng.choice(["weak", "weak", "weak", "strong"]),
                added_on=today - timedelta(days=rng.randint(0, 2000)),
            )
            for i in range(n_contacts)
        ),
        batch_size=5000,
    )
    ids = list(Contact.objects.filter(owner=owner).values_list("id", flat=True))
    interactions = Interaction.objects.bulk_create(
        (
            Interaction(
                owner=owner,
                summary="Catch-up",
                occurred_on=today - timedelta(days=rng.randint(0, 730)),
            )
            for _ in range(n_interactions)
        ),
        batch_size=5000,
    )
    through = Interaction.participants.through
    through.objects.bulk_create(
        (through(interaction_id=i.pk, contact_id=rng.choice(ids)) for i in interactions),
        batch_size=10000,
    )
    contacts_refresh_last_contacted(owner=owner)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--interactions", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    os.environ["WEAKTIES_HOME"] = tempfile.mkdtemp(prefix="weakties-bench-")
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from weakties import bootstrap

    bootstrap.setup()
    from django.db import connection

    from weakties.accounts.services import local_user
    from weakties.network import selectors
    from weakties.network.serialize import contact_dicts

    today = date(2026, 3, 16)
    start = time.perf_counter()
    build(args.contacts, args.interactions, today)
    print(
        f"built {args.contacts:,} contacts and {args.interactions:,} interactions "
        f"in {time.perf_counter() - start:.1f} s (SQLite, {connection.settings_dict['NAME']})"
    )
    owner = local_user()
    cutoff = (today - timedelta(days=90)).isoformat()

    def sql(query: str, params: list[object]) -> list[tuple[object, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            return cursor.fetchall()

    cases = [
        (
            "dormant 90 days, as dicts",
            lambda: contact_dicts(selectors.contact_list(user=owner, dormant_days=90, today=today)),
            lambda: sql(
                "SELECT c.id, c.name, MAX(i.occurred_on) AS last FROM network_contact c "
                "LEFT JOIN network_interaction_participants p ON p.contact_id = c.id "
                "LEFT JOIN network_interaction i ON i.id = p.interaction_id "
                "WHERE c.owner_id = %s GROUP BY c.id "
                "HAVING last <= %s OR (last IS NULL AND c.added_on <= %s)",
                [owner.pk, cutoff, cutoff],
            ),
        ),
        (
            "search 'priya nurse', first 50",
            lambda: contact_dicts(selectors.contact_list(user=owner, search="priya nurse")[:50]),
            lambda: sql(
                "SELECT id, name FROM network_contact WHERE owner_id = %s "
                "AND name LIKE %s AND title LIKE %s ORDER BY name LIMIT 50",
                [owner.pk, "%priya%", "%nurse%"],
            ),
        ),
        (
            "resolve 'Wei Chen 12345'",
            lambda: (
                selectors.contact_resolve(user=owner, query="Wei Chen 12345")
                if selectors.contacts_for(owner).filter(name="Wei Chen 12345").exists()
                else None
            ),
            lambda: sql(
                "SELECT id FROM network_contact WHERE owner_id = %s AND lower(name) = %s",
                [owner.pk, "wei chen 12345"],
            ),
        ),
    ]
    print(f"{'query':32} {'weakties':>12} {'bare SQL':>12} {'ratio':>8}")
    for label, ours, baseline in cases:
        ours()
        baseline()
        ours_ms = median_ms(ours, args.repeat)
        base_ms = median_ms(baseline, args.repeat)
        print(f"{label:32} {ours_ms:10.1f}ms {base_ms:10.1f}ms {ours_ms / base_ms:7.1f}×")


if __name__ == "__main__":
    main()
