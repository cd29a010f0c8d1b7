"""Plain-dict forms of the plan: the shape of ``--json`` (and, later, of the API)."""

from __future__ import annotations

from datetime import date
from typing import Any

from weakties.network.serialize import contact_to_dict, next_step_to_dict
from weakties.plan.models import Exchange, PlanSettings
from weakties.plan.selectors import (
    Balance,
    DraftView,
    Suggestion,
    TemplateView,
    TodayPlan,
    WeekProgress,
    WeekReview,
)


def suggestion_to_dict(suggestion: Suggestion) -> dict[str, Any]:
    return {
        "contact": contact_to_dict(suggestion.contact),
        "reasons": suggestion.reasons,
        "days_since": suggestion.days_since,
        "score": suggestion.score,
        "score_parts": [{"why": why, "points": points} for why, points in suggestion.points],
        "daily_shuffle": suggestion.shuffle,
    }


def week_to_dict(week: WeekProgress) -> dict[str, Any]:
    return {
        "met": week.met,
        "met_goal": week.met_goal,
        "talked": week.talked,
        "talked_goal": week.talked_goal,
        "streak": week.streak,
        "start": week.start.isoformat(),
        "end": week.end.isoformat(),
    }


def today_to_dict(plan: TodayPlan) -> dict[str, Any]:
    return {
        "date": plan.day.isoformat(),
        "reach_out": [suggestion_to_dict(s) for s in plan.reach_out],
        "next_steps": [next_step_to_dict(step, today=plan.day) for step in plan.next_steps],
        "next_steps_total": plan.next_steps_total,
        "follow_ups": [next_step_to_dict(step, today=plan.day) for step in plan.follow_ups],
        "week": week_to_dict(plan.week),
    }


def exchange_to_dict(exchange: Exchange) -> dict[str, Any]:
    return {
        "id": exchange.pk,
        "contact": {"id": exchange.contact_id, "name": exchange.contact.name},
        "direction": exchange.direction,
        "kind": exchange.kind,
        "text": exchange.text,
        "date": exchange.occurred_on.isoformat(),
    }


def balance_to_dict(balance: Balance) -> dict[str, Any]:
    return {
        "gave": balance.gave,
        "got": balance.got,
        "owed": balance.owed,
        "ledger": [exchange_to_dict(e) for e in balance.ledger],
    }


def week_review_to_dict(review: WeekReview, *, today: date) -> dict[str, Any]:
    def people(contacts: list[Any]) -> list[dict[str, Any]]:
        return [{"id": c.pk, "name": c.name} for c in contacts]

    return {
        "week": week_to_dict(review.progress),
        "contacted": people(review.contacted),
        "new_people": people(review.new_people),
        "conversations": review.conversations,
        "with_next_step": [
            {
                "id": i.pk,
                "date": i.occurred_on.isoformat(),
                "summary": i.summary,
                "participants": people(list(i.participants.all())),
                "next_steps": [s.text for s in i.next_steps.all()],
            }
            for i in review.with_next_step
        ],
        "steps_done": [next_step_to_dict(s, today=today) for s in review.steps_done],
        "steps_overdue": [next_step_to_dict(s, today=today) for s in review.steps_overdue],
        "gave": [exchange_to_dict(e) for e in review.gave],
        "got": [exchange_to_dict(e) for e in review.got],
        "reach_out_days": [d.isoformat() for d in review.reach_out_days],
    }


def settings_to_dict(settings: PlanSettings) -> dict[str, Any]:
    return {
        "daily": settings.daily_count,
        "dormant_days": settings.dormant_days,
        "mentor_days": settings.mentor_days,
        "meet": settings.meet_goal,
        "talk": settings.talk_goal,
        "goal": settings.goal,
        "pitch": settings.pitch,
        "signature": settings.my_name,
    }


def template_to_dict(template: TemplateView) -> dict[str, Any]:
    return {
        "name": template.name,
        "kind": template.kind,
        "subject": template.subject,
        "body": template.body,
        "stored": template.stored,
    }


def draft_to_dict(view: DraftView) -> dict[str, Any]:
    return {
        "contact": {"id": view.contact.pk, "name": view.contact.name},
        "template": view.template,
        "email": view.email,
        "subject": view.draft.subject,
        "body": view.draft.body,
        "left_out": view.draft.missing,
        "mailto": view.mailto if view.email else None,
    }
