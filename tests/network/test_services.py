"""Adding, editing, archiving and merging people; logging conversations and next steps."""

from __future__ import annotations

from datetime import date

import pytest

from weakties.errors import UserError
from weakties.network import selectors, services
from weakties.network.models import (
    Contact,
    ContactLink,
    ContactPoint,
    Interaction,
    NextStep,
    Organization,
)
from weakties.network.services import ContactData

pytestmark = pytest.mark.django_db


def test_adding_a_contact_keeps_everything_typed(owner, make_contact):
    ada = make_contact(
        "  Ada   Lovelace ",
        organization="Analytical Engines",
        title="Head of Research",
        tie="strong",
        closeness=4,
        tags=["alumni", "math"],
        how_met="Babbage's salon",
        notes="Loves *poetry*.",
        emails=["ADA@Example.org"],
        phones=["+44 20 7946 0018"],
        urls=["https://www.linkedin.com/in/ada-lovelace/"],
    )
    ada.refresh_from_db()
    assert ada.name == "Ada Lovelace"
    assert (ada.first_name, ada.last_name) == ("Ada", "Lovelace")
    assert ada.organization.name == "Analytical Engines"
    assert sorted(t.name for t in ada.tags.all()) == ["alumni", "math"]
    points = {p.kind: p.normalized for p in ada.points.all()}
    assert points == {
        "email": "ada@example.org",
        "phone": "+442079460018",
        "linkedin": "linkedin.com/in/ada-lovelace",
    }


def test_organisations_and_tags_are_reused_whatever_the_case(owner, make_contact):
    make_contact("Ada Lovelace", organization="Acme", tags=["Alumni"])
    make_contact("Grace Hopper", organization="ACME", tags=["alumni"])
    assert Organization.objects.filter(owner=owner).count() == 1
    assert selectors.tag_list(user=owner).count() == 1


def test_a_contact_without_a_name_is_refused_and_nothing_is_written(owner):
    with pytest.raises(UserError, match="name"):
        services.contact_create(owner=owner, data=ContactData(name="   ", organization="Acme"))
    assert not Organization.objects.exists()


def test_closeness_outside_one_to_five_is_refused(owner, make_contact):
    with pytest.raises(UserError, match="closeness"):
        make_contact("Ada Lovelace", closeness=9)
    assert not Contact.objects.exists()


def test_a_bad_email_is_refused_with_the_value_named(owner, make_contact):
    with pytest.raises(UserError, match="'not-an-email' is not an email"):
        make_contact("Ada Lovelace", organization="Acme", emails=["not-an-email"])
    assert not Contact.objects.exists()
    assert not Organization.objects.exists()


def test_an_email_identifies_one_person_per_user(owner, stranger, make_contact):
    make_contact("Ada Lovelace", emails=["ada@example.org"])
    with pytest.raises(UserError, match="already belongs to Ada Lovelace"):
        make_contact("A. Lovelace", emails=["Ada@Example.org"])
    assert Contact.objects.filter(owner=owner).count() == 1
    # Another user may know the same person: identities are unique per owner only.
    make_contact("Ada Lovelace", user=stranger, emails=["ada@example.org"])


def test_the_same_linkedin_profile_in_any_spelling_is_one_identity(owner, make_contact):
    make_contact("José Núñez", urls=["https://www.linkedin.com/in/jos%C3%A9-n/"])
    with pytest.raises(UserError, match="already belongs"):
        make_contact("Jose Nunez", urls=["linkedin.com/in/JOSÉ-N?trk=x"])


def test_editing_changes_only_what_is_given(owner, make_contact):
    ada = make_contact("Ada Lovelace", title="Analyst", tags=["math"], emails=["a@x.org"])
    services.contact_update(contact=ada, data=ContactData(title="Head of Research"))
    ada.refresh_from_db()
    assert ada.title == "Head of Research"
    assert [t.name for t in ada.tags.all()] == ["math"]
    assert ada.points.count() == 1


