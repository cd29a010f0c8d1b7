"""The JSON shape of introduction paths (``weakties path --json``)."""

from __future__ import annotations

from typing import Any

from weakties.intros.explain import ExplainedRoute
from weakties.intros.selectors import PathAnswer, Reach


def route_to_dict(route: ExplainedRoute) -> dict[str, Any]:
    """``hops`` lists the people after me, ending with the target; ``length`` counts edges."""
    return {
        "hops": [
            {
                "id": hop.contact_id,
                "name": hop.name,
                "relation": hop.relation,
                "strength": hop.strength,
                "inferred": hop.inferred,
            }
            for hop in route.hops
        ],
        "length": route.length,
        "strength": route.strength,
    }


def answer_to_dict(answer: PathAnswer) -> dict[str, Any]:
    data: dict[str, Any] = {
        "target": {"type": answer.target.kind, "id": answer.target.id, "name": answer.target.name},
        "paths": [route_to_dict(route) for route in answer.routes],
    }
    if answer.people_at is not None:
        people = answer.people_at
        data["known_there"] = [{"id": c.pk, "name": c.name} for c in people.known]
        data["know_someone_there"] = [
            {"id": c.pk, "name": c.name, "knows": [{"id": t.pk, "name": t.name} for t in there]}
            for c, there in people.via
        ]
    return data


def reach_to_dict(reach: Reach) -> dict[str, Any]:
    return {
        "first_degree": reach.first,
        "second_degree": reach.second,
        "contacts": reach.contacts,
        "not_met": reach.not_met,
        "estimate": reach.estimate,
        "estimate_per_contact": 250,
    }
