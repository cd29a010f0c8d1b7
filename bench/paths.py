"""Benchmark: the introduction-path engine against networkx, igraph, rustworkx and scipy.

A deterministic social graph (people in communities of very different sizes — companies,
schools — plus a few links across them to popular people, so degrees are heavy-tailed) at
10,000 / 100,000 / 1,000,000 people with about 10 links each. Every library gets the same
edge arrays and the same 200 random query pairs, in the same run, each in its own forked
process so that its peak memory is its own. Printed per size: graph build time and peak
memory, our snapshot save/load, median and p95 per query for fewest hops and the strongest
path, and the ratios against each library (computed on the pairs both answered).

    .venv/bin/python bench/paths.py                   # 10k, 100k and 1M (about 3 minutes)
    .venv/bin/python bench/paths.py --sizes 10000,100000 --queries 50
    .venv/bin/python bench/paths.py --budget 20       # let slow libraries answer more pairs

Slow library/query combinations stop after ``--budget`` seconds (at least 3 pairs); the
table says how many pairs each answered. Our strongest path is the product's query (at most
4 hops); the unbounded one (bidirectional Dijkstra in Python) is reported beside it. Peak
memory: ours traced with ``tracemalloc`` (numpy reports its buffers), the others' as growth
of the resident set (VmHWM) in their own process. Needs Linux (fork, /proc).
"""

from __future__ import annotations

import argparse
import gc
import math
import multiprocessing as mp
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from weakties.graph import (
    fewest_hops,
    graph_from_edges,
    graph_load,
    graph_save,
    strongest_path,
)
from weakties.graph.csr import build_path

PALETTE = np.array([0.2, 0.35, 0.5, 0.7, 0.9])  # link strengths 1-5, as in a user's network
SEED = 20260316


# The graph ----------------------------------------------------------------------------------


