"""Eight weeks of a job seeker's networking, one simulated day at a time, on a fixed clock.

Every day the test follows the plan the way a person might (reach out, skip, snooze, or do
nothing at all on some days) and checks each rule of the daily plan against what really
happened, not against the ranking's internals.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from tests.conftest import TODAY
from weakties.network import services as network
from weakties.network.models import Contact
from weakties.plan import selectors, services

pytestmark = pytest.mark.django_db

START = TODAY - timedelta(days=8 * 7)  # a Monday, eight weeks ago
DORMANT = 90


def test_eight_weeks_of_following_the_plan_respect_every_rule(owner, make_contact, clock):
    rng = random.Random(3)
    clock(START - timedelta(days=400))
    people = []
    for index in range(120):
        tie = "weak" if index % 3 else "strong"
        people.append(make_contact(f"Person {index:02}", tie=tie, closeness=2))
    clock(START)
    for person in people[:80]:
        network.interaction_log(
            owner=owner,
            participants=[person],
            summary="Old chat",
            occurred_on=START - timedelta(days=rng.randint(1, 300)),
        )
    services.plan_settings_update(owner=owner, daily_count=2)

    skipped: dict[int, date] = {}
    snoozed: dict[int, date] = {}
    empty_days = {START + timedelta(days=n) for n in (5, 6, 19, 33, 34, 47)}
    streak_expected = 0
    seen_firsts = set()

    for offset in range(8 * 7):
        day = clock(START + timedelta(days=offset))
        plan = selectors.today_plan(user=owner, day=day)
        again = selectors.today_plan(user=owner, day=day)
        assert [s.contact.pk for s in again.reach_out] == [s.contact.pk for s in plan.reach_out]

        for suggestion in plan.reach_out:
            person = Contact.objects.get(pk=suggestion.contact.pk)
            # Never someone contacted within the dormant days.
            assert person.last_contacted is None or (day - person.last_contacted).days >= DORMANT
            # A skip holds 30 days; a snooze holds until its date.
            if person.pk in skipped:
                assert (day - skipped[person.pk]).days >= 30
            if person.pk in snoozed:
                assert day >= snoozed[person.pk]
            assert person.tie != "none" and person.archived_at is None
        if plan.reach_out:
            seen_firsts.add(plan.reach_out[0].contact.pk)

        if day in empty_days:
            # Today without a reach-out does not break the streak until the day is over...
            assert selectors.week_progress(user=owner, day=day).streak == streak_expected
            # ...and tomorrow it is broken.
            assert selectors.streak_on(user=owner, day=day + timedelta(days=1)) == 0
            streak_expected = 0
        else:
            first, *rest = plan.reach_out
            action = offset % 5
            if action == 3:
                services.reach_out_skip(owner=owner, contact=first.contact, day=day)
                skipped[first.contact.pk] = day
                first = rest[0]
            elif action == 4:
                until = day + timedelta(days=rng.randint(3, 20))
                services.reach_out_snooze(owner=owner, contact=first.contact, until=until, day=day)
                snoozed[first.contact.pk] = until
                first = rest[0]
            services.reach_out_done(owner=owner, contact=first.contact, day=day)
            streak_expected += 1
            assert selectors.week_progress(user=owner, day=day).streak == streak_expected, day

        if day.weekday() == 6:
            review = selectors.week_review(user=owner, day=day)
            monday = day - timedelta(days=6)
            spoken = {
                pk
                for pk in Contact.objects.filter(
                    owner=owner,
                    interactions__occurred_on__gte=monday,
                    interactions__occurred_on__lte=day,
                ).values_list("pk", flat=True)
            }
            # Goals count distinct people, not conversations.
            assert review.progress.talked == len(spoken)
            assert {c.pk for c in review.contacted} == spoken

    assert len(seen_firsts) > 20  # different people across days


def test_goals_count_distinct_people_and_new_people_met(owner, make_contact, clock):
    clock(TODAY - timedelta(days=30))
    old = make_contact("Old Friend", tie="strong")
    unmet = make_contact("Intro Ivan", tie="none")
    clock(TODAY + timedelta(days=2))  # Wednesday
    new = make_contact("New Nina")
    for _ in range(3):
        network.interaction_log(owner=owner, participants=[old], summary="Chat")
    network.interaction_log(owner=owner, participants=[unmet], summary="First coffee")
    network.interaction_log(owner=owner, participants=[new], summary="Met at a meetup")

    progress = selectors.week_progress(user=owner, day=TODAY + timedelta(days=2))

    assert (progress.talked, progress.talked_goal) == (3, 5)
    assert (progress.met, progress.met_goal) == (2, 2)  # Nina (added) and Ivan (first talk)


def test_the_weekly_review_values_conversations_that_end_with_a_next_step(
    owner, make_contact, clock
):
    ada, bob = make_contact("Ada"), make_contact("Bob")
    clock(TODAY + timedelta(days=3))
    network.interaction_log(
        owner=owner,
        participants=[ada],
        summary="Coffee",
        next_step="Send CV",
        next_step_due=TODAY + timedelta(days=5),
    )
    network.interaction_log(owner=owner, participants=[bob], summary="Small talk")
    services.exchange_record(owner=owner, contact=ada, direction="gave", text="Article")
    services.exchange_record(owner=owner, contact=bob, direction="got", text="Job ad")

    review = selectors.week_review(user=owner, day=TODAY + timedelta(days=3))

    assert review.conversations == 2
    assert [i.summary for i in review.with_next_step] == ["Coffee"]
    assert [e.text for e in review.gave] == ["Article"]
    assert [e.text for e in review.got] == ["Job ad"]
    assert review.reach_out_days == [TODAY + timedelta(days=3)]
