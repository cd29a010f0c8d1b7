"""Import/export URLs for ``tests/web/test_isolation.py``.

None of this area's signed-in pages take an object id (each acts on the signed-in user's own
data); the calendar feed is reachable without a session, by its secret token. A restore
(``export/restore/``) only ever writes the signed-in user's rows: tests/interop/test_web.py and
test_exports.py restore one user's backup into another account and check the first is untouched.
"""

from __future__ import annotations

from typing import Any

OBJECT_URLS: dict[str, dict[str, Any]] = {}
OWNER_OBJECTS: dict[str, Any] = {}
EXEMPT = {
    "calendar_feed": (
        "a secret, revocable calendar URL for subscriptions (no session); "
        "tests/interop/test_calendar.py proves a wrong or revoked token is 404 and a token "
        "shows only its own user's events"
    ),
}
