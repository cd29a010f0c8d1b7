"""The "Find an introduction" page: a search box, and the routes as readable chains.

One GET page (the search is a query string, so a result can be bookmarked and the back button
works); with htmx only the results are swapped. Routes only ever run through the signed-in
user's own network (the selectors take ``request.user``).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from weakties.errors import Ambiguous, UserError
from weakties.graph import DEFAULT_MAX_HOPS
from weakties.intros import selectors
from weakties.web.views import WebRequest, _is_partial

HOP_CHOICES = [2, 3, 4, 5, 6]
ROUTE_CHOICES = [1, 3, 5, 10]


def _int(value: str | None, default: int, choices: list[int]) -> int:
    try:
        number = int(value or default)
    except ValueError:
        return default
    return number if number in choices else default


def _query_for(candidate: str) -> str:
    """What to search for to pick one candidate: "#12 Ann (Acme)" → "#12"; "org:Acme (…)"."""
    if candidate.startswith("#"):
        return candidate.split(" ", 1)[0]
    return candidate.split(" (", 1)[0]


@login_required
def introductions(request: WebRequest) -> HttpResponse:
    target = (request.GET.get("target") or "").strip()[:200]
    strongest = request.GET.get("rank") == "strongest"
    max_hops = _int(request.GET.get("max_hops"), DEFAULT_MAX_HOPS, HOP_CHOICES)
    routes = _int(request.GET.get("routes"), 3, ROUTE_CHOICES)
    context: dict[str, Any] = {
        "target": target,
        "strongest": strongest,
        "max_hops": max_hops,
        "routes": routes,
        "hop_choices": HOP_CHOICES,
        "more_hops": max_hops + 1 if max_hops + 1 in HOP_CHOICES else None,
        "route_choices": ROUTE_CHOICES,
        "answer": None,
        "error": "",
        "candidates": [],
    }
    if target:
        try:
            context["answer"] = selectors.path_find(
                user=request.user,
                target=target,
                strongest=strongest,
                max_hops=max_hops,
                routes=routes,
            )
        except Ambiguous as error:
            context["error"] = error.message
            context["candidates"] = [
                {"label": candidate, "query": _query_for(candidate)}
                for candidate in error.candidates
            ]
        except UserError as error:
            context["error"] = error.message
    if _is_partial(request):
        response = render(request, "web/intros/_results.html", context)
    else:
        context["reach"] = selectors.network_reach(user=request.user)
        response = render(request, "web/intros/introductions.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response
