"""The demo network: what a new user sees after `weakties demo`."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections import Counter
from datetime import timedelta

import pytest
from django.db.models import Count, F, Q

from weakties.errors import UserError
from weakties.network import selectors
from weakties.network.demo import demo_load
from weakties.network.models import (
    Contact,
    ContactLink,
    ContactPoint,
    ContactRole,
    HelpIdea,
    Interaction,
    Memory,
    NextStep,
    Organization,
    Tag,
)
from weakties.network.services import classify_point

Participant = Interaction.participants.through


def _fingerprint(user):
    """Everything a person would read in the network, without ids."""
    contacts = [
        (
            c.name,
            c.organization.name if c.organization else None,
            c.title,
            c.tie,
            c.closeness,
            c.added_on,
            c.how_met,
            c.last_contacted,
            [p.value for p in c.points.all()],
            [t.name for t in c.tags.all()],
            [r.role for r in c.roles.all()],
        )
        for c in selectors.contact_list(user=user).order_by("name", "added_on", "title")
    ]
    # Sorted in Python on every field: two conversations may share a day and a summary, and
    # the databases need not return such ties in the same order.
    conversations = sorted(
        (
            i.occurred_on,
            i.channel,
            i.direction,
            i.summary,
            tuple(sorted(p.name for p in i.participants.all())),
        )
        for i in Interaction.objects.filter(owner=user).prefetch_related("participants")
    )
    steps = sorted(
        NextStep.objects.filter(owner=user).values_list(
            "text", "mine", "due", "done_on", "contact__name", "interaction__summary"
        ),
        key=repr,
    )
    organizations = list(
        Organization.objects.filter(owner=user).values_list("name", "kind", "is_target", "insight")
    )
    return contacts, conversations, steps, organizations


def test_demo_loads_about_300_people_with_two_years_of_conversations(owner, today):
    report = demo_load(owner=owner, today=today)

    contacts = Contact.objects.filter(owner=owner)
    assert 280 <= report.contacts == contacts.count() <= 320
    assert 15 <= report.organizations == Organization.objects.filter(owner=owner).count() <= 25
    assert 5 <= report.tags == Tag.objects.filter(owner=owner).count()
    assert 400 <= report.links == ContactLink.objects.filter(owner=owner).count() <= 600
    interactions = Interaction.objects.filter(owner=owner)
    assert 1500 <= report.interactions == interactions.count() <= 4000
    assert report.next_steps == NextStep.objects.filter(owner=owner).count() > 500
    assert set(contacts.values_list("source", flat=True)) == {Contact.Source.DEMO}
    oldest_added = min(contacts.values_list("added_on", flat=True))
    assert oldest_added < today - timedelta(days=5 * 365)
    assert min(interactions.values_list("occurred_on", flat=True)) >= today - timedelta(days=730)
    group_talks = interactions.annotate(people=Count("participants")).filter(people__gte=2)
    assert group_talks.count() >= report.interactions // 10
    last_year = interactions.filter(occurred_on__gt=today - timedelta(days=365)).count()
    assert last_year > report.interactions - last_year  # busier recently than a year ago
    channels = set(interactions.values_list("channel", flat=True))
    assert {"call", "email", "coffee", "video", "message", "event", "meeting"} <= channels


def test_demo_people_look_like_a_real_network(owner, today):
    demo_load(owner=owner, today=today)

    contacts = list(selectors.contact_list(user=owner, today=today))
    assert len({c.name for c in contacts}) == len(contacts)
    assert len({c.location for c in contacts}) >= 10
    assert len({c.industry for c in contacts}) >= 10
    assert all(c.title and c.how_met for c in contacts)
    assert any(not c.name.isascii() for c in contacts)  # names from many languages
    with_email = [c for c in contacts if any(p.kind == "email" for p in c.points.all())]
    assert len(with_email) > len(contacts) * 0.8
    assert any(p.kind == "phone" for c in contacts for p in c.points.all())
    levels = Counter(c.level for c in contacts)
    assert {"junior", "peer", "senior", "executive"} <= set(levels)
    assert set(Counter(c.closeness for c in contacts)) == {1, 2, 3, 4, 5}
    roles = set(ContactRole.objects.filter(contact__owner=owner).values_list("role", flat=True))
    assert roles == set(ContactRole.Role.values)
    assert Memory.objects.filter(contact__owner=owner).count() >= 30
    assert HelpIdea.objects.filter(contact__owner=owner).count() >= 30
    assert Contact.objects.filter(owner=owner).exclude(notes="").count() >= 10


def test_demo_shows_the_advice_of_the_product(owner, today):
    demo_load(owner=owner, today=today)

    counts = selectors.network_counts(user=owner)
    assert counts["weak"] > 3 * counts["strong"] > 0

    dormant = selectors.contact_list(user=owner, dormant_days=90, today=today)
    silent = [c for c in dormant if c.last_contacted is not None]
    assert len(silent) >= 30
    assert any(90 <= (today - c.last_contacted).days <= 365 for c in silent)
    assert any(c.memories.exists() for c in silent)  # something to mention when reconnecting
    assert selectors.contact_list(user=owner, never_contacted=True).count() >= 10

    targets = Organization.objects.filter(owner=owner, is_target=True)
    assert targets.count() >= 2
    assert all(target.insight for target in targets)
    assert Organization.objects.filter(owner=owner, insight__icontains="steer clear").exists()
    kinds = set(Organization.objects.filter(owner=owner).values_list("kind", flat=True))
    assert kinds == set(Organization.Kind.values)

    not_met = list(selectors.contact_list(user=owner, tie=Contact.Tie.NONE))
    assert len(not_met) >= 5
    for person in not_met:
        assert person.organization.is_target
        assert person.last_contacted is None
        assert selectors.contact_links(contact=person), f"no one can introduce {person}"


def test_demo_next_steps_are_overdue_due_today_upcoming_mine_and_theirs(owner, today):
    demo_load(owner=owner, today=today)

    open_steps = list(selectors.next_step_list(user=owner))
    mine = [s for s in open_steps if s.mine]
    assert any(s.due and s.due < today for s in mine)
    assert any(s.due == today for s in mine)
    assert any(s.due and s.due > today for s in mine)
    assert any(not s.mine for s in open_steps)
    assert 10 <= len(open_steps) <= 80  # a to-do list, not a backlog
    done = NextStep.objects.filter(owner=owner, done_on__isnull=False).select_related("interaction")
    assert done.count() > len(open_steps)
    for step in done:
        assert step.interaction.occurred_on <= step.done_on <= today


@pytest.mark.parametrize("offset", [0, 45, 400])
def test_demo_never_dates_a_conversation_after_today(owner, today, offset):
    day = today + timedelta(days=offset)
    demo_load(owner=owner, today=day)

    last = [c.last_contacted for c in selectors.contact_list(user=owner, today=day)]
    assert max(d for d in last if d) == day
    assert not NextStep.objects.filter(owner=owner, done_on__gt=day).exists()
    assert not Contact.objects.filter(owner=owner, added_on__gt=day).exists()
    assert selectors.next_step_list(user=owner).filter(due=day, mine=True).exists()


def test_demo_is_the_same_network_for_the_same_day(owner, stranger, today):
    demo_load(owner=owner, today=today)
    demo_load(owner=stranger, today=today)

    assert _fingerprint(owner) == _fingerprint(stranger)


def test_demo_uses_today_by_default(owner, monkeypatch, today):
    monkeypatch.setenv("WEAKTIES_TODAY", today.isoformat())
    demo_load(owner=owner)

    latest = Interaction.objects.filter(owner=owner).order_by("-occurred_on").first()
    assert latest.occurred_on == today


def test_demo_plan_does_not_depend_on_the_python_process(today):
    """The same day gives the same network in another process (string hashing differs)."""
    script = (
        "import django, hashlib, sys; django.setup();"
        "from datetime import date; from weakties.network.demo import _Planner;"
        f"plan = _Planner(date.fromisoformat('{today.isoformat()}')).plan();"
        "print(hashlib.sha256(repr(plan).encode()).hexdigest())"
    )
    env = os.environ | {"PYTHONHASHSEED": "12345", "DJANGO_SETTINGS_MODULE": "weakties.settings"}
    other = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()

    from weakties.network.demo import _Planner

    here = hashlib.sha256(repr(_Planner(today).plan()).encode()).hexdigest()
    assert other == here


def test_demo_refuses_a_network_that_already_has_contacts(owner, make_contact, today):
    make_contact("Ada Lovelace", organization="Analytical Engines")

    with pytest.raises(UserError) as error:
        demo_load(owner=owner, today=today)

    assert "already has 1 contact;" in error.value.message
    assert "weakties demo --force" in error.value.message
    assert Contact.objects.filter(owner=owner).count() == 1
    assert Organization.objects.filter(owner=owner).count() == 1
    assert not Interaction.objects.filter(owner=owner).exists()


def test_demo_with_force_adds_the_demo_next_to_my_contacts(owner, stranger, make_contact, today):
    # Learn one email and one LinkedIn profile the demo hands out, and own them already.
    demo_load(owner=stranger, today=today)
    email = ContactPoint.objects.filter(owner=stranger, kind="email").first()
    profile = ContactPoint.objects.filter(owner=stranger, kind="linkedin").first()
    mine = make_contact(
        "Someone Real",
        organization="northwind health",
        emails=[email.value.upper()],
        urls=[profile.value],
        tags=["ALUMNI"],
    )

    report = demo_load(owner=owner, force=True, today=today)

    assert Contact.objects.filter(owner=owner).count() == report.contacts + 1
    assert Organization.objects.filter(owner=owner, name__iexact="Northwind Health").count() == 1
    assert mine.organization.contacts.count() > 1  # the demo's Northwind people joined it
    assert Tag.objects.filter(owner=owner, name__iexact="alumni").count() == 1
    assert set(mine.points.values_list("normalized", flat=True)) == {
        email.normalized,
        profile.normalized,
    }
    twin = Contact.objects.get(owner=owner, source="demo", name=email.contact.name)
    assert email.normalized not in set(twin.points.values_list("normalized", flat=True))
    assert (
        twin.points.filter(kind="email").count()
        == email.contact.points.filter(kind="email").count()
    )

    again = demo_load(owner=owner, force=True, today=today)
    assert Contact.objects.filter(owner=owner).count() == 2 * again.contacts + 1


def test_demo_contact_points_are_normalised_like_any_other(owner, today):
    demo_load(owner=owner, today=today)

    points = list(ContactPoint.objects.filter(owner=owner))
    for point in points:
        assert classify_point(point.value, point.kind) == (point.kind, point.normalized)
    linkedin = [p.value for p in points if p.kind == "linkedin"]
    assert len(linkedin) > 150
    assert all(v.startswith("https://www.linkedin.com/in/") and v.isascii() for v in linkedin)
    emails = [p.value for p in points if p.kind == "email"]
    assert all(e.isascii() and e.endswith(".example") for e in emails)


def test_demo_links_are_denser_within_organisations(owner, today):
    demo_load(owner=owner, today=today)

    links = ContactLink.objects.filter(owner=owner)
    same_org = links.filter(
        contact_a__organization__isnull=False,
        contact_a__organization=F("contact_b__organization"),
    )
    assert same_org.count() > links.count() * 0.4
    kinds = set(links.values_list("kind", flat=True))
    assert {"colleague", "friend", "classmate"} <= kinds
    assert set(links.values_list("strength", flat=True)) <= {1, 2, 3, 4, 5}


def test_demo_leaves_other_users_untouched(owner, stranger, make_contact, today):
    theirs = make_contact("Grace Hopper", user=stranger, organization="Northwind Health")

    demo_load(owner=owner, today=today)

    assert list(Contact.objects.filter(owner=stranger)) == [theirs]
    assert list(Organization.objects.filter(owner=stranger)) == [theirs.organization]
    assert not Interaction.objects.filter(owner=stranger).exists()
    assert not Tag.objects.filter(owner=stranger).exists()
    foreign = Q(contact__owner=stranger) | Q(interaction__owner=stranger)
    assert not Participant.objects.filter(foreign).exists()
    assert not ContactLink.objects.filter(
        Q(contact_a__owner=stranger) | Q(contact_b__owner=stranger)
    ).exists()
    assert not Contact.objects.filter(owner=owner, organization__owner=stranger).exists()
    assert not NextStep.objects.filter(owner=owner, contact__owner=stranger).exists()


def test_demo_writes_in_bulk(owner, today, django_assert_max_num_queries):
    with django_assert_max_num_queries(80):
        demo_load(owner=owner, today=today)