def test_editing_the_email_list_replaces_it(owner, make_contact):
    ada = make_contact("Ada Lovelace", emails=["old@x.org", "keep@x.org"], phones=["555 0100"])
    services.contact_update(
        contact=ada, data=ContactData(), emails=["keep@x.org", "new@x.org"], phones=None
    )
    emails = sorted(ada.points.filter(kind="email").values_list("value", flat=True))
    assert emails == ["keep@x.org", "new@x.org"]
    assert ada.points.filter(kind="phone").count() == 1


def test_archiving_hides_a_contact_from_lists_but_keeps_history(owner, make_contact):
    ada = make_contact("Ada Lovelace")
    services.interaction_log(owner=owner, participants=[ada], summary="Coffee")
    services.contact_archive(contact=ada)
    assert list(selectors.contact_list(user=owner)) == []
    assert [c.name for c in selectors.contact_list(user=owner, include_archived=True)] == [
        "Ada Lovelace"
    ]
    assert Interaction.objects.filter(participants=ada).count() == 1
    services.contact_unarchive(contact=ada)
    assert selectors.contact_list(user=owner).count() == 1


def test_logging_a_conversation_with_a_next_step(owner, make_contact, today):
    ada = make_contact("Ada Lovelace")
    grace = make_contact("Grace Hopper")
    interaction = services.interaction_log(
        owner=owner,
        participants=[ada, grace],
        summary="Lunch about compilers",
        channel="meeting",
        occurred_on=today,
        next_step="Send Grace's paper to Ada",
        next_step_due=date(2026, 3, 20),
        next_step_mine=True,
    )
    assert set(interaction.participants.all()) == {ada, grace}
    step = NextStep.objects.get()
    assert (step.contact, step.interaction, step.mine, step.due) == (
        ada,
        interaction,
        True,
        date(2026, 3, 20),
    )
    listed = {c.name: c.last_contacted for c in selectors.contact_list(user=owner)}
    assert listed == {"Ada Lovelace": today, "Grace Hopper": today}


def test_a_due_date_without_a_next_step_is_refused_not_dropped(owner, make_contact):
    ada = make_contact("Ada Lovelace")
    with pytest.raises(UserError, match="due"):
        services.interaction_log(
            owner=owner, participants=[ada], summary="Call", next_step_due=date(2026, 3, 20)
        )
    assert not Interaction.objects.exists()


def test_a_conversation_with_someone_elses_contact_is_refused(owner, stranger, make_contact):
    theirs = make_contact("Not Mine", user=stranger)
    with pytest.raises(UserError):
        services.interaction_log(owner=owner, participants=[theirs], summary="Call")
    assert not Interaction.objects.exists()


def test_completing_a_next_step_records_the_day_once(owner, make_contact, today):
    ada = make_contact("Ada Lovelace")
    step = services.next_step_create(owner=owner, contact=ada, text="Email Ada", due=today)
    services.next_step_complete(step=step, on=today)
    services.next_step_complete(step=step, on=date(2026, 4, 1))
    step.refresh_from_db()
    assert step.done_on == today
    assert list(selectors.next_step_list(user=owner)) == []


