"""Pages of the daily plan: Today (the home page), Week, Settings, the draft composer, and the
contact page's reciprocity section.

Each view parses input, calls one service or selector with ``request.user`` and renders. The
done / skip / snooze buttons answer htmx with the refreshed plan (and the week's progress out
of band); without JavaScript they redirect back to Today with a message.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from weakties.dates import local_today, parse_date
from weakties.errors import NotFound, UserError
from weakties.network import selectors as network_selectors
from weakties.network.models import Contact, Interaction
from weakties.plan import selectors, services
from weakties.plan.forms import (
    DoneForm,
    DraftForm,
    ExchangeForm,
    SettingsForm,
    SnoozeForm,
    TemplateForm,
)
from weakties.web.views import WebRequest, _is_partial, _post_only, _return_to


def _contact_or_404(request: WebRequest, contact_id: int) -> Contact:
    try:
        return network_selectors.contact_get_for_user(user=request.user, contact_id=contact_id)
    except NotFound as error:
        raise Http404(error.message) from None


def _plan_context(request: WebRequest, day: date, **extra: Any) -> dict[str, Any]:
    plan = selectors.today_plan(user=request.user, day=day)
    return {
        "plan": plan,
        "today": day,
        "done_form": DoneForm(),
        "snooze_form": SnoozeForm(today=day),
    } | extra


# Today ----------------------------------------------------------------------------------------


def today_page(request: WebRequest) -> HttpResponse:
    """The home page: the day's plan (or the welcome, for a network with no one in it)."""
    counts = network_selectors.network_counts(user=request.user)
    day = local_today()
    if counts["contacts"] == 0:
        return render(request, "web/home.html", {"first_run": True, "today": day})
    return render(request, "plan/today.html", _plan_context(request, day, counts=counts))


def _acted(request: WebRequest, text: str) -> HttpResponse:
    if _is_partial(request):
        context = _plan_context(request, local_today(), status=text)
        return render(request, "plan/_reach_out_response.html", context)
    messages.success(request, text)
    return redirect(_return_to(request, reverse("web:home")))


def _refused(
    request: WebRequest, problem: str, *, contact: Contact | None = None, field: str = ""
) -> HttpResponse:
    """The plan again, with the problem beside the suggestion it is about (``contact``), what
    the user typed still in its field (``field``), and the focus there."""
    problem = problem.removeprefix(f"{field}: ") if field else problem
    failed = {
        "id": contact.pk if contact else None,
        "field": field,
        "until": request.POST.get("until", ""),
        "summary": request.POST.get("summary", ""),
        "channel": request.POST.get("channel", ""),
    }
    if _is_partial(request):
        context = _plan_context(
            request, local_today(), status=problem, status_error=True, failed=failed
        )
        return render(request, "plan/_reach_out_response.html", context)
    if contact is None or request.POST.get("next", "") not in ("", reverse("web:home")):
        messages.error(request, problem)
        return redirect(_return_to(request, reverse("web:home")))
    counts = network_selectors.network_counts(user=request.user)
    context = _plan_context(
        request, local_today(), counts=counts, status=problem, status_error=True, failed=failed
    )
    return render(request, "plan/today.html", context, status=400)


@login_required
def reach_out_done(request: WebRequest, contact_id: int) -> HttpResponse:
    contact = _contact_or_404(request, contact_id)
    if refused := _post_only(request):
        return refused
    form = DoneForm(request.POST)
    if not form.is_valid():
        return _refused(request, "Say how you reached out.", contact=contact, field="channel")
    try:
        services.reach_out_done(
            owner=request.user,
            contact=contact,
            day=local_today(),
            channel=form.cleaned_data["channel"],
            summary=form.cleaned_data["summary"],
        )
    except UserError as error:
        return _refused(request, error.message, contact=contact, field=error.field or "summary")
    return _acted(request, f"Logged: you reached out to {contact.name}. Well done.")


@login_required
def reach_out_skip(request: WebRequest, contact_id: int) -> HttpResponse:
    contact = _contact_or_404(request, contact_id)
    if refused := _post_only(request):
        return refused
    pause = services.reach_out_skip(owner=request.user, contact=contact, day=local_today())
    return _acted(request, f"Skipped {contact.name}: back in the plan on {pause.until:%a %-d %b}.")


@login_required
def reach_out_snooze(request: WebRequest, contact_id: int) -> HttpResponse:
    contact = _contact_or_404(request, contact_id)
    if refused := _post_only(request):
        return refused
    day = local_today()
    form = SnoozeForm(request.POST, today=day)
    if not form.is_valid():
        problem = " ".join(str(e) for e in form.errors.get("until", []))
        return _refused(request, problem, contact=contact, field="until")
    try:
        pause = services.reach_out_snooze(
            owner=request.user, contact=contact, until=form.cleaned_data["until"], day=day
        )
    except UserError as error:
        return _refused(request, error.message, contact=contact, field="until")
    return _acted(request, f"Snoozed {contact.name} until {pause.until:%a %-d %b %Y}.")


# Week -----------------------------------------------------------------------------------------


@login_required
def week(request: WebRequest) -> HttpResponse:
    today = local_today()
    day = today
    problem = ""
    if request.GET.get("date"):
        try:
            day = parse_date(request.GET["date"], today=today, prefer="past", field="date")
        except UserError as error:
            problem = error.message
    review = selectors.week_review(user=request.user, day=day)
    start = review.progress.start
    context = {
        "review": review,
        "today": today,
        "problem": problem,
        "previous": start - timedelta(days=7),
        "next": start + timedelta(days=7) if start + timedelta(days=7) <= today else None,
    }
    return render(request, "plan/week.html", context)


