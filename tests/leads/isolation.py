"""The hidden-job-market pages with an object id, for ``tests/web/test_isolation.py``."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.conftest import TODAY


def _lead(network: dict[str, Any]) -> int:
    from weakties.leads import services

    owner = network["ada"].owner
    lead = services.lead_add(
        owner=owner, organization="Analytical Engines", role="Data lead", source=network["ada"]
    )
    return lead.pk


def _event(network: dict[str, Any]) -> int:
    from weakties.leads import services

    event = services.event_create(
        owner=network["ada"].owner,
        name="Ada's PyCon",
        held_on=TODAY - timedelta(days=3),
        kind="conference",
    )
    return event.pk


OBJECT_URLS: dict[str, dict[str, Any]] = {
    "lead": {},
    "lead_move": {"stage": "applied"},
    "organization": {},
    "organization_target": {"is_target": "on", "motivation": "5", "note": "Not mine"},
    "organization_membership": {"since": "2020-01-01", "role": "chair"},
    "event": {},
    "event_met": {"name_0": "Somebody New", "note": "Not mine"},
}

OWNER_OBJECTS = {
    "lead_id": _lead,
    "organization_id": lambda network: network["ada"].organization_id,
    "event_id": _event,
}
