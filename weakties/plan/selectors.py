"""Reads of the daily plan: who to reach out to today and why, the week's progress and review,
the reciprocity balance, and reconnect drafts. Always scoped to one user.

The ranking is documented for users in ``docs/plan.md``; keep the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import quote

from django.contrib.auth.models import User
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from weakties.errors import NotFound, UserError
from weakties.network.models import (
    Contact,
    ContactPoint,
    ContactRole,
    Interaction,
    NextStep,
    Tag,
)
from weakties.network.selectors import contacts_with_details
from weakties.plan import drafts
from weakties.plan.models import Exchange, MessageTemplate, Pause, PlanSettings

# The score's weights (points). See ``reach_out_suggestions`` for the reasoning.
WEAK_TIE = 10
TARGET_ORGANIZATION = 8
OWED = 8
MENTOR_DUE = 8
FOCUS_TAG = 6
NEVER_CONTACTED = 6
SENIOR_NOT_APPROACHED = 5
SILENT_OVER_A_YEAR = 4
SILENT_OVER_SIX_MONTHS = 2
DAILY_SHUFFLE = 4  # 0..3 points, different each day, so near-equals take turns
SKIP_DAYS = 30
FOLLOW_UP_DAYS = 7  # promised follow-ups shown this many days ahead
TODAY_STEPS = 50
STREAK_WINDOW = 400  # days looked back for a streak
NEW_DAYS = 28  # a first conversation within this long of adding someone is meeting them

_HASH_PRIME = 1_000_003

_INTRO_PREFIXES = ("Introduced me to ", "Intro to ", "Introduction to ")
KIND_AS_GIFT = {
    "article": "an article",
    "job_posting": "a job posting",
    "introduction": "an introduction",
    "recommendation": "a recommendation",
    "endorsement": "an endorsement",
    "advice": "advice",
    "favour": "a favour",
    "referral": "a referral",
    "other": "help",
}


# Settings -------------------------------------------------------------------------------------


def plan_settings_for(user: User) -> PlanSettings:
    """The user's plan settings; the defaults (unsaved) until they change one."""
    found = PlanSettings.objects.filter(owner=user).first()
    return found or PlanSettings(owner=user)


# Daily reach-out ------------------------------------------------------------------------------


@dataclass
class Suggestion:
    """One person to reach out to today, with the reasons in words and the score behind it."""

    contact: Contact
    reasons: list[str]
    days_since: int | None
    score: int
    shuffle: int = 0
    points: list[tuple[str, int]] = field(default_factory=list)


def _day_seed(user_id: int, day: date) -> int:
    return (day.toordinal() * 7919 + user_id * 104_729) % _HASH_PRIME


def daily_hash(*, user_id: int, contact_id: int, day: date) -> int:
    """The per-day tie-break, the same as the SQL one: stable within a day, new each day."""
    value = contact_id + _day_seed(user_id, day)
    return (value * value) % _HASH_PRIME