PLAN_FIELDS = ("daily_count", "dormant_days", "mentor_days", "meet_goal", "talk_goal")
PROFILE_FIELDS = ("goal", "pitch", "my_name")


# Settings -------------------------------------------------------------------------------------


@login_required
def plan_settings(request: WebRequest) -> HttpResponse:
    current = selectors.plan_settings_for(request.user)
    form = SettingsForm(instance=current)
    if request.method == "POST":
        form = SettingsForm(request.POST, instance=current)
        if form.is_valid():
            try:
                services.plan_settings_update(
                    owner=request.user, **{name: form.cleaned_data[name] for name in form.fields}
                )
            except UserError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "Goals and profile saved.")
                return redirect("web:plan_settings")
    context = {
        "form": form,
        "plan_fields": [form[name] for name in PLAN_FIELDS],
        "profile_fields": [form[name] for name in PROFILE_FIELDS],
        "templates": selectors.template_list(user=request.user),
    }
    return render(request, "plan/settings.html", context)


@login_required
def template_edit(request: WebRequest) -> HttpResponse:
    """Edit one template (``?name=``); saving a built-in name makes your own copy."""
    name = request.GET.get("name") or request.POST.get("name") or "reconnect"
    try:
        current = selectors.template_get(user=request.user, name=name)
        initial = {
            "name": current.name,
            "kind": current.kind,
            "subject": current.subject,
            "body": current.body,
        }
    except NotFound:
        initial = {"name": name, "kind": "reconnect", "subject": "", "body": ""}
    form = TemplateForm(initial=initial)
    if request.method == "POST":
        form = TemplateForm(request.POST)
        if form.is_valid():
            try:
                services.template_save(owner=request.user, **form.cleaned_data)
            except UserError as error:
                form.add_user_error(error)
            else:
                messages.success(request, f"Template {form.cleaned_data['name']!r} saved.")
                return redirect("web:plan_settings")
    from weakties.plan.drafts import PLACEHOLDERS

    return render(request, "plan/template_edit.html", {"form": form, "placeholders": PLACEHOLDERS})


# Draft composer -------------------------------------------------------------------------------


def _draft_context(request: WebRequest, contact: Contact, data: Any) -> dict[str, Any]:
    names = [t.name for t in selectors.template_list(user=request.user)]
    chosen = (data.get("template") if data else None) or "reconnect"
    form = DraftForm(data or None, templates=names, initial={"template": chosen})
    body = subject = None
    if data and form.is_valid():
        chosen = form.cleaned_data["template"] or chosen
        if data.get("body"):
            body = form.cleaned_data["body"]
            subject = form.cleaned_data["subject"]
    error = ""
    try:
        view = selectors.draft_for(
            user=request.user,
            contact=contact,
            day=local_today(),
            template=chosen,
            body=body,
            subject=subject,
        )
    except UserError as problem:
        error = problem.message
        view = selectors.draft_for(
            user=request.user, contact=contact, day=local_today(), template=chosen
        )
    if body is None:
        template = selectors.template_get(user=request.user, name=chosen)
        form = DraftForm(
            templates=names,
            initial={"template": template.name, "subject": template.subject, "body": template.body},
        )
    return {
        "contact": contact,
        "form": form,
        "view": view,
        "error": error,
        "template_names": names,
    }


@login_required
def draft(request: WebRequest, contact_id: int) -> HttpResponse:
    """The composer: the template on the left, the note as it will be sent on the right."""
    contact = _contact_or_404(request, contact_id)
    context = _draft_context(request, contact, request.GET)
    if _is_partial(request):
        return render(request, "plan/_draft_preview.html", context)
    return render(request, "plan/draft.html", context)


@login_required
def draft_sent(request: WebRequest, contact_id: int) -> HttpResponse:
    """The user sent the note (by email, or as a LinkedIn or other message): log it."""
    contact = _contact_or_404(request, contact_id)
    if refused := _post_only(request):
        return refused
    subject = request.POST.get("subject", "")[:200]
    channel = request.POST.get("channel") or Interaction.Channel.EMAIL
    if channel not in (Interaction.Channel.EMAIL, Interaction.Channel.MESSAGE):
        channel = Interaction.Channel.EMAIL
    services.message_sent(
        owner=request.user, contact=contact, subject=subject, day=local_today(), channel=channel
    )
    how = "emailed" if channel == Interaction.Channel.EMAIL else "sent a message to"
    messages.success(request, f"Logged: you {how} {contact.name}.")
    return redirect("web:contact", contact_id=contact.pk)


# The contact page's reciprocity section ------------------------------------------------------


def contact_plan_context(contact: Contact) -> dict[str, Any]:
    """What the contact page shows of the plan: the balance, the ledger, the form."""
    return {
        "balance": selectors.reciprocity_balance(contact=contact),
        "exchange_form": ExchangeForm(),
    }


@login_required
def exchange_add(request: WebRequest, contact_id: int) -> HttpResponse:
    contact = _contact_or_404(request, contact_id)
    if refused := _post_only(request):
        return refused
    form = ExchangeForm(request.POST)
    added = False
    if form.is_valid():
        try:
            services.exchange_record(
                owner=request.user,
                contact=contact,
                direction=form.cleaned_data["direction"],
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                occurred_on=local_today(),
            )
        except UserError as error:
            form.add_user_error(error)
        else:
            added = True
    if not _is_partial(request):
        if added:
            messages.success(request, "Recorded.")
        else:
            messages.error(
                request, " ".join(str(e) for errors in form.errors.values() for e in errors)
            )
        return redirect("web:contact", contact_id=contact.pk)
    context = {"contact": contact, **contact_plan_context(contact)}
    if not added:
        context["exchange_form"] = form
    return render(request, "plan/_reciprocity.html", context)
