"""The "Find an introduction" page and the organisation routes partial."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from tests.conftest import TODAY
from weakties.intros import selectors, snapshot
from weakties.network import services
from weakties.network.models import Organization


@pytest.fixture(autouse=True)
def pinned(monkeypatch):
    monkeypatch.setenv("WEAKTIES_TODAY", TODAY.isoformat())
    snapshot.snapshot_forget()


@pytest.fixture
def client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def people(make_contact):
    ann = make_contact("Ann Archer", tie="strong", closeness=4, organization="Acme")
    bo = make_contact("Bo Brown", tie="weak")
    cy = make_contact("Cy Chen", tie="none", organization="Initech")
    services.contact_link(a=ann, b=cy, kind="friend", strength=5)
    services.contact_link(a=bo, b=cy, kind="colleague", strength=2)
    return {"ann": ann, "bo": bo, "cy": cy}


URL = reverse("web:introductions")


def test_the_page_has_a_search_box_and_my_reach(client, people):
    page = client.get(URL).content.decode()
    assert 'name="target"' in page
    assert "Your reach" in page and "≈ 500" in page
    assert 'aria-current="page">Introductions</a>' in page


def test_routes_to_a_person_read_as_chains(client, people, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        page = client.get(URL, {"target": "Cy Chen"}).content.decode()
    assert "Introductions to Cy Chen" in page
    assert "Ask Ann Archer to introduce you to Cy Chen." in page
    assert "Ask Bo Brown to introduce you to Cy Chen." in page
    assert page.index("Ann Archer") < page.index("Bo Brown")
    assert "Ann Archer knows Cy Chen: friend · strength 0.90 (strong)" in page
    assert reverse("web:contact", args=[people["ann"].pk]) in page


def test_an_organisation_shows_who_i_know_there_and_routes(client, people):
    page = client.get(URL, {"target": "Initech"}).content.decode()
    assert "Introductions to Initech" in page
    assert "Know someone there" in page
    assert "Ask Ann Archer to introduce you to Cy Chen." in page


def test_htmx_swaps_only_the_results(client, people):
    response = client.get(URL, {"target": "Cy Chen"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Introductions to Cy Chen" in html and "<html" not in html
    assert "HX-Request" in response["Vary"]


def test_no_route_and_unknown_names_are_explained(client, people, make_contact):
    make_contact("Ed Evans", tie="none")
    page = client.get(URL, {"target": "Ed Evans"}).content.decode()
    assert "No route to Ed Evans within 4 hops" in page
    page = client.get(URL, {"target": "Ed Evans"}, headers={"HX-Request": "true"}).content.decode()
    assert "weakties link" not in page and "--max-hops" not in page  # commands are for the CLI
    assert '#links-title">Record who knows Ed Evans</a>' in page
    assert "max_hops=5" in page and "look up to 5 hops away" in page
    make_contact("Fay Fox", organization="Nowhere Ltd", tie="none")
    page = client.get(URL, {"target": "Nowhere Ltd"}, headers={"HX-Request": "true"})
    page = page.content.decode()
    assert "No route to anyone at Nowhere Ltd within 4 hops" in page
    assert "weakties link" not in page and "the people you have there</a>" in page
    page = client.get(URL, {"target": "Cy Chan"}).content.decode()
    assert "Did you mean: Cy Chen" in page


def test_an_ambiguous_name_offers_links_to_each_choice(client, make_contact):
    make_contact("Acme", tie="weak")
    make_contact("Kim Kay", tie="none", organization="Acme")
    page = client.get(URL, {"target": "Acme"}).content.decode()
    assert "is both an organisation and a person" in page
    assert "?target=org%3AAcme&amp;" in page


def test_options_change_the_ranking(client, make_contact):
    gil = make_contact("Gil Green", tie="strong", closeness=5)
    hal = make_contact("Hal Hill", tie="weak", closeness=1)
    ivy = make_contact("Ivy Ing", tie="none")
    jo = make_contact("Jo Jones", tie="none")
    services.contact_link(a=hal, b=jo, strength=1)
    services.contact_link(a=gil, b=ivy, strength=5)
    services.contact_link(a=ivy, b=jo, strength=5)
    fewest = client.get(URL, {"target": "Jo Jones", "routes": "1"}).content.decode()
    assert "Ask Hal Hill" in fewest and "Gil Green" not in fewest.split("Your reach")[0]
    strongest = client.get(
        URL, {"target": "Jo Jones", "rank": "strongest", "routes": "1"}
    ).content.decode()
    assert "Ask Gil Green to pass on an introduction to Jo Jones" in strongest


def test_a_stranger_sees_none_of_my_network(client, people, stranger):
    client.force_login(stranger)
    page = client.get(URL, {"target": "Cy Chen"}).content.decode()
    assert "Ann Archer" not in page and "No one and no organisation" in page


def test_the_organisation_partial_renders_routes_without_queries(
    owner, people, django_assert_num_queries
):
    initech = Organization.objects.get(owner=owner, name="Initech")
    routes = selectors.organization_paths(user=owner, organization=initech, routes=3)
    with django_assert_num_queries(0):
        html = render_to_string(
            "web/intros/_organization_paths.html", {"organization_paths": routes}
        )
    assert "How to get introduced" in html
    assert "Ask Ann Archer to introduce you to Cy Chen." in html
    assert "?target=Initech" in html
    empty = render_to_string("web/intros/_organization_paths.html", {"organization_paths": []})
    assert "No route yet" in empty
