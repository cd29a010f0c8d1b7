"""Searches over a ``Graph``: fewest hops, strongest path, routes through each first contact.

The strength of a route is the product of its ties' strengths (each hop is a person who has to
agree to pass the request on, so the chances multiply); the strongest route is therefore the
shortest path on ``-log(strength)``.

Every search works level by level and switches per level between a plain Python loop (a
frontier of a few dozen edges costs less than the fixed price of a dozen numpy calls) and a
vectorised expansion (a hub with 50,000 neighbours would take milliseconds in a loop). It
always expands the side whose next level scans fewer edges, and stops as soon as the answer is
known: at the meeting level for fewest hops, at ``max_hops`` for the strongest route.
"""

from __future__ import annotations

import heapq
import itertools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from weakties.graph.csr import FloatArray, Graph, IntArray, Scratch
from weakties.graph.limits import DEFAULT_MAX_HOPS

# Below this many edges to scan, a level is expanded by a Python loop; above, by numpy.
SMALL_LEVEL = 64


@dataclass(frozen=True)
class Route:
    """A path ``nodes[0] → … → nodes[-1]`` and the product of its ties' strengths."""

    nodes: tuple[int, ...]
    strength: float

    @property
    def length(self) -> int:
        """Edges, not people: me → Cy → Fay has length 2."""
        return len(self.nodes) - 1


def _check_node(graph: Graph, node: int) -> int:
    node = int(node)
    if not 0 <= node < graph.n:
        raise ValueError(f"node {node} is not in the graph (0..{graph.n - 1})")
    return node


def _check_hops(max_hops: int | None) -> None:
    if max_hops is not None and max_hops < 1:
        raise ValueError("max_hops must be at least 1 (or None for no bound)")


def route_strength(graph: Graph, nodes: tuple[int, ...] | list[int]) -> float:
    """The product of the strengths along ``nodes``; raises if a hop is not an edge."""
    product = 1.0
    for u, v in itertools.pairwise(nodes):
        edge = graph.edge(u, v)
        if edge is None:
            raise ValueError(f"{u} and {v} are not linked")
        product *= edge[0]
    return product


def _simple(nodes: list[int]) -> list[int]:
    """Cut any loop out of a walk (only possible between equally strong alternatives)."""
    out: list[int] = []
    where: dict[int, int] = {}
    for node in nodes:
        if node in where:
            for dropped in out[where[node] + 1 :]:
                del where[dropped]
            del out[where[node] + 1 :]
        else:
            where[node] = len(out)
            out.append(node)
    return out


def _route(graph: Graph, nodes: list[int]) -> Route:
    nodes = _simple([int(node) for node in nodes])
    return Route(tuple(nodes), route_strength(graph, nodes))


def _gather(graph: Graph, frontier: IntArray) -> tuple[IntArray, IntArray]:
    """(owner, edge position) for every stored edge leaving the frontier, in one pass."""
    starts = graph.indptr[frontier]
    counts = graph.indptr[frontier + 1] - starts
    total = int(counts.sum())
    if total == 0:
        empty = np.zeros(0, np.int64)
        return empty, empty
    positions = np.repeat(starts - (np.cumsum(counts) - counts), counts)
    positions += np.arange(total, dtype=np.int64)
    return np.repeat(frontier, counts), positions


def _one_each(nodes: IntArray, slot: Any) -> IntArray:
    """The distinct values of ``nodes`` (an entry per node), in O(len) without sorting."""
    count = len(nodes)
    if count < 2:
        return nodes
    places = np.arange(count, dtype=np.int32)
    slot[nodes] = places  # several entries write the same node: one of them stays
    return nodes[slot[nodes] == places]


def _offer(
    nodes: IntArray, owners: IntArray, offers: FloatArray, value: Any, parent: Any, slot: Any
) -> IntArray:
    """Give each node the best of its offers (value and parent); returns the nodes, once each.

    ``np.maximum.at`` settles the best value per node; every offer equal to it is a best
    parent, so it does not matter which of those writes lands last.
    """
    np.maximum.at(value, nodes, offers)
    best = offers == value[nodes]
    parent[nodes[best]] = owners[best]
    return _one_each(nodes, slot)


def _work(graph: Graph, frontier: IntArray) -> int:
    if len(frontier) == 1:
        node = int(frontier[0])
        return int(graph.indptr[node + 1] - graph.indptr[node])
    return int((graph.indptr[frontier + 1] - graph.indptr[frontier]).sum())


# Breadth-first levels (fewest hops, ties broken by strength) ---------------------------------


