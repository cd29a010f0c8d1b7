"""The plan's URLs with an object id, for ``tests/web/test_isolation.py``."""

from __future__ import annotations

from typing import Any

OBJECT_URLS: dict[str, dict[str, Any]] = {
    "reach_out_done": {"channel": "email", "summary": "Not mine"},
    "reach_out_skip": {},
    "reach_out_snooze": {"until": "in 2 weeks"},
    "draft": {},
    "draft_sent": {"subject": "Not mine"},
    "exchange_add": {"direction": "gave", "kind": "article", "text": "Not mine"},
}
