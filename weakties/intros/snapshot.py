"""A user's network as a path-engine graph: built in two bulk queries, cached until it changes.

Node 0 is the user ("me"); nodes ``1..N`` are the user's active contacts in id order
(``Snapshot.contact_ids[node]``). Archived contacts are left out: they are no longer people
the user would ask.

Tie strength, in (0, 1] — the chance, roughly, that a person passes a request on:

* **me ↔ a contact I have met**: ``tie × closeness × fade``. ``tie`` is 0.8 for a strong tie
  and 0.45 for a weak one (Granovetter: weak ties reach further but act less readily);
  ``closeness`` 1–5 scales it from 0.7 to 1.0; ``fade`` = 0.5 + 0.5 × 2^(−days/365) since
  the last conversation, so a tie loses a quarter of its strength after a year and never
  more than half (old friends still answer); never contacted counts as 0.6, like about two
  years of silence. People *not met yet* (``tie = none``) have no edge to me: they are whom an
  introduction reaches.
* **a recorded link** (``ContactLink``, 1–5): 0.2, 0.35, 0.5, 0.7, 0.9.
* **inferred: both work at the same organisation**: 0.25, flagged inferred — below any
  recorded link but "know of each other", because colleagues usually do, yet nobody told us.
  In an organisation of more than ``CLIQUE_LIMIT`` people, linking everyone to everyone would
  be quadratic (a 5,000-person employer imported from LinkedIn would add 12.5 million edges),
  so each member is linked to the ``ANCHORS`` members the user knows best (strong before weak
  before not met, then closeness, then the most recent conversation): any two colleagues are
  still at most two inferred hops apart, and every hop is a real person.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Count, Max, Sum

from weakties.graph import Graph, graph_from_edges
from weakties.graph.csr import arrays_load, graph_from_arrays, graph_save
from weakties.network.models import Contact, ContactLink, Interaction

TIE_BASE = {"strong": 0.8, "weak": 0.45}
LINK_STRENGTH = np.array([0.0, 0.2, 0.35, 0.5, 0.7, 0.9])
INFERRED_STRENGTH = 0.25
NEVER_CONTACTED_FADE = 0.6
HALF_LIFE_DAYS = 365.0
CLIQUE_LIMIT = 25
ANCHORS = 8
ME = 0

# Networks at least this large are also written to disk, so the next command (a new process)
# memory-maps the snapshot instead of rebuilding it.
PERSIST_FROM = 5_000
# A cached snapshot is trusted this long even if nothing seems to have changed: editing an
# interaction's date is the one change the cheap fingerprint cannot see.
MAX_AGE_SECONDS = 600.0
CACHE_USERS = 16

_TIE_RANK = {"strong": 2, "weak": 1, "none": 0}


@dataclass(eq=False)
class Snapshot:
    graph: Graph
    contact_ids: Any  # int64 array: node → contact id (0 for me)
    fingerprint: tuple[Any, ...]
    today: date
    built_at: float = field(default_factory=time.monotonic)
    loaded_from_disk: bool = False
    _node_of: dict[int, int] | None = field(default=None, repr=False)

    def node(self, contact_id: int) -> int | None:
        if self._node_of is None:
            self._node_of = {int(cid): i for i, cid in enumerate(self.contact_ids.tolist())}
        node = self._node_of.get(int(contact_id))
        return None if node == ME else node

    def contact_id(self, node: int) -> int:
        return int(self.contact_ids[node])


def strength_to_me(tie: Any, closeness: Any, days_since: Any, *, never: Any | None = None) -> Any:
    """The formula above, vectorised (``days_since`` is ignored where ``never`` is set)."""
    base = np.vectorize(lambda t: TIE_BASE.get(t, 0.0), otypes=[float])(np.asarray(tie))
    near = 0.7 + 0.075 * (np.asarray(closeness, float) - 1)
    days = np.maximum(np.asarray(days_since, float), 0)
    fade = 0.5 + 0.5 * np.exp2(-days / HALF_LIFE_DAYS)
    if never is not None:
        fade = np.where(never, NEVER_CONTACTED_FADE, fade)
    return base * near * fade


def network_fingerprint(user: User) -> tuple[Any, ...]:
    """Three aggregate queries that change whenever contacts, links or interactions change."""
    contacts = Contact.objects.filter(owner=user).aggregate(
        n=Count("id"), top=Max("id"), edited=Max("updated_at"), last=Max("last_contacted")
    )
    links = ContactLink.objects.filter(owner=user).aggregate(
        n=Count("id"), top=Max("id"), total=Sum("strength")
    )
    talks = Interaction.objects.filter(owner=user).aggregate(n=Count("id"), top=Max("id"))
    return (
        connection.alias,
        user.pk,
        *(contacts[k] for k in ("n", "top", "edited", "last")),
        *(links[k] for k in ("n", "top", "total")),
        talks["n"],
        talks["top"],
    )


def snapshot_build(*, user: User, today: date, fingerprint: tuple[Any, ...] = ()) -> Snapshot:
    """Build the user's graph with two queries (contacts, links) and array arithmetic."""
    rows = list(
        Contact.objects.filter(owner=user, archived_at__isnull=True)
        .order_by("id")
        .values_list("id", "tie", "closeness", "last_contacted", "organization_id")
    )
    link_rows = list(
        ContactLink.objects.filter(
            owner=user, contact_a__archived_at__isnull=True, contact_b__archived_at__isnull=True
        ).values_list("contact_a_id", "contact_b_id", "strength")
    )
    count = len(rows)
    contact_ids = np.zeros(count + 1, np.int64)
    src: list[Any] = []
    dst: list[Any] = []
    strength: list[Any] = []
    inferred: list[Any] = []
    if count:
        ids, ties, closeness, last, orgs = zip(*rows, strict=True)
        contact_ids[1:] = ids
        nodes = np.arange(1, count + 1)
        ties_array = np.array(ties)
        last_days = np.array(last, dtype="datetime64[D]")
        never = np.isnat(last_days)
        since = np.datetime64(today, "D") - np.where(never, np.datetime64(today, "D"), last_days)
        met = ties_array != "none"
        to_me = strength_to_me(
            ties_array[met], np.array(closeness)[met], since[met].astype(np.int64), never=never[met]
        )
        src.append(np.zeros(int(met.sum()), np.int64))
        dst.append(nodes[met])
        strength.append(to_me)
        inferred.append(np.zeros(int(met.sum()), np.bool_))

        org_src, org_dst = _colleagues(
            nodes,
            np.nan_to_num(np.array(orgs, dtype=float), nan=0).astype(np.int64),
            np.vectorize(_TIE_RANK.get, otypes=[int])(ties_array),
            np.array(closeness, np.int64),
            np.where(never, -(10**6), -since.astype(np.int64)),
        )
        src.append(org_src)
        dst.append(org_dst)
        strength.append(np.full(len(org_src), INFERRED_STRENGTH))
        inferred.append(np.ones(len(org_src), np.bool_))

    if link_rows:
        a, b, level = (np.array(column, np.int64) for column in zip(*link_rows, strict=True))
        src.append(np.searchsorted(contact_ids[1:], a) + 1)
        dst.append(np.searchsorted(contact_ids[1:], b) + 1)
        strength.append(LINK_STRENGTH[np.clip(level, 1, 5)])
        inferred.append(np.zeros(len(a), np.bool_))

    def joined(parts: list[Any], dtype: Any) -> Any:
        return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype)

    graph = graph_from_edges(
        count + 1,
        joined(src, np.int64),
        joined(dst, np.int64),
        joined(strength, np.float64),
        inferred=joined(inferred, np.bool_),
    )
    return Snapshot(graph=graph, contact_ids=contact_ids, fingerprint=fingerprint, today=today)