Meeting = tuple[float, int, int]  # (product of the route, node on this side, node on the other)


def _bfs_level(
    graph: Graph,
    frontier: IntArray,
    work: int,
    state: Any,
    mark: int,
    value: Any,
    parent: Any,
    slot: Any,
    blocked: int = -1,
    meet: bool = False,
) -> tuple[IntArray, Meeting | None]:
    """Discover the next BFS level; ``value`` keeps the strongest of the shortest paths.

    ``state`` marks each side's nodes with their level, positive for one side and negative
    for the other (``mark`` carries this side's sign); a node never belongs to both, since
    the search stops when they meet. A node first seen at this level takes the best
    ``value[u] * strength`` over its neighbours ``u`` in the frontier, so among equally short
    paths the strongest wins; nodes are marked once the whole level is scanned. With ``meet``,
    if any neighbour belongs to the other side the searches meet on this level: no new node
    is recorded and the strongest edge across, ``value[u] * strength * value[v]``, is
    returned. Every shortest route crosses from this frontier to the other side's last level,
    so that edge is on the strongest of them.
    """
    sign = 1 if mark > 0 else -1
    if work <= SMALL_LEVEL:
        found: dict[int, tuple[float, int]] = {}
        meeting: Meeting | None = None
        indptr, indices = graph.indptr, graph.indices
        starts = indptr.take(frontier).tolist()
        ends = indptr.take(frontier + 1).tolist()
        bases = value.take(frontier).tolist()
        for u, lo, hi, base in zip(frontier.tolist(), starts, ends, bases, strict=True):
            if lo == hi:
                continue
            around = indices[lo:hi]
            neighbours = around.tolist()
            strengths = graph.strengths(slice(lo, hi)).tolist()
            seen = state.take(around).tolist()
            for v, was, w in zip(neighbours, seen, strengths, strict=True):
                if was == 0:
                    if meeting is None and v != blocked:
                        offer = base * w
                        best = found.get(v)
                        if best is None or offer > best[0]:
                            found[v] = (offer, u)
                elif meet and (was > 0) != (sign > 0):
                    product = base * w * float(value[v])
                    if meeting is None or product > meeting[0]:
                        meeting = (product, u, v)
        if meeting is not None or not found:
            return np.zeros(0, np.int64), meeting
        new = np.fromiter(found, np.int64, len(found))
        state[new] = mark
        value[new] = [offer for offer, _ in found.values()]
        parent[new] = [u for _, u in found.values()]
        return new, None
    owners, positions = _gather(graph, frontier)
    neighbours = graph.indices.take(positions)
    seen = state.take(neighbours)
    if meet:
        there = seen < 0 if sign > 0 else seen > 0
        if there.any():
            owners, positions, neighbours = owners[there], positions[there], neighbours[there]
            products = value.take(owners) * graph.strengths(positions) * value.take(neighbours)
            top = int(np.argmax(products))
            return np.zeros(0, np.int64), (
                float(products[top]),
                int(owners[top]),
                int(neighbours[top]),
            )
    fresh = seen == 0
    if blocked >= 0:
        fresh &= neighbours != blocked
    owners, positions, neighbours = owners[fresh], positions[fresh], neighbours[fresh]
    if len(neighbours) == 0:
        return np.zeros(0, np.int64), None
    offers = value.take(owners) * graph.strengths(positions)
    new = _offer(neighbours, owners, offers, value, parent, slot).astype(np.int64)
    state[new] = mark
    return new, None


def fewest_hops(
    graph: Graph, source: int, target: int, *, max_hops: int | None = None
) -> Route | None:
    """The route with the fewest hops from ``source`` to ``target`` (None if there is none).

    1. Breadth-first search from both ends, always expanding the side whose next level scans
       fewer edges.
    2. Stop at the first level where the two searches meet: every shortest path passes
       through one of the meeting nodes (all at the same distance from each end).
    3. Each side keeps, per node, the strongest of its shortest paths, so the route returned
       is the strongest among the shortest (the product over the meeting node).
    4. With ``max_hops``, give up once the two sides together have gone that deep.
    """
    source, target = _check_node(graph, source), _check_node(graph, target)
    _check_hops(max_hops)
    if source == target:
        return Route((source,), 1.0)
    scratch = graph.borrow()
    touched: list[Any] = [np.array([source, target], np.int64)]
    try:
        return _bidirectional_bfs(graph, scratch, source, target, max_hops, touched)
    finally:
        scratch.clear(touched)
        graph.give_back(scratch)