def _count_exchanges(direction: str) -> Coalesce:
    counted = (
        Exchange.objects.filter(contact_id=OuterRef("pk"), direction=direction)
        .order_by()
        .values("contact_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _points(condition: Q, weight: int) -> Case:
    return Case(When(condition, then=Value(weight)), default=Value(0), output_field=IntegerField())


def _candidates(user: User, day: date, settings: PlanSettings) -> QuerySet[Contact]:
    """Who may be suggested on ``day``, with the score's inputs annotated (no details yet)."""
    dormant_cutoff = day - timedelta(days=settings.dormant_days)
    mentor_cutoff = day - timedelta(days=settings.mentor_days)
    through = Contact.tags.through
    paused = Pause.objects.filter(contact_id=OuterRef("pk"), started_on__lte=day, until__gt=day)
    planned = NextStep.objects.filter(contact_id=OuterRef("pk"), done_on__isnull=True, due__gte=day)
    return (
        Contact.objects.filter(owner=user, archived_at__isnull=True, added_on__lte=day)
        .exclude(tie=Contact.Tie.NONE)
        .annotate(
            is_mentor=Exists(
                ContactRole.objects.filter(contact_id=OuterRef("pk"), role=ContactRole.Role.MENTOR)
            ),
            is_focus=Exists(through.objects.filter(contact_id=OuterRef("pk"), tag__is_focus=True)),
            got_count=_count_exchanges(Exchange.Direction.GOT),
            gave_count=_count_exchanges(Exchange.Direction.GAVE),
        )
        .filter(
            Q(last_contacted__isnull=True)
            | Q(last_contacted__lte=dormant_cutoff)
            | Q(is_mentor=True, last_contacted__lte=mentor_cutoff)
        )
        .exclude(Exists(paused))
        .exclude(Exists(planned))
    )


def _score_expression(day: date, settings: PlanSettings) -> Any:
    never = Q(last_contacted__isnull=True)
    mentor_due = Q(is_mentor=True, last_contacted__lte=day - timedelta(days=settings.mentor_days))
    mentor_due &= Q(last_contacted__gt=day - timedelta(days=settings.dormant_days))
    return (
        _points(Q(tie=Contact.Tie.WEAK), WEAK_TIE)
        + _points(Q(organization__is_target=True), TARGET_ORGANIZATION)
        + _points(Q(got_count__gt=F("gave_count")), OWED)
        + _points(mentor_due, MENTOR_DUE)
        + _points(Q(is_focus=True), FOCUS_TAG)
        + _points(never, NEVER_CONTACTED)
        + _points(never & Q(level__in=["senior", "executive"]), SENIOR_NOT_APPROACHED)
        + _points(Q(last_contacted__lte=day - timedelta(days=365)), SILENT_OVER_A_YEAR)
        + _points(
            Q(
                last_contacted__lte=day - timedelta(days=182),
                last_contacted__gt=day - timedelta(365),
            ),
            SILENT_OVER_SIX_MONTHS,
        )
    )


def reach_out_suggestions(
    *, user: User, day: date, limit: int | None = None, settings: PlanSettings | None = None
) -> list[Suggestion]:
    """The people to reach out to on ``day``, best first, each with its reasons in words.

    1. **Who may be suggested**: my active contacts I have met (not "not met yet": those are
       reached through an introduction), not contacted for ``dormant_days`` (default 90) or
       never, or mentors not contacted for ``mentor_days`` (default 30). Left out: anyone
       skipped in the last 30 days or snoozed until after ``day``, and anyone with an open next
       step due on or after ``day`` (something is already planned with them).
    2. **Score** (points, added): weak tie +10 (weak ties hear of openings first, and are the
       ones we let lapse); at a target organisation +8; they helped me more than I helped them
       +8 (give as much as you take); a mentor due for a check-in +8; a focus tag +6; never
       contacted +6 (an untouched tie is the cheapest to revive); senior or executive and not
       yet approached +5; silent over a year +4, or over six months +2.
    3. **Daily shuffle**: 0–3 points from a hash of (user, contact, day), so people with
       close scores take turns from one day to the next while the answer stays the same all
       day. The same hash breaks remaining ties.
    4. **One per organisation**: from the best few, people at an organisation already in the
       day's list wait (unless there are not enough others), so three reach-outs are three
       different doors, not three messages to the same company.

    Two queries rank everyone in SQL and fetch the chosen few; three more bring their tags,
    roles and addresses, whatever the size of the network.
    """
    settings = settings or plan_settings_for(user)
    count = settings.daily_count if limit is None else limit
    if count <= 0:
        return []
    seed = _day_seed(user.pk, day)
    mixed = ExpressionWrapper(
        ((F("pk") + seed) * (F("pk") + seed)) % _HASH_PRIME, output_field=IntegerField()
    )
    ranked = (
        _candidates(user, day, settings)
        .annotate(plan_points=_score_expression(day, settings), plan_mixed=mixed)
        .annotate(
            plan_rank=ExpressionWrapper(
                F("plan_points") + F("plan_mixed") % DAILY_SHUFFLE, output_field=IntegerField()
            )
        )
        .order_by("-plan_rank", "-plan_mixed", "pk")
        .values_list("pk", "plan_points", "plan_mixed", "organization_id")[: count * 5]
    )
    chosen = _one_per_organization(list(ranked), count)
    if not chosen:
        return []
    details = _with_reason_inputs(
        contacts_with_details(Contact.objects.filter(pk__in=[pk for pk, _p, _m in chosen]))
    )
    by_id = {contact.pk: contact for contact in details}
    suggestions = []
    for pk, points, mixed_value in chosen:
        contact = by_id[pk]
        parts = _score_parts(contact, day, settings)
        suggestions.append(
            Suggestion(
                contact=contact,
                reasons=_reasons(contact, day, settings),
                days_since=(day - contact.last_contacted).days if contact.last_contacted else None,
                score=points,
                shuffle=mixed_value % DAILY_SHUFFLE,
                points=parts,
            )
        )
    return suggestions


def _one_per_organization(
    ranked: list[tuple[int, int, int, int | None]], count: int
) -> list[tuple[int, int, int]]:
    """The best ``count`` with distinct organisations first, then the best of the rest."""
    first: list[tuple[int, int, int, int | None]] = []
    later: list[tuple[int, int, int, int | None]] = []
    seen: set[int] = set()
    for row in ranked:
        organization = row[3]
        if organization is not None and organization in seen:
            later.append(row)
        else:
            first.append(row)
            if organization is not None:
                seen.add(organization)
    picked = (first + later)[:count]
    picked.sort(key=lambda row: ranked.index(row))
    return [(pk, points, mixed) for pk, points, mixed, _organization in picked]


def _with_reason_inputs(contacts: QuerySet[Contact]) -> QuerySet[Contact]:
    through = Contact.tags.through
    latest_got = Exchange.objects.filter(
        contact_id=OuterRef("pk"), direction=Exchange.Direction.GOT
    ).order_by("-occurred_on", "-id")
    return contacts.annotate(
        is_mentor=Exists(
            ContactRole.objects.filter(contact_id=OuterRef("pk"), role=ContactRole.Role.MENTOR)
        ),
        focus_tag=Subquery(
            through.objects.filter(contact_id=OuterRef("pk"), tag__is_focus=True)
            .order_by("tag__name")
            .values("tag__name")[:1]
        ),
        got_count=_count_exchanges(Exchange.Direction.GOT),
        gave_count=_count_exchanges(Exchange.Direction.GAVE),
        got_kind=Subquery(latest_got.values("kind")[:1]),
        got_text=Subquery(latest_got.values("text")[:1]),
    )


def _score_parts(contact: Any, day: date, settings: PlanSettings) -> list[tuple[str, int]]:
    """The score of one chosen contact, part by part (the same rules as the SQL)."""
    last = contact.last_contacted
    days = (day - last).days if last else None
    parts = []
    if contact.tie == Contact.Tie.WEAK:
        parts.append(("weak tie", WEAK_TIE))
    if contact.organization and contact.organization.is_target:
        parts.append(("target organisation", TARGET_ORGANIZATION))
    if contact.got_count > contact.gave_count:
        parts.append(("they helped you more than you helped them", OWED))
    if (
        contact.is_mentor
        and days is not None
        and settings.mentor_days <= days < settings.dormant_days
    ):
        parts.append(("mentor due for a check-in", MENTOR_DUE))
    if contact.focus_tag:
        parts.append(("focus tag", FOCUS_TAG))
    if last is None:
        parts.append(("never contacted", NEVER_CONTACTED))
        if contact.level in ("senior", "executive"):
            parts.append((f"{contact.level} not yet approached", SENIOR_NOT_APPROACHED))
    elif days is not None and days >= 365:
        parts.append(("silent over a year", SILENT_OVER_A_YEAR))
    elif days is not None and days >= 182:
        parts.append(("silent over six months", SILENT_OVER_SIX_MONTHS))
    return parts


def cadence_words(days: int) -> str:
    return {7: "weekly", 14: "fortnightly", 30: "monthly", 31: "monthly", 90: "quarterly"}.get(
        days, f"every {days} days"
    )


def silence_words(days: int) -> str:
    if days < 14:
        return f"{days} days"
    if days < 60:
        return f"{days // 7} weeks"
    if days < 365:
        return f"{round(days / 30.4)} months"
    years, rest = divmod(days, 365)
    months = round(rest / 30.4)
    unit = "year" if years == 1 else "years"
    return f"{years} {unit}" + (f" {months} months" if 1 < months < 12 else "")


def _reasons(contact: Any, day: date, settings: PlanSettings) -> list[str]:
    reasons = []
    tie = {"weak": "weak tie", "strong": "strong tie"}.get(contact.tie, "contact")
    where = ""
    if contact.organization:
        target = " (target)" if contact.organization.is_target else ""
        where = f" at {contact.organization.name}{target}"
    reasons.append(tie + where)
    if contact.focus_tag:
        reasons.append(f"tagged {contact.focus_tag} (a focus of yours)")
    last = contact.last_contacted
    if contact.is_mentor and last is not None:
        days = (day - last).days
        if settings.mentor_days <= days < settings.dormant_days:
            cadence = cadence_words(settings.mentor_days)
            reasons.append(
                f"your mentor: due the {cadence} check-in ({silence_words(days)} since you spoke)"
            )
    if last is None:
        since = contact.added_on.strftime("%B %Y")
        reasons.append(f"never contacted since you connected in {since}")
        if contact.level in ("senior", "executive"):
            reasons.append(f"{contact.level} and not yet approached")
    elif not (contact.is_mentor and (day - last).days < settings.dormant_days):
        reasons.append(f"{silence_words((day - last).days)} since you last spoke")
    if contact.got_count > contact.gave_count:
        gift = KIND_AS_GIFT.get(contact.got_kind or "other", "help")
        text = contact.got_text or ""
        what = f"they gave you {gift} ({text})" if text else "they helped you"
        if contact.got_kind == Exchange.Kind.INTRODUCTION and text.startswith(_INTRO_PREFIXES):
            what = "they introduced you to " + text.split(" to ", 1)[1]
        back = (
            "you have not given back"
            if contact.gave_count == 0
            else "you have given back less than you received"
        )
        reasons.append(f"{what}; {back}")
    return reasons


# Today ----------------------------------------------------------------------------------------


@dataclass
class WeekProgress:
    start: date
    end: date
    met: int
    met_goal: int
    talked: int
    talked_goal: int
    streak: int


@dataclass
class TodayPlan:
    day: date
    reach_out: list[Suggestion]
    next_steps: list[NextStep]
    next_steps_total: int
    follow_ups: list[NextStep]
    week: WeekProgress
    settings: PlanSettings


def week_bounds(day: date) -> tuple[date, date]:
    start = day - timedelta(days=day.weekday())
    return start, start + timedelta(days=6)


def _reach_out_days(user: User, *, since: date, until: date) -> set[date]:
    return set(
        Interaction.objects.filter(
            owner=user,
            occurred_on__gte=since,
            occurred_on__lte=until,
            direction__in=[Interaction.Direction.OUTGOING, Interaction.Direction.MUTUAL],
        )
        .order_by()
        .values_list("occurred_on", flat=True)
        .distinct()
    )


def streak_on(*, user: User, day: date) -> int:
    """Consecutive days with a reach-out, up to ``day`` (or yesterday, while today is young).

    One empty day breaks the streak; the day itself does not, until it is over. One query:
    the two latest days without a reach-out among the last ``STREAK_WINDOW`` days, each found
    by an index seek (``owner, occurred_on``), so the cost follows the streak's length, not the
    number of interactions. Streaks longer than the window are reported as the window.
    """
    days = [day - timedelta(days=n) for n in range(STREAK_WINDOW + 1)]
    cast = "CAST(%s AS date)" if connection.vendor == "postgresql" else "%s"
    calendar = ", ".join(f"({cast})" for _ in days)
    table = Interaction._meta.db_table
    sql = (
        f"SELECT calendar.column1 FROM (VALUES {calendar}) AS calendar "
        f"WHERE NOT EXISTS (SELECT 1 FROM {table} i WHERE i.owner_id = %s "
        "AND i.occurred_on = calendar.column1 AND i.direction IN (%s, %s)) "
        "ORDER BY calendar.column1 DESC LIMIT 2"
    )
    params: list[str | int] = [d.isoformat() for d in days]
    params += [user.pk, Interaction.Direction.OUTGOING.value, Interaction.Direction.MUTUAL.value]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        gaps = [_as_date(row[0]) for row in cursor.fetchall()]
    oldest = day - timedelta(days=STREAK_WINDOW + 1)
    gaps += [oldest, oldest]
    if gaps[0] == day:
        return max((day - gaps[1]).days - 1, 0)
    return (day - gaps[0]).days


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _talked_ids(user: User, start: date, end: date) -> set[int]:
    through = Interaction.participants.through
    return set(
        through.objects.filter(
            interaction__owner=user,
            interaction__occurred_on__gte=start,
            interaction__occurred_on__lte=end,
        )
        .order_by()
        .values_list("contact_id", flat=True)
        .distinct()
    )


def _met_ids(user: User, start: date, end: date, talked: set[int]) -> set[int]:
    """New people met: added in the week as someone I met, or first spoken to in the week
    when they were still "not met yet" or joined my network in the last four weeks (a first
    chat with a LinkedIn connection of ten years is not meeting someone new)."""
    added = set(
        Contact.objects.filter(owner=user, added_on__gte=start, added_on__lte=end)
        .exclude(tie=Contact.Tie.NONE)
        .values_list("pk", flat=True)
    )
    spoken_before = Interaction.participants.through.objects.filter(
        contact_id=OuterRef("pk"), interaction__occurred_on__lt=start
    )
    first_time = set(
        Contact.objects.filter(owner=user, pk__in=talked)
        .filter(Q(tie=Contact.Tie.NONE) | Q(added_on__gte=start - timedelta(days=NEW_DAYS)))
        .exclude(Exists(spoken_before))
        .values_list("pk", flat=True)
    )
    return added | first_time


def week_progress(*, user: User, day: date, settings: PlanSettings | None = None) -> WeekProgress:
    """This week's goal progress (Monday to ``day``) and the reach-out streak."""
    settings = settings or plan_settings_for(user)
    start, _end = week_bounds(day)
    talked = _talked_ids(user, start, day)
    met = _met_ids(user, start, day, talked)
    return WeekProgress(
        start=start,
        end=day,
        met=len(met),
        met_goal=settings.meet_goal,
        talked=len(talked),
        talked_goal=settings.talk_goal,
        streak=streak_on(user=user, day=day),
    )


def today_plan(*, user: User, day: date) -> TodayPlan:
    """Everything for the day: reach-outs, due next steps (mine first), promised follow-ups
    coming up this week, and the week's goals. A fixed number of queries."""
    settings = plan_settings_for(user)
    open_steps = NextStep.objects.filter(
        owner=user, done_on__isnull=True, contact__archived_at__isnull=True
    )
    due = open_steps.filter(due__lte=day)
    steps = list(
        due.select_related("contact", "interaction").order_by("-mine", "due", "id")[:TODAY_STEPS]
    )
    total = len(steps) if len(steps) < TODAY_STEPS else due.count()
    follow_ups = list(
        open_steps.filter(mine=True, due__gt=day, due__lte=day + timedelta(days=FOLLOW_UP_DAYS))
        .select_related("contact", "interaction")
        .order_by("due", "id")[:TODAY_STEPS]
    )
    return TodayPlan(
        day=day,
        reach_out=reach_out_suggestions(user=user, day=day, settings=settings),
        next_steps=steps,
        next_steps_total=total,
        follow_ups=follow_ups,
        week=week_progress(user=user, day=day, settings=settings),
        settings=settings,
    )


# The weekly review ----------------------------------------------------------------------------


@dataclass
class WeekReview:
    progress: WeekProgress
    contacted: list[Contact]
    new_people: list[Contact]
    conversations: int
    with_next_step: list[Interaction]
    steps_done: list[NextStep]
    steps_overdue: list[NextStep]
    gave: list[Exchange]
    got: list[Exchange]
    reach_out_days: list[date]


def week_review(*, user: User, day: date) -> WeekReview:
    """The week containing ``day`` (Monday to Sunday), looked at as of its end or ``day``."""
    settings = plan_settings_for(user)
    start, end = week_bounds(day)
    talked = _talked_ids(user, start, end)
    met = _met_ids(user, start, end, talked)
    as_of = min(end, max(day, start))
    progress = WeekProgress(
        start=start,
        end=end,
        met=len(met),
        met_goal=settings.meet_goal,
        talked=len(talked),
        talked_goal=settings.talk_goal,
        streak=streak_on(user=user, day=as_of),
    )
    interactions = Interaction.objects.filter(
        owner=user, occurred_on__gte=start, occurred_on__lte=end
    )
    with_step = list(
        interactions.filter(next_steps__isnull=False)
        .distinct()
        .prefetch_related("participants", "next_steps")
        .order_by("occurred_on", "id")
    )
    exchanges = list(
        Exchange.objects.filter(owner=user, occurred_on__gte=start, occurred_on__lte=end)
        .select_related("contact")
        .order_by("occurred_on", "id")
    )
    return WeekReview(
        progress=progress,
        contacted=list(Contact.objects.filter(pk__in=talked).order_by("name", "id")),
        new_people=list(Contact.objects.filter(pk__in=met).order_by("name", "id")),
        conversations=interactions.count(),
        with_next_step=with_step,
        steps_done=list(
            NextStep.objects.filter(owner=user, done_on__gte=start, done_on__lte=end)
            .select_related("contact")
            .order_by("done_on", "id")
        ),
        steps_overdue=list(
            NextStep.objects.filter(
                owner=user, done_on__isnull=True, due__lt=as_of, contact__archived_at__isnull=True
            )
            .select_related("contact")
            .order_by("due", "id")[:TODAY_STEPS]
        ),
        gave=[e for e in exchanges if e.direction == Exchange.Direction.GAVE],
        got=[e for e in exchanges if e.direction == Exchange.Direction.GOT],
        reach_out_days=sorted(_reach_out_days(user, since=start, until=end)),
    )


# Reciprocity ----------------------------------------------------------------------------------


@dataclass
class Balance:
    gave: int
    got: int
    ledger: list[Exchange]

    @property
    def owed(self) -> int:
        """How many more times they helped me than I helped them (0 if I am even or ahead)."""
        return max(self.got - self.gave, 0)

    @property
    def words(self) -> str:
        if not self.gave and not self.got:
            return "Nothing given or received yet."
        if self.got > self.gave:
            given = f"you helped them {_times(self.gave)}" if self.gave else "you have not yet"
            return f"They helped you {_times(self.got)} and {given}: your turn."
        if self.gave > self.got:
            taken = f"they helped you {_times(self.got)}" if self.got else "they have not yet"
            return f"You helped them {_times(self.gave)} and {taken}."
        return "Even: you have given as much as you received."


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def reciprocity_balance(*, contact: Contact) -> Balance:
    ledger = list(Exchange.objects.filter(owner_id=contact.owner_id, contact=contact))
    gave = sum(1 for e in ledger if e.direction == Exchange.Direction.GAVE)
    return Balance(gave=gave, got=len(ledger) - gave, ledger=ledger)


def owe_list(*, user: User) -> QuerySet[Contact]:
    """People who gave me more than they received, biggest debt first."""
    return (
        contacts_with_details(Contact.objects.filter(owner=user, archived_at__isnull=True))
        .annotate(got_count=_count_exchanges("got"), gave_count=_count_exchanges("gave"))
        .filter(got_count__gt=F("gave_count"))
        .annotate(owed=F("got_count") - F("gave_count"))
        .order_by("-owed", "name", "id")
    )


# Templates and drafts -------------------------------------------------------------------------


@dataclass
class TemplateView:
    name: str
    kind: str
    subject: str
    body: str
    stored: bool


def template_list(*, user: User) -> list[TemplateView]:
    """Stored templates and the built-in ones not replaced by a stored one of the same name."""
    stored = {
        t.name.casefold(): TemplateView(t.name, t.kind, t.subject, t.body, True)
        for t in MessageTemplate.objects.filter(owner=user)
    }
    for name, (kind, subject, body) in drafts.BUILTIN.items():
        stored.setdefault(name, TemplateView(name, kind, subject, body, False))
    return sorted(stored.values(), key=lambda t: (t.kind != "reconnect", t.name.casefold()))


def template_get(*, user: User, name: str) -> TemplateView:
    wanted = name.strip().casefold()
    for template in template_list(user=user):
        if template.name.casefold() == wanted:
            return template
    names = ", ".join(t.name for t in template_list(user=user))
    raise NotFound(f"No template called {name!r}; there are: {names}.")


def _values_for(contact: Contact, *, user: User, day: date) -> dict[str, str]:
    settings = plan_settings_for(user)
    memory = contact.memories.order_by("-created_at", "-id").first()
    idea = contact.help_ideas.order_by("-created_at", "-id").first()
    first = contact.first_name or contact.name.split(" ")[0]
    shared = ""
    if contact.how_met:
        shared = drafts.how_we_met(contact.how_met)
    elif contact.organization:
        shared = f"you are at {contact.organization.name}"
    else:
        tag = contact.tags.order_by("name").first()
        shared = f"we share an interest in {tag.name}" if tag else "you know my field"
    return {
        "first_name": first,
        "name": contact.name,
        "organization": contact.organization.name if contact.organization else "",
        "lapse": drafts.lapse_sentence(
            last=contact.last_contacted,
            added_on=contact.added_on,
            today=day,
            met=contact.tie != Contact.Tie.NONE,
        ),
        "memory": drafts.as_clause(memory.text) if memory else "",
        "goal": settings.goal,
        "pitch": settings.pitch,
        "offer": drafts.offer_sentence(idea.text if idea else None),
        "shared": shared,
        "signature": settings.my_name or (user.get_full_name() if user.pk else ""),
    }


@dataclass
class DraftView:
    contact: Contact
    template: str
    draft: drafts.Draft
    email: str | None

    @property
    def mailto(self) -> str:
        query = f"subject={quote(self.draft.subject)}&body={quote(self.draft.body)}"
        return f"mailto:{quote(self.email or '', safe='@')}?{query}"


def _email_of(contact: Contact) -> str | None:
    for point in contact.points.all():
        if point.kind == ContactPoint.Kind.EMAIL:
            return point.value
    return None


def draft_for(
    *,
    user: User,
    contact: Contact,
    day: date,
    template: str = "reconnect",
    body: str | None = None,
    subject: str | None = None,
) -> DraftView:
    """A reconnect note to ``contact`` from a stored template, or from ``body`` as typed (the
    composer's live preview)."""
    chosen = template_get(user=user, name=template)
    values = _values_for(contact, user=user, day=day)
    rendered = drafts.render(
        chosen.subject if subject is None else subject,
        chosen.body if body is None else body,
        values,
    )
    return DraftView(
        contact=contact, template=chosen.name, draft=rendered, email=_email_of(contact)
    )


def announcement_recipients(
    *, user: User, tag: str | None = None, organization: str | None = None, weak_ties: bool = False
) -> list[Contact]:
    """The people an announcement goes to: one tag, one organisation, or all weak ties."""
    if sum(bool(x) for x in (tag, organization, weak_ties)) != 1:
        raise UserError("Say who hears it: one of --tag, --org or --weak-ties.")
    people = Contact.objects.filter(owner=user, archived_at__isnull=True).exclude(
        tie=Contact.Tie.NONE
    )
    if tag:
        if not Tag.objects.filter(owner=user, name__iexact=tag.strip()).exists():
            raise NotFound(f"No tag called {tag!r}.")
        people = people.filter(tags__name__iexact=tag.strip())
    elif organization:
        people = people.filter(organization__name__iexact=organization.strip())
    else:
        people = people.filter(tie=Contact.Tie.WEAK)
    return list(
        contacts_with_details(people)
        .prefetch_related("memories", "help_ideas")
        .order_by("name", "id")
        .distinct()
    )


def announcement_drafts(
    *,
    user: User,
    people: list[Contact],
    day: date,
    template: str = "announce",
    body: str | None = None,
) -> list[DraftView]:
    chosen = template_get(user=user, name=template)
    views = []
    for person in people:
        rendered = drafts.render(
            chosen.subject,
            chosen.body if body is None else body,
            _values_for(person, user=user, day=day),
        )
        views.append(DraftView(person, chosen.name, rendered, _email_of(person)))
    return views