def _colleagues(
    nodes: Any, orgs: Any, tie_rank: Any, closeness: Any, recency: Any
) -> tuple[Any, Any]:
    """Inferred same-organisation pairs: everyone in small organisations, anchors in big ones."""
    has_org = orgs > 0
    # Best-known first within each organisation: strong ties, closeness, recent conversation.
    order = np.lexsort((-recency, -closeness, -tie_rank, orgs))
    order = order[has_org[order]]
    sorted_orgs = orgs[order]
    if len(order) == 0:
        empty = np.zeros(0, np.int64)
        return empty, empty
    starts = np.flatnonzero(np.r_[True, sorted_orgs[1:] != sorted_orgs[:-1]])
    ends = np.r_[starts[1:], len(order)]
    src: list[Any] = []
    dst: list[Any] = []
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        members = nodes[order[start:end]]
        size = len(members)
        if size < 2:
            continue
        if size <= CLIQUE_LIMIT:
            i, j = np.triu_indices(size, 1)
        else:
            anchors = min(ANCHORS, size)
            i, j = np.triu_indices(size, 1)
            keep = i < anchors
            i, j = i[keep], j[keep]
        src.append(members[i])
        dst.append(members[j])
    if not src:
        empty = np.zeros(0, np.int64)
        return empty, empty
    return np.concatenate(src), np.concatenate(dst)


