"""Two processes writing to one SQLite file at once: both finish, nothing is lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

WRITER = """
import sys
from weakties import bootstrap
bootstrap.setup()
from weakties.accounts.services import local_user
from weakties.network import services
owner = local_user()
tag = sys.argv[1]
for i in range(40):
    person = services.contact_create(
        owner=owner, data=services.ContactData(name=f"{tag} {i}", organization="Shared Org")
    )
    services.interaction_log(owner=owner, participants=[person], summary="hello")
"""


def test_two_writers_at_once_on_sqlite_lose_nothing(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["WEAKTIES_HOME"] = str(tmp_path)
    # Create the database first, so the two writers race on rows, not on migrations.
    subprocess.run(
        [sys.executable, "-c", "from weakties import bootstrap; bootstrap.setup()"],
        env=env,
        check=True,
        cwd=REPO,
        timeout=120,
    )
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, name],
            env=env,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("left", "right")
    ]
    for writer in writers:
        _, errors = writer.communicate(timeout=120)
        assert writer.returncode == 0, errors
    import sqlite3

    database = sqlite3.connect(tmp_path / "weakties.sqlite3")
    assert database.execute("SELECT count(*) FROM network_contact").fetchone()[0] == 80
    assert database.execute("SELECT count(*) FROM network_interaction").fetchone()[0] == 80
    # Both writers asked for "Shared Org": it exists once.
    assert database.execute("SELECT count(*) FROM network_organization").fetchone()[0] == 1