def _bidirectional_bfs(
    graph: Graph,
    scratch: Scratch,
    source: int,
    target: int,
    max_hops: int | None,
    touched: list[Any],
) -> Route | None:
    # One state, value and parent array for both sides: a node belongs to at most one.
    state, value, parent, slot = scratch.layer_f, scratch.value_f, scratch.parent_f, scratch.slot
    state[source], state[target] = 1, -1
    value[source] = value[target] = 1.0
    front_f = np.array([source], np.int64)
    front_b = np.array([target], np.int64)
    depth_f = depth_b = 0
    work_f, work_b = _work(graph, front_f), _work(graph, front_b)
    while len(front_f) and len(front_b):
        if max_hops is not None and depth_f + depth_b >= max_hops:
            return None
        forward = work_f <= work_b
        if forward:
            depth_f += 1
            front_f, meeting = _bfs_level(
                graph, front_f, work_f, state, depth_f + 1, value, parent, slot, meet=True
            )
            touched.append(front_f)
            work_f = _work(graph, front_f) if len(front_f) else 0
        else:
            depth_b += 1
            front_b, meeting = _bfs_level(
                graph, front_b, work_b, state, -(depth_b + 1), value, parent, slot, meet=True
            )
            touched.append(front_b)
            work_b = _work(graph, front_b) if len(front_b) else 0
        if meeting is not None:
            product, here, there = meeting
            head, tail = (here, there) if forward else (there, here)
            path = _join(head, tail, source, parent, target, parent)
            return Route(tuple(path), product)
    return None


def _join(
    head_end: int, tail_start: int, source: int, parent_f: Any, target: int, parent_b: Any
) -> list[int]:
    """source → … → head_end (forward tree), then tail_start → … → target (backward tree).

    The trees hold one path per node and share no node, so the route is simple.
    """
    head = [head_end]
    while head[-1] != source:
        head.append(int(parent_f[head[-1]]))
    head.reverse()
    tail = [tail_start]
    while tail[-1] != target:
        tail.append(int(parent_b[tail[-1]]))
    return head + tail


# Hop-bounded strongest paths (layered relaxation) -------------------------------------------


class _Layers:
    """The nodes improved at each level of a hop-bounded search, with their parents.

    ``value`` holds, per node, the strongest route of at most ``depth`` hops seen so far;
    level ``k`` lists the nodes whose value improved using exactly ``k`` hops, and from whom.
    """

    def __init__(self, roots: IntArray, value: Any, parent: Any, slot: Any) -> None:
        self.value, self.parent, self.slot = value, parent, slot
        roots = np.unique(roots)
        value[roots] = 1.0
        self.nodes: list[IntArray] = [roots]
        self.parents: list[IntArray] = [np.full(len(roots), -1, np.int64)]
        self.frontier = roots
        self.work = 0

    @property
    def depth(self) -> int:
        return len(self.nodes) - 1

    def trace(self, node: int) -> list[int]:
        """The route from ``node`` back to a root, following the best at each depth."""
        path = [node]
        level = self.depth
        while True:
            at = -1
            while level > 0:
                hits = np.flatnonzero(self.nodes[level] == node)
                if len(hits):
                    at = int(hits[0])
                    break
                level -= 1
            if level == 0:
                return path
            node = int(self.parents[level][at])
            path.append(node)
            level -= 1


def _relax_level(graph: Graph, layers: _Layers, blocked: int = -1) -> None:
    """One more hop: every node improved last level offers its value to its neighbours.

    Values are read as they were before this level (so a level adds exactly one hop), and a
    neighbour takes an offer only if it is strictly stronger (so no route gains a loop).
    """
    frontier, value = layers.frontier, layers.value
    if layers.work <= SMALL_LEVEL:
        offers: dict[int, tuple[float, int]] = {}
        indptr, indices = graph.indptr, graph.indices
        starts = indptr.take(frontier).tolist()
        ends = indptr.take(frontier + 1).tolist()
        bases = value.take(frontier).tolist()
        for u, lo, hi, base in zip(frontier.tolist(), starts, ends, bases, strict=True):
            if lo == hi:
                continue
            neighbours = indices[lo:hi]
            current = value.take(neighbours).tolist()
            strengths = graph.strengths(slice(lo, hi)).tolist()
            for v, now, w in zip(neighbours.tolist(), current, strengths, strict=True):
                offer = base * w
                if offer > now and v != blocked:
                    best = offers.get(v)
                    if best is None or offer > best[0]:
                        offers[v] = (offer, u)
        new = np.fromiter(offers, np.int64, len(offers))
        parents = np.fromiter((u for _, u in offers.values()), np.int64, len(offers))
        if len(new):
            value[new] = [offer for offer, _ in offers.values()]
    else:
        owners, positions = _gather(graph, frontier)
        neighbours = graph.indices.take(positions)
        candidates = value.take(owners) * graph.strengths(positions)
        better = candidates > value.take(neighbours)
        if blocked >= 0:
            better &= neighbours != blocked
        owners, neighbours, candidates = owners[better], neighbours[better], candidates[better]
        new = _offer(neighbours, owners, candidates, value, layers.parent, layers.slot)
        new = new.astype(np.int64)
        parents = layers.parent[new].astype(np.int64)
    layers.nodes.append(new)
    layers.parents.append(parents)
    layers.frontier = new
    layers.work = _work(graph, new) if len(new) else 0


