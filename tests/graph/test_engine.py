"""The engine as a library: snapshots on disk, reach, who knows whom, and no Django inside."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from tests.conftest import REPO
from weakties.graph import (
    best_routes,
    fewest_hops,
    graph_from_edges,
    graph_load,
    graph_save,
    reach,
    strongest_path,
    who_knows,
)
from weakties.graph.csr import Graph

# me (0) knows Ann (1) well and Bo (2) a little; Ann knows Cy (3), Bo knows Cy and Di (4);
# Cy knows Eve (5). Fay (6) knows nobody.
EDGES = [(0, 1, 0.9), (0, 2, 0.4), (1, 3, 0.8), (2, 3, 0.9), (2, 4, 0.5), (3, 5, 0.7)]


def small() -> Graph:
    src, dst, strength = zip(*EDGES, strict=True)
    return graph_from_edges(7, src, dst, strength)


def test_a_saved_snapshot_is_memory_mapped_and_answers_the_same(tmp_path):
    graph = small()
    path = tmp_path / "network.npz"
    graph_save(graph, path)
    loaded = graph_load(path)
    assert isinstance(loaded.indices.base, np.memmap), "a view of the mapped file, no copy"
    assert fewest_hops(loaded, 0, 5) == fewest_hops(graph, 0, 5)
    assert strongest_path(loaded, 0, 5) == strongest_path(graph, 0, 5)
    assert graph_load(path, mmap=False).edge(2, 3) == (0.9, False)
    assert loaded.indptr.flags.aligned and loaded.indices.flags.aligned, "no copy per search"
    with np.load(path) as plain:  # still an ordinary .npz
        assert np.array_equal(plain["indices"], graph.indices)


def test_reach_counts_first_and_second_degree():
    assert reach(small(), 0) == (2, 2)  # Ann and Bo; Cy and Di through them
    assert reach(small(), 6) == (0, 0)


def test_who_knows_lists_my_contacts_linked_to_the_targets():
    assert who_knows(small(), 0, [3]) == {1: [3], 2: [3]}
    assert who_knows(small(), 0, [2, 4]) == {}  # Bo is a target himself: first degree


def test_routes_to_an_organisation_start_with_different_people_to_ask():
    routes = best_routes(small(), 0, [5, 4], routes=3)
    assert [route.nodes for route in routes] == [(0, 2, 4), (0, 1, 3, 5)]
    strongest = best_routes(small(), 0, [5, 4], routes=1, strongest=True)
    assert strongest[0].nodes == (0, 1, 3, 5)  # 0.9 × 0.8 × 0.7 beats 0.4 × 0.5


def test_nobody_unreachable_gets_a_route():
    graph = small()
    assert fewest_hops(graph, 0, 6) is None
    assert strongest_path(graph, 0, 6) is None
    assert strongest_path(graph, 0, 6, max_hops=None) is None
    assert best_routes(graph, 0, [6]) == []
    assert fewest_hops(graph, 0, 5, max_hops=2) is None


def test_the_engine_imports_without_django():
    code = (
        "import sys, weakties.graph, weakties.graph.search, weakties.graph.csr\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, env={"PYTHONPATH": "."})


def test_an_unsorted_palette_keeps_each_edge_its_own_strength():
    palette = [0.9, 0.2, 0.5]
    graph = graph_from_edges(3, [0, 1, 0, 0], [1, 2, 2, 1], levels=[1, 0, 2, 2], palette=palette)
    assert graph.edge(0, 1) == (0.5, False)  # the strongest of 0.2 and 0.5
    assert graph.edge(1, 2) == (0.9, False)
    assert graph.edge(2, 0) == (0.5, False)
