"""The demo network shows the hidden job market at work, the same way every time."""

from __future__ import annotations

import pytest

from tests.conftest import TODAY
from weakties.leads import selectors
from weakties.leads.models import Event, Lead, Membership
from weakties.network.demo import demo_load
from weakties.plan.models import Exchange

pytestmark = pytest.mark.django_db


def _picture(user):
    leads = [
        (
            lead.organization.name,
            lead.role,
            lead.stage,
            lead.source.name if lead.source else None,
            [(h.to_stage, h.changed_on) for h in lead.history.all()],
        )
        for lead in Lead.objects.filter(owner=user).order_by("role")
    ]
    events = [
        (e.name, e.held_on, sorted(p.name for p in e.people_met.all()))
        for e in Event.objects.filter(owner=user).order_by("name")
    ]
    targets = [(t.organization.name, t.rank) for t in selectors.target_list(user=user)]
    return leads, events, targets


def test_the_demo_has_targets_leads_at_every_stage_events_and_a_membership(owner):
    report = demo_load(owner=owner, today=TODAY)

    leads, events, targets = _picture(owner)
    assert {"5 target employers", "6 job leads", "1 association membership"} <= set(report.extras)
    assert targets[0] == ("Northwind Health", 1)
    assert {stage for _, _, stage, _, _ in leads} >= {
        "heard",
        "researching",
        "applied",
        "interviewing",
        "lost",
        "withdrawn",
    }
    assert all(len(history) >= 1 for *_, history in leads)
    assert all(people for _, held_on, people in events) and all(e[1] < TODAY for e in events)
    assert Membership.objects.get(owner=owner).role == "events committee"
    told = [source for _, _, _, source, _ in leads if source]
    assert Exchange.objects.filter(owner=owner, kind="job_posting").count() >= len(told)


def test_the_demo_is_the_same_every_time(owner, stranger):
    demo_load(owner=owner, today=TODAY)
    demo_load(owner=stranger, today=TODAY)

    assert _picture(owner) == _picture(stranger)