def strongest_path(
    graph: Graph, source: int, target: int, *, max_hops: int | None = DEFAULT_MAX_HOPS
) -> Route | None:
    """The route that maximises the product of strengths, with at most ``max_hops`` hops.

    Bounded (the default, 4: a longer introduction chain is not worth asking for):
    1. From each end, relax level by level: after ``k`` levels a node holds the strongest
       route of at most ``k`` hops (strengths are at most 1, so a loop never helps and the
       best walk is a simple path).
    2. Always extend the side whose next level scans fewer edges, until the two depths add
       up to ``max_hops``; any route of at most ``max_hops`` hops then splits at a node that
       both sides reached.
    3. The answer is the node maximising forward × backward value, traced back both ways.
    Unbounded (``max_hops=None``): bidirectional Dijkstra on ``-log(strength)``, stopping
    when the two searches' smallest tentative costs add up to the best route found.
    """
    source, target = _check_node(graph, source), _check_node(graph, target)
    _check_hops(max_hops)
    if source == target:
        return Route((source,), 1.0)
    if max_hops is None:
        return _bidirectional_dijkstra(graph, source, target)
    scratch = graph.borrow()
    forward = _Layers(np.array([source], np.int64), scratch.value_f, scratch.parent_f, scratch.slot)
    backward = _Layers(
        np.array([target], np.int64), scratch.value_b, scratch.parent_b, scratch.slot
    )
    forward.work, backward.work = _work(graph, forward.frontier), _work(graph, backward.frontier)
    try:
        while forward.depth + backward.depth < max_hops:
            can_f, can_b = len(forward.frontier) > 0, len(backward.frontier) > 0
            if not (can_f or can_b):
                break
            if can_f and (not can_b or forward.work <= backward.work):
                _relax_level(graph, forward)
            else:
                _relax_level(graph, backward)
        reached = np.concatenate(forward.nodes)
        products = scratch.value_f[reached] * scratch.value_b[reached]
        best = int(np.argmax(products))
        if products[best] <= 0:
            return None
        middle = int(reached[best])
        head = forward.trace(middle)
        head.reverse()
        return _route(graph, head + backward.trace(middle)[1:])
    finally:
        scratch.clear(forward.nodes + backward.nodes)
        graph.give_back(scratch)


def _bidirectional_dijkstra(graph: Graph, source: int, target: int) -> Route | None:
    dist: list[dict[int, float]] = [{source: 0.0}, {target: 0.0}]
    parent: list[dict[int, int]] = [{}, {}]
    done: list[set[int]] = [set(), set()]
    heaps: list[list[tuple[float, int]]] = [[(0.0, source)], [(0.0, target)]]
    best, meeting = math.inf, -1
    indptr, indices = graph.indptr, graph.indices
    while heaps[0] and heaps[1]:
        if heaps[0][0][0] + heaps[1][0][0] >= best:
            break
        side = 0 if heaps[0][0][0] <= heaps[1][0][0] else 1
        cost, u = heapq.heappop(heaps[side])
        if u in done[side]:
            continue
        done[side].add(u)
        here, there, heap = dist[side], dist[1 - side], heaps[side]
        lo, hi = int(indptr[u]), int(indptr[u + 1])
        costs = (cost - np.log(graph.strengths(slice(lo, hi)))).tolist()
        for v, through in zip(indices[lo:hi].tolist(), costs, strict=True):
            if v in done[side]:
                continue
            if through < here.get(v, math.inf):
                here[v] = through
                parent[side][v] = u
                heapq.heappush(heap, (through, v))
            if v in there and through + there[v] < best:
                best, meeting = through + there[v], v
    if meeting < 0:
        return None
    path = _join(meeting, meeting, source, parent[0], target, parent[1])
    return _route(graph, path[: path.index(meeting)] + path[path.index(meeting) + 1 :])


