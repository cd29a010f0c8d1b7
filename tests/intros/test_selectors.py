"""Introductions from a user's own network: snapshots, the cache, and routes in words."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest

from tests.conftest import TODAY
from weakties.errors import Ambiguous, NotFound, UserError
from weakties.intros import selectors, snapshot
from weakties.intros.snapshot import ME, snapshot_build, snapshot_for, strength_to_me
from weakties.network import services
from weakties.network.models import Organization


@pytest.fixture(autouse=True)
def fresh_cache():
    snapshot.snapshot_forget()
    yield
    snapshot.snapshot_forget()


@pytest.fixture
def network(make_contact, owner):
    """Me → Ann (strong) → Cy (not met, at Initech); me → Bo (weak) → Cy; Di at Initech too."""
    people = {
        "ann": make_contact("Ann Archer", tie="strong", closeness=4, organization="Acme"),
        "bo": make_contact("Bo Brown", tie="weak", closeness=2),
        "cy": make_contact("Cy Chen", tie="none", organization="Initech"),
        "di": make_contact("Di Diaz", tie="none", organization="Initech"),
        "ed": make_contact("Ed Evans", tie="none"),
    }
    services.contact_link(a=people["ann"], b=people["cy"], kind="friend", strength=5)
    services.contact_link(a=people["bo"], b=people["cy"], kind="colleague", strength=2)
    return people


def test_the_snapshot_takes_two_queries_and_links_only_people_i_have_met(
    owner, network, django_assert_num_queries
):
    with django_assert_num_queries(2):
        snap = snapshot_build(user=owner, today=TODAY)
    graph = snap.graph
    ann, bo, cy, di, ed = (snap.node(network[k].pk) for k in ("ann", "bo", "cy", "di", "ed"))
    assert graph.edge(ME, ann) is not None and graph.edge(ME, bo) is not None
    assert graph.edge(ME, cy) is None, "people not met yet have no edge to me"
    assert graph.edge(ann, cy) == (0.9, False)
    assert graph.edge(cy, di) == (0.25, True), "colleagues are linked, flagged inferred"
    assert graph.degree([ed])[0] == 0
    assert graph.edge(ME, ann)[0] > graph.edge(ME, bo)[0]


def test_ties_fade_with_time_but_never_below_half():
    today = strength_to_me(["weak"], [3], [0])[0]
    year = strength_to_me(["weak"], [3], [365])[0]
    ages = strength_to_me(["weak"], [3], [36500])[0]
    never = strength_to_me(["weak"], [3], [0], never=[True])[0]
    assert today > year > never > ages >= today / 2 - 1e-9
    assert year == pytest.approx(today * 0.75)
    assert strength_to_me(["strong"], [5], [0])[0] == pytest.approx(0.8)


def test_a_recent_conversation_makes_a_contact_the_stronger_route(owner, network):
    services.interaction_log(
        owner=owner, participants=[network["bo"]], summary="Coffee", occurred_on=TODAY
    )
    answer = selectors.contact_paths(user=owner, contact=network["cy"], today=TODAY)
    assert answer.routes[0].first.name == "Ann Archer"  # fewest hops tie; Ann's is stronger
    bo_route = next(r for r in answer.routes if r.first.name == "Bo Brown")
    assert bo_route.first.last_contacted == TODAY


def test_routes_to_a_person_are_explained_hop_by_hop(owner, network):
    answer = selectors.path_find(user=owner, target="cy chen", today=TODAY)
    assert answer.target.kind == "contact" and answer.target.name == "Cy Chen"
    assert [route.first.name for route in answer.routes] == ["Ann Archer", "Bo Brown"]
    best = answer.routes[0]
    assert best.length == 2
    assert [hop.name for hop in best.hops] == ["Ann Archer", "Cy Chen"]
    assert best.hops[0].relation == "strong tie, closeness 4/5"
    assert best.hops[1].relation == "friend" and not best.hops[1].inferred
    assert best.advice == "Ask Ann Archer to introduce you to Cy Chen."
    assert best.strength == pytest.approx(best.hops[0].strength * 0.9, abs=1e-3)


def test_an_organisation_target_groups_routes_by_the_first_contact_to_ask(owner, network):
    initech = Organization.objects.get(owner=owner, name="Initech")
    routes = selectors.organization_paths(user=owner, organization=initech, today=TODAY)
    assert [route.first.name for route in routes] == ["Ann Archer", "Bo Brown"]
    assert routes[0].target.organization == "Initech"
    answer = selectors.path_find(user=owner, target="initech", today=TODAY)
    assert answer.target.kind == "organization"
    assert answer.people_at is not None
    assert answer.people_at.known == []
    assert [c.name for c in answer.people_at.not_met] == ["Cy Chen", "Di Diaz"]
    assert [(c.name, [t.name for t in there]) for c, there in answer.people_at.via] == [
        ("Ann Archer", ["Cy Chen"]),
        ("Bo Brown", ["Cy Chen"]),
    ]


def test_someone_i_know_at_the_organisation_is_the_first_route(owner, network, make_contact):
    make_contact("Fay Fox", tie="weak", organization="Initech")
    answer = selectors.path_find(user=owner, target="Initech", today=TODAY)
    assert answer.routes[0].length == 1
    assert answer.routes[0].advice == "You know Fay Fox: reach out directly."
    assert [c.name for c in answer.people_at.known] == ["Fay Fox"]
    # Through Fay, her colleague Cy is an inferred two-hop route, but Cy is already a target.


def test_the_strongest_route_may_be_longer_than_the_fewest_hops(owner, make_contact):
    me_close = make_contact("Gil Green", tie="strong", closeness=5)
    me_far = make_contact("Hal Hill", tie="weak", closeness=1)
    middle = make_contact("Ivy Ing", tie="none")
    target = make_contact("Jo Jones", tie="none")
    services.contact_link(a=me_far, b=target, strength=1)
    services.contact_link(a=me_close, b=middle, strength=5)
    services.contact_link(a=middle, b=target, strength=5)
    fewest = selectors.contact_paths(user=owner, contact=target, today=TODAY)
    strongest = selectors.contact_paths(user=owner, contact=target, strongest=True, today=TODAY)
    assert fewest.routes[0].length == 2 and fewest.routes[0].first.name == "Hal Hill"
    assert strongest.routes[0].length == 3 and strongest.routes[0].first.name == "Gil Green"
    assert strongest.routes[0].strength > fewest.routes[0].strength
    short = selectors.contact_paths(
        user=owner, contact=target, strongest=True, max_hops=2, today=TODAY
    )
    assert short.routes[0].first.name == "Hal Hill"


def test_no_route_says_what_to_do(owner, network):
    answer = selectors.path_find(user=owner, target="Ed Evans", today=TODAY)
    assert answer.routes == []
    assert answer.message == "No route to Ed Evans within 4 hops."
    assert answer.hint.startswith('Record who knows them (weakties link "Ed Evans" SOMEONE)')


def test_archived_people_are_not_routes(owner, network):
    services.contact_archive(contact=network["ann"])
    answer = selectors.path_find(user=owner, target="Cy Chen", today=TODAY)
    assert [route.first.name for route in answer.routes] == ["Bo Brown"]


def test_an_unknown_target_suggests_close_names(owner, network):
    with pytest.raises(NotFound, match="Did you mean: Cy Chen"):
        selectors.path_find(user=owner, target="Cy Chenn", today=TODAY)
    with pytest.raises(NotFound, match="Initech"):
        selectors.path_find(user=owner, target="Initek", today=TODAY)


def test_a_name_that_is_both_a_person_and_an_organisation_asks_which(owner, make_contact):
    make_contact("Acme", tie="weak")
    make_contact("Kim Kay", tie="none", organization="Acme")
    with pytest.raises(Ambiguous) as refused:
        selectors.path_find(user=owner, target="acme", today=TODAY)
    assert refused.value.candidates[0] == "org:Acme (the organisation)"
    assert selectors.path_find(user=owner, target="org:acme", today=TODAY).target.kind == (
        "organization"
    )
    person = refused.value.candidates[1].split()[0]
    assert selectors.path_find(user=owner, target=person, today=TODAY).target.kind == "contact"


def test_an_exact_organisation_name_beats_people_whose_names_contain_it(owner, make_contact):
    make_contact("Lee Acme-Smith", tie="weak")
    make_contact("Kim Kay", tie="none", organization="Acme")
    assert selectors.path_find(user=owner, target="Acme", today=TODAY).target.kind == (
        "organization"
    )


def test_only_my_own_network_is_searched(owner, stranger, network, make_contact):
    theirs = make_contact("Cy Chen", user=stranger, tie="strong")
    answer = selectors.path_find(user=owner, target="Cy Chen", today=TODAY)
    assert answer.target.id == network["cy"].pk != theirs.pk
    with pytest.raises(NotFound):
        selectors.path_find(user=stranger, target="Ann Archer", today=TODAY)


def test_bad_options_are_refused(owner, network):
    with pytest.raises(UserError, match="max hops"):
        selectors.path_find(user=owner, target="Cy", max_hops=0)
    with pytest.raises(UserError, match="routes"):
        selectors.path_find(user=owner, target="Cy", routes=0)


def test_reach_counts_met_contacts_people_one_introduction_away_and_the_estimate(owner, network):
    result = selectors.network_reach(user=owner, today=TODAY)
    assert (result.first, result.second) == (2, 1)  # Ann and Bo; Cy through them (not Di)
    assert result.estimate == 500
    assert result.not_met == 3


# The cache -------------------------------------------------------------------------------------


def test_the_snapshot_is_cached_until_the_network_changes(
    owner, network, django_assert_num_queries
):
    first = snapshot_for(user=owner, today=TODAY)
    with django_assert_num_queries(3):  # the fingerprint only
        assert snapshot_for(user=owner, today=TODAY) is first
    services.contact_link(a=network["bo"], b=network["ed"], strength=3)
    linked = snapshot_for(user=owner, today=TODAY)
    assert linked is not first
    assert linked.graph.edge(linked.node(network["bo"].pk), linked.node(network["ed"].pk))
    services.contact_link(a=network["bo"], b=network["ed"], strength=5)  # a stronger link
    assert snapshot_for(user=owner, today=TODAY) is not linked
    edited = snapshot_for(user=owner, today=TODAY)
    services.contact_update(contact=network["ed"], data=services.ContactData(tie="weak"))
    assert snapshot_for(user=owner, today=TODAY) is not edited
    talked = snapshot_for(user=owner, today=TODAY)
    services.interaction_log(owner=owner, participants=[network["ann"]], summary="Call")
    assert snapshot_for(user=owner, today=TODAY) is not talked
    tomorrow = snapshot_for(user=owner, today=TODAY + timedelta(days=1))
    assert tomorrow.today == TODAY + timedelta(days=1), "ties fade by the day"


def test_a_large_network_is_saved_and_memory_mapped_by_the_next_process(
    owner, network, monkeypatch
):
    monkeypatch.setattr(snapshot, "PERSIST_FROM", 1)
    built = snapshot_for(user=owner, today=TODAY)
    assert snapshot.snapshot_path(owner).exists() and not built.loaded_from_disk
    snapshot.snapshot_forget()  # as if a new command started
    loaded = snapshot_for(user=owner, today=TODAY)
    assert loaded.loaded_from_disk
    assert isinstance(loaded.graph.indices.base, np.memmap)
    assert np.array_equal(loaded.graph.indices, built.graph.indices)
    assert selectors.path_find(user=owner, target="Cy Chen", today=TODAY).routes
    services.contact_link(a=network["bo"], b=network["ed"], strength=3)
    snapshot.snapshot_forget()
    assert not snapshot_for(user=owner, today=TODAY).loaded_from_disk, "stale file ignored"


def test_big_organisations_are_linked_through_anchors_not_a_clique(
    owner, make_contact, monkeypatch
):
    monkeypatch.setattr(snapshot, "CLIQUE_LIMIT", 4)
    monkeypatch.setattr(snapshot, "ANCHORS", 2)
    best = make_contact("Best Known", tie="strong", closeness=5, organization="Bigco")
    make_contact("Second Known", tie="weak", closeness=4, organization="Bigco")
    others = [make_contact(f"Other {i}", tie="none", organization="Bigco") for i in range(6)]
    snap = snapshot_build(user=owner, today=TODAY)
    graph = snap.graph
    b, o1, o2 = snap.node(best.pk), snap.node(others[0].pk), snap.node(others[1].pk)
    assert graph.edge(b, o1) == (0.25, True)
    assert graph.edge(o1, o2) is None, "two ordinary members meet through an anchor"
    inferred = int(graph.inferred.sum()) // 2
    assert inferred == 1 + 2 * 6  # the anchors together, then each anchor to every other
    answer = selectors.contact_paths(user=owner, contact=others[0], today=TODAY)
    assert answer.routes[0].first.name == "Best Known"


def test_organisation_routes_take_a_fixed_number_of_queries(
    owner, network, make_contact, django_assert_num_queries
):
    initech = Organization.objects.get(owner=owner, name="Initech")
    selectors.organization_paths(user=owner, organization=initech, today=TODAY)  # builds
    for i in range(20):
        extra = make_contact(f"Extra {i}", tie="none", organization="Initech")
        services.contact_link(a=network["ann"], b=extra, strength=2)
    selectors.organization_paths(user=owner, organization=initech, today=TODAY)
    # fingerprint 3, members 1, explain 2; not who is there (organisation_answer's part)
    with django_assert_num_queries(6):
        routes = selectors.organization_paths(
            user=owner, organization=initech, routes=5, today=TODAY
        )
    assert len(routes) == 2  # Ann and Bo are the only people to ask
