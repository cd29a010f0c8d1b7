"""The plan's pages: Today is the home page; Week; Settings; the composer; reciprocity on the
contact page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from tests.conftest import TODAY
from weakties.network import services as network
from weakties.network.models import Interaction
from weakties.plan import services
from weakties.plan.models import Exchange, Pause, PlanSettings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("WEAKTIES_TODAY", TODAY.isoformat())


@pytest.fixture
def client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def dormant(owner, make_contact):
    ada = make_contact(
        "Ada Lovelace", organization="Analytical Engines", emails=["ada@example.com"]
    )
    network.interaction_log(
        owner=owner, participants=[ada], summary="Coffee", occurred_on=TODAY - timedelta(days=200)
    )
    ada.refresh_from_db()
    return ada


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_home_page_is_today_with_reasons_and_the_three_actions(client, dormant):
    page = html(client.get(reverse("web:home")))

    assert "<h1>Today" in page
    assert "Ada Lovelace" in page
    assert "weak tie at Analytical Engines" in page
    assert "7 months since you last spoke" in page
    for action in ("reach_out_done", "reach_out_skip", "reach_out_snooze"):
        assert reverse(f"web:{action}", args=[dormant.pk]) in page
    assert 'id="goal-talked"' in page and "<progress" in page
    assert '<span class="stat__value">1</span> <span class="stat__label">contacts' in page


def test_a_new_user_is_still_greeted_with_three_first_steps(client, owner):
    page = html(client.get(reverse("web:home")))
    assert "Welcome to weakties" in page and "Set my goals" in page


def test_today_shows_due_next_steps_overdue_first(client, owner, make_contact):
    ada = make_contact("Ada")
    network.next_step_create(owner=owner, contact=ada, text="Send CV", due=TODAY - timedelta(3))
    network.next_step_create(
        owner=owner, contact=ada, text="Email next month", due=TODAY + timedelta(3)
    )

    page = html(client.get(reverse("web:home")))

    assert "Send CV" in page and "3 days overdue" in page
    assert page.index("Next steps due") < page.index("Send CV")
    assert page.index("Promised follow-ups") < page.index("Email next month")


def test_done_logs_a_conversation_and_refreshes_the_plan_in_place(client, owner, dormant):
    response = client.post(
        reverse("web:reach_out_done", args=[dormant.pk]),
        {"channel": "email", "summary": "Sent the FHIR primer"},
        HTTP_HX_REQUEST="true",
    )

    page = html(response)
    assert "Logged: you reached out to Ada Lovelace" in page
    assert 'id="week-progress" class="panel" hx-swap-oob="true"' in page
    logged = Interaction.objects.get(summary="Sent the FHIR primer")
    assert logged.channel == "email"


def test_skip_and_snooze_work_without_javascript(client, owner, dormant, make_contact):
    response = client.post(reverse("web:reach_out_skip", args=[dormant.pk]))
    assert response.status_code == 302 and response["Location"] == "/"
    assert Pause.objects.get().until == TODAY + timedelta(days=30)

    linus = make_contact("Linus")
    client.post(reverse("web:reach_out_snooze", args=[linus.pk]), {"until": "friday"})
    assert Pause.objects.get(contact=linus).until == TODAY + timedelta(days=4)

    page = html(client.get(reverse("web:home"), follow=True))
    assert "Snoozed Linus until Fri 20 Mar 2026" in page


def test_a_bad_snooze_date_is_reported(client, dormant):
    response = client.post(
        reverse("web:reach_out_snooze", args=[dormant.pk]),
        {"until": "someday"},
        HTTP_HX_REQUEST="true",
    )
    page = html(response)
    assert "message--error" in page
    assert not Pause.objects.exists()
    # Beside that person, without the field's name as a prefix, with what was typed kept.
    assert f'id="reach-error-{dormant.pk}">cannot understand' in page
    assert 'value="someday"' in page and "aria-invalid" in page and "autofocus" in page

    without_javascript = client.post(
        reverse("web:reach_out_snooze", args=[dormant.pk]), {"until": "someday", "next": "/"}
    )
    assert without_javascript.status_code == 400
    assert 'value="someday"' in without_javascript.content.decode()


def test_the_actions_are_post_only(client, dormant):
    assert client.get(reverse("web:reach_out_skip", args=[dormant.pk])).status_code == 405


def test_the_week_page_reviews_the_week(client, owner, dormant, make_contact):
    bob = make_contact("Bob")
    network.interaction_log(
        owner=owner, participants=[bob], summary="Call", next_step="Send notes", next_step_due=TODAY
    )
    services.exchange_record(owner=owner, contact=bob, direction="gave", text="An article")

    page = html(client.get(reverse("web:week")))

    assert "Week of 16 March" in page
    assert "ended with a next step" in page and "Send notes" in page
    assert "An article" in page
    assert "Previous week" in page
    assert "Bad" not in html(client.get(reverse("web:week"), {"date": "2026-03-01"}))


def test_settings_save_goals_and_profile(client, owner):
    page = html(client.get(reverse("web:plan_settings")))
    assert "People to talk to a week" in page
    # The browser refuses what the server would: 0 dormant days, 100,000 people a day.
    assert re.search(r'name="dormant_days"[^>]*min="7"', page)
    assert re.search(r'name="daily_count"[^>]*max="20"', page)

    response = client.post(
        reverse("web:plan_settings"),
        {
            "daily_count": "2",
            "dormant_days": "60",
            "mentor_days": "30",
            "meet_goal": "3",
            "talk_goal": "6",
            "goal": "I'm looking for a data role.",
            "pitch": "",
            "my_name": "Jo",
        },
    )
    assert response.status_code == 302
    saved = PlanSettings.objects.get(owner=owner)
    assert (saved.daily_count, saved.talk_goal, saved.goal) == (
        2,
        6,
        "I'm looking for a data role.",
    )


def test_a_template_is_edited_from_settings(client, owner):
    assert "Placeholders" in html(client.get(reverse("web:template_edit"), {"name": "reconnect"}))
    response = client.post(
        reverse("web:template_edit"),
        {"name": "coffee", "kind": "reconnect", "subject": "Coffee?", "body": "Hi {first_name}"},
    )
    assert response.status_code == 302
    bad = client.post(
        reverse("web:template_edit"),
        {"name": "bad", "kind": "reconnect", "subject": "", "body": "Hi {nick}"},
    )
    assert "Unknown nick" in html(bad)


def test_the_composer_previews_the_note_and_logs_it_once_sent(client, owner, dormant):
    page = html(client.get(reverse("web:draft", args=[dormant.pk])))
    assert "It&#x27;s been about seven months since we last spoke." in page
    assert 'href="mailto:ada@example.com?subject=' in page

    preview = html(
        client.get(
            reverse("web:draft", args=[dormant.pk]),
            {"template": "reconnect", "subject": "Hi", "body": "Dear {first_name}, {lapse}."},
            HTTP_HX_REQUEST="true",
        )
    )
    assert preview.startswith('<section id="draft-preview"')
    assert "Dear Ada, It&#x27;s been about seven months" in preview

    client.post(reverse("web:draft_sent", args=[dormant.pk]), {"subject": "Catching up"})
    assert Interaction.objects.filter(channel="email", summary__contains="Catching up").exists()


def test_the_contact_page_shows_the_balance_the_ledger_and_a_reconnect_link(client, owner, dormant):
    services.exchange_record(owner=owner, contact=dormant, direction="got", text="Intro to Sam")

    page = html(client.get(reverse("web:contact", args=[dormant.pk])))

    assert "Give and take" in page
    assert "They helped you once and you have not yet: your turn." in page
    assert "Intro to Sam" in page
    assert reverse("web:draft", args=[dormant.pk]) in page

    response = client.post(
        reverse("web:exchange_add", args=[dormant.pk]),
        {"direction": "gave", "kind": "article", "text": "The FHIR primer"},
        HTTP_HX_REQUEST="true",
    )
    assert "Even: you have given as much as you received." in html(response)
    assert Exchange.objects.filter(direction="gave").count() == 1


def test_the_home_page_takes_a_fixed_number_of_queries(
    client, owner, make_contact, django_assert_max_num_queries
):
    for index in range(30):
        make_contact(f"Person {index}", tags=["x"])
    services.plan_settings_update(owner=owner, daily_count=5)
    with django_assert_max_num_queries(30):
        html(client.get(reverse("web:home")))
