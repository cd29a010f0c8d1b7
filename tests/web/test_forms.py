"""Adding and editing people, logging conversations, completing next steps: through the forms,
with and without htmx."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client
from django.urls import reverse

from tests.conftest import TODAY
from weakties.network import services
from weakties.network.models import Contact, ContactPoint, Interaction, NextStep, Tag

HTMX = {"HX-Request": "true"}


def html(response) -> str:
    return response.content.decode()


def contact_form(**fields) -> dict[str, Any]:
    return {
        "name": "Katherine Johnson",
        "title": "Research Mathematician",
        "organization": "NACA",
        "tie": "weak",
        "closeness": "3",
        "level": "senior",
        "roles": ["mentor", "referrer"],
        "tags": "space, Mentor,space",
        "emails": "katherine@example.com\n\n  kj@example.org ",
        "phones": "+1 757 555 0100",
        "urls": "linkedin.com/in/katherine-johnson",
        "industry": "Aerospace",
        "location": "Hampton, VA",
        "how_met": "Alumni dinner",
        "notes": "Calculated trajectories.",
    } | fields


def log_form(**fields) -> dict[str, str]:
    return {
        "summary": "Lunch: she offered to review my CV.",
        "channel": "meeting",
        "occurred_on": "yesterday",
        "others": "",
        "next_step": "Send her my CV",
        "due": "friday",
        "whose": "mine",
    } | fields


def test_adding_a_contact_saves_everything_typed_and_opens_their_page(client, owner):
    response = client.post(reverse("web:contact_add"), contact_form())

    contact = Contact.objects.get(owner=owner, name="Katherine Johnson")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:contact", args=[contact.pk])
    assert contact.organization is not None and contact.organization.name == "NACA"
    assert contact.level == "senior" and contact.closeness == 3
    assert sorted(t.name for t in contact.tags.all()) == ["Mentor", "space"]
    assert sorted(r.role for r in contact.roles.all()) == ["mentor", "referrer"]
    assert sorted(p.value for p in contact.points.filter(kind="email")) == [
        "katherine@example.com",
        "kj@example.org",
    ]
    assert contact.points.filter(kind=ContactPoint.Kind.LINKEDIN).count() == 1
    assert "Added Katherine Johnson." in html(client.get(response["Location"]))


def test_adding_a_contact_without_a_name_says_so_and_writes_nothing(client, owner):
    response = client.post(reverse("web:contact_add"), contact_form(name="  "))

    assert response.status_code == 200
    assert "This field is required." in html(response)
    assert not Contact.objects.exists()


def test_an_email_that_belongs_to_someone_else_is_shown_on_the_email_field(
    client, owner, make_contact
):
    ada = make_contact("Ada Lovelace", emails=["ada@example.com"])

    response = client.post(
        reverse("web:contact_add"), contact_form(emails="ADA@example.com", tags="new-tag")
    )

    page = html(response)
    assert 'id="id_emails_error"' in page
    assert "already belongs to Ada Lovelace" in page
    assert "Please check the highlighted fields." in page
    assert list(Contact.objects.values_list("pk", flat=True)) == [ada.pk]
    assert not Tag.objects.filter(name="new-tag").exists()  # the whole add was rolled back


def test_a_bad_phone_number_is_shown_on_the_phone_field(client, owner):
    response = client.post(reverse("web:contact_add"), contact_form(phones="call me"))

    assert 'id="id_phones_error"' in html(response)
    assert "too few digits" in html(response)
    assert not Contact.objects.exists()


def test_the_edit_form_starts_from_what_is_saved(client, network):
    page = html(client.get(reverse("web:contact_edit", args=[network["ada"].pk])))

    assert 'value="Ada Lovelace"' in page
    assert 'value="data, mentor"' in page
    assert "ada@example.com</textarea>" in page
    assert "https://www.linkedin.com/in/ada-lovelace/</textarea>" in page
    assert 'value="weak" required id="id_tie_1" checked' in page


def test_editing_a_contact_changes_fields_tags_and_contact_points(client, network):
    ada = network["ada"]
    response = client.post(
        reverse("web:contact_edit", args=[ada.pk]),
        contact_form(
            name="Ada King",
            organization="Babbage & Co",
            tie="strong",
            tags="math",
            emails="ada.king@example.com",
            phones="",
            urls="",
            roles=[],
        ),
    )

    ada.refresh_from_db()
    assert response.status_code == 302
    assert ada.name == "Ada King" and ada.tie == "strong"
    assert ada.organization.name == "Babbage & Co"
    assert [t.name for t in ada.tags.all()] == ["math"]
    assert [p.value for p in ada.points.all()] == ["ada.king@example.com"]
    assert not ada.roles.exists()
    assert ada.interactions.count() == 2  # history is untouched


def test_a_failed_edit_changes_nothing(client, network):
    ada, grace = network["ada"], network["grace"]
    services.contact_point_add(contact=grace, value="grace@example.com")

    response = client.post(
        reverse("web:contact_edit", args=[ada.pk]),
        contact_form(name="Ada King", emails="grace@example.com", tags="changed"),
    )

    ada.refresh_from_db()
    assert "already belongs to Grace Hopper" in html(response)
    assert "<h1>Edit Ada Lovelace</h1>" in html(response)
    assert ada.name == "Ada Lovelace"
    assert sorted(t.name for t in ada.tags.all()) == ["data", "mentor"]
    assert [p.value for p in ada.points.filter(kind="email")] == ["ada@example.com"]


def test_archiving_and_unarchiving_a_contact(client, network):
    linus = network["linus"]

    client.post(reverse("web:contact_archive", args=[linus.pk]))
    linus.refresh_from_db()
    assert linus.archived_at is not None

    client.post(reverse("web:contact_unarchive", args=[linus.pk]))
    linus.refresh_from_db()
    assert linus.archived_at is None


def test_changing_things_needs_a_post(client, network):
    ada, step = network["ada"], network["cv_step"]

    assert client.get(reverse("web:contact_archive", args=[ada.pk])).status_code == 405
    assert client.get(reverse("web:next_step_done", args=[step.pk])).status_code == 405
    assert client.get(reverse("web:interaction_log", args=[ada.pk])).status_code == 405
    ada.refresh_from_db()
    step.refresh_from_db()
    assert ada.archived_at is None and step.done_on is None


def test_forms_are_refused_without_the_csrf_token(network):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(network["ada"].owner)

    response = strict.post(
        reverse("web:next_step_done", args=[network["cv_step"].pk]), headers=HTMX
    )

    assert response.status_code == 403
    network["cv_step"].refresh_from_db()
    assert network["cv_step"].done_on is None


def test_every_form_on_the_contact_page_carries_the_csrf_token(client, network):
    page = html(client.get(reverse("web:contact", args=[network["ada"].pk])))

    assert page.count("<form") == page.count('name="csrfmiddlewaretoken"')


def test_logging_a_conversation_with_htmx_updates_timeline_and_next_steps_in_place(client, network):
    ada = network["ada"]
    response = client.post(reverse("web:interaction_log", args=[ada.pk]), log_form(), headers=HTMX)

    page = html(response)
    logged = Interaction.objects.get(summary="Lunch: she offered to review my CV.")
    step = logged.next_steps.get()
    assert response.status_code == 200
    assert logged.occurred_on == TODAY - timedelta(days=1)
    assert logged.channel == "meeting"
    assert [p.pk for p in logged.participants.all()] == [ada.pk]
    assert step.text == "Send her my CV" and step.mine
    assert step.due == TODAY + timedelta(days=4)  # the coming Friday
    assert "<html" not in page
    assert 'id="log-panel"' in page and "Logged, with the next step" in page
    assert '<section id="timeline" class="panel" aria-labelledby="timeline-title" hx-swap-oob' in (
        page
    )
    assert 'id="contact-steps"' in page and "Send her my CV" in page
    assert "last yesterday" in page


def test_logging_without_javascript_redirects_back_to_the_contact_page(client, network):
    ada = network["ada"]

    response = client.post(reverse("web:interaction_log", args=[ada.pk]), log_form())

    assert response.status_code == 302
    assert response["Location"] == reverse("web:contact", args=[ada.pk])
    page = html(client.get(response["Location"]))
    assert "Lunch: she offered to review my CV." in page
    assert "Logged, with the next step" in page


def test_logging_without_a_next_step_is_allowed_and_gently_flagged(client, network):
    ada = network["ada"]

    response = client.post(
        reverse("web:interaction_log", args=[ada.pk]),
        log_form(next_step="", due=""),
        headers=HTMX,
    )

    assert "conversations that end with a next step move forward" in html(response).lower()
    logged = Interaction.objects.get(summary="Lunch: she offered to review my CV.")
    assert not logged.next_steps.exists()


def test_a_date_that_cannot_be_understood_is_shown_on_its_field_and_nothing_is_logged(
    client, network
):
    ada = network["ada"]
    before = Interaction.objects.count()

    response = client.post(
        reverse("web:interaction_log", args=[ada.pk]),
        log_form(occurred_on="the other day"),
        headers=HTMX,
    )

    page = html(response)
    assert 'id="id_occurred_on_error"' in page
    assert "Cannot understand &#x27;the other day&#x27; as a date" in page
    assert 'value="the other day"' in page  # what the user typed is kept
    assert Interaction.objects.count() == before


def test_a_due_date_without_a_next_step_is_refused(client, network):
    before = NextStep.objects.count(), Interaction.objects.count()

    response = client.post(
        reverse("web:interaction_log", args=[network["ada"].pk]),
        log_form(next_step="", due="next month"),
        headers=HTMX,
    )

    assert "A due date needs a next step" in html(response)
    assert (NextStep.objects.count(), Interaction.objects.count()) == before


def test_a_conversation_without_a_summary_is_refused_on_the_full_page_without_htmx(client, network):
    before = Interaction.objects.count()

    response = client.post(
        reverse("web:interaction_log", args=[network["ada"].pk]), log_form(summary=" ")
    )

    page = html(response)
    assert response.status_code == 200
    assert "<h1>Ada Lovelace</h1>" in page and "This field is required." in page
    assert Interaction.objects.count() == before
    # The rest of the page is whole, the give-and-take panel and its form included.
    assert "(gave 0 · received 0)" in page
    assert 'value="gave"' in page


def test_other_people_in_a_conversation_are_found_by_name(client, network):
    ada, grace = network["ada"], network["grace"]

    client.post(
        reverse("web:interaction_log", args=[ada.pk]),
        log_form(others="grace, Linus Pauling", whose="theirs"),
    )

    logged = Interaction.objects.get(summary="Lunch: she offered to review my CV.")
    assert {p.name for p in logged.participants.all()} == {
        "Ada Lovelace",
        "Grace Hopper",
        "Linus Pauling",
    }
    step = logged.next_steps.get()
    assert step.contact == ada and not step.mine
    assert grace.interactions.filter(pk=logged.pk).exists()


def test_an_unknown_other_person_is_reported_with_close_names(client, network):
    before = Interaction.objects.count()

    response = client.post(
        reverse("web:interaction_log", args=[network["ada"].pk]),
        log_form(others="Grace Hoper"),
        headers=HTMX,
    )

    assert "Did you mean: Grace Hopper?" in html(response)
    assert Interaction.objects.count() == before


def test_completing_a_next_step_with_htmx_returns_the_updated_row(client, network):
    step = network["cv_step"]

    response = client.post(
        reverse("web:next_step_done", args=[step.pk]), {"show_contact": "1"}, headers=HTMX
    )

    step.refresh_from_db()
    page = html(response)
    assert step.done_on == TODAY
    assert page.strip().startswith(f'<li class="step step--done step--changed" id="step-{step.pk}"')
    assert "done today" in page and "Reopen" in page
    assert "Ada Lovelace" in page


def test_completing_a_next_step_without_javascript_goes_back_to_the_page_it_was_on(client, network):
    step = network["cv_step"]
    contact_url = reverse("web:contact", args=[network["ada"].pk])

    response = client.post(reverse("web:next_step_done", args=[step.pk]), {"next": contact_url})
    elsewhere = client.post(
        reverse("web:next_step_reopen", args=[step.pk]), {"next": "https://evil.example/"}
    )

    assert response.status_code == 302 and response["Location"] == contact_url
    assert elsewhere["Location"] == reverse("web:next_steps")
    step.refresh_from_db()
    assert step.done_on is None  # reopened


def test_adding_a_memory_and_a_way_to_help(client, network):
    ada = network["ada"]

    memory = client.post(
        reverse("web:memory_add", args=[ada.pk]),
        {"memory-text": "Sailing in Kiel, 2019"},
        headers=HTMX,
    )
    idea = client.post(
        reverse("web:help_idea_add", args=[ada.pk]), {"idea-text": "Introduce her to Grace"}
    )
    empty = client.post(
        reverse("web:memory_add", args=[ada.pk]), {"memory-text": " "}, headers=HTMX
    )

    assert 'id="memories"' in html(memory) and "Sailing in Kiel, 2019" in html(memory)
    assert idea.status_code == 302
    assert [m.text for m in ada.memories.all()][-1] == "Sailing in Kiel, 2019"
    assert [h.text for h in ada.help_ideas.all()][-1] == "Introduce her to Grace"
    assert "This field is required." in html(empty)
    assert ada.memories.count() == 2


def test_who_knows_whom_is_recorded_on_a_contacts_page(client, network):
    from weakties.network.models import ContactLink

    ada = network["ada"]
    url = reverse("web:contact_link_add", args=[ada.pk])

    page = html(
        client.post(url, {"other": "grace", "kind": "colleague", "strength": "4"}, follow=True)
    )

    link = ContactLink.objects.get()
    assert {link.contact_a.name, link.contact_b.name} == {"Ada Lovelace", "Grace Hopper"}
    assert (link.kind, link.strength) == ("colleague", 4)
    assert "Noted: Ada Lovelace knows Grace Hopper." in page
    assert 'href="/contacts/' in page and "colleague" in page
    refused = html(
        client.post(url, {"other": "Nobody Here", "kind": "friend", "strength": "2"}, follow=True)
    )
    assert "No one called &#x27;Nobody Here&#x27;" in refused
    assert ContactLink.objects.count() == 1
