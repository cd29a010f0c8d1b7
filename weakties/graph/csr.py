"""The graph as compressed sparse row (CSR) arrays, built from edge lists and saved as ``.npz``.

A graph of ``n`` people is three arrays: ``indptr`` (``n + 1`` offsets), ``indices`` (the
neighbours of node ``u`` are ``indices[indptr[u]:indptr[u + 1]]``, sorted) and the strength of
each of those edges in (0, 1]. Every undirected tie is stored in both directions.

Strengths are stored either as ``float64`` or, when the input has at most 255 distinct values
(the usual case: link strengths 1–5, a few tie levels), as one ``uint8`` code per edge into a
small ``palette``; that keeps a million-person graph with ten million links near 100 MB.
"""

from __future__ import annotations

import importlib
import io
import os
import struct
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from os import PathLike
from typing import Any

import numpy as np
import numpy.typing as npt

FORMAT_VERSION = 1

IntArray = npt.NDArray[np.int64]
Int32Array = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


class Scratch:
    """Per-query working arrays of one graph's size, reused between queries.

    Allocating and clearing eight bytes per person for every query would cost more than the
    query itself on a large graph, so a search borrows a scratch, marks what it touches and
    clears only that before giving it back. Invariant between queries: layers and values are
    zero (parents are only read where a layer or value is set).
    """

    def __init__(self, n: int) -> None:
        self.layer_f = np.zeros(n, np.int32)
        self.layer_b = np.zeros(n, np.int32)
        self.value_f = np.zeros(n, np.float64)
        self.value_b = np.zeros(n, np.float64)
        self.parent_f = np.zeros(n, np.int32)
        self.parent_b = np.zeros(n, np.int32)
        self.slot = np.zeros(n, np.int32)  # for picking one entry per node, never cleared

    def clear(self, touched: list[Any]) -> None:
        if not touched:
            return
        nodes = touched[0] if len(touched) == 1 else np.concatenate(touched)
        for array in (self.layer_f, self.layer_b, self.value_f, self.value_b):
            array[nodes] = 0


