"""``weakties path``, ``link`` and ``reach`` as a user types them."""

from __future__ import annotations

import pytest

from tests.cli.conftest import Run
from weakties.intros import snapshot


@pytest.fixture
def run(owner) -> Run:
    snapshot.snapshot_forget()
    return Run()


@pytest.fixture
def people(run):
    run("add", "Ann Archer", "--tie", "strong", "--closeness", "4", "--org", "Acme")
    run("add", "Bo Brown", "--tie", "weak")
    run("add", "Cy Chen", "--tie", "none", "--org", "Initech")
    run("add", "Di Diaz", "--tie", "none", "--org", "Initech")
    run("add", "Ed Evans", "--tie", "none")


def test_link_records_who_knows_whom_and_path_follows_it(run, people):
    linked = run.json("link", "Ann", "Cy Chen", "--kind", "friend", "--strength", "5")
    assert (linked["a"]["name"], linked["b"]["name"], linked["kind"], linked["strength"]) == (
        "Ann Archer",
        "Cy Chen",
        "friend",
        5,
    )
    shown = run("path", "Cy Chen").stdout
    assert "Introductions to Cy Chen" in shown
    assert "1. Ask Ann Archer to introduce you to Cy Chen." in shown
    assert "friend" in shown and "strength 0.90" in shown


def test_linking_again_changes_only_what_is_given(run, people):
    first = run.json("link", "Ann", "Cy Chen")
    assert (first["kind"], first["strength"], first["note"]) == ("other", 3, "")
    run("link", "Ann", "Cy Chen", "--kind", "colleague", "--strength", "4", "--note", "Acme")

    again = run.json("link", "Cy Chen", "Ann", "--strength", "5")

    assert (again["kind"], again["strength"], again["note"]) == ("colleague", 5, "Acme")


def test_path_json_has_the_documented_shape(run, people):
    run("link", "Bo", "Cy Chen", "--kind", "colleague", "--strength", "2")
    data = run.json("path", "Cy Chen", "--routes", "2")
    assert data["target"] == {"type": "contact", "id": data["target"]["id"], "name": "Cy Chen"}
    (route,) = data["paths"]
    assert route["length"] == 2 == len(route["hops"])
    assert [hop["name"] for hop in route["hops"]] == ["Bo Brown", "Cy Chen"]
    assert set(route["hops"][0]) == {"id", "name", "relation", "strength", "inferred"}
    assert route["hops"][1]["relation"] == "colleague"
    assert route["hops"][1]["strength"] == 0.35 and route["hops"][1]["inferred"] is False
    assert route["strength"] == pytest.approx(route["hops"][0]["strength"] * 0.35, abs=1e-3)


def test_an_organisation_gets_routes_who_i_know_there_and_who_knows_someone(run, people):
    run("link", "Ann", "Cy Chen", "--strength", "4")
    run("add", "Fay Fox", "--tie", "weak", "--org", "Initech")
    data = run.json("path", "initech")
    assert data["target"]["type"] == "organization"
    assert [route["hops"][-1]["name"] for route in data["paths"]] == ["Fay Fox", "Cy Chen"]
    assert [p["name"] for p in data["known_there"]] == ["Fay Fox"]
    assert data["know_someone_there"][0]["name"] == "Ann Archer"
    shown = run("path", "Initech").stdout
    assert "You know there: Fay Fox" in shown
    assert "Know someone there: Ann Archer (knows Cy Chen)" in shown


def test_the_strongest_option_and_the_hop_bound(run, people):
    run("add", "Gil Green", "--tie", "strong", "--closeness", "5")
    run("add", "Ivy Ing", "--tie", "none")
    run("link", "Bo", "Ed Evans", "--strength", "1")
    run("link", "Gil", "Ivy", "--strength", "5")
    run("link", "Ivy", "Ed Evans", "--strength", "5")
    assert run.json("path", "Ed Evans")["paths"][0]["hops"][0]["name"] == "Bo Brown"
    strongest = run.json("path", "Ed Evans", "--strongest")["paths"][0]
    assert [hop["name"] for hop in strongest["hops"]] == ["Gil Green", "Ivy Ing", "Ed Evans"]
    bounded = run.json("path", "Ed Evans", "--strongest", "--max-hops", "2")["paths"][0]
    assert bounded["hops"][0]["name"] == "Bo Brown"


def test_no_route_exits_1_with_a_message(run, people):
    result = run("path", "Ed Evans", code=1)
    assert (
        "No route to Ed Evans within 4 hops. Record who knows them (weakties link" in result.stderr
    )
    result = run("path", "Ed Evans", "--json", code=1)
    assert '"paths": []' in result.stdout


def test_an_unknown_target_lists_close_names(run, people):
    result = run("path", "Cy Chan", code=1)
    assert "Did you mean: Cy Chen" in result.stderr


def test_link_refuses_a_person_with_themselves_and_bad_strengths(run, people):
    assert "cannot be linked to themselves" in run("link", "Ann", "Ann", code=1).stderr
    run("link", "Ann", "Bo", "--strength", "9", code=2)


def test_reach_counts_and_estimates(run, people):
    run("link", "Ann", "Cy Chen")
    data = run.json("reach")
    assert (data["first_degree"], data["second_degree"], data["estimate"]) == (2, 1, 500)
    shown = run("reach").stdout
    assert "2 people you have met" in shown
    assert "About 500 people" in shown
