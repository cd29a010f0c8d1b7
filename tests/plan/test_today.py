"""The daily reach-out: who is suggested, in what order, and why (PRODUCT §3)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.conftest import TODAY
from weakties.network import services as network
from weakties.plan import selectors, services

pytestmark = pytest.mark.django_db


def talked(owner, contact, day: date, **extra):
    return network.interaction_log(
        owner=owner, participants=[contact], summary="Catch-up", occurred_on=day, **extra
    )


def suggested(owner, day=TODAY, limit=20) -> list[str]:
    return [
        s.contact.name for s in selectors.reach_out_suggestions(user=owner, day=day, limit=limit)
    ]


def test_a_weak_tie_is_ranked_over_an_equal_strong_tie(owner, make_contact, clock):
    for index in range(6):
        strong = make_contact(f"Strong {index}", tie="strong")
        weak = make_contact(f"Weak {index}", tie="weak")
        talked(owner, strong, TODAY - timedelta(days=120))
        talked(owner, weak, TODAY - timedelta(days=120))

    for offset in range(10):
        names = suggested(owner, TODAY + timedelta(days=offset), limit=12)
        assert all(name.startswith("Weak") for name in names[:6]), names


def test_only_people_silent_for_the_dormant_days_or_never_contacted_are_suggested(
    owner, make_contact, clock
):
    recent = make_contact("Recent Ray")
    talked(owner, recent, TODAY - timedelta(days=89))
    dormant = make_contact("Dormant Dana")
    talked(owner, dormant, TODAY - timedelta(days=90))
    make_contact("Never Nora")

    assert sorted(suggested(owner)) == ["Dormant Dana", "Never Nora"]

    services.plan_settings_update(owner=owner, dormant_days=60)
    assert "Recent Ray" in suggested(owner)


def test_archived_not_met_yet_and_people_with_a_planned_next_step_are_left_out(
    owner, make_contact, clock
):
    make_contact("Kept Kim")
    archived = make_contact("Archived Al")
    network.contact_archive(contact=archived)
    make_contact("Unmet Uma", tie="none")
    planned = make_contact("Planned Pat")
    network.next_step_create(owner=owner, contact=planned, text="Call", due=TODAY + timedelta(3))
    overdue = make_contact("Overdue Olga")
    network.next_step_create(owner=owner, contact=overdue, text="Call", due=TODAY - timedelta(3))

    assert sorted(suggested(owner)) == ["Kept Kim", "Overdue Olga"]


def test_each_suggestion_says_why_in_words(owner, make_contact, clock):
    mayo = network.organization_get_or_create(owner=owner, name="Mayo Clinic")
    mayo.is_target = True
    mayo.save()
    focus = network.tag_get_or_create(owner=owner, name="health-data")
    focus.is_focus = True
    focus.save()
    clock(TODAY - timedelta(days=220))
    ana = make_contact("Ana Ruiz", organization="Mayo Clinic", tags=["health-data"])
    sam = make_contact("Sam Patel")
    clock(TODAY)
    talked(owner, ana, TODAY - timedelta(days=213))
    services.exchange_record(
        owner=owner, contact=ana, direction="got", kind="introduction", text="Intro to Sam Patel"
    )
    network.contact_archive(contact=sam)

    [suggestion] = selectors.reach_out_suggestions(user=owner, day=TODAY)

    assert suggestion.contact == ana
    assert suggestion.days_since == 213
    assert suggestion.reasons == [
        "weak tie at Mayo Clinic (target)",
        "tagged health-data (a focus of yours)",
        "7 months since you last spoke",
        "they introduced you to Sam Patel; you have not given back",
    ]
    assert suggestion.score == sum(points for _why, points in suggestion.points)
    assert suggestion.score == 10 + 8 + 8 + 6 + 2


def test_senior_people_never_approached_and_never_contacted_people_come_first(
    owner, make_contact, clock
):
    contacted = make_contact("Contacted Carl", tie="strong")
    talked(owner, contacted, TODAY - timedelta(days=100))
    make_contact("Exec Eve", tie="strong", level="executive")

    [first] = selectors.reach_out_suggestions(user=owner, day=TODAY)

    assert first.contact.name == "Exec Eve"
    assert "executive and not yet approached" in first.reasons
    assert "never contacted since you connected in March 2026" in first.reasons


def test_a_days_suggestions_are_at_different_organisations_when_they_can_be(
    owner, make_contact, clock
):
    for index in range(3):
        make_contact(f"Acme Senior {index}", organization="Acme", level="senior")
    make_contact("Globex Peer", organization="Globex", level="peer")

    for offset in range(5):
        names = suggested(owner, TODAY + timedelta(days=offset), limit=2)
        assert len(names) == 2 and "Globex Peer" in names, names
    assert len(suggested(owner, limit=4)) == 4  # when there is no one else, the rest follow


def test_a_mentor_is_due_a_monthly_check_in(owner, make_contact, clock):
    mentor = make_contact("Mentor Mo", roles=["mentor"], tie="strong")
    talked(owner, mentor, TODAY - timedelta(days=29))
    assert suggested(owner) == []

    [due] = selectors.reach_out_suggestions(user=owner, day=TODAY + timedelta(days=1))
    assert due.contact == mentor
    assert "your mentor: due the monthly check-in (4 weeks since you spoke)" in due.reasons

    services.plan_settings_update(owner=owner, mentor_days=45)
    assert suggested(owner, TODAY + timedelta(days=1)) == []


def test_the_plan_is_stable_within_a_day_and_changes_across_days(owner, make_contact, clock):
    for index in range(40):
        make_contact(f"Person {index:02}")

    firsts = set()
    for offset in range(14):
        day = TODAY + timedelta(days=offset)
        once = suggested(owner, day, limit=3)
        assert suggested(owner, day, limit=3) == once
        firsts.add(once[0])

    assert len(firsts) >= 5


def test_skipping_holds_thirty_days_and_snoozing_holds_until_the_date(owner, make_contact, clock):
    skipped = make_contact("Skipped Sue")
    snoozed = make_contact("Snoozed Sid")
    services.reach_out_skip(owner=owner, contact=skipped, day=TODAY)
    services.reach_out_snooze(owner=owner, contact=snoozed, until=TODAY + timedelta(10))

    assert suggested(owner) == []
    assert suggested(owner, TODAY + timedelta(9)) == []
    assert suggested(owner, TODAY + timedelta(10)) == ["Snoozed Sid"]
    assert suggested(owner, TODAY + timedelta(29)) == ["Snoozed Sid"]
    assert sorted(suggested(owner, TODAY + timedelta(30))) == ["Skipped Sue", "Snoozed Sid"]


def test_snoozing_into_the_past_is_refused(owner, make_contact, clock):
    from weakties.errors import UserError

    sid = make_contact("Snoozed Sid")
    with pytest.raises(UserError, match="until"):
        services.reach_out_snooze(owner=owner, contact=sid, until=TODAY, day=TODAY)


def test_marking_a_suggestion_done_logs_a_conversation(owner, make_contact, clock):
    dana = make_contact("Dana")

    services.reach_out_done(owner=owner, contact=dana, day=TODAY, channel="email")

    dana.refresh_from_db()
    assert dana.last_contacted == TODAY
    assert dana.interactions.get().channel == "email"
    assert suggested(owner) == []


def test_the_plan_takes_a_fixed_number_of_queries_whatever_the_network_size(
    owner, make_contact, clock, django_assert_max_num_queries
):
    def grow(count: int, start: int) -> None:
        for index in range(start, start + count):
            person = make_contact(f"P{index}", tags=["x"], roles=["mentor"] if index % 3 else [])
            if index % 2:
                talked(owner, person, TODAY - timedelta(days=100 + index))
            services.exchange_record(owner=owner, contact=person, direction="got", text="Tip")

    grow(5, 0)
    services.plan_settings_update(owner=owner, daily_count=5)
    with django_assert_max_num_queries(14) as small:
        plan = selectors.today_plan(user=owner, day=TODAY)
        [s.reasons for s in plan.reach_out]
    grow(40, 5)
    with django_assert_max_num_queries(len(small.captured_queries)):
        plan = selectors.today_plan(user=owner, day=TODAY)
    assert len(plan.reach_out) == 5


def test_the_default_plan_suggests_one_person_and_the_setting_changes_it(
    owner, make_contact, clock
):
    for name in ("A", "B", "C"):
        make_contact(name)

    assert len(selectors.today_plan(user=owner, day=TODAY).reach_out) == 1
    services.plan_settings_update(owner=owner, daily_count=2)
    assert len(selectors.today_plan(user=owner, day=TODAY).reach_out) == 2


def test_today_lists_due_next_steps_mine_first_and_promised_follow_ups(owner, make_contact, clock):
    ada = make_contact("Ada")
    theirs = network.next_step_create(
        owner=owner, contact=ada, text="Ada sends the job ad", due=TODAY - timedelta(5), mine=False
    )
    mine = network.next_step_create(owner=owner, contact=ada, text="Send CV", due=TODAY)
    promise = network.next_step_create(
        owner=owner, contact=ada, text="Email next month", due=TODAY + timedelta(4)
    )
    network.next_step_create(owner=owner, contact=ada, text="Far away", due=TODAY + timedelta(40))

    plan = selectors.today_plan(user=owner, day=TODAY)

    assert plan.next_steps == [mine, theirs]
    assert plan.follow_ups == [promise]


def test_another_users_network_never_appears(owner, stranger, make_contact, clock):
    make_contact("Theirs", user=stranger)

    assert suggested(owner) == []
    assert suggested(stranger) == ["Theirs"]