@dataclass(eq=False)
class Graph:
    """An undirected graph of people with tie strengths; node ids are ``0 .. n - 1``.

    ``inferred`` (optional, one flag per stored edge) marks ties we guessed (same
    organisation) rather than ties the user recorded.
    """

    indptr: IntArray
    indices: Int32Array
    weights: FloatArray | None = None
    codes: npt.NDArray[np.uint8] | None = None
    palette: FloatArray | None = None
    inferred: BoolArray | None = None
    _pool: list[Scratch] = field(default_factory=list, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def n(self) -> int:
        return len(self.indptr) - 1

    @property
    def edge_count(self) -> int:
        """Undirected edges (each is stored twice)."""
        return len(self.indices) // 2

    def strengths(self, positions: Any) -> FloatArray:
        """The strengths of the stored edges at ``positions`` (an index array or a slice)."""
        if isinstance(positions, slice):
            if self.codes is not None and self.palette is not None:
                return np.asarray(self.palette[self.codes[positions]], np.float64)
            assert self.weights is not None
            return np.asarray(self.weights[positions], np.float64)
        # ``take`` is the fastest gather for one-dimensional index arrays.
        if self.codes is not None and self.palette is not None:
            return np.asarray(self.palette.take(self.codes.take(positions)), np.float64)
        assert self.weights is not None
        return np.asarray(self.weights.take(positions), np.float64)

    def neighbours(self, node: int) -> Int32Array:
        return self.indices[self.indptr[node] : self.indptr[node + 1]]

    def degree(self, nodes: Any) -> Any:
        nodes = np.asarray(nodes, np.int64)
        return self.indptr[nodes + 1] - self.indptr[nodes]

    def edge_position(self, u: int, v: int) -> int | None:
        lo, hi = int(self.indptr[u]), int(self.indptr[u + 1])
        at = lo + int(np.searchsorted(self.indices[lo:hi], v))
        if at < hi and int(self.indices[at]) == v:
            return at
        return None

    def edge(self, u: int, v: int) -> tuple[float, bool] | None:
        """(strength, inferred) of the tie between ``u`` and ``v``, or None."""
        at = self.edge_position(u, v)
        if at is None:
            return None
        inferred = bool(self.inferred[at]) if self.inferred is not None else False
        return float(self.strengths(slice(at, at + 1))[0]), inferred

    def nbytes(self) -> int:
        arrays = (self.indptr, self.indices, self.weights, self.codes, self.palette, self.inferred)
        return sum(int(a.nbytes) for a in arrays if a is not None)

    def borrow(self) -> Scratch:
        with self._lock:
            if self._pool:
                return self._pool.pop()
        return Scratch(self.n)

    def give_back(self, scratch: Scratch) -> None:
        with self._lock:
            self._pool.append(scratch)


# The optional compiled kernel --------------------------------------------------------------

# Set to "0" to build with numpy alone even where the kernel is built (tests run both ways).
KERNEL_SWITCH = "WEAKTIES_GRAPH_KERNEL"
# The kernel's ``API`` constant this module was written for: a stale build (an editable
# install keeps its compiled file until it is reinstalled) is ignored, not called wrongly.
_KERNEL_API = 1


def _load_kernel() -> Any:
    try:
        module = importlib.import_module("weakties.graph._kernel")
    except ImportError:  # not compiled: no C compiler at install time, or a bare source tree
        return None
    return module if getattr(module, "API", None) == _KERNEL_API else None


_kernel = _load_kernel()


def kernel_available() -> bool:
    """Whether the compiled kernel (``weakties.graph._kernel``) was built and imported."""
    return _kernel is not None


def _kernel_enabled() -> bool:
    return _kernel is not None and os.environ.get(KERNEL_SWITCH, "1").strip() != "0"


def _key_bits(n: int, edges: int, use_codes: bool, has_flags: bool) -> tuple[int, int]:
    """(node_bits, low_bits) of the kernel's sort keys for this input."""
    node_bits = max(1, (n - 1).bit_length())
    if use_codes:  # the code's rank (8 bits), with a "recorded" bit above it when flagged
        return node_bits, 9 if has_flags else 8
    return node_bits, max(1, (edges - 1).bit_length())  # the edge's index


def build_path(n: int, edges: int, *, levels: bool = True, inferred: bool = False) -> str:
    """How ``graph_from_edges`` builds a graph of ``n`` nodes and ``edges`` input edges.

    ``"kernel"`` (the compiled passes around one numpy sort) or ``"numpy"`` (pure numpy:
    the kernel is not built, switched off with ``WEAKTIES_GRAPH_KERNEL=0``, or the sort keys
    would not fit in 64 bits). ``levels``: strengths given as palette levels, not floats;
    ``inferred``: with inferred flags.
    """
    node_bits, low_bits = _key_bits(n, edges, levels, inferred)
    fits = 2 * node_bits + low_bits <= 64 and n <= 2**31
    return "kernel" if _kernel_enabled() and fits else "numpy"


def graph_from_edges(
    n: int,
    src: Any,
    dst: Any,
    strength: Any = None,
    *,
    levels: Any = None,
    palette: Any = None,
    inferred: Any = None,
) -> Graph:
    """Build a graph of ``n`` nodes from undirected edges ``src[i] – dst[i]``.

    Strengths are given either as floats in (0, 1] (``strength``) or as small integer
    ``levels`` indexing a ``palette`` of floats. Self-loops are dropped. When a pair appears
    several times the strongest recorded tie wins, and a recorded tie always wins over an
    inferred one (the user said how well those two know each other).

    Steps: 1. drop self-loops; 2. store both directions; 3. sort by (source, neighbour) with
    one ``np.sort`` of packed unsigned 64-bit keys (10–50× faster than ``argsort`` or
    ``lexsort`` on twenty million entries), falling back to ``lexsort`` when they do not fit;
    4. collapse duplicates (palette codes: the last of each pair, whose rank is highest;
    floats: the maximum of each pair); 5. row offsets.

    The sort is numpy's (vectorised, hard to beat); what surrounds it is linear passes, which
    written in numpy are a dozen expressions that each read and write every entry, together
    slower than the sort. Where the optional C extension ``weakties.graph._kernel`` was built
    at install time (``pip install`` compiles it when a C compiler and the Python headers are
    there), steps 1–2 are one pass of it and steps 4–5 another; and from about a million keys
    on, with two CPUs, the keys are packed in two halves by source, each sorted and taken apart
    on its own thread. That builds a million people's graph in well under half the time.
    Without the kernel, or with ``WEAKTIES_GRAPH_KERNEL=0`` in the environment, the same
    graph, array for array, comes from numpy alone (``build_path`` says which way an input
    goes). The kernel is only a speed-up: nothing depends on it being there.
    """
    src = np.asarray(src, np.int64).ravel()
    dst = np.asarray(dst, np.int64).ravel()
    if len(src) != len(dst):
        raise ValueError("src and dst must have the same length")
    use_codes = levels is not None
    pal: FloatArray | None = None
    has_flags = inferred is not None
    use_kernel = build_path(n, len(src), levels=use_codes, inferred=has_flags) == "kernel"
    # The kernel checks ids while packing, in the same pass.
    if (
        not use_kernel
        and len(src)
        and (min(src.min(), dst.min()) < 0 or max(src.max(), dst.max()) >= n)
    ):
        raise ValueError(f"node ids must be in 0..{n - 1}")
    if use_codes:
        if palette is None:
            raise ValueError("levels need a palette")
        pal = np.asarray(palette, np.float64)
        if len(pal) > 255:
            raise ValueError("a palette holds at most 255 strengths")
        values: Any = np.asarray(levels, np.uint8).ravel()
        if len(values) and int(values.max()) >= len(pal):
            raise ValueError("a level is outside the palette")
        checked: Any = pal
    else:
        if strength is None:
            strength = np.ones(len(src))
        values = np.asarray(strength, np.float64).ravel()
        checked = values
    # min and max propagate NaN, so two reductions also refuse NaN.
    if len(checked) and not (checked.min() > 0 and checked.max() <= 1):
        raise ValueError("strengths must be in (0, 1]")
    flags = None if inferred is None else np.asarray(inferred, np.bool_).ravel()
    if len(values) != len(src) or (flags is not None and len(flags) != len(src)):
        raise ValueError("every edge needs one strength (and one inferred flag, if any)")
    build = _build_with_kernel if use_kernel else _build_with_numpy
    return build(n, src, dst, values, pal, flags)


# From this many sort keys (a graph of some 50,000 people) the kernel path works on two halves
# at once, on two threads: sorting and taking the keys apart is most of the build, and each
# half takes half as long (numpy's sort and the kernel let go of the GIL).
_PARALLEL_KEYS = 1 << 20


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _both(first: Callable[[], int], second: Callable[[], int]) -> tuple[int, int]:
    """``(first(), second())``, the second run on a thread of its own meanwhile."""
    result: list[int] = []
    failure: list[BaseException] = []

    def run_second() -> None:
        try:
            result.append(second())
        except BaseException as error:  # re-raised below, on the caller's thread
            failure.append(error)

    helper = threading.Thread(target=run_second, name="graph-build", daemon=True)
    helper.start()
    try:
        first_result = first()
    finally:
        helper.join()
    if failure:
        raise failure[0]
    return first_result, result[0]


def _sort_and_unpack(
    keys: Any,
    split: int,
    pivot: int,
    indptr: IntArray,
    outputs: list[Any],
    unpack: Callable[[Any, int, int, int, Any], int],
) -> int:
    """Sort the packed keys and take them apart, as one part or as two halves at once.

    ``unpack(part, lo, first_row, last_row, offsets)`` takes apart ``part``, the sorted keys
    ``keys[lo:...]`` of rows ``first_row .. last_row - 1``, into ``outputs[...][lo:]`` and the
    row offsets ``offsets`` (counted from ``lo``), and returns how many entries it wrote.
    Returns the entries in all; they are ``outputs[...][:entries]``.
    """
    n = len(indptr) - 1
    if pivot == n:
        keys.sort()
        return unpack(keys, 0, 0, n, indptr)

    def half(lo: int, hi: int, first: int, last: int, offsets: Any) -> Callable[[], int]:
        def work() -> int:
            part = keys[lo:hi]
            part.sort()
            return unpack(part, lo, first, last, offsets)

        return work

    first_unique, second_unique = _both(
        half(0, split, 0, pivot, indptr[:pivot]),
        half(split, len(keys), pivot, n, indptr[pivot:]),
    )
    unique = first_unique + second_unique
    # The second half's entries start where its keys did, which is where they belong unless
    # the first half had duplicate pairs: then they move down.
    if first_unique < split:
        for array in outputs:
            array[first_unique:unique] = array[split : split + second_unique]
        indptr[pivot:] -= split - first_unique
    return unique


def _shrunk(array: Any, size: int) -> Any:
    """``array[:size]`` without keeping the rest allocated (duplicates were merged)."""
    if len(array) != size:
        array.resize(size, refcheck=False)  # ours alone, no views left: realloc in place
    return array


def _build_with_kernel(
    n: int, src: Any, dst: Any, values: Any, pal: FloatArray | None, flags: BoolArray | None
) -> Graph:
    """Steps 1–2 and 4–5 of ``graph_from_edges`` in the compiled kernel, the sort in numpy."""
    kernel = _kernel
    assert kernel is not None
    m = len(src)
    node_bits, low_bits = _key_bits(n, m, pal is not None, flags is not None)
    low: Any = None  # floats: the kernel stores each edge's index, to look its strength up
    sorted_palette = True
    if pal is not None:
        sorted_palette = bool(np.all(pal[:-1] <= pal[1:]))
        if sorted_palette:  # a code is its rank
            low = values
        else:
            low = np.argsort(np.argsort(pal, kind="stable"), kind="stable").astype(np.uint8)
            low = low[values]
        if flags is not None:  # a "recorded" bit above the rank: recorded sorts last, wins
            low = low.astype(np.uint16)
            low |= (~flags).astype(np.uint16) << np.uint16(8)

    keys = np.empty(2 * m, np.uint64)
    # For two halves, keys whose source is below the pivot are packed in front of the others:
    # sorting each half then sorts the whole, and each half's rows are its own.
    pivot = n // 2 if len(keys) >= _PARALLEL_KEYS and _cpus() > 1 else n
    count, split = kernel.pack(src, dst, low, n, node_bits, low_bits, keys, pivot)
    keys = keys[:count]
    indices = np.empty(count, np.int32)
    indptr = np.empty(n + 1, np.int64)
    if pal is not None:
        kept = np.empty(count, np.uint8 if flags is None else np.uint16)
        unique = _sort_and_unpack(
            keys,
            split,
            pivot,
            indptr,
            [indices, kept],
            lambda part, lo, first, last, offsets: kernel.unpack(
                part,
                node_bits,
                low_bits,
                n,
                first,
                last,
                lo,
                indices[lo : lo + len(part)],
                kept[lo : lo + len(part)],
                offsets,
            ),
        )
        del keys
        kept = _shrunk(kept, unique)
        graph_flags = None
        if flags is not None:
            graph_flags = (kept >> np.uint16(8)) == 0
            kept = (kept & np.uint16(0xFF)).astype(np.uint8)
        codes = kept if sorted_palette else np.argsort(pal, kind="stable").astype(np.uint8)[kept]
        return Graph(
            indptr=indptr,
            indices=_shrunk(indices, unique),
            codes=codes,
            palette=pal,
            inferred=graph_flags,
        )
    weights = np.empty(count, np.float64)
    recorded = None if flags is None else np.empty(count, np.bool_)  # becomes ``inferred``
    unique = _sort_and_unpack(
        keys,
        split,
        pivot,
        indptr,
        [indices, weights] if recorded is None else [indices, weights, recorded],
        lambda part, lo, first, last, offsets: kernel.unpack_max(
            part,
            node_bits,
            low_bits,
            n,
            first,
            last,
            lo,
            values,
            flags,
            indices[lo : lo + len(part)],
            weights[lo : lo + len(part)],
            None if recorded is None else recorded[lo : lo + len(part)],
            offsets,
        ),
    )
    del keys
    return Graph(
        indptr=indptr,
        indices=_shrunk(indices, unique),
        weights=_shrunk(weights, unique),
        inferred=None if recorded is None else _shrunk(recorded, unique),
    )


def _build_with_numpy(
    n: int, src: Any, dst: Any, values: Any, pal: FloatArray | None, flags: BoolArray | None
) -> Graph:
    """``graph_from_edges`` in numpy alone: the fallback where the kernel is not built."""
    keep = src != dst
    if not keep.all():
        src, dst, values = src[keep], dst[keep], values[keep]
        flags = None if flags is None else flags[keep]
    m = len(src)
    # The low bits of each sort key: for palette codes, the code's rank by strength (with a
    # "recorded" bit above it), so the last entry of a pair is the one to keep; for floats,
    # the edge's index, so its strength can be looked up afterwards.
    if pal is not None:
        if bool(np.all(pal[:-1] <= pal[1:])):  # a sorted palette: a code is its rank
            low = values.astype(np.uint16)
        else:
            low = np.argsort(np.argsort(pal, kind="stable"), kind="stable").astype(np.uint16)
            low = low[values]
        if flags is not None:
            low |= (~flags).astype(np.uint16) << np.uint16(8)
        low_bits = 9
    else:
        low_bits = max(1, (m - 1).bit_length()) if m else 1
        low = np.arange(m, dtype=np.uint32 if low_bits <= 32 else np.uint64)
    node_bits = max(1, (n - 1).bit_length())
    low = np.concatenate([low, low])
    if 2 * node_bits + low_bits <= 64:
        # One sort of packed unsigned 64-bit keys: (source, neighbour, low bits), built and
        # taken apart in place, so the peak is about two keys' worth of memory.
        key = np.empty(2 * m, np.uint64)
        key[:m], key[m:] = src, dst
        key <<= np.uint64(node_bits)
        key[:m] |= dst.view(np.uint64)  # ids were checked to be >= 0: same bits
        key[m:] |= src.view(np.uint64)
        key <<= np.uint64(low_bits)
        key |= low
        key.sort()
        np.bitwise_and(key, np.uint64((1 << low_bits) - 1), out=low, casting="unsafe")
        key >>= np.uint64(low_bits)  # now (source, neighbour) only
    else:  # pragma: no cover - more than 2**64 combinations: only for enormous graphs
        both_src, both_dst = np.concatenate([src, dst]), np.concatenate([dst, src])
        order = np.lexsort((low, both_dst, both_src))
        key = (both_src[order].astype(np.uint64) << np.uint64(node_bits)) | both_dst[order].astype(
            np.uint64
        )
        low = low[order]
        del both_src, both_dst, order

    # Collapse duplicate pairs: keep the first entry's pair, the last entry's low bits.
    total = len(key)
    boundary = np.ones(total, np.bool_)
    np.not_equal(key[1:], key[:-1], out=boundary[1:])
    duplicated = not bool(boundary.all())
    if duplicated:
        last = np.ones(total, np.bool_)
        last[:-1] = boundary[1:]
        pairs = key[boundary]
        kept_low = low[last]
        del key, last
    else:
        pairs, kept_low = key, low
    indices = np.empty(len(pairs), np.int32)
    np.bitwise_and(pairs, np.uint64((1 << node_bits) - 1), out=indices, casting="unsafe")
    pairs >>= np.uint64(node_bits)
    counts = np.bincount(pairs.view(np.int64), minlength=n)
    del pairs

    weights = codes = graph_flags = None
    if pal is not None:
        ranks = kept_low & np.uint16(0xFF)
        if bool(np.all(pal[:-1] <= pal[1:])):  # a sorted palette: rank and code agree
            codes = ranks.astype(np.uint8)
        else:
            codes = np.argsort(pal, kind="stable").astype(np.uint8)[ranks]
        if flags is not None:
            graph_flags = (kept_low >> np.uint16(8)) == 0
    else:
        starts = np.flatnonzero(boundary)
        ordered = values[low]
        if flags is not None:
            ordered_flags = flags[low]
            recorded = np.where(ordered_flags, -np.inf, ordered)
            best_recorded = np.maximum.reduceat(recorded, starts) if total else recorded
            best_any = np.maximum.reduceat(ordered, starts) if total else ordered
            has_recorded = best_recorded > -np.inf
            weights = np.where(has_recorded, best_recorded, best_any)
            graph_flags = ~has_recorded
        else:
            weights = np.maximum.reduceat(ordered, starts) if total else ordered
    indptr = np.zeros(n + 1, np.int64)
    np.cumsum(counts, out=indptr[1:])
    return Graph(
        indptr=indptr,
        indices=indices,
        weights=None if weights is None else np.ascontiguousarray(weights, np.float64),
        codes=codes,
        palette=pal,
        inferred=graph_flags,
    )


# Saving and loading ---------------------------------------------------------------------------


def graph_save(
    graph: Graph, path: str | PathLike[str], *, extra: dict[str, Any] | None = None
) -> None:
    """Write the graph as an uncompressed ``.npz`` so that ``graph_load`` can memory-map it.

    ``extra`` arrays (e.g. which person each node is) are stored beside the graph's own and
    come back from ``arrays_load``.
    """
    arrays: dict[str, Any] = {
        **(extra or {}),
        "version": np.array([FORMAT_VERSION], np.int64),
        "indptr": graph.indptr,
        "indices": graph.indices,
    }
    for name in ("weights", "codes", "palette", "inferred"):
        value = getattr(graph, name)
        if value is not None:
            arrays[name] = value
    _savez_aligned(path, arrays)


# Where a stored member's data starts must be a multiple of this: numpy pads each ``.npy``
# header to 64 bytes, so the array itself is then aligned too.
_ALIGN = 64
_PADDING_FIELD = 0xA11A  # an extra-field id of our own; zip readers skip unknown ones


def _savez_aligned(path: str | PathLike[str], arrays: dict[str, Any]) -> None:
    """Like ``np.savez`` (same file, ``np.load`` reads it), with each array 64-byte aligned.

    ``np.savez`` starts each member wherever the previous one ended; mapped at such an
    offset, an ``int64`` array is misaligned and numpy copies the whole of it on every
    ``take`` (a millisecond per call on a million people). Padding the local header's extra
    field puts every member's data on a 64-byte boundary.
    """
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, value in arrays.items():
            array = np.ascontiguousarray(value)
            header = io.BytesIO()
            np.lib.format.write_array_header_2_0(
                header, np.lib.format.header_data_from_array_1_0(array)
            )
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED
            info.file_size = header.tell() + array.nbytes
            assert archive.fp is not None
            fixed = archive.fp.tell() + 30 + len(info.filename.encode()) + 4
            padding = -fixed % _ALIGN
            info.extra = struct.pack("<HH", _PADDING_FIELD, padding) + bytes(padding)
            with archive.open(info, "w") as member:
                member.write(header.getvalue())
                member.write(array.reshape(-1).view(np.uint8).data)


def graph_load(path: str | PathLike[str], *, mmap: bool = True) -> Graph:
    """Read a graph saved by ``graph_save``; with ``mmap`` the arrays are memory-mapped."""
    return graph_from_arrays(arrays_load(path, mmap=mmap))


def graph_from_arrays(arrays: dict[str, Any]) -> Graph:
    if int(np.asarray(arrays.get("version", [0]))[0]) != FORMAT_VERSION:
        raise ValueError(f"not a graph snapshot of format {FORMAT_VERSION}")
    return Graph(
        indptr=arrays["indptr"],
        indices=arrays["indices"],
        weights=arrays.get("weights"),
        codes=arrays.get("codes"),
        palette=arrays.get("palette"),
        inferred=arrays.get("inferred"),
    )


def arrays_load(path: str | PathLike[str], *, mmap: bool = True) -> dict[str, Any]:
    """Every array of an ``.npz`` file by name, memory-mapped where stored uncompressed.

    ``np.load`` ignores ``mmap_mode`` for ``.npz`` archives, so each stored (uncompressed)
    member is located in the zip and mapped directly: loading costs microseconds and the
    operating system pages in only the parts a search touches, shared between processes.
    """
    arrays: dict[str, Any] = {}
    with zipfile.ZipFile(path) as archive, open(path, "rb") as raw:
        for info in archive.infolist():
            name = info.filename.removesuffix(".npy")
            if not mmap or info.compress_type != zipfile.ZIP_STORED:
                with archive.open(info) as member:
                    arrays[name] = np.lib.format.read_array(member)
                continue
            raw.seek(info.header_offset)
            header = raw.read(30)
            name_length = int.from_bytes(header[26:28], "little")
            extra_length = int.from_bytes(header[28:30], "little")
            raw.seek(info.header_offset + 30 + name_length + extra_length)
            version = np.lib.format.read_magic(raw)
            if version == (1, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_1_0(raw)
            else:
                shape, fortran, dtype = np.lib.format.read_array_header_2_0(raw)
            if int(np.prod(shape)) == 0:
                arrays[name] = np.zeros(shape, dtype)
            else:
                mapped = np.memmap(
                    path,
                    dtype=dtype,
                    mode="r",
                    offset=raw.tell(),
                    shape=shape,
                    order="F" if fortran else "C",
                )
                # A plain ndarray view of the mapping (no copy): results of indexing a
                # ``np.memmap`` are memmaps too, and their Python-level bookkeeping would cost
                # more than the searches' own work.
                # Misaligned (a file written by ``np.savez``): a copy is faster to search.
                arrays[name] = np.asarray(mapped) if mapped.flags.aligned else np.array(mapped)
    return arrays
