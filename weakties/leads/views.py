"""Pages of the hidden job market: the leads board, a lead, the ranked targets, organisation
pages, events and "add the people I met".

As in ``weakties.web.views``: each view parses, calls one service or selector with
``request.user`` and renders; objects come through the ``*_get_for_user`` selectors (another
user's object is a 404); changing views accept only POST. htmx requests to move a lead get the
board back; every form also works as a plain POST followed by a redirect.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from weakties.dates import local_today
from weakties.errors import NotFound, UserError
from weakties.intros.selectors import organization_paths
from weakties.leads import selectors, services
from weakties.leads.forms import (
    EventForm,
    LeadForm,
    MembershipForm,
    MoveForm,
    OrganizationTargetForm,
    PeopleMetForm,
    TargetForm,
)
from weakties.leads.models import Event, Lead
from weakties.leads.services import STAGE_WORDS
from weakties.network.models import Organization
from weakties.web.views import WebRequest, _is_partial, _post_only, _return_to


def _or_404(function: Any, **kwargs: Any) -> Any:
    try:
        return function(**kwargs)
    except NotFound as error:
        raise Http404(error.message) from None


def _lead_or_404(request: WebRequest, lead_id: int) -> Lead:
    return _or_404(selectors.lead_get_for_user, user=request.user, lead_id=lead_id)


def _event_or_404(request: WebRequest, event_id: int) -> Event:
    return _or_404(selectors.event_get_for_user, user=request.user, event_id=event_id)


def _organization_or_404(request: WebRequest, organization_id: int) -> Organization:
    return _or_404(
        selectors.organization_get_for_user, user=request.user, organization_id=organization_id
    )


def _people_context(request: WebRequest, organization: Organization) -> dict[str, Any]:
    """Who I know at an organisation, and how to get introduced there."""
    people = list(selectors.people_at(user=request.user, organization=organization))
    return {
        "people_known": [p for p in people if p.tie != "none"],
        "people_not_met": [p for p in people if p.tie == "none"],
        # the path engine's best routes to anyone there (web/intros/_organization_paths.html)
        "organization_paths": organization_paths(
            user=request.user, organization=organization, routes=3
        ),
    }


# The leads board ------------------------------------------------------------------------------


def _board_context(request: WebRequest, **extra: Any) -> dict[str, Any]:
    columns, closed = selectors.lead_board(user=request.user)
    return {
        "columns": columns,
        "closed": closed,
        "stage_choices": MoveForm.base_fields["stage"].choices,  # type: ignore[attr-defined]
        "today": local_today(),
    } | extra


@login_required
def lead_board(request: WebRequest) -> HttpResponse:
    context = _board_context(request, form=LeadForm(user=request.user))
    return render(request, "leads/board.html", context)


@login_required
def lead_add(request: WebRequest) -> HttpResponse:
    if request.method == "POST":
        form = LeadForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                lead = services.lead_add(
                    owner=request.user,
                    organization=data["organization"],
                    role=data["role"],
                    source=data["source"],
                    heard_on=data["heard_on"],
                    is_posted=data["is_posted"],
                    url=data["url"],
                    notes=data["notes"],
                )
            except UserError as error:
                form.add_user_error(error)
            else:
                messages.success(request, f"Added the lead: {lead.role} at {lead.organization}.")
                return redirect("web:lead", lead_id=lead.pk)
    else:
        form = LeadForm(user=request.user, initial={"organization": request.GET.get("org", "")})
    return render(request, "leads/lead_form.html", {"form": form})


@login_required
def lead_detail(request: WebRequest, lead_id: int) -> HttpResponse:
    lead = _lead_or_404(request, lead_id)
    context = {
        "lead": lead,
        "history": list(lead.history.all()),
        "move_form": MoveForm(user=request.user, initial={"stage": lead.stage}),
        "stage_words": STAGE_WORDS[Lead.Stage(lead.stage)],
        "organization": lead.organization,
        "today": local_today(),
    } | _people_context(request, lead.organization)
    return render(request, "leads/lead_detail.html", context)


@login_required
def lead_move(request: WebRequest, lead_id: int) -> HttpResponse:
    """Move a lead: from the board's one-click buttons (htmx gets the board back) or from the
    lead's page (with a date, a note and a referrer)."""
    lead = _lead_or_404(request, lead_id)
    if refused := _post_only(request):
        return refused
    form = MoveForm(request.POST, user=request.user)
    problem, note = "", ""
    if form.is_valid():
        data = form.cleaned_data
        try:
            move = services.lead_move(
                lead=lead,
                stage=data["stage"],
                on=data["on"],
                note=data["note"],
                referrer=data["referrer"],
            )
        except UserError as error:
            problem = error.message
        else:
            words = STAGE_WORDS[Lead.Stage(lead.stage)]
            note = f"{lead.role} at {lead.organization} is now at “{words}”."
            if not move.changed:
                note = f"{lead.role} at {lead.organization} was already at “{words}”."
            if move.reopened_from:
                closed = STAGE_WORDS[Lead.Stage(move.reopened_from)]
                note += f" Reopened: it was “{closed}”."
            if move.follow_up_done is not None:
                note += f" The follow-up is done: {move.follow_up_done.text}."
            if move.step is not None:
                note += f" Next step: {move.step.text}."
    else:
        problem = " ".join(str(e) for errors in form.errors.values() for e in errors)
    if _is_partial(request):
        context = _board_context(
            request, board_note=problem or note, board_problem=bool(problem), moved=lead.pk
        )
        response = render(request, "leads/_board.html", context)
        patch_vary_headers(response, ["HX-Request"])
        return response
    if problem:
        messages.error(request, problem)
    else:
        messages.success(request, note)
    return redirect(_return_to(request, reverse("web:lead", kwargs={"lead_id": lead.pk})))