def test_merge_keeps_every_interaction_note_link_point_and_step(owner, make_contact, today):
    keep = make_contact(
        "Ada Lovelace", organization="Acme", emails=["ada@x.org"], tags=["math"], notes="Kind."
    )
    other = make_contact(
        "Ada K. Lovelace",
        title="Head of Research",
        tie="strong",
        closeness=5,
        emails=["ada@home.org"],
        phones=["555 0100"],
        tags=["alumni"],
        notes="Plays chess.",
        roles=["mentor"],
    )
    grace = make_contact("Grace Hopper")
    both = services.interaction_log(owner=owner, participants=[keep, other], summary="Dinner")
    only_other = services.interaction_log(
        owner=owner, participants=[other, grace], summary="Talk", next_step="Send slides"
    )
    services.contact_link(a=other, b=grace, kind="colleague", strength=4)
    services.contact_link(a=keep, b=other, kind="friend")
    services.memory_add(contact=other, text="Football on Mondays")
    services.help_idea_add(contact=other, text="Introduce her to Grace")

    merged = services.contact_merge(keep=keep, other=other)

    assert not Contact.objects.filter(pk=other.pk).exists()
    merged.refresh_from_db()
    assert merged.title == "Head of Research"
    assert merged.organization.name == "Acme"
    assert (merged.tie, merged.closeness) == ("strong", 5)
    assert "Kind." in merged.notes and "Plays chess." in merged.notes
    assert sorted(p.value for p in merged.points.all()) == ["555 0100", "ada@home.org", "ada@x.org"]
    assert sorted(t.name for t in merged.tags.all()) == ["alumni", "math"]
    assert [r.role for r in merged.roles.all()] == ["mentor"]
    assert list(both.participants.all()) == [merged]
    assert set(only_other.participants.all()) == {merged, grace}
    assert NextStep.objects.get().contact == merged
    assert [m.text for m in merged.memories.all()] == ["Football on Mondays"]
    assert [h.text for h in merged.help_ideas.all()] == ["Introduce her to Grace"]
    links = selectors.contact_links(contact=merged)
    assert [(person.name, link.kind, link.strength) for person, link in links] == [
        ("Grace Hopper", "colleague", 4)
    ]


def test_merge_keeps_the_stronger_of_two_links_to_the_same_person(owner, make_contact):
    keep, other, sam = (make_contact(n) for n in ("Ada Lovelace", "Ada L", "Sam Okafor"))
    services.contact_link(a=keep, b=sam, kind="friend", strength=2)
    services.contact_link(a=sam, b=other, kind="colleague", strength=5)
    services.contact_merge(keep=keep, other=other)
    link = ContactLink.objects.get()
    assert (link.strength, link.kind) == (5, "colleague")
    assert link.contact_a_id < link.contact_b_id


def test_merging_a_person_with_themselves_is_refused(owner, make_contact):
    ada = make_contact("Ada Lovelace")
    with pytest.raises(UserError, match="same person"):
        services.contact_merge(keep=ada, other=ada)


def test_linking_two_contacts_is_undirected_and_updates_in_place(owner, make_contact):
    ada, grace = make_contact("Ada Lovelace"), make_contact("Grace Hopper")
    services.contact_link(a=grace, b=ada, kind="colleague", strength=2)
    services.contact_link(a=ada, b=grace, kind="friend", strength=4)
    link = ContactLink.objects.get()
    assert (link.kind, link.strength) == ("friend", 4)
    with pytest.raises(UserError, match="themselves"):
        services.contact_link(a=ada, b=ada)
    with pytest.raises(UserError, match="strength"):
        services.contact_link(a=ada, b=grace, strength=7)


def test_a_phone_number_may_be_shared_by_colleagues(owner, make_contact):
    make_contact("Ada Lovelace", phones=["+1 555 0100"])
    make_contact("Grace Hopper", phones=["+1 (555) 0100"])
    assert ContactPoint.objects.filter(kind="phone").count() == 2


def test_a_conversation_dated_in_the_future_is_refused(owner, make_contact, monkeypatch):
    monkeypatch.setenv("WEAKTIES_TODAY", "2026-03-16")
    ada = make_contact("Ada Lovelace")
    with pytest.raises(UserError, match="in the future"):
        services.interaction_log(
            owner=owner, participants=[ada], summary="Coffee", occurred_on=date(2026, 3, 17)
        )
    assert not Interaction.objects.exists()


@pytest.mark.parametrize(
    "url", ["javascript:alert(1).x", "data:text/html,<b>x</b>.html", "ftp://files.example.org"]
)
def test_only_web_addresses_are_kept_as_urls(owner, make_contact, url):
    with pytest.raises(UserError, match="url"):
        make_contact("Ada Lovelace", urls=[url])
    assert not Contact.objects.exists()


def test_a_web_address_may_come_with_or_without_its_scheme(owner, make_contact):
    ada = make_contact("Ada Lovelace", urls=["ada.example.org/blog", "https://ada.example.com"])
    assert sorted(p.normalized for p in ada.points.all()) == [
        "ada.example.com",
        "ada.example.org/blog",
    ]