# The cache --------------------------------------------------------------------------------------

_cache: OrderedDict[Any, Snapshot] = OrderedDict()
_lock = threading.Lock()


def snapshot_path(user: User) -> Path:
    return Path(settings.WEAKTIES_HOME) / "snapshots" / f"{connection.alias}-user-{user.pk}.npz"


def snapshot_for(*, user: User, today: date) -> Snapshot:
    """The user's snapshot, rebuilt only when the fingerprint or the day has changed.

    Order: this process's cache; then, for large networks, the ``.npz`` on disk (memory-mapped,
    checked against the fingerprint); then a rebuild (saved to disk when large).
    """
    fingerprint = network_fingerprint(user)
    key = (connection.alias, user.pk)
    with _lock:
        cached = _cache.get(key)
        if cached is not None:
            _cache.move_to_end(key)
    if (
        cached is not None
        and cached.fingerprint == fingerprint
        and cached.today == today
        and time.monotonic() - cached.built_at < MAX_AGE_SECONDS
    ):
        return cached
    large = (fingerprint[2] or 0) >= PERSIST_FROM
    snapshot = _snapshot_read(user, fingerprint, today) if large else None
    if snapshot is None:
        snapshot = snapshot_build(user=user, today=today, fingerprint=fingerprint)
        if large:
            _snapshot_write(user, snapshot)
    with _lock:
        _cache[key] = snapshot
        _cache.move_to_end(key)
        while len(_cache) > CACHE_USERS:
            _cache.popitem(last=False)
    return snapshot


def snapshot_forget(user: User | None = None) -> None:
    """Drop cached snapshots (of one user, or all): the next query rebuilds."""
    with _lock:
        for key in [k for k in _cache if user is None or k[1] == user.pk]:
            del _cache[key]


def _meta(fingerprint: tuple[Any, ...], today: date) -> str:
    return repr((*fingerprint, today.isoformat()))


def _snapshot_write(user: User, snapshot: Snapshot) -> None:
    path = snapshot_path(user)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp.npz")
    meta = np.frombuffer(_meta(snapshot.fingerprint, snapshot.today).encode(), np.uint8)
    graph_save(snapshot.graph, partial, extra={"contact_ids": snapshot.contact_ids, "meta": meta})
    partial.replace(path)  # atomic: a reader sees the old file or the new one, never half


def _snapshot_read(user: User, fingerprint: tuple[Any, ...], today: date) -> Snapshot | None:
    path = snapshot_path(user)
    if not path.exists():
        return None
    try:
        arrays = arrays_load(path)
        if bytes(np.asarray(arrays["meta"])).decode() != _meta(fingerprint, today):
            return None
        graph = graph_from_arrays(arrays)
    except (OSError, ValueError, KeyError):
        return None
    return Snapshot(
        graph=graph,
        contact_ids=arrays["contact_ids"],
        fingerprint=fingerprint,
        today=today,
        loaded_from_disk=True,
    )