# Targets and organisations --------------------------------------------------------------------


@login_required
def target_list(request: WebRequest) -> HttpResponse:
    form = TargetForm()
    if request.method == "POST":
        form = TargetForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                org = services.organization_target(
                    owner=request.user,
                    organization=data["organization"],
                    motivation=data["motivation"],
                    note=data["note"],
                )
            except UserError as error:
                form.add_user_error(error)
            else:
                messages.success(request, f"{org.name} is a target.")
                return redirect("web:targets")
    context = {"targets": selectors.target_list(user=request.user), "form": form}
    return render(request, "leads/targets.html", context)


def _organization_context(request: WebRequest, organization: Organization) -> dict[str, Any]:
    return {
        "organization": organization,
        "leads": selectors.lead_list(
            user=request.user, organization=organization, include_closed=True
        ),
        "events": selectors.events_at(user=request.user, organization=organization),
        "membership": selectors.membership_for(user=request.user, organization=organization),
        "target_form": OrganizationTargetForm(
            initial={"is_target": organization.is_target, "motivation": organization.motivation}
        ),
        "membership_form": MembershipForm(),
        "today": local_today(),
    } | _people_context(request, organization)


@login_required
def organization_detail(request: WebRequest, organization_id: int) -> HttpResponse:
    organization = _organization_or_404(request, organization_id)
    return render(request, "leads/organization.html", _organization_context(request, organization))


@login_required
def organization_target(request: WebRequest, organization_id: int) -> HttpResponse:
    organization = _organization_or_404(request, organization_id)
    if refused := _post_only(request):
        return refused
    form = OrganizationTargetForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.organization_target(
                owner=request.user,
                organization=organization,
                motivation=data["motivation"],
                clear_motivation=data["motivation"] is None,
                note=data["note"],
                is_target=data["is_target"],
            )
        except UserError as error:
            form.add_user_error(error)
        else:
            messages.success(request, f"Saved {organization.name}.")
            return redirect("web:organization", organization_id=organization.pk)
    context = _organization_context(request, organization) | {"target_form": form}
    return render(request, "leads/organization.html", context)


@login_required
def organization_membership(request: WebRequest, organization_id: int) -> HttpResponse:
    organization = _organization_or_404(request, organization_id)
    if refused := _post_only(request):
        return refused
    form = MembershipForm(request.POST)
    if form.is_valid():
        try:
            services.membership_set(
                owner=request.user,
                organization=organization,
                since=form.cleaned_data["since"],
                role=form.cleaned_data["role"] or None,
            )
        except UserError as error:
            form.add_user_error(error)
        else:
            messages.success(request, f"You are a member of {organization.name}.")
            return redirect("web:organization", organization_id=organization.pk)
    context = _organization_context(request, organization) | {"membership_form": form}
    return render(request, "leads/organization.html", context)


# Events ---------------------------------------------------------------------------------------


@login_required
def event_list(request: WebRequest) -> HttpResponse:
    form = EventForm()
    if request.method == "POST":
        form = EventForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                event = services.event_create(
                    owner=request.user,
                    name=data["name"],
                    held_on=data["held_on"],
                    kind=data["kind"],
                    organizer=data["organizer"] or None,
                    location=data["location"],
                    notes=data["notes"],
                )
            except UserError as error:
                form.add_user_error(error)
            else:
                messages.success(request, f"Added {event.name}.")
                return redirect("web:event", event_id=event.pk)
    context = {
        "events": selectors.event_list(user=request.user),
        "memberships": selectors.membership_list(user=request.user),
        "form": form,
        "today": local_today(),
    }
    return render(request, "leads/events.html", context)


def _event_context(request: WebRequest, event: Event, **extra: Any) -> dict[str, Any]:
    return {
        "event": event,
        "people": selectors.event_people(event=event),
        "met_form": PeopleMetForm(),
        "is_future": event.held_on > local_today(),
        "today": local_today(),
    } | extra


@login_required
def event_detail(request: WebRequest, event_id: int) -> HttpResponse:
    event = _event_or_404(request, event_id)
    return render(request, "leads/event.html", _event_context(request, event))


@login_required
def event_met(request: WebRequest, event_id: int) -> HttpResponse:
    """ "Add the people I met": new contacts, first conversations and follow-ups, in one step."""
    event = _event_or_404(request, event_id)
    if refused := _post_only(request):
        return refused
    form = PeopleMetForm(request.POST)
    if form.is_valid():
        try:
            result = services.event_met(owner=request.user, event=event, people=form.people())
        except UserError as error:
            candidates = getattr(error, "candidates", [])
            form.add_error(None, f"{error.message} {'; '.join(candidates)}".strip())
        else:
            parts = []
            if result.added:
                names = ", ".join(c.name for c in result.added)
                parts.append(
                    f"Added {names}, each with a follow-up due {result.steps[0].due:%a %-d %b}."
                    if result.steps
                    else f"Added {names}."
                )
            if result.linked:
                names = ", ".join(c.name for c in result.linked)
                parts.append(f"Noted that you met {names} (already in your network).")
            if result.already:
                names = ", ".join(c.name for c in result.already)
                parts.append(f"{names}: already recorded here.")
            messages.success(request, " ".join(parts))
            return redirect("web:event", event_id=event.pk)
    return render(request, "leads/event.html", _event_context(request, event, met_form=form))
