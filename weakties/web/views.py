"""Pages of the web UI.

Each view parses input, calls one service or selector with ``request.user``, and renders.
Objects are fetched through the ``*_get_for_user`` selectors, so another user's object is a
404 exactly like a missing one. Views that change something accept only POST, and look the
object up first: a stranger gets 404 whatever the method.

htmx requests (``HX-Request: true``) get the partial template (names starting with ``_``)
that replaces part of the page; the same URLs answer plain requests with a full page or a
redirect, so every page works without JavaScript.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import push_url
from django_htmx.middleware import HtmxDetails

from weakties.dates import local_today
from weakties.errors import NotFound, UserError
from weakties.network import selectors, services
from weakties.network.models import Contact, NextStep
from weakties.web.forms import (
    ContactFilterForm,
    ContactForm,
    InteractionForm,
    LinkForm,
    NoteForm,
)
from weakties.web.templatetags.weakties_web import short_date

CONTACTS_PER_PAGE = 50
STEPS_PER_PAGE = 50
HOME_LIST_LENGTH = 8
NO_NEXT_STEP_NOTE = (
    "Conversations that end with a next step move forward: next time, agree on what "
    "happens next before you say goodbye."
)


class WebRequest(HttpRequest):
    """A request as our views see it: signed in (``login_required``) and htmx-aware."""

    user: User
    htmx: HtmxDetails


def _is_partial(request: WebRequest) -> bool:
    """An htmx request that swaps part of the page (a history restore needs the full page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def _contact_or_404(request: WebRequest, contact_id: int) -> Contact:
    try:
        return selectors.contact_get_for_user(user=request.user, contact_id=contact_id)
    except NotFound as error:
        raise Http404(error.message) from None


def _step_or_404(request: WebRequest, step_id: int) -> NextStep:
    try:
        return selectors.next_step_get_for_user(user=request.user, step_id=step_id)
    except NotFound as error:
        raise Http404(error.message) from None


def _post_only(request: WebRequest) -> HttpResponse | None:
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


def _return_to(request: WebRequest, default: str) -> str:
    """The page a plain form should go back to: its ``next`` field when it is one of ours."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# Home -----------------------------------------------------------------------------------------


@login_required
def home(request: WebRequest) -> HttpResponse:
    """The home page is the day's plan (``plan.views.today_page``), or the welcome."""
    from weakties.plan.views import today_page

    return today_page(request)


# Contacts -------------------------------------------------------------------------------------


@login_required
def contact_list(request: WebRequest) -> HttpResponse:
    today = local_today()
    form = ContactFilterForm(request.GET)
    contacts = selectors.contact_list(user=request.user, today=today, **form.filters())
    page = Paginator(contacts, CONTACTS_PER_PAGE).get_page(request.GET.get("page"))
    query = form.query()
    context = {
        "form": form,
        "page": page,
        "contacts": page.object_list,
        "query": urlencode(query),
        "filtered": bool(query),
        "today": today,
    }
    if _is_partial(request):
        response = render(request, "web/_contact_results.html", context | {"partial": True})
        if page.number > 1:
            query["page"] = str(page.number)
        url = reverse("web:contacts") + (f"?{urlencode(query)}" if query else "")
        push_url(response, url)
    else:
        context |= {
            "tags": selectors.tag_list(user=request.user),
            "organizations": selectors.organization_suggestions(user=request.user),
            "ties": Contact.Tie.choices,
        }
        response = render(request, "web/contact_list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


# Conversations shown on a contact's page before "Show older": someone you have messaged for
# years on LinkedIn can have hundreds.
TIMELINE_PAGE = 25


def _contact_page_context(
    request: WebRequest, contact: Contact, *, today: date, **extra: Any
) -> dict[str, Any]:
    """Everything the contact page shows; the htmx partials of that page reuse parts of it."""
    timeline = selectors.contact_timeline(contact=contact)
    shown = list(
        timeline if request.GET.get("timeline") == "all" else timeline[: TIMELINE_PAGE + 1]
    )
    older = 0
    if len(shown) > TIMELINE_PAGE and request.GET.get("timeline") != "all":
        older = timeline.count() - TIMELINE_PAGE
        shown = shown[:TIMELINE_PAGE]
    return {
        "contact": contact,
        "points": list(contact.points.all()),
        "timeline": shown,
        "timeline_older": older,
        "steps": selectors.next_step_list(user=request.user, contact=contact),
        "links": selectors.contact_links(contact=contact),
        "memories": contact.memories.all(),
        "help_ideas": contact.help_ideas.all(),
        "log_form": InteractionForm(user=request.user, today=today),
        "link_form": LinkForm(user=request.user),
        "memory_form": NoteForm(prefix="memory"),
        "idea_form": NoteForm(prefix="idea"),
        "today": today,
        "namesakes": [] if contact.archived_at else selectors.namesakes(contact=contact),
    } | extra


@login_required
def contact_detail(request: WebRequest, contact_id: int) -> HttpResponse:
    contact = _contact_or_404(request, contact_id)
    return _contact_page(request, contact, today=local_today())


def _contact_page(
    request: WebRequest, contact: Contact, *, today: date, **extra: Any
) -> HttpResponse:
    """The whole contact page, as shown and as shown again with a form's errors."""
    from weakties.plan.views import contact_plan_context

    context = _contact_page_context(request, contact, today=today, **extra)
    context |= contact_plan_context(contact)  # the reciprocity balance, ledger and its form
    return render(request, "web/contact_detail.html", context)


@login_required
def contact_add(request: WebRequest) -> HttpResponse:
    form = ContactForm(request.POST) if request.method == "POST" else ContactForm()
    if form.is_bound and form.is_valid():
        try:
            contact = services.contact_create(
                owner=request.user,
                data=form.contact_data(),
                emails=form.cleaned_data["emails"],
                phones=form.cleaned_data["phones"],
                urls=form.cleaned_data["urls"],
            )
        except UserError as error:
            form.add_user_error(error)
        else:
            messages.success(request, f"Added {contact.name}.")
            return redirect("web:contact", contact_id=contact.pk)
    return render(request, "web/contact_form.html", {"form": form, "contact": None})


@login_required
def contact_edit(request: WebRequest, contact_id: int) -> HttpResponse:
    contact = _contact_or_404(request, contact_id)
    name = contact.name  # the heading keeps the saved name while the form shows errors
    if request.method == "POST":
        form = ContactForm(request.POST)
        if form.is_valid():
            try:
                services.contact_update(
                    contact=contact,
                    data=form.contact_data(),
                    emails=form.cleaned_data["emails"],
                    phones=form.cleaned_data["phones"],
                    urls=form.cleaned_data["urls"],
                )
            except UserError as error:
                form.add_user_error(error)
            else:
                messages.success(request, f"Saved {contact.name}.")
                return redirect("web:contact", contact_id=contact.pk)
    else:
        form = ContactForm(initial=ContactForm.initial_for(contact))
    return render(
        request, "web/contact_form.html", {"form": form, "contact": contact, "name": name}
    )


@login_required
def contact_archive(request: WebRequest, contact_id: int) -> HttpResponse:
    contact = _contact_or_404(request, contact_id)
    if refused := _post_only(request):
        return refused
    services.contact_archive(contact=contact)
    messages.success(
        request, f"Archived {contact.name}: hidden from lists and plans, history kept."
    )
    return redirect("web:contact", contact_id=contact.pk)


@login_required
def contact_merge(request: WebRequest, contact_id: int) -> HttpResponse:
    """Fold another of the user's contacts (``other``, an id) into this one: the contact page
    offers it for a namesake, the same person added twice."""
    contact = _contact_or_404(request, contact_id)
    if refused := _post_only(request):
        return refused
    try:
        other_id = int(request.POST.get("other", ""))
    except ValueError:
        raise Http404("No such person in your network.") from None
    other = _contact_or_404(request, other_id)
    other_name = other.name
    try:
        services.contact_merge(keep=contact, other=other)
    except UserError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            f"Merged {other_name} into {contact.name}: their conversations, next steps and "
            "details are all here now.",
        )
    return redirect("web:contact", contact_id=contact.pk)


@login_required
def contact_unarchive(request: WebRequest, contact_id: int) -> HttpResponse:
    contact = _contact_or_404(request, contact_id)
    if refused := _post_only(request):
        return refused
    services.contact_unarchive(contact=contact)
    messages.success(request, f"{contact.name} is back in your network.")
    return redirect("web:contact", contact_id=contact.pk)


# Interactions ---------------------------------------------------------------------------------


def _logged_message(step: NextStep | None, *, today: date) -> str:
    if step is None:
        return f"Logged, without a next step. {NO_NEXT_STEP_NOTE}"
    whose = "your move" if step.mine else "their move"
    due = f", due {short_date(step.due, today)}" if step.due else ""
    return f"Logged, with the next step “{step.text}” ({whose}{due})."


@login_required
def interaction_log(request: WebRequest, contact_id: int) -> HttpResponse:
    """Log a conversation from a contact's page; htmx gets the form back and, out of band,
    the refreshed timeline and next steps."""
    contact = _contact_or_404(request, contact_id)
    if refused := _post_only(request):
        return refused
    today = local_today()
    form = InteractionForm(request.POST, user=request.user, today=today)
    interaction = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            interaction = services.interaction_log(
                owner=request.user,
                participants=[contact, *data["others"]],
                summary=data["summary"],
                channel=data["channel"],
                occurred_on=data["occurred_on"],
                next_step=data["next_step"],
                next_step_due=data["due"],
                next_step_mine=data["whose"] == "mine",
            )
        except UserError as error:
            form.add_user_error(error)
    if interaction is None:
        if _is_partial(request):
            return render(request, "web/_log_form.html", {"contact": contact, "log_form": form})
        return _contact_page(request, contact, today=today, log_form=form)

    step = next(iter(interaction.next_steps.all()), None)
    note = _logged_message(step, today=today)
    if not _is_partial(request):
        (messages.success if step else messages.info)(request, note)
        return redirect("web:contact", contact_id=contact.pk)
    contact = _contact_or_404(request, contact_id)  # fresh "last contacted"
    context = _contact_page_context(
        request, contact, today=today, log_note=note, log_note_gentle=step is None
    )
    return render(request, "web/_log_result.html", context)


# Memories and ways to help --------------------------------------------------------------------


def _note_add(request: WebRequest, contact_id: int, *, kind: str) -> HttpResponse:
    contact = _contact_or_404(request, contact_id)
    if refused := _post_only(request):
        return refused
    form = NoteForm(request.POST, prefix=kind)
    added = False
    if form.is_valid():
        try:
            if kind == "memory":
                services.memory_add(contact=contact, text=form.cleaned_data["text"])
            else:
                services.help_idea_add(contact=contact, text=form.cleaned_data["text"])
        except UserError as error:
            form.add_user_error(error)
        else:
            added = True
    if not _is_partial(request):
        if added:
            messages.success(request, "Memory added." if kind == "memory" else "Idea added.")
        else:
            problems = [str(problem) for errors in form.errors.values() for problem in errors]
            messages.error(request, " ".join(problems))
        return redirect("web:contact", contact_id=contact.pk)
    if added:
        form = NoteForm(prefix=kind)
    context = {
        "contact": contact,
        "memories": contact.memories.all(),
        "help_ideas": contact.help_ideas.all(),
        "memory_form": form if kind == "memory" else NoteForm(prefix="memory"),
        "idea_form": form if kind == "idea" else NoteForm(prefix="idea"),
    }
    template = "web/_memories.html" if kind == "memory" else "web/_help_ideas.html"
    return render(request, template, context)


@login_required
def contact_link_add(request: WebRequest, contact_id: int) -> HttpResponse:
    """Record that this contact knows someone else in my network (or update how well)."""
    contact = _contact_or_404(request, contact_id)
    if refused := _post_only(request):
        return refused
    form = LinkForm(request.POST, user=request.user)
    if form.is_valid():
        other = form.cleaned_data["other"]
        try:
            services.contact_link(
                a=contact,
                b=other,
                kind=form.cleaned_data["kind"],
                strength=form.cleaned_data["strength"],
            )
        except UserError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Noted: {contact.name} knows {other.name}.")
    else:
        problems = [str(problem) for errors in form.errors.values() for problem in errors]
        messages.error(request, " ".join(problems))
    return redirect(reverse("web:contact", args=[contact.pk]) + "#links-title")


@login_required
def memory_add(request: WebRequest, contact_id: int) -> HttpResponse:
    return _note_add(request, contact_id, kind="memory")


@login_required
def help_idea_add(request: WebRequest, contact_id: int) -> HttpResponse:
    return _note_add(request, contact_id, kind="idea")


# Next steps -----------------------------------------------------------------------------------


def _whose_filter(value: str | None) -> bool | None:
    return {"mine": True, "theirs": False}.get(value or "")


@login_required
def next_step_list(request: WebRequest) -> HttpResponse:
    whose = request.GET.get("whose", "")
    mine = _whose_filter(whose)
    show_done = request.GET.get("done") == "1"
    steps = selectors.next_step_list(user=request.user, mine=mine)
    page = Paginator(steps, STEPS_PER_PAGE).get_page(request.GET.get("page"))
    done = (
        Paginator(
            selectors.next_step_done_list(user=request.user, mine=mine), STEPS_PER_PAGE
        ).get_page(request.GET.get("done_page"))
        if show_done
        else None
    )
    query = {"whose": whose, "done": "1" if show_done else ""}
    toggle = {"whose": whose, "done": "" if show_done else "1"}
    context = {
        "page": page,
        "steps": page.object_list,
        "done_steps": done.object_list if done is not None else None,
        "done_page": done,
        "show_done": show_done,
        "whose": whose if mine is not None else "",
        "query": urlencode({k: v for k, v in query.items() if v}),
        "done_toggle": urlencode({k: v for k, v in toggle.items() if v}),
        "today": local_today(),
    }
    return render(request, "web/next_steps.html", context)


def _step_changed(request: WebRequest, step: NextStep, message: str) -> HttpResponse:
    """The refreshed row for htmx; otherwise back to the page the form was on."""
    if _is_partial(request):
        context = {
            "step": step,
            "today": local_today(),
            "show_contact": request.POST.get("show_contact") == "1",
            "return_to": _return_to(request, ""),
            "just_changed": True,
        }
        return render(request, "web/_step_row.html", context)
    messages.success(request, message)
    return redirect(_return_to(request, reverse("web:next_steps")))


@login_required
def next_step_done(request: WebRequest, step_id: int) -> HttpResponse:
    step = _step_or_404(request, step_id)
    if refused := _post_only(request):
        return refused
    services.next_step_complete(step=step)
    return _step_changed(request, step, f"Done: {step.text}")


@login_required
def next_step_reopen(request: WebRequest, step_id: int) -> HttpResponse:
    step = _step_or_404(request, step_id)
    if refused := _post_only(request):
        return refused
    services.next_step_reopen(step=step)
    return _step_changed(request, step, f"Reopened: {step.text}")
