"""The introduction-path engine: CSR arrays and searches over them (numpy/scipy, no Django).

Build a ``Graph`` from plain arrays with ``graph_from_edges(n, src, dst, strength)``, save and
memory-map it with ``graph_save`` / ``graph_load``, and ask it ``fewest_hops``,
``strongest_path``, ``best_routes`` (one route per first contact, to one or several targets),
``reach`` and ``who_knows``. Nodes are integers; mapping them to people is the caller's job
(``weakties.intros`` does it for a user's network).
"""

from weakties.graph.csr import Graph, graph_from_edges, graph_load, graph_save
from weakties.graph.search import (
    DEFAULT_MAX_HOPS,
    Route,
    best_routes,
    fewest_hops,
    reach,
    route_strength,
    strongest_path,
    who_knows,
)

__all__ = [
    "DEFAULT_MAX_HOPS",
    "Graph",
    "Route",
    "best_routes",
    "fewest_hops",
    "graph_from_edges",
    "graph_load",
    "graph_save",
    "reach",
    "route_strength",
    "strongest_path",
    "who_knows",
]
