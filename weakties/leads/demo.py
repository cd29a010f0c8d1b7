"""The hidden job market's part of the demo network: target employers rated and annotated,
leads heard from demo contacts at every stage (with their history), two past events with the
people met there, and a membership of the product guild. Deterministic: the same demo network
and ``today`` give the same rows.

Rows are written directly, not through the services, because the services date-check against
the real clock while the demo is drawn around its own ``today``. The referral asked at
Northwind adds no next step: the network's demo report counts next steps exactly, and its
own follow-ups already fill the plan.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.models import User

from weakties.leads.models import Event, Lead, LeadStageChange, Membership
from weakties.network.models import Contact, ContactRole, Organization
from weakties.plan.models import Exchange

# (organisation, motivation, a note added to what the demo already knows about it)
TARGETS = [
    ("Northwind Health", 5, "Their virtual-care division reports to the COO: ask about budget."),
    ("Lumen Diagnostics", 4, "Series C money is going into the data platform first."),
    ("Cedar Valley Medical Center", 4, "Two nurses on the innovation unit read this blog."),
    ("Sunrise Home Care", 3, "Founders decide fast; a warm intro matters more than a CV."),
    ("Meridian Pharma", 2, "Big and slow to hire; data products sit under commercial."),
]

# (organisation, role, stages walked with days ago of each, posted, from someone there?)
LEADS: list[tuple[str, str, list[tuple[str, int]], bool, bool]] = [
    (
        "Northwind Health",
        "Senior Product Manager, Virtual Care",
        [("heard", 24), ("researching", 20), ("referral_asked", 12), ("applied", 9)],
        False,
        True,
    ),
    (
        "Lumen Diagnostics",
        "Product Lead, Data Platform",
        [("heard", 40), ("researching", 35), ("applied", 28), ("interviewing", 6)],
        True,
        True,
    ),
    (
        "Cedar Valley Medical Center",
        "Product Owner, Remote Monitoring",
        [("heard", 5)],
        False,
        True,
    ),
    (
        "Sunrise Home Care",
        "Head of Product",
        [("heard", 15), ("researching", 11)],
        False,
        False,
    ),
    (
        "Helix Analytics",
        "Product Manager, Insights",
        [("heard", 70), ("applied", 60), ("interviewing", 50), ("withdrawn", 44)],
        True,
        False,
    ),
    (
        "Meridian Pharma",
        "Data Product Manager",
        [("heard", 90), ("applied", 80), ("lost", 65)],
        True,
        True,
    ),
]

EVENTS = [
    # (name, kind, days ago, organiser, words in "how we met" that say it was there, how many)
    ("HealthTech Forward", Event.Kind.CONFERENCE, 175, "HealthTech Forward", "HealthTech", 8),
    ("Data & Donuts", Event.Kind.MEETUP, 21, "HealthTech Forward", "Data & Donuts", 5),
]


def _people_at(contacts: dict[str, Contact], organization: Organization | None) -> list[Contact]:
    if organization is None:
        return []
    people = [
        c
        for c in contacts.values()
        if c.organization_id == organization.pk and c.tie != Contact.Tie.NONE and not c.archived_at
    ]
    return sorted(people, key=lambda c: (c.tie != Contact.Tie.STRONG, -c.closeness, c.name))


def demo_extend(*, owner: User, today: date, contacts: dict[str, Contact]) -> list[str]:
    """Write the area's demo rows in a handful of bulk queries (the demo loads in one go)."""
    organizations = {org.name: org for org in Organization.objects.filter(owner=owner)}
    rated = []
    for name, motivation, note in TARGETS:
        org = organizations.get(name)
        if org is None:
            continue
        org.is_target, org.motivation = True, motivation
        if note not in org.insight:
            org.insight = "\n\n".join(part for part in (org.insight.strip(), note) if part)
        rated.append(org)
    Organization.objects.bulk_update(rated, ["is_target", "motivation", "insight"])

    leads: list[Lead] = []
    stages_of: list[list[tuple[str, int]]] = []
    exchanges: list[Exchange] = []
    referrers: list[Contact] = []
    for org_name, role, stages, posted, from_inside in LEADS:
        org = organizations.get(org_name)
        if org is None:
            continue
        people = _people_at(contacts, org)
        source = people[0] if from_inside and people else None
        referrer = None
        if source is not None and any(s == Lead.Stage.REFERRAL_ASKED for s, _ in stages):
            referrer = people[1] if len(people) > 1 else source
            referrers.append(referrer)
        last_stage, last_ago = stages[-1]
        heard_on = today - timedelta(days=stages[0][1])
        leads.append(
            Lead(
                owner=owner,
                organization=org,
                role=role,
                source=source,
                referrer=referrer,
                heard_on=heard_on,
                is_posted=posted,
                url=f"https://{org_name.split()[0].lower()}.example/careers" if posted else "",
                notes="" if posted else "Not posted yet: heard of it before the job boards.",
                stage=last_stage,
                stage_changed_on=today - timedelta(days=last_ago),
            )
        )
        stages_of.append(stages)
        if source is not None:
            exchanges.append(
                Exchange(
                    owner=owner,
                    contact=source,
                    direction=Exchange.Direction.GOT,
                    kind=Exchange.Kind.JOB_POSTING,
                    text=f"Told me about {role} at {org_name}",
                    occurred_on=heard_on,
                )
            )
    Lead.objects.bulk_create(leads)
    history = [
        LeadStageChange(
            lead=lead,
            from_stage=stages[index - 1][0] if index else "",
            to_stage=stage,
            changed_on=today - timedelta(days=ago),
        )
        for lead, stages in zip(leads, stages_of, strict=True)
        for index, (stage, ago) in enumerate(stages)
    ]
    LeadStageChange.objects.bulk_create(history)
    Exchange.objects.bulk_create(exchanges)
    ContactRole.objects.bulk_create(
        [ContactRole(contact=person, role=ContactRole.Role.REFERRER) for person in referrers],
        ignore_conflicts=True,
    )

    events = [
        Event(
            owner=owner,
            name=name,
            held_on=today - timedelta(days=ago),
            kind=kind,
            organizer=organizations.get(organizer),
            location="Chicago, IL",
        )
        for name, kind, ago, organizer, _, _ in EVENTS
    ]
    Event.objects.bulk_create(events)
    attendance = []
    for event, (_, _, _, _, words, count) in zip(events, EVENTS, strict=True):
        people = sorted(
            (c for c in contacts.values() if words.casefold() in c.how_met.casefold()),
            key=lambda c: (c.name, c.pk),
        )[:count]
        attendance += [
            Event.people_met.through(event_id=event.pk, contact_id=person.pk) for person in people
        ]
    Event.people_met.through.objects.bulk_create(attendance)

    phrases = [
        f"{len(rated)} target employers",
        f"{len(leads)} job leads",
        f"{len(events)} events with {len(attendance)} people met",
    ]
    guild = organizations.get("Digital Health Product Guild")
    if guild is not None:
        Membership.objects.bulk_create(
            [
                Membership(
                    owner=owner,
                    organization=guild,
                    since=today - timedelta(days=4 * 365),
                    role="events committee",
                )
            ],
            ignore_conflicts=True,  # ``demo --force`` next to a membership of one's own
        )
        phrases.append("1 association membership")
    return phrases
