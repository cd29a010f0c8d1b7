"""Give as much as you take: balances, who I owe, and introducing two people (PRODUCT §4)."""

from __future__ import annotations

import pytest

from weakties.errors import UserError
from weakties.network import services as network
from weakties.network.models import ContactLink
from weakties.plan import selectors, services

pytestmark = pytest.mark.django_db


def test_the_balance_counts_what_i_gave_and_received(owner, make_contact):
    ada = make_contact("Ada")
    services.exchange_record(owner=owner, contact=ada, direction="got", text="Intro to Sam")
    services.exchange_record(owner=owner, contact=ada, direction="got", text="CV review")
    services.exchange_record(owner=owner, contact=ada, direction="gave", text="Article")

    balance = selectors.reciprocity_balance(contact=ada)

    assert (balance.gave, balance.got, balance.owed) == (1, 2, 1)
    assert balance.words == "They helped you twice and you helped them once: your turn."
    assert {e.text for e in balance.ledger} == {"Intro to Sam", "CV review", "Article"}


def test_owe_lists_people_who_gave_more_than_they_received_biggest_first(owner, make_contact):
    ada, bob, cy = make_contact("Ada"), make_contact("Bob"), make_contact("Cy")
    for _ in range(3):
        services.exchange_record(owner=owner, contact=bob, direction="got", text="Tip")
    services.exchange_record(owner=owner, contact=ada, direction="got", text="Tip")
    services.exchange_record(owner=owner, contact=cy, direction="got", text="Tip")
    services.exchange_record(owner=owner, contact=cy, direction="gave", text="Thanks")

    owed = list(selectors.owe_list(user=owner))

    assert [(c.name, c.owed) for c in owed] == [("Bob", 3), ("Ada", 1)]


def test_introducing_two_people_records_a_gift_to_each_and_links_them(owner, make_contact):
    ada, sam = make_contact("Ada Lovelace"), make_contact("Sam Patel")

    link, to_ada, to_sam = services.introduce(owner=owner, a=ada, b=sam, note="both in health data")

    assert link.kind == ContactLink.Kind.INTRODUCED
    assert (to_ada.direction, to_ada.kind) == ("gave", "introduction")
    assert to_ada.text == "Introduced to Sam Patel: both in health data"
    assert to_sam.text == "Introduced to Ada Lovelace: both in health data"


def test_introducing_people_who_know_each_other_strengthens_their_link(owner, make_contact):
    ada, sam = make_contact("Ada"), make_contact("Sam")
    network.contact_link(a=ada, b=sam, kind="colleague", strength=3)

    link, _a, _b = services.introduce(owner=owner, a=sam, b=ada)

    assert (link.kind, link.strength) == ("colleague", 4)
    assert ContactLink.objects.count() == 1


def test_introducing_someone_to_themselves_or_a_stranger_is_refused(owner, stranger, make_contact):
    ada = make_contact("Ada")
    theirs = make_contact("Theirs", user=stranger)

    with pytest.raises(UserError):
        services.introduce(owner=owner, a=ada, b=ada)
    with pytest.raises(UserError):
        services.introduce(owner=owner, a=ada, b=theirs)