# Routes through each first contact, and organisation targets ---------------------------------


def best_routes(
    graph: Graph,
    source: int,
    targets: Any,
    *,
    routes: int = 3,
    max_hops: int | None = DEFAULT_MAX_HOPS,
    strongest: bool = False,
) -> list[Route]:
    """Up to ``routes`` routes to any of ``targets``, each through a different first contact.

    This is what the user chooses from: whom to ask. The first route is the best overall.
    1. Search backwards from all targets at once (several targets = an organisation), never
       through ``source``: breadth-first (fewest hops, ties by strength) or layered
       relaxation (strongest), at most ``max_hops - 1`` levels deep.
    2. Each neighbour ``c`` of ``source`` then knows its best way on; its route is
       ``source → c → …``, scored by hops then strength, or by strength alone.
    3. Keep the best ``routes`` contacts; each route is traced from ``c`` back to a target.
    """
    source = _check_node(graph, source)
    _check_hops(max_hops)
    goal = np.unique(np.asarray([_check_node(graph, t) for t in np.ravel(targets)], np.int64))
    if routes < 1 or len(goal) == 0:
        return []
    if np.any(goal == source):
        return [Route((source,), 1.0)]
    first = graph.neighbours(source).astype(np.int64)
    first_strength = graph.strengths(
        slice(int(graph.indptr[source]), int(graph.indptr[source + 1]))
    )
    depth = None if max_hops is None else max_hops - 1
    scratch = graph.borrow()
    touched: list[Any] = [goal]
    try:
        if strongest:
            layers = _Layers(goal, scratch.value_b, scratch.parent_b, scratch.slot)
            layers.work = _work(graph, goal)
            while len(layers.frontier) and (depth is None or layers.depth < depth):
                _relax_level(graph, layers, blocked=source)
            touched = layers.nodes
            scores = first_strength * scratch.value_b[first]
            reachable = np.flatnonzero(scores > 0)
            order = reachable[np.argsort(-scores[reachable], kind="stable")][:routes]
            return [_route(graph, [source, *layers.trace(int(first[i]))]) for i in order]
        layer, value, parent = scratch.layer_b, scratch.value_b, scratch.parent_b
        layer[goal], value[goal] = 1, 1.0
        frontier, level = goal, 0
        work = _work(graph, frontier)
        while len(frontier) and (depth is None or level < depth):
            level += 1
            frontier, _ = _bfs_level(
                graph, frontier, work, layer, level + 1, value, parent, scratch.slot, source
            )
            touched.append(frontier)
            work = _work(graph, frontier) if len(frontier) else 0
        hops = layer[first].astype(np.int64)
        reachable = np.flatnonzero(hops > 0)
        scores = first_strength[reachable] * value[first[reachable]]
        order = reachable[np.lexsort((-scores, hops[reachable]))][:routes]
        found = []
        for i in order:
            path = [source, int(first[i])]
            while layer[path[-1]] > 1:
                path.append(int(parent[path[-1]]))
            found.append(_route(graph, path))
        return found
    finally:
        scratch.clear(touched)
        graph.give_back(scratch)


def reach(graph: Graph, source: int) -> tuple[int, int]:
    """(first-degree, second-degree) counts: my neighbours, and theirs that are not mine."""
    source = _check_node(graph, source)
    first = graph.neighbours(source).astype(np.int64)
    if len(first) == 0:
        return 0, 0
    _, positions = _gather(graph, first)
    second = np.unique(graph.indices[positions])
    mine = np.append(first, source)
    return len(first), int(len(second) - np.isin(second, mine).sum())


def who_knows(graph: Graph, source: int, targets: Any) -> dict[int, list[int]]:
    """For each neighbour of ``source`` that is not a target: the targets it is linked to.

    "Who among my contacts knows someone at X": the second degree towards an organisation.
    """
    source = _check_node(graph, source)
    goal = np.unique(np.asarray(np.ravel(targets), np.int64))
    first = graph.neighbours(source).astype(np.int64)
    first = first[~np.isin(first, goal)]
    owners, positions = _gather(graph, first)
    neighbours = graph.indices[positions].astype(np.int64)
    hit = np.isin(neighbours, goal)
    known: dict[int, list[int]] = {}
    for owner, target in zip(owners[hit].tolist(), neighbours[hit].tolist(), strict=True):
        known.setdefault(owner, []).append(target)
    return known
