"""The path engine against networkx as the oracle, on random graphs (hypothesis).

Random graphs come with self-loops, duplicate edges (the strongest counts) and disconnected
parts. Each property runs twice: once with every level expanded by the Python loop, once with
every level vectorised, so both code paths meet the oracle.
"""

from __future__ import annotations

import itertools
import math

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from weakties.graph import (
    Route,
    best_routes,
    fewest_hops,
    graph_from_edges,
    route_strength,
    search,
    strongest_path,
)

REL = 1e-9

strengths = st.one_of(st.just(1.0), st.floats(min_value=0.01, max_value=1.0))


@st.composite
def graphs(draw, max_nodes=14, max_edges=40):
    n = draw(st.integers(min_value=1, max_value=max_nodes))
    node = st.integers(min_value=0, max_value=n - 1)
    edges = draw(st.lists(st.tuples(node, node, strengths), max_size=max_edges))
    source, target = draw(node), draw(node)
    return n, edges, source, target


def build(n, edges):
    src = [u for u, _, _ in edges]
    dst = [v for _, v, _ in edges]
    weight = [w for _, _, w in edges]
    graph = graph_from_edges(n, src, dst, weight)
    oracle = nx.Graph()
    oracle.add_nodes_from(range(n))
    for u, v, w in edges:
        if u != v and w > oracle.get_edge_data(u, v, {"w": 0.0})["w"]:
            oracle.add_edge(u, v, w=w, cost=-math.log(w))
    return graph, oracle


def product(oracle, path):
    return math.prod(oracle[u][v]["w"] for u, v in itertools.pairwise(path))


def assert_valid(route: Route, oracle, source, target):
    assert route.nodes[0] == source and route.nodes[-1] == target
    assert len(set(route.nodes)) == len(route.nodes), "a route never visits anyone twice"
    assert all(oracle.has_edge(u, v) for u, v in itertools.pairwise(route.nodes))
    assert route.strength == pytest.approx(product(oracle, route.nodes), rel=REL)


@pytest.fixture(params=["loop", "vectorised"])
def level_mode(request, monkeypatch):
    monkeypatch.setattr(search, "SMALL_LEVEL", 10**9 if request.param == "loop" else -1)
    return request.param


SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(case=graphs(), bound=st.one_of(st.none(), st.integers(min_value=1, max_value=5)))
def test_fewest_hops_matches_networkx_and_prefers_the_strongest_shortest_path(
    level_mode, case, bound
):
    n, edges, source, target = case
    graph, oracle = build(n, edges)
    route = fewest_hops(graph, source, target, max_hops=bound)
    if not nx.has_path(oracle, source, target):
        assert route is None
        return
    hops = nx.shortest_path_length(oracle, source, target)
    if bound is not None and hops > bound:
        assert route is None
        return
    assert route is not None
    assert route.length == hops
    assert_valid(route, oracle, source, target)
    best = max(product(oracle, p) for p in nx.all_shortest_paths(oracle, source, target))
    assert route.strength == pytest.approx(best, rel=REL)


@SETTINGS
@given(case=graphs(max_nodes=10, max_edges=30), bound=st.integers(min_value=1, max_value=5))
def test_bounded_strongest_path_is_the_best_simple_path_within_the_bound(level_mode, case, bound):
    n, edges, source, target = case
    graph, oracle = build(n, edges)
    route = strongest_path(graph, source, target, max_hops=bound)
    if source == target:
        assert route == Route((source,), 1.0)
        return
    candidates = [
        product(oracle, p) for p in nx.all_simple_paths(oracle, source, target, cutoff=bound)
    ]
    if not candidates:
        assert route is None
        return
    assert route is not None
    assert route.length <= bound
    assert_valid(route, oracle, source, target)
    assert route.strength == pytest.approx(max(candidates), rel=REL)


@SETTINGS
@given(case=graphs(max_nodes=25, max_edges=60))
def test_unbounded_strongest_path_matches_dijkstra_on_minus_log_strength(case):
    n, edges, source, target = case
    graph, oracle = build(n, edges)
    route = strongest_path(graph, source, target, max_hops=None)
    if not nx.has_path(oracle, source, target):
        assert route is None
        return
    assert route is not None
    assert_valid(route, oracle, source, target)
    cost = nx.dijkstra_path_length(oracle, source, target, weight="cost")
    assert route.strength == pytest.approx(math.exp(-cost), rel=1e-7)


