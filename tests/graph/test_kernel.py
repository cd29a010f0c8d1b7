"""The compiled build kernel and the pure-numpy fallback build the same graph.

``graph_from_edges`` takes its linear passes from the optional C extension
``weakties.graph._kernel`` when it was built, and from numpy otherwise (or with
``WEAKTIES_GRAPH_KERNEL=0``). Every array of the result must be identical either way, on
inputs with duplicates, self-loops, isolated nodes, both directions of a pair, inferred flags
and unsorted palettes; large inputs are split in two halves built at once, which the tests
force on small ones too.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from weakties.graph import csr

needs_kernel = pytest.mark.skipif(
    not csr.kernel_available(), reason="the C kernel is not built in this environment"
)

# The ways a graph can be built: numpy alone, the kernel on the whole input, the kernel on two
# halves at once (normally only from a million keys up, and with two CPUs).
WAYS = ("numpy", "kernel", "halves")


@contextmanager
def building(way: str) -> Iterator[None]:
    saved_switch = os.environ.get(csr.KERNEL_SWITCH)
    saved_threshold, saved_cpus = csr._PARALLEL_KEYS, csr._cpus
    os.environ[csr.KERNEL_SWITCH] = "0" if way == "numpy" else "1"
    if way == "halves":
        csr._PARALLEL_KEYS = 0
        csr._cpus = lambda: 2  # type: ignore[assignment]
    try:
        yield
    finally:
        csr._PARALLEL_KEYS, csr._cpus = saved_threshold, saved_cpus  # type: ignore[assignment]
        if saved_switch is None:
            del os.environ[csr.KERNEL_SWITCH]
        else:
            os.environ[csr.KERNEL_SWITCH] = saved_switch


def build(way: str, *args: Any, **kwargs: Any) -> csr.Graph:
    with building(way):
        return csr.graph_from_edges(*args, **kwargs)


def assert_same(expected: csr.Graph, actual: csr.Graph) -> None:
    for name in ("indptr", "indices", "weights", "codes", "palette", "inferred"):
        a, b = getattr(expected, name), getattr(actual, name)
        assert (a is None) == (b is None), name
        if a is not None:
            assert a.dtype == b.dtype, name
            np.testing.assert_array_equal(a, b, err_msg=name)


@st.composite
def edge_lists(draw: st.DrawFn) -> dict[str, Any]:
    """Small graphs: few nodes and many edges, so duplicates, self-loops and both directions
    of a pair are common, and some nodes have no tie at all."""
    n = draw(st.integers(0, 30))
    m = draw(st.integers(0, 80)) if n else 0
    ids = st.integers(0, n - 1) if n else st.nothing()
    src = draw(st.lists(ids, min_size=m, max_size=m))
    dst = draw(st.lists(ids, min_size=m, max_size=m))
    inferred = draw(st.none() | st.lists(st.booleans(), min_size=m, max_size=m))
    return {"n": n, "src": src, "dst": dst, "inferred": inferred}


strengths = st.sampled_from([0.2, 0.5, 1.0]) | st.floats(0.001, 1.0)


@needs_kernel
@settings(max_examples=300, deadline=None)
@given(edges=edge_lists(), data=st.data())
def test_palette_levels_build_the_same_graph_every_way(edges: dict[str, Any], data: Any):
    # Unsorted palettes, with repeated strengths too: codes are ranked by strength.
    palette = data.draw(st.lists(strengths, min_size=1, max_size=8))
    m = len(edges["src"])
    levels = data.draw(st.lists(st.integers(0, len(palette) - 1), min_size=m, max_size=m))
    graphs = [
        build(
            way,
            edges["n"],
            np.array(edges["src"], np.int64),
            np.array(edges["dst"], np.int64),
            levels=levels,
            palette=palette,
            inferred=edges["inferred"],
        )
        for way in WAYS
    ]
    for graph in graphs[1:]:
        assert_same(graphs[0], graph)


@needs_kernel
@settings(max_examples=300, deadline=None)
@given(edges=edge_lists(), data=st.data())
def test_float_strengths_build_the_same_graph_every_way(edges: dict[str, Any], data: Any):
    m = len(edges["src"])
    strength = data.draw(st.none() | st.lists(strengths, min_size=m, max_size=m))
    graphs = [
        build(
            way,
            edges["n"],
            edges["src"],
            edges["dst"],
            strength,
            inferred=edges["inferred"],
        )
        for way in WAYS
    ]
    for graph in graphs[1:]:
        assert_same(graphs[0], graph)


@needs_kernel
def test_a_larger_graph_with_duplicates_in_both_halves_is_the_same_every_way():
    rng = np.random.default_rng(5)
    n, m = 3000, 40_000
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    src[:2000], dst[:2000] = dst[:2000], src[:2000].copy()  # some pairs in both directions
    levels = rng.integers(0, 5, m)
    inferred = rng.random(m) < 0.3
    palette = [0.9, 0.2, 0.5, 0.35, 0.7]
    for flags in (None, inferred):
        graphs = [
            build(way, n, src, dst, levels=levels, palette=palette, inferred=flags) for way in WAYS
        ]
        for graph in graphs[1:]:
            assert_same(graphs[0], graph)
        strength = np.array(palette)[levels]
        graphs = [build(way, n, src, dst, strength, inferred=flags) for way in WAYS]
        for graph in graphs[1:]:
            assert_same(graphs[0], graph)
    assert graphs[0].edge_count < m  # duplicates were merged


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize(
    ("src", "dst"),
    [([0, 1], [1, 3]), ([0, -1], [1, 2]), ([3], [3]), ([-5], [-5]), ([0, 2], [2**40, 1])],
)
def test_ids_outside_the_graph_are_refused_every_way(way: str, src: list[int], dst: list[int]):
    if way != "numpy" and not csr.kernel_available():
        pytest.skip("the C kernel is not built in this environment")
    levels = [0] * len(src)
    with pytest.raises(ValueError, match=r"node ids must be in 0\.\.2"):
        build(way, 3, src, dst, levels=levels, palette=[0.5])
    with pytest.raises(ValueError, match=r"node ids must be in 0\.\.2"):
        build(way, 3, src, dst, [0.5] * len(src), inferred=[True] * len(src))


@pytest.mark.parametrize("way", WAYS)
def test_bad_strengths_and_levels_are_refused_every_way(way: str):
    if way != "numpy" and not csr.kernel_available():
        pytest.skip("the C kernel is not built in this environment")
    for bad in (0.0, -0.5, 1.5, math.nan):
        with pytest.raises(ValueError, match="strengths must be in"):
            build(way, 3, [0, 1], [1, 2], [0.5, bad])
        with pytest.raises(ValueError, match="strengths must be in"):
            build(way, 3, [0, 1], [1, 2], levels=[0, 1], palette=[0.5, bad])
    with pytest.raises(ValueError, match="outside the palette"):
        build(way, 3, [0, 1], [1, 2], levels=[0, 2], palette=[0.5, 0.7])
    with pytest.raises(ValueError, match="one strength"):
        build(way, 3, [0, 1], [1, 2], [0.5, 0.5, 0.5])
    with pytest.raises(ValueError, match="one strength"):
        build(way, 3, [0, 1], [1, 2], levels=[0], palette=[0.5])
    with pytest.raises(ValueError, match="one strength"):
        build(way, 3, [0, 1], [1, 2], [0.5, 0.5], inferred=[True])


def test_the_switch_chooses_the_build_path():
    with building("numpy"):
        assert csr.build_path(10, 20) == "numpy"
    with building("kernel"):
        expected = "kernel" if csr.kernel_available() else "numpy"
        assert csr.build_path(10, 20) == expected
        assert csr.build_path(10, 20, levels=False, inferred=True) == expected
        # Keys of 2 × 31 node bits and 9 low bits do not fit in 64 bits: numpy's lexsort.
        assert csr.build_path(2**31, 20, inferred=True) == "numpy"


@needs_kernel
def test_the_kernel_refuses_malformed_arguments():
    kernel = csr._kernel
    keys = np.array([(1 << 8) | 3, 1 << 8], np.uint64)  # (0, 1) twice, out of order
    indices, low, indptr = np.empty(2, np.int32), np.empty(2, np.uint8), np.empty(3, np.int64)
    with pytest.raises(ValueError, match="sorted"):
        kernel.unpack(keys, 1, 7, 2, 0, 2, 0, indices, low, indptr)
    with pytest.raises(ValueError, match="too narrow"):
        kernel.unpack(keys[:0], 1, 9, 2, 0, 2, 0, indices, low, indptr)
    with pytest.raises(TypeError):
        kernel.unpack(keys.astype(np.int64), 1, 7, 2, 0, 2, 0, indices, low, indptr)
    with pytest.raises(ValueError, match="two keys per edge"):
        kernel.pack(np.zeros(2, np.int64), np.ones(2, np.int64), None, 2, 1, 1, keys[:3], 2)


@pytest.mark.skipif(
    os.environ.get("WEAKTIES_REQUIRE_KERNEL") != "1",
    reason="set WEAKTIES_REQUIRE_KERNEL=1 where the C kernel must have been built (CI)",
)
def test_the_kernel_is_built_where_it_is_required():
    assert csr.kernel_available(), "weakties.graph._kernel did not build or does not import"
    with building("kernel"):
        assert csr.build_path(1_000_000, 10_000_000) == "kernel"