def social_graph(n: int, links_per_person: float = 11.0, seed: int = SEED) -> dict[str, Any]:
    """Edges of a community-structured, heavy-tailed social graph, deterministic per seed.

    1. Communities: sizes from a Pareto law (a few employers of thousands, many teams and
       classes of a dozen), people assigned in order; 30% also belong to a second community
       (a school, an association).
    2. Each person draws an activity level (log-normal, mean ``links_per_person``); 70% of
       their links go to random members of their communities, 30% across the whole graph to
       people chosen with a power-law popularity (connectors), giving hubs.
    3. Strength levels 1-5: links inside a community lean strong, across communities weak.
    """
    rng = np.random.default_rng(seed)
    sizes: list[int] = []
    total = 0
    while total < n:
        size = int(min(max(5, rng.pareto(1.3) * 8 + 5), max(5, n // 20)))
        sizes.append(size)
        total += size
    sizes_array = np.array(sizes, np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes_array)[:-1]])
    community = np.repeat(np.arange(len(sizes_array)), sizes_array)[:n]
    activity = rng.lognormal(mean=0.0, sigma=0.8, size=n)
    activity *= links_per_person / activity.mean()
    links = np.maximum(1, np.round(activity)).astype(np.int64)
    src = np.repeat(np.arange(n, dtype=np.int64), links)
    m = len(src)
    inside = rng.random(m) < 0.7
    # Inside: a random other member of the person's community (or second community).
    home = community[src]
    second = rng.integers(0, len(sizes_array), n)
    use_second = (rng.random(m) < 0.3) & inside
    chosen = np.where(use_second, second[src], home)
    c_start, c_size = starts[chosen], sizes_array[chosen]
    offset = (rng.random(m) * c_size).astype(np.int64)
    member = np.minimum(c_start + offset, n - 1)
    # Across: power-law popularity over a random permutation of people.
    popular = np.random.default_rng(seed + 1).permutation(n)
    across = popular[np.minimum((n * rng.random(m) ** 3).astype(np.int64), n - 1)]
    dst = np.where(inside, member, across)
    levels = np.where(inside, rng.integers(1, 5, m), rng.integers(0, 3, m)).astype(np.uint8)
    # One link per pair, the strongest drawn (every library must see the same simple graph:
    # networkx keeps the last duplicate, scipy adds them up).
    low, high = np.minimum(src, dst), np.maximum(src, dst)
    keep = low != high
    packed = np.sort((low[keep] * n + high[keep]) * 8 + levels[keep])
    last = np.ones(len(packed), np.bool_)
    last[:-1] = (packed[1:] >> 3) != (packed[:-1] >> 3)
    packed = packed[last]
    pair = packed >> 3
    return {"n": n, "src": pair // n, "dst": pair % n, "levels": (packed & 7).astype(np.uint8)}


def query_pairs(n: int, count: int, seed: int = SEED) -> list[tuple[int, int]]:
    rng = np.random.default_rng(seed + 7)
    pairs: list[tuple[int, int]] = []
    while len(pairs) < count:
        s, t = (int(x) for x in rng.integers(0, n, 2))
        if s != t:
            pairs.append((s, t))
    return pairs


# Measuring ----------------------------------------------------------------------------------


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def reset_peak() -> None:
    """Start the peak-RSS counter (VmHWM) again from the current RSS (Linux 4.0+)."""
    try:
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")
    except OSError:
        pass


def peak_mb() -> float:
    """The highest RSS since ``reset_peak`` (VmHWM), else since the process started."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_queries(
    query: Callable[[int, int], Any], pairs: list[tuple[int, int]], budget: float
) -> tuple[list[float], list[Any]]:
    times: list[float] = []
    answers: list[Any] = []
    started = time.perf_counter()
    for s, t in pairs:
        begin = time.perf_counter()
        answers.append(query(s, t))
        times.append(time.perf_counter() - begin)
        if time.perf_counter() - started > budget and len(times) >= 3:
            break
    return times, answers


def in_child(work: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run ``work`` in a forked process; its peak memory above the start is its own."""
    context = mp.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def run() -> None:
        try:
            result = work(*args)
        except Exception as error:  # report, do not hang the parent
            result = {"error": f"{type(error).__name__}: {error}"}
        send.send(result)
        send.close()

    process = context.Process(target=run)
    process.start()
    result = receive.recv()
    process.join()
    return result


# One library each -----------------------------------------------------------------------------


def bench_ours(data: dict[str, Any], pairs: list[tuple[int, int]], budget: float) -> dict:
    n = data["n"]
    # Median of three builds: a single 0.3 s measurement swings by a third on a shared machine
    # (networkx's 25 s build is measured once).
    builds = []
    for _ in range(3):
        begin = time.perf_counter()
        graph = graph_from_edges(
            n, data["src"], data["dst"], levels=data["levels"], palette=PALETTE
        )
        builds.append(time.perf_counter() - begin)
        del graph
        gc.collect()
    build = statistics.median(builds)
    # "kernel": the compiled passes around numpy's sort; "numpy": the pure-numpy fallback.
    build_way = build_path(n, len(data["src"]), levels=True)
    # Peak memory of a second build, traced (numpy reports its buffers to tracemalloc): RSS
    # cannot see it, since a forked child reuses pages its parent freed.
    tracemalloc.start()
    graph = graph_from_edges(n, data["src"], data["dst"], levels=data["levels"], palette=PALETTE)
    build_peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    arrays_mb = graph.nbytes() / 2**20
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "graph.npz"
        begin = time.perf_counter()
        graph_save(graph, path)
        save = time.perf_counter() - begin
        size_mb = path.stat().st_size / 2**20
        del graph
        gc.collect()
        before_load = rss_mb()
        begin = time.perf_counter()
        loaded = graph_load(path)
        load = time.perf_counter() - begin
        # First pass: the memory-mapped pages are touched for the first time (a server's
        # first queries after loading). The ratios use the second pass, as for the other
        # libraries, whose graphs are all in memory once built.
        cold_t, _ = timed_queries(lambda s, t: fewest_hops(loaded, s, t), pairs, budget)
        cold_s, _ = timed_queries(lambda s, t: strongest_path(loaded, s, t), pairs, budget)
        hops_t, hops_a = timed_queries(lambda s, t: fewest_hops(loaded, s, t), pairs, budget)
        strong_t, strong_a = timed_queries(
            lambda s, t: strongest_path(loaded, s, t, max_hops=4), pairs, budget
        )
        free_t, free_a = timed_queries(
            lambda s, t: strongest_path(loaded, s, t, max_hops=None), pairs, budget
        )
        query_rss = rss_mb() - before_load
    return {
        "build": build,
        "build_path": build_way,
        "peak": build_peak,
        "arrays_mb": arrays_mb,
        "save": save,
        "file_mb": size_mb,
        "load": load,
        "query_rss": query_rss,
        "cold_hops": cold_t,
        "cold_strong": cold_s,
        "hops": hops_t,
        "hops_len": [None if r is None else r.length for r in hops_a],
        "strong": strong_t,
        "strong_len": [None if r is None else r.length for r in strong_a],
        "strong_val": [None if r is None else r.strength for r in strong_a],
        "free": free_t,
        "free_len": [None if r is None else r.length for r in free_a],
        "free_val": [None if r is None else r.strength for r in free_a],
    }


def _costs(data: dict[str, Any]) -> Any:
    return -np.log(PALETTE[data["levels"]])


def bench_networkx(data: dict[str, Any], pairs: list[tuple[int, int]], budget: float) -> dict:
    import networkx as nx

    reset_peak()
    start_rss = rss_mb()
    begin = time.perf_counter()
    graph = nx.Graph()
    graph.add_nodes_from(range(data["n"]))
    graph.add_weighted_edges_from(
        zip(data["src"].tolist(), data["dst"].tolist(), _costs(data).tolist(), strict=True),
        weight="cost",
    )
    build = time.perf_counter() - begin
    peak = peak_mb() - start_rss

    def hops(s: int, t: int) -> int | None:
        try:
            return len(nx.bidirectional_shortest_path(graph, s, t)) - 1
        except nx.NetworkXNoPath:
            return None

    def strong(s: int, t: int) -> float | None:
        try:
            return math.exp(-nx.bidirectional_dijkstra(graph, s, t, weight="cost")[0])
        except nx.NetworkXNoPath:
            return None

    hops_t, hops_a = timed_queries(hops, pairs, budget)
    strong_t, strong_a = timed_queries(strong, pairs, budget)
    return {
        "build": build,
        "peak": peak,
        "hops": hops_t,
        "hops_len": hops_a,
        "free": strong_t,
        "free_val": strong_a,
    }


def bench_igraph(data: dict[str, Any], pairs: list[tuple[int, int]], budget: float) -> dict:
    import igraph as ig

    reset_peak()
    start_rss = rss_mb()
    begin = time.perf_counter()
    graph = ig.Graph(n=data["n"], edges=np.column_stack([data["src"], data["dst"]]))
    graph.es["cost"] = _costs(data)
    build = time.perf_counter() - begin
    peak = peak_mb() - start_rss

    def hops(s: int, t: int) -> int | None:
        path = graph.get_shortest_path(s, t)
        return len(path) - 1 if path else None

    def strong(s: int, t: int) -> float | None:
        path = graph.get_shortest_path(s, t, weights="cost", output="epath")
        if not path and s != t:
            return None
        return math.exp(-sum(graph.es[path]["cost"]))

    hops_t, hops_a = timed_queries(hops, pairs, budget)
    strong_t, strong_a = timed_queries(strong, pairs, budget)
    return {
        "build": build,
        "peak": peak,
        "hops": hops_t,
        "hops_len": hops_a,
        "free": strong_t,
        "free_val": strong_a,
    }


def bench_rustworkx(data: dict[str, Any], pairs: list[tuple[int, int]], budget: float) -> dict:
    import rustworkx as rx

    reset_peak()
    start_rss = rss_mb()
    begin = time.perf_counter()
    graph = rx.PyGraph(multigraph=False)
    graph.add_nodes_from(range(data["n"]))
    graph.add_edges_from(
        list(zip(data["src"].tolist(), data["dst"].tolist(), _costs(data).tolist(), strict=True))
    )
    build = time.perf_counter() - begin
    peak = peak_mb() - start_rss

    def hops(s: int, t: int) -> int | None:
        paths = rx.dijkstra_shortest_paths(graph, s, target=t, default_weight=1.0)
        return len(paths[t]) - 1 if t in paths else None

    def strong(s: int, t: int) -> float | None:
        lengths = rx.dijkstra_shortest_path_lengths(graph, s, float, goal=t)
        return math.exp(-lengths[t]) if t in lengths else None

    hops_t, hops_a = timed_queries(hops, pairs, budget)
    strong_t, strong_a = timed_queries(strong, pairs, budget)
    return {
        "build": build,
        "peak": peak,
        "hops": hops_t,
        "hops_len": hops_a,
        "free": strong_t,
        "free_val": strong_a,
    }


def bench_scipy(data: dict[str, Any], pairs: list[tuple[int, int]], budget: float) -> dict:
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import dijkstra

    reset_peak()
    start_rss = rss_mb()
    begin = time.perf_counter()
    n = data["n"]
    rows = np.concatenate([data["src"], data["dst"]])
    cols = np.concatenate([data["dst"], data["src"]])
    costs = np.concatenate([_costs(data)] * 2) + 1e-12  # a zero would read as "no edge"
    graph = csr_array((costs, (rows, cols)), shape=(n, n))
    build = time.perf_counter() - begin
    peak = peak_mb() - start_rss

    def hops(s: int, t: int) -> int | None:
        distance = dijkstra(graph, indices=s, unweighted=True, min_only=True)
        return None if math.isinf(distance[t]) else int(distance[t])

    def strong(s: int, t: int) -> float | None:
        distance = dijkstra(graph, indices=s, min_only=True)
        return None if math.isinf(distance[t]) else math.exp(-distance[t])

    hops_t, hops_a = timed_queries(hops, pairs, budget)
    strong_t, strong_a = timed_queries(strong, pairs, budget)
    return {
        "build": build,
        "peak": peak,
        "hops": hops_t,
        "hops_len": hops_a,
        "free": strong_t,
        "free_val": strong_a,
    }


LIBRARIES: dict[str, Callable[..., dict]] = {
    "networkx": bench_networkx,
    "igraph": bench_igraph,
    "rustworkx": bench_rustworkx,
    "scipy": bench_scipy,
}


# Printing -----------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:,.3f}" if value < 1 else f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def median_p95(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def ratio(theirs: float, ours: float) -> str:
    return f"{theirs / ours:,.1f}×" if ours > 0 else "—"


def report(size: int, ours: dict, others: dict[str, dict], queries: int) -> dict[str, float]:
    print(f"\n=== {size:,} people, {ours['edges']:,} links, {queries} query pairs ===")
    print(
        f"ours: build {ours['build']:.2f} s (median of 3, {ours['build_path']} path; peak "
        f"+{ours['peak']:.0f} MB, arrays "
        f"{ours['arrays_mb']:.0f} MB) · save {ours['save']:.2f} s "
        f"({ours['file_mb']:.0f} MB .npz) · "
        f"load {ours['load'] * 1000:.2f} ms (memory-mapped) · RSS after queries "
        f"+{ours['query_rss']:.0f} MB"
    )
    cold_h, cold_hp = median_p95(ours["cold_hops"])
    cold_s, cold_sp = median_p95(ours["cold_strong"])
    print(
        f"ours, first pass over the freshly mapped snapshot: fewest hops {ms(cold_h)} / "
        f"{ms(cold_hp)} ms, strongest ≤4 hops {ms(cold_s)} / {ms(cold_sp)} ms (median / p95)"
    )
    print(
        f"{'library':<12}{'build s':>9}{'peak MB':>9}   {'query':<22}{'pairs':>6}"
        f"{'median ms':>11}{'p95 ms':>10}   ratio median / p95 (theirs ÷ ours)"
    )
    goals: dict[str, float] = {}
    rows = [("ours", ours), *others.items()]
    for name, result in rows:
        if "error" in result:
            print(f"{name:<12}  failed: {result['error']}")
            continue
        kinds = [("hops", "fewest hops")]
        if name == "ours":
            kinds += [("strong", "strongest (≤4 hops)"), ("free", "strongest (unbounded)")]
        else:
            kinds += [("free", "strongest (Dijkstra)")]
        for index, (key, label) in enumerate(kinds):
            times = result[key]
            med, p95 = median_p95(times)
            lead = (
                f"{name:<12}{result['build']:>9.2f}{result['peak']:>9.0f}"
                if index == 0
                else " " * 30
            )
            line = f"{lead}   {label:<22}{len(times):>6}{ms(med):>11}{ms(p95):>10}"
            if name != "ours":
                k = len(times)
                compare = "strong" if key == "free" else "hops"
                our_med, our_p95 = median_p95(ours[compare][:k])
                line += f"   {ratio(med, our_med)} / {ratio(p95, our_p95)}"
                if key == "free":
                    free_med, _ = median_p95(ours["free"][: min(k, len(ours["free"]))])
                    line += f" (unbounded: {ratio(med, free_med)})"
                goals[f"{name}:{compare}:median"] = med / our_med
                goals[f"{name}:{compare}:p95"] = p95 / our_p95
            print(line)
    return goals


def check_answers(ours: dict, others: dict[str, dict]) -> None:
    """Hop counts must agree with every library; unbounded strengths too; bounded ≤ them."""
    problems = 0
    for result in others.values():
        if "error" in result:
            continue
        for i, theirs in enumerate(result["hops_len"]):
            if theirs != ours["hops_len"][i]:
                problems += 1
        for i, theirs in enumerate(result["free_val"]):
            if i < len(ours["free_val"]):
                mine = ours["free_val"][i]
                if (mine is None) != (theirs is None) or (
                    mine is not None and not math.isclose(mine, theirs, rel_tol=1e-6)
                ):
                    problems += 1
            bounded = ours["strong_val"][i]
            if bounded is not None and theirs is not None and bounded > theirs * (1 + 1e-9):
                problems += 1
    print("answers: " + ("all agree" if not problems else f"{problems} DISAGREEMENTS"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--budget", type=float, default=6.0, help="seconds per library+query")
    parser.add_argument("--libraries", default=",".join(LIBRARIES))
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    wanted = [name for name in args.libraries.split(",") if name]
    print(f"Python {sys.version.split()[0]}, numpy {np.__version__}, {os.cpu_count()} CPUs")
    summary = []
    for size in sizes:
        begin = time.perf_counter()
        data = social_graph(size)
        generated = time.perf_counter() - begin
        pairs = query_pairs(size, args.queries)
        ours = in_child(bench_ours, data, pairs, 1e9)
        ours["edges"] = len(data["src"])
        others = {}
        for name in wanted:
            others[name] = in_child(LIBRARIES[name], data, pairs, args.budget)
        print(f"\n(generated in {generated:.1f} s)", end="")
        goals = report(size, ours, others, args.queries)
        check_answers(ours, others)
        nx_result = others.get("networkx", {})
        if "build" in nx_result:
            speed = nx_result["build"] / (ours["build"] + ours["load"])
            memory = nx_result["peak"] / max(ours["arrays_mb"], 1e-9)
            build_memory = nx_result["peak"] / max(ours["peak"], 1e-9)
            print(
                f"goals vs networkx: build+load {speed:,.0f}× faster (goal 100×) · graph memory "
                f"{memory:,.0f}× smaller (goal 20×; peak while building {build_memory:,.0f}×) · "
                "fewest hops median "
                f"{goals.get('networkx:hops:median', 0):.2f}× and p95 "
                f"{goals.get('networkx:hops:p95', 0):.2f}× (goal ≥ 1) · strongest ≤4 hops "
                f"{goals.get('networkx:strong:median', 0):,.0f}× (goal 10×)"
            )
            summary.append((size, speed, memory, goals))
        del data
        gc.collect()


if __name__ == "__main__":
    main()
