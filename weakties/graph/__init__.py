"""The introduction-path engine: CSR arrays and searches over them (numpy/scipy, no Django).

Build a ``Graph`` from plain arrays with ``graph_from_edges(n, src, dst, strength)``, save and
memory-map it with ``graph_save`` / ``graph_load``, and ask it ``fewest_hops``,
``strongest_path``, ``best_routes`` (one route per first contact, to one or several targets),
``reach`` and ``who_knows``. Nodes are integers; mapping them to people is the caller's job
(``weakties.intros`` does it for a user's network).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from weakties.graph.limits import DEFAULT_MAX_HOPS, MAX_HOPS_LIMIT

if TYPE_CHECKING:
    from weakties.graph.csr import Graph, graph_from_edges, graph_load, graph_save
    from weakties.graph.search import (
        Route,
        best_routes,
        fewest_hops,
        reach,
        route_strength,
        strongest_path,
        who_knows,
    )

_LAZY = {
    "Graph": "csr",
    "graph_from_edges": "csr",
    "graph_load": "csr",
    "graph_save": "csr",
    "Route": "search",
    "best_routes": "search",
    "fewest_hops": "search",
    "reach": "search",
    "route_strength": "search",
    "strongest_path": "search",
    "who_knows": "search",
}


def __getattr__(name: str) -> Any:
    """Import numpy only when the engine is used, so the CLI starts fast (PEP 562)."""
    if name in _LAZY:
        import importlib

        module = importlib.import_module(f"weakties.graph.{_LAZY[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'weakties.graph' has no attribute {name!r}")


__all__ = [
    "DEFAULT_MAX_HOPS",
    "MAX_HOPS_LIMIT",
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