@SETTINGS
@given(
    case=graphs(max_nodes=10, max_edges=30),
    extra=st.lists(st.integers(min_value=0, max_value=9), max_size=3),
    bound=st.integers(min_value=1, max_value=4),
    strongest=st.booleans(),
    k=st.integers(min_value=1, max_value=4),
)
def test_routes_go_through_different_first_contacts_each_the_best_through_it(
    level_mode, case, extra, bound, strongest, k
):
    n, edges, source, target = case
    targets = sorted({target, *(t for t in extra if t < n)})
    graph, oracle = build(n, edges)
    routes = best_routes(graph, source, targets, routes=k, max_hops=bound, strongest=strongest)
    if source in targets:
        assert routes == [Route((source,), 1.0)]
        return
    without_me = oracle.copy()
    without_me.remove_node(source)

    def best_through(contact):
        """(hops, strength) of the best route source → contact → … → a target, or None."""
        options = []
        for goal in targets:
            if contact == goal:
                options.append((1, oracle[source][contact]["w"]))
                continue
            for p in nx.all_simple_paths(without_me, contact, goal, cutoff=bound - 1):
                options.append((len(p), oracle[source][contact]["w"] * product(oracle, p)))
        if not options:
            return None
        if strongest:
            return max(options, key=lambda o: o[1])
        hops = min(o[0] for o in options)
        return hops, max(o[1] for o in options if o[0] == hops)

    expected = {c: best_through(c) for c in oracle.neighbors(source)}
    expected = {c: v for c, v in expected.items() if v is not None}
    assert len(routes) == min(k, len(expected))
    firsts = [route.nodes[1] for route in routes]
    assert len(set(firsts)) == len(firsts), "each route asks a different first contact"
    for route in routes:
        assert route.nodes[0] == source and route.nodes[-1] in targets
        assert len(set(route.nodes)) == len(route.nodes)
        assert route.length <= bound
        hops, strength = expected[route.nodes[1]]
        assert route.strength == pytest.approx(strength, rel=REL)
        if not strongest:
            assert route.length == hops
    if routes:
        values = sorted(expected.values(), key=lambda v: -v[1] if strongest else (v[0], -v[1]))
        best_hops, best_strength = values[0]
        assert routes[0].strength == pytest.approx(best_strength, rel=REL)
        if not strongest:
            assert routes[0].length == best_hops


def test_source_equal_to_target_is_a_route_of_length_zero():
    graph = graph_from_edges(3, [0], [1], [0.5])
    for query in (fewest_hops, strongest_path):
        route = query(graph, 2, 2)
        assert route == Route((2,), 1.0) and route.length == 0


def test_self_loops_and_duplicates_are_ignored_and_the_strongest_duplicate_counts():
    graph = graph_from_edges(3, [0, 0, 1, 1, 2], [0, 1, 0, 2, 2], [1.0, 0.2, 0.6, 0.5, 1.0])
    assert graph.edge_count == 2
    assert graph.edge(0, 0) is None
    assert graph.edge(1, 0) == (0.6, False)
    assert route_strength(graph, [0, 1, 2]) == pytest.approx(0.3)


def test_levels_with_a_palette_give_the_same_answers_as_floats():
    palette = [0.2, 0.35, 0.5, 0.7, 0.9]
    src, dst, levels = [0, 1, 2, 0, 3, 1], [1, 2, 4, 3, 4, 2], [4, 2, 1, 0, 3, 0]
    coded = graph_from_edges(5, src, dst, levels=levels, palette=palette)
    floats = graph_from_edges(5, src, dst, [palette[level] for level in levels])
    assert coded.codes is not None and coded.weights is None
    for query in (fewest_hops, strongest_path):
        assert query(coded, 0, 4) == query(floats, 0, 4)
    assert coded.edge(1, 2) == (0.5, False)


def test_a_recorded_tie_wins_over_an_inferred_one_even_if_weaker():
    graph = graph_from_edges(2, [0, 0], [1, 1], [0.2, 0.25], inferred=[False, True])
    assert graph.edge(0, 1) == (0.2, False)
    only_inferred = graph_from_edges(2, [0], [1], [0.25], inferred=[True])
    assert only_inferred.edge(1, 0) == (0.25, True)


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        graph_from_edges(2, [0], [2], [0.5])
    with pytest.raises(ValueError):
        graph_from_edges(2, [0], [1], [0.0])
    graph = graph_from_edges(2, [0], [1], [0.5])
    with pytest.raises(ValueError):
        fewest_hops(graph, 0, 5)
    with pytest.raises(ValueError):
        strongest_path(graph, 0, 1, max_hops=0)
