"""Routes in words: who each hop is, how they are related, how strong the tie, and since when.

The engine returns node numbers; here they become people, with two queries per answer (the
people on the routes, and the links between them), whatever the number of routes.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User

from weakties.graph import Route
from weakties.intros.snapshot import ME, Snapshot
from weakties.network.models import Contact, ContactLink

TIE_WORDS = {"strong": "strong tie", "weak": "weak tie", "none": "not met yet"}


def strength_words(strength: float) -> str:
    """A tie's or a route's strength as a person would say it."""
    if strength >= 0.6:
        return "strong"
    if strength >= 0.4:
        return "good"
    if strength >= 0.2:
        return "weak"
    return "faint"


def route_strength_words(strength: float) -> str:
    """A route's strength (a product over its hops, so lower than a single tie's) in words."""
    if strength >= 0.5:
        return "strong"
    if strength >= 0.25:
        return "good"
    if strength >= 0.1:
        return "weak"
    return "faint"


@dataclass(frozen=True)
class Hop:
    """One person on a route, and the tie that leads to them from the previous one."""

    contact_id: int
    name: str
    organization: str
    relation: str
    strength: float
    inferred: bool
    last_contacted: date | None
    tie: str
    previous: str = ""  # the name of the person before on the route; "" for me

    @property
    def strength_words(self) -> str:
        return strength_words(self.strength)

    @property
    def met(self) -> bool:
        return self.tie != Contact.Tie.NONE


@dataclass(frozen=True)
class ExplainedRoute:
    """A route from me: ``hops`` lists the people after me, ending with the target."""

    hops: list[Hop]
    strength: float

    @property
    def length(self) -> int:
        return len(self.hops)

    @property
    def first(self) -> Hop:
        return self.hops[0]

    @property
    def target(self) -> Hop:
        return self.hops[-1]

    @property
    def strength_words(self) -> str:
        if self.length == 1:  # one tie: the same words as the tie itself
            return strength_words(self.strength)
        return route_strength_words(self.strength)

    @property
    def has_inferred(self) -> bool:
        return any(hop.inferred for hop in self.hops)

    @property
    def advice(self) -> str:
        """What to do with this route, in one sentence."""
        first, target = self.first, self.target
        if self.length == 1:
            return f"You know {target.name}: reach out directly."
        if self.length == 2:
            return f"Ask {first.name} to introduce you to {target.name}."
        return (
            f"Ask {first.name} to pass on an introduction to {target.name} "
            f"({self.length - 1} people along the way)."
        )


def routes_explain(
    *, user: User, snapshot: Snapshot, routes: Iterable[Route]
) -> list[ExplainedRoute]:
    """Turn engine routes (starting at me, node 0) into explained routes."""
    routes = [route for route in routes if route.length >= 1]
    node_ids = {node for route in routes for node in route.nodes if node != ME}
    ids = {snapshot.contact_id(node) for node in node_ids}
    if not ids:
        return []
    people = {
        row[0]: row
        for row in Contact.objects.filter(owner=user, pk__in=ids).values_list(
            "id", "name", "tie", "closeness", "last_contacted", "organization__name"
        )
    }
    links = {
        (a, b): (kind, note)
        for a, b, kind, note in ContactLink.objects.filter(
            owner=user, contact_a_id__in=ids, contact_b_id__in=ids
        ).values_list("contact_a_id", "contact_b_id", "kind", "note")
    }
    kinds = dict(ContactLink.Kind.choices)
    explained = []
    for route in routes:
        hops: list[Hop] = []
        for before, node in itertools.pairwise(route.nodes):
            edge = snapshot.graph.edge(before, node)
            assert edge is not None
            strength, inferred = edge
            cid, name, tie, closeness, last, organization = people[snapshot.contact_id(node)]
            if before == ME:
                relation = f"{TIE_WORDS[tie]}, closeness {closeness}/5"
            else:
                pair = sorted((snapshot.contact_id(before), cid))
                link = links.get((pair[0], pair[1]))
                if link is not None and not inferred:
                    relation = kinds.get(link[0], "Knows").lower()
                    relation += f" ({link[1]})" if link[1] else ""
                else:
                    inferred = True
                    relation = f"both at {organization}" if organization else "colleagues"
            hops.append(
                Hop(
                    contact_id=cid,
                    name=name,
                    organization=organization or "",
                    relation=relation,
                    strength=round(strength, 4),
                    inferred=inferred,
                    last_contacted=last,
                    tie=tie,
                    previous=hops[-1].name if hops else "",
                )
            )
        explained.append(ExplainedRoute(hops=hops, strength=round(route.strength, 4)))
    return explained
