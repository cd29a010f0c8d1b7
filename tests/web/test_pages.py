"""What a signed-in user sees on each page of the web UI."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from weakties.network import services
from weakties.network.models import ContactPoint


def html(response) -> str:
    return response.content.decode()


def test_a_new_user_is_greeted_with_three_first_steps(client, owner):
    page = html(client.get(reverse("web:home")))

    assert "Welcome to weakties" in page
    assert "Add the people you know" in page
    assert "Set yourself a goal" in page
    assert "Log a conversation" in page
    assert "weakties demo" in page


def test_home_is_the_days_plan_with_counts_and_due_next_steps(client, network):
    # The home page is the Today page of the plan (tests/plan/test_pages.py covers the rest).
    page = html(client.get(reverse("web:home")))

    assert "Welcome to weakties" not in page
    assert "<h1>Today" in page
    assert '<span class="stat__value">3</span> <span class="stat__label">contacts' in page
    assert '<span class="stat__value">1</span> <span class="stat__label">weak ties' in page
    assert '<span class="stat__value">2</span> <span class="stat__label">open next steps' in page
    assert page.index("Next steps due") < page.index("Send Ada my CV")
    assert "Grace introduces me to her VP" not in page  # their move, not due yet
    assert "step--overdue" in page
    assert "3 days overdue" in page


def test_pages_need_a_signed_in_user_when_not_on_this_machine(network):
    response = Client().get(reverse("web:contacts"), REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:sign_in"))


def test_every_page_has_navigation_a_skip_link_and_the_local_htmx_script(client, owner):
    page = html(client.get(reverse("web:contacts")))

    assert 'href="#main"' in page
    assert 'aria-current="page"' in page
    assert "/static/django_htmx/htmx-2.min.js" in page
    assert "/static/web/weakties.css" in page
    assert "https://" not in page  # nothing is fetched from elsewhere
    assert 'hx-headers=\'{"X-CSRFToken": "' in page


def test_the_stylesheet_and_htmx_are_served_by_the_app_itself(client, owner):
    for path in ("/static/web/weakties.css", "/static/django_htmx/htmx-2.min.js"):
        response = client.get(path)
        assert response.status_code == 200, path


def test_staff_see_an_admin_link_and_others_do_not(client, owner):
    assert "/admin/" not in html(client.get(reverse("web:home")))

    owner.is_staff = True
    owner.save(update_fields=["is_staff"])

    assert 'href="/admin/"' in html(client.get(reverse("web:home")))


def test_contacts_list_shows_each_person_with_title_organisation_tie_tags_and_last_contact(
    client, network
):
    page = html(client.get(reverse("web:contacts")))

    assert "3</strong> contacts" in page
    assert "Ada Lovelace" in page and "Engineering Manager" in page
    assert "Analytical Engines" in page
    assert "Weak tie" in page and "Strong tie" in page and "Not met yet" in page
    assert '<a class="tag" href="/contacts/?tag=mentor">mentor</a>' in page
    assert "2 days ago" in page  # Ada and Grace, on the video call
    assert "never" in page  # Linus


def test_searching_contacts_matches_names_organisations_and_emails(client, network):
    by_org = html(client.get(reverse("web:contacts"), {"q": "navy"}))
    by_email = html(client.get(reverse("web:contacts"), {"q": "ada@example"}))

    assert "Grace Hopper" in by_org and "Ada Lovelace" not in by_org
    assert "Ada Lovelace" in by_email and "Grace Hopper" not in by_email


def test_search_as_you_type_gets_only_the_results_and_a_clean_address(client, network):
    response = client.get(
        reverse("web:contacts"),
        {"q": "grace", "tag": "", "organization": "", "tie": "", "dormant": ""},
        HTTP_HX_REQUEST="true",
    )

    page = html(response)
    assert "Grace Hopper" in page and "Ada Lovelace" not in page
    assert "<html" not in page and "Search" not in page
    assert response["HX-Push-Url"] == "/contacts/?q=grace"
    assert "HX-Request" in response["Vary"]


def test_going_back_to_a_searched_page_gets_the_whole_page(client, network):
    response = client.get(
        reverse("web:contacts"),
        {"q": "grace"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )

    assert "<html" in html(response)


def test_contacts_can_be_filtered_by_tag_organisation_tie_silence_and_never_contacted(
    client, network
):
    def names(**query) -> set[str]:
        page = html(client.get(reverse("web:contacts"), query))
        return {name for name in ("Ada Lovelace", "Grace Hopper", "Linus Pauling") if name in page}

    assert names(tag="mentor") == {"Ada Lovelace", "Grace Hopper"}
    assert names(organization="caltech") == {"Linus Pauling"}
    assert names(tie="strong") == {"Grace Hopper"}
    assert names(never="1") == {"Linus Pauling"}
    assert names(dormant="1") == {"Ada Lovelace", "Grace Hopper"}
    assert names(dormant="3") == set()  # Linus was added today: new, not dormant


def test_contacts_can_be_filtered_by_the_role_they_play_in_my_search(client, network):
    from weakties.network.models import ContactRole

    ContactRole.objects.create(contact=network["grace"], role="mentor")

    page = html(client.get(reverse("web:contacts"), {"role": "mentor"}))

    assert "Grace Hopper" in page and "Ada Lovelace" not in page
    assert '<option value="mentor" selected>Mentor</option>' in page


def test_a_nonsense_filter_is_reported_and_the_others_still_apply(client, network):
    page = html(client.get(reverse("web:contacts"), {"dormant": "soon", "tie": "strong"}))

    assert "Enter a whole number." in page
    assert "Grace Hopper" in page and "Ada Lovelace" not in page


def test_archived_contacts_are_hidden_unless_asked_for(client, network):
    services.contact_archive(contact=network["linus"])

    assert "Linus Pauling" not in html(client.get(reverse("web:contacts")))
    assert "Linus Pauling" in html(client.get(reverse("web:contacts"), {"archived": "1"}))


def test_contacts_list_is_paginated_by_fifty(client, owner, make_contact):
    for number in range(55):
        make_contact(f"Person {number:02d}")

    first = html(client.get(reverse("web:contacts")))
    second = html(client.get(reverse("web:contacts"), {"page": "2"}))

    assert "Person 49" in first and "Person 50" not in first
    assert "Page 1 of 2" in first and "page=2" in first
    assert "Person 50" in second and "Person 54" in second and "Person 00" not in second


def test_contact_page_shows_details_reach_notes_memories_links_timeline_and_next_steps(
    client, network
):
    page = html(client.get(reverse("web:contact", args=[network["ada"].pk])))

    assert "<h1>Ada Lovelace</h1>" in page
    assert "Engineering Manager at" in page
    assert 'href="mailto:ada@example.com"' in page
    assert 'href="tel:+442079460018"' in page
    assert 'href="https://www.linkedin.com/in/ada-lovelace/"' in page
    assert "PyCon 2024 hallway track" in page
    assert "Prefers email.<br>Ask about the new data team." in page
    assert "We both love the Difference Engine." in page
    assert "Share the SQLite performance article." in page
    assert 'Grace Hopper</a> <span class="muted">colleague' in page
    assert page.index("Video call about platform teams.") < page.index("Coffee near her office")
    assert "Send Ada my CV" in page and "3 days overdue" in page


def test_notes_and_summaries_are_shown_as_text_never_as_html(client, owner, make_contact):
    contact = make_contact(
        "Mallory",
        notes='<script>alert("notes")</script> **bold** [x](javascript:alert(1))',
        title="<img src=x onerror=alert(1)>",
    )
    services.interaction_log(
        owner=owner, participants=[contact], summary="<b>summary</b>", next_step="<i>step</i>"
    )

    page = html(client.get(reverse("web:contact", args=[contact.pk])))

    assert "<script>alert" not in page and "&lt;script&gt;alert(&quot;notes&quot;)" in page
    assert "<img src=x" not in page
    assert "<b>summary</b>" not in page and "&lt;b&gt;summary&lt;/b&gt;" in page
    assert "<i>step</i>" not in page
    assert 'href="javascript:' not in page


def test_a_web_address_never_becomes_a_script_link(client, owner, make_contact):
    # The services refuse such a URL; a row that got in some other way (an old import, the
    # admin) must still never render as a script link.
    contact = make_contact("Eve")
    value = "javascript:alert(document.cookie).example"
    ContactPoint.objects.create(
        owner=owner, contact=contact, kind="url", value=value, normalized=value
    )

    page = html(client.get(reverse("web:contact", args=[contact.pk])))

    assert 'href="javascript:' not in page
    assert 'href="https://javascript:alert(document.cookie).example"' in page


def test_an_archived_contact_says_so_and_offers_to_bring_them_back(client, network):
    services.contact_archive(contact=network["linus"])

    page = html(client.get(reverse("web:contact", args=[network["linus"].pk])))

    assert "Archived on" in page
    assert reverse("web:contact_unarchive", args=[network["linus"].pk]) in page


def test_adding_someone_twice_offers_to_merge_them_on_the_new_page(client, network):
    ada = network["ada"]
    response = client.post(
        reverse("web:contact_add"),
        {
            "name": "ada lovelace",
            "organization": "Analytical Engines",
            "tie": "weak",
            "closeness": "1",
            "emails": "countess@example.com",
        },
        follow=True,
    )
    twin = response.context["contact"]

    page = html(response)
    assert "You also have" in page and reverse("web:contact", args=[ada.pk]) in page
    assert "probably the same person, added twice" in page
    assert f'name="other" value="{ada.pk}"' in page

    merged = html(
        client.post(reverse("web:contact_merge", args=[twin.pk]), {"other": ada.pk}, follow=True)
    )
    assert "Merged Ada Lovelace into ada lovelace" in merged
    assert "You also have" not in merged
    assert "Send Ada my CV" in merged  # her next step came along
    assert {p.value for p in ContactPoint.objects.filter(contact=twin, kind="email")} == {
        "countess@example.com",
        "ada@example.com",
    }
    assert client.get(reverse("web:contact", args=[ada.pk])).status_code == 404


def test_merging_needs_a_post_and_one_of_your_contacts(client, network):
    url = reverse("web:contact_merge", args=[network["ada"].pk])

    assert client.get(url).status_code == 405
    assert client.post(url, {"other": "not a number"}).status_code == 404
    assert client.post(url, {"other": "999999"}).status_code == 404
    same = html(client.post(url, {"other": network["ada"].pk}, follow=True))
    assert "That is the same person; nothing to merge." in same


def test_a_missing_contact_is_not_found(client, owner):
    assert client.get(reverse("web:contact", args=[999999])).status_code == 404


def test_next_steps_page_lists_open_steps_overdue_first_and_can_show_done(client, network):
    services.next_step_complete(step=network["cv_step"])
    extra = services.next_step_create(
        owner=network["ada"].owner, contact=network["linus"], text="Find Linus on LinkedIn"
    )

    page = html(client.get(reverse("web:next_steps")))
    with_done = html(client.get(reverse("web:next_steps"), {"done": "1"}))

    assert "Send Ada my CV" not in page
    assert page.index("Grace introduces me to her VP") < page.index(extra.text)
    assert "no due date" in page
    assert "Send Ada my CV" in with_done and "done today" in with_done


def test_done_steps_are_counted_and_paged_not_cut_at_fifty(client, owner, make_contact):
    sam = make_contact("Sam Lee")
    for number in range(55):
        step = services.next_step_create(owner=owner, contact=sam, text=f"Task number {number}")
        services.next_step_complete(step=step)

    first = html(client.get(reverse("web:next_steps"), {"done": "1"}))
    second = html(client.get(reverse("web:next_steps"), {"done": "1", "done_page": "2"}))

    assert "55, most recent first" in first and "1–50 of 55" in first
    assert "Older →" in first
    assert "51–55 of 55" in second and "← Newer" in second
    assert first.count("Task number") == 10 * second.count("Task number") > 0  # 50 rows, 5


def test_next_steps_can_be_narrowed_to_whose_move_it_is(client, network):
    mine = html(client.get(reverse("web:next_steps"), {"whose": "mine"}))
    theirs = html(client.get(reverse("web:next_steps"), {"whose": "theirs"}))

    assert "Send Ada my CV" in mine and "Grace introduces me" not in mine
    assert "Grace introduces me" in theirs and "Send Ada my CV" not in theirs


def test_a_long_history_shows_the_latest_conversations_and_offers_the_older(
    client, owner, make_contact, today
):
    from datetime import timedelta

    sam = make_contact("Sam Lee")
    for days in range(30):
        services.interaction_log(
            owner=owner,
            participants=[sam],
            summary=f"Message number {days}",
            occurred_on=today - timedelta(days=days),
        )
    url = reverse("web:contact", args=[sam.pk])

    page = html(client.get(url))

    assert "Message number 24<" in page and "Message number 25<" not in page
    assert "Show 5 older conversations" in page
    everything = html(client.get(url, {"timeline": "all"}))
    assert "Message number 29<" in everything and "older conversation" not in everything


def test_searching_ignores_accents_and_case_beyond_ascii(client, owner, make_contact):
    make_contact("Jürgen Müller", organization="Zürich Versicherung")
    make_contact("Łukasz Żółć")

    for typed, expected in (("muller", "Jürgen Müller"), ("MÜLLER", "Jürgen Müller"),
                            ("zurich", "Jürgen Müller"), ("lukasz", "Łukasz Żółć")):  # fmt: skip
        page = html(client.get(reverse("web:contacts"), {"q": typed}))
        assert expected in page, typed
    assert "Jürgen" not in html(client.get(reverse("web:contacts"), {"q": "lukasz"}))
