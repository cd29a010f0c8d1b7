"""The reciprocity ledger: what I gave and received, kept through merges."""

from __future__ import annotations

import pytest

from weakties.errors import UserError
from weakties.network import services as network
from weakties.plan import services
from weakties.plan.models import Exchange

pytestmark = pytest.mark.django_db


def test_an_exchange_is_recorded_with_its_kind(owner, make_contact):
    ada = make_contact("Ada Lovelace")

    given = services.exchange_record(
        owner=owner, contact=ada, direction="gave", kind="article", text="  SQLite  article "
    )

    assert (given.direction, given.kind, given.text) == ("gave", "article", "SQLite article")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"direction": "lent", "text": "x"}, "direction"),
        ({"direction": "gave", "kind": "bribe", "text": "x"}, "kind"),
        ({"direction": "got", "text": "   "}, "text"),
    ],
)
def test_a_bad_exchange_names_its_field_and_writes_nothing(owner, make_contact, fields, field):
    ada = make_contact("Ada Lovelace")

    with pytest.raises(UserError) as refused:
        services.exchange_record(owner=owner, contact=ada, **fields)

    assert refused.value.field == field
    assert not Exchange.objects.exists()


def test_someone_elses_contact_is_refused(owner, stranger, make_contact):
    theirs = make_contact("Sam", user=stranger)

    with pytest.raises(UserError):
        services.exchange_record(owner=owner, contact=theirs, direction="got", text="Advice")


def test_merging_two_records_of_one_person_keeps_both_ledgers(owner, make_contact):
    keep, other = make_contact("Ada Lovelace"), make_contact("Ada L.")
    services.exchange_record(owner=owner, contact=keep, direction="gave", text="Article")
    services.exchange_record(owner=owner, contact=other, direction="got", text="Intro to Sam")

    network.contact_merge(keep=keep, other=other)

    assert sorted(keep.exchanges.values_list("text", flat=True)) == ["Article", "Intro to Sam"]
