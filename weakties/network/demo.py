"""A realistic, deterministic demo network, so a new user sees the product at work.

The network belongs to a product person moving into digital health. It is drawn in two steps:

1. **Plan** (pure Python, no database): a fixed ``random.Random`` draws about 300 people, how
   each one came into the network (former colleagues, classmates, conferences, meetups,
   associations, LinkedIn, introductions, friends and family), who knows whom, two years of
   conversations and the next steps they ended on. Every date is an offset from ``today``, so the
   same ``today`` always gives the same network.
2. **Write** (one transaction, ``bulk_create`` per table): organisations and tags are reused by
   name, and an email or LinkedIn profile already in the network gets a numbered variant, so
   ``--force`` can add the demo next to real data without a clash.

The plan makes the advice of the product visible: weak ties outnumber strong ones; a few people
at target employers are "not met yet" but linked to someone who can introduce me; some contacts
have been silent for three to twelve months (with memories to mention when reconnecting); some
were never contacted; next steps are done, overdue, due today and upcoming, mine and theirs.
"""

from __future__ import annotations

import importlib
import random
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from weakties.dates import add_months, local_today
from weakties.errors import UserError
from weakties.network import demo_data as data
from weakties.network.models import (
    Contact,
    ContactLink,
    ContactPoint,
    ContactRole,
    HelpIdea,
    Interaction,
    Memory,
    NextStep,
    Organization,
    Tag,
)
from weakties.network.services import classify_point, contacts_refresh_last_contacted

# Granovetter's "The Strength of Weak Ties" appeared in 1973.
SEED = 1973
HISTORY_DAYS = 730  # two years of conversations

T = TypeVar("T")


@dataclass
class DemoReport:
    contacts: int
    organizations: int
    tags: int
    links: int
    interactions: int
    next_steps: int
    open_next_steps: int = 0
    # What other areas added, in words ("3 job leads"), from their ``demo_extend`` hooks.
    extras: list[str] = field(default_factory=list)


# Areas that add their own demo data: each has ``<area>.demo.demo_extend(owner=, today=,
# contacts=)`` returning phrases for the report. ``contacts`` maps demo names to Contact rows.
DEMO_AREAS = ("weakties.plan", "weakties.leads", "weakties.intros", "weakties.interop")


def _extend(owner: User, today: date, report: DemoReport) -> None:
    contacts = {contact.name: contact for contact in Contact.objects.filter(owner=owner)}
    for area in DEMO_AREAS:
        try:
            module = importlib.import_module(f"{area}.demo")
        except ModuleNotFoundError as missing:
            if missing.name != f"{area}.demo":
                raise
            continue
        report.extras.extend(module.demo_extend(owner=owner, today=today, contacts=contacts))


def demo_load(*, owner: User, force: bool = False, today: date | None = None) -> DemoReport:
    """Load the demo network into ``owner``'s network; refuses if it holds contacts.

    With ``force`` the demo is added next to the existing contacts: organisations and tags of
    the same name are reused, and clashing emails and LinkedIn profiles get numbered variants.
    All or nothing: a failure leaves the network as it was.
    """
    today = today or local_today()
    with transaction.atomic():
        existing = Contact.objects.filter(owner=owner).count()
        if existing and not force:
            noun = "contact" if existing == 1 else "contacts"
            raise UserError(
                f"Your network already has {existing} {noun}; run `weakties demo --force` "
                "to add the demo network anyway."
            )
        report = _write(owner, _Planner(today).plan(), today)
        _extend(owner, today, report)
        return report


# --- The plan ----------------------------------------------------------------------------------


@dataclass
class _Person:
    index: int
    first: str
    surname: str
    origin: str
    org: str | None = None  # key of an OrgSpec
    title: str = ""
    level: str = ""
    industry: str = ""
    location: str = ""
    how_met: str = ""
    tie: str = Contact.Tie.WEAK
    closeness: int = 2
    added_on: date = date.min
    last_contacted: date | None = None  # None: never contacted
    event: str = ""  # the conference or meetup where we met
    school: str = ""  # for classmates: the key of our school
    tags: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    points: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, label, value)
    notes: str = ""
    memories: list[str] = field(default_factory=list)
    ideas: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.first} {self.surname}"

    @property
    def contacted(self) -> bool:
        return self.last_contacted is not None

    def reachable_on(self, day: date) -> bool:
        """Could this person take part in a conversation on ``day`` without changing their
        last-contacted date or predating our first meeting?"""
        return self.last_contacted is not None and self.added_on <= day <= self.last_contacted


@dataclass
class _Link:
    a: int
    b: int
    kind: str
    strength: int
    note: str = ""


@dataclass
class _Step:
    text: str
    mine: bool
    due: date | None
    done_on: date | None


@dataclass
class _Conversation:
    day: date
    channel: str
    direction: str
    summary: str
    people: list[int]  # person indices; the first is who the next step is about
    step: _Step | None = None


@dataclass
class _Plan:
    people: list[_Person]
    links: list[_Link]
    conversations: list[_Conversation]


# How many people came into the network each way; they add up to 300.
ORIGINS = [
    ("orbital", 36),
    ("brightpath", 18),
    ("classmate", 30),
    ("conference", 48),
    ("meetup", 24),
    ("association", 34),
    ("linkedin", 44),
    ("recruiter", 8),
    ("family", 18),
    ("introduced", 26),
    ("none", 14),
]

WEEKDAY_CHANNELS = {
    "strong": {"call": 3, "message": 3, "coffee": 3, "meeting": 1, "video": 2, "email": 1},
    "weak": {"email": 3, "message": 3, "video": 2, "coffee": 2, "meeting": 1, "call": 1},
}
WEEKEND_CHANNELS = {"message": 4, "call": 2, "email": 1, "other": 1}
GROUP_CHANNELS = ("coffee", "meeting", "video", "call")
RECRUITER_TITLES = {title for title, _ in data.TITLES["recruiting"]}


class _Planner:
    def __init__(self, today: date) -> None:
        self.today = today
        self.rng = random.Random(SEED)
        self.orgs = {spec.key: spec for spec in data.ORGS}
        self.employers = [s for s in data.ORGS if s.kind == Organization.Kind.EMPLOYER]
        self.people: list[_Person] = []
        self.staffed: set[str] = set()
        self.links: dict[tuple[int, int], _Link] = {}
        self.conversations: list[_Conversation] = []
        self.start = today - timedelta(days=HISTORY_DAYS)
        self.conferences = [
            (
                f"{name} {(today - timedelta(days=ago)).year}",
                self._thursday(today - timedelta(days=ago)),
            )
            for name, ago in data.CONFERENCES
        ]
        self.meetups = [
            self._thursday(today - timedelta(days=30 * month + 9)) for month in range(1, 19)
        ]

    # small helpers -----------------------------------------------------------------------

    def pick(self, items: Sequence[T]) -> T:
        return items[self.rng.randrange(len(items))]

    def weighted(self, weights: dict[str, int]) -> str:
        keys = list(weights)
        return self.rng.choices(keys, weights=[weights[k] for k in keys])[0]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    @staticmethod
    def _thursday(day: date) -> date:
        """The Thursday of ``day``'s week: events happen on weekdays."""
        return day + timedelta(days=3 - day.weekday())

    # the plan ------------------------------------------------------------------------------

    def plan(self) -> _Plan:
        self._draw_people()
        for person in self.people:
            if person.origin not in ("introduced", "none"):
                self._draw_history(person)
        for person in self.people:
            if person.origin == "introduced":
                self._draw_introduction(person)
        for person in self.people:
            if person.origin == "none":
                self._draw_not_met(person)
        self._draw_roles()
        self._draw_tags()
        self._draw_details()
        self._draw_links()
        self._draw_conversations()
        self._draw_next_steps()
        self._ensure_showcase_steps()
        self.conversations.sort(key=lambda c: (c.day, c.people[0]))
        return _Plan(self.people, list(self.links.values()), self.conversations)

    def _draw_people(self) -> None:
        weights = [w for w, _, _ in data.CULTURES]
        seen: set[str] = set()
        origins = [origin for origin, count in ORIGINS for _ in range(count)]
        for index, origin in enumerate(origins):
            while True:
                _, firsts, lasts = self.rng.choices(data.CULTURES, weights=weights)[0]
                if self.chance(0.06):  # a family name from another list
                    lasts = self.rng.choices(data.CULTURES, weights=weights)[0][2]
                first, surname = self.pick(firsts), self.pick(lasts)
                if f"{first} {surname}" not in seen:
                    seen.add(f"{first} {surname}")
                    break
            person = _Person(index=index, first=first, surname=surname, origin=origin)
            self._draw_work(person)
            self._draw_tie(person)
            self.people.append(person)

    def _employer(self, *, prefer: Sequence[str] = (), share: float = 0.0) -> str:
        if prefer and self.chance(share):
            return self.pick(prefer)
        specs = [s for s in self.employers if s.key != "kestrel"]
        return self.rng.choices(specs, weights=[s.weight for s in specs])[0].key

    def _draw_work(self, person: _Person) -> None:
        origin = person.origin
        org: str | None
        track: str | None = None
        if origin in data.FORMER_EMPLOYERS:
            org = self._employer(prefer=[origin], share=0.4)
        elif origin == "classmate":
            person.school = self.pick(data.SCHOOLS)
            org = self._employer()
            # Someone on the staff of each school (a professor, the career office).
            if self.chance(0.08) or (person.school not in self.staffed and self.chance(0.5)):
                org, track = person.school, "school"
                self.staffed.add(person.school)
        elif origin in ("conference", "meetup"):
            org = "htf" if self.chance(0.05) else self._employer(prefer=data.TARGETS, share=0.2)
        elif origin == "association":
            org = self._employer()
            if self.chance(0.2):
                org = self.pick(["guild", "guild", "wiht", "nursing"])
        elif origin == "recruiter":
            org = "kestrel" if self.chance(0.6) else self.pick(data.TARGETS)
            track = "recruiting"
        elif origin == "family":
            org = self._employer() if self.chance(0.45) else None
        elif origin in ("introduced", "none"):
            org = self._employer(prefer=data.TARGETS, share=0.65 if origin == "introduced" else 1)
        else:
            org = self._employer()
        person.org = org
        if org is None:
            person.title, person.industry = self.pick(data.PERSONAL_JOBS)
            person.level = ""
            person.location = self.pick(data.LOCATIONS[:9])
            return
        spec = self.orgs[org]
        if track is None:
            track = self.weighted(spec.tracks)
        if origin == "none":  # the people I want to meet lead teams
            choices = [t for t in data.TITLES[track] if t[1] in ("senior", "executive")]
            choices = choices or data.TITLES[track]
        else:
            choices = data.TITLES[track]
        title, level = self.pick(choices)
        if track in data.HEADLINE_SUFFIXES and self.chance(0.15):
            title += self.pick(data.HEADLINE_SUFFIXES[track])
        person.title, person.level, person.industry = title, level, spec.industry
        person.location = spec.city if self.chance(0.78) else self.pick(data.LOCATIONS)

    def _draw_tie(self, person: _Person) -> None:
        origin = person.origin
        if origin == "family":
            person.tie, person.closeness = Contact.Tie.STRONG, self.rng.randint(4, 5)
        elif origin in data.FORMER_EMPLOYERS and self.chance(0.3):
            person.tie, person.closeness = Contact.Tie.STRONG, self.rng.randint(3, 5)
        elif origin == "classmate" and self.chance(0.2):
            person.tie, person.closeness = Contact.Tie.STRONG, 4
        elif origin == "none":
            person.tie, person.closeness = Contact.Tie.NONE, 1
        else:
            person.tie = Contact.Tie.WEAK
            person.closeness = self.rng.choices([1, 2, 3], weights=[45, 40, 15])[0]

    def _draw_history(self, person: _Person) -> None:
        """When they joined the network, how we met, and when we last spoke (or never)."""
        origin, rng = person.origin, self.rng
        fmt: dict[str, str] = {"topic": self.pick(data.TOPICS)}
        if origin == "brightpath":
            person.added_on = self.days_ago(7 * 365, 10 * 365)
        elif origin == "orbital":
            person.added_on = self.days_ago(400, 6 * 365)
        elif origin == "classmate":
            person.added_on = self.days_ago(9 * 365, 10 * 365)
        elif origin == "family":
            person.added_on = self.days_ago(3 * 365, 12 * 365)
        elif origin == "conference":
            person.event, person.added_on = self.rng.choices(self.conferences, weights=[45, 55])[0]
            fmt["event"] = person.event
        elif origin == "meetup":
            person.event, person.added_on = data.MEETUP, self.pick(self.meetups)
        elif origin == "association":
            person.added_on = self.days_ago(60, 4 * 365)
        elif origin == "recruiter":
            person.added_on = self.days_ago(30, 900)
        else:  # linkedin: spread over three years, a few only days ago
            person.added_on = self.today - timedelta(days=5 + int(3 * 365 * rng.random() ** 0.8))
        how_met = data.HOW_MET[person.school or origin]
        if person.org == person.school != "":
            how_met = data.HOW_MET[f"{person.school} staff"]
        person.how_met = self.pick(how_met).format(**fmt)

        if origin == "linkedin" and self.chance(0.5):
            return  # accepted the invitation, never wrote: never contacted
        if person.tie == Contact.Tie.STRONG:
            dormant = self.chance(0.15)
        elif origin == "conference" or (origin == "classmate" and self.chance(0.3)):
            dormant = self.chance(0.5)
        else:
            dormant = self.chance(0.38)
        self._set_last(person, dormant=dormant)

    def _set_last(self, person: _Person, *, dormant: bool) -> None:
        added = person.added_on
        if dormant and added <= self.today - timedelta(days=90):
            if person.event and self.chance(0.4):
                person.last_contacted = added  # met once at the event and never followed up
                return
            far = 700 if person.origin == "classmate" else 365
            person.last_contacted = max(added, self.days_ago(90, far))
        else:
            person.last_contacted = max(
                added, self.today - timedelta(days=int(89 * self.rng.random()))
            )

    def _draw_introduction(self, person: _Person) -> None:
        """Someone I knew introduced us: the introduction is our first conversation."""
        candidates = [
            p
            for p in self.people
            if p.origin not in ("introduced", "none")
            and p.contacted
            and _last(p) - max(p.added_on, self.start + timedelta(days=30)) >= timedelta(days=7)
        ]
        introducer = self.pick(candidates)
        low = max(introducer.added_on, self.start + timedelta(days=30))
        day = low + timedelta(days=self.rng.randint(0, (_last(introducer) - low).days))
        person.added_on, person.event = day, ""
        person.how_met = self.pick(data.HOW_MET["introduced"]).format(name=introducer.name)
        self._set_last(person, dormant=self.chance(0.35))
        self._link(introducer.index, person.index, "other", 3, f"Introduced me to {person.first}")
        self.conversations.append(
            _Conversation(
                day=day,
                channel=Interaction.Channel.EMAIL,
                direction=Interaction.Direction.INCOMING,
                summary=(
                    f"{introducer.first} introduced me to {person.name} by email; we both "
                    f"care about {self.pick(data.TOPICS)}"
                ),
                people=[person.index, introducer.index],
            )
        )

    def _draw_not_met(self, person: _Person) -> None:
        """Someone at a target employer I want to meet; a contact there can introduce me."""
        person.added_on = self.days_ago(3, 60)
        colleagues = [
            p for p in self.people if p.org == person.org and p.contacted and p is not person
        ]
        bridge = self.pick(colleagues or [p for p in self.people if p.contacted])
        how = self.pick(data.HOW_MET["none"])
        person.how_met = how.format(name=bridge.name, event=self.conferences[-1][0])
        kind = "colleague" if bridge.org == person.org else "other"
        self._link(bridge.index, person.index, kind, self.rng.randint(2, 4))

    def _draw_roles(self) -> None:
        for person in self.people:
            base = person.title.split(" | ")[0]
            if base in RECRUITER_TITLES:
                person.roles.append(ContactRole.Role.RECRUITER)
            if base in data.HR_TITLES:
                person.roles.append(ContactRole.Role.HR)
        at_targets = [p for p in self.people if p.org in data.TARGETS]
        managers = [
            p
            for p in at_targets
            if p.level in ("senior", "executive") and not p.roles and p.origin != "recruiter"
        ]
        for person in self.rng.sample(managers, min(6, len(managers))):
            person.roles.append(ContactRole.Role.HIRING_MANAGER)
        referrers = [p for p in at_targets if p.tie == Contact.Tie.WEAK and p.contacted]
        for person in self.rng.sample(referrers, min(5, len(referrers))):
            if ContactRole.Role.REFERRER not in person.roles:
                person.roles.append(ContactRole.Role.REFERRER)
        seniors = [
            p
            for p in self.people
            if p.level in ("senior", "executive")
            and p.origin in ("orbital", "brightpath", "classmate", "association")
            and p.contacted
        ]
        for person in self.rng.sample(seniors, min(6, len(seniors))):
            person.roles.append(ContactRole.Role.MENTOR)
            person.closeness = max(person.closeness, 3)
        peers = [p for p in self.people if p.origin in ("association", "orbital") and p.contacted]
        for person in self.rng.sample(peers, min(10, len(peers))):
            if ContactRole.Role.COLLABORATOR not in person.roles:
                person.roles.append(ContactRole.Role.COLLABORATOR)

    def _draw_tags(self) -> None:
        by_origin = {
            "orbital": "former colleagues",
            "brightpath": "former colleagues",
            "classmate": "alumni",
            "conference": "conference",
            "meetup": "conference",
            "family": "friends & family",
        }
        for person in self.people:
            tags = []
            if person.origin in by_origin:
                tags.append(by_origin[person.origin])
            if person.org and "healthcare" in self.orgs[person.org].tags:
                tags.append("healthcare")
            if ContactRole.Role.MENTOR in person.roles:
                tags.append("mentors")
            if ContactRole.Role.RECRUITER in person.roles:
                tags.append("recruiters")
            if person.origin == "association" and self.chance(0.5):
                tags.append("volunteering")
            person.tags = tags

    def _draw_details(self) -> None:
        """Contact points, notes, memories and ways I could help."""
        taken: set[str] = set()
        insiders = [p for p in self.people if p.org in data.TARGETS and p.contacted]
        for person in self.people:
            first, last = _ascii(person.first), _ascii(person.surname)
            spec = self.orgs.get(person.org or "")
            if person.tie != Contact.Tie.NONE:  # people I have not met: only their profile
                work = spec is not None and self.chance(0.7)
                if spec is not None and work:
                    person.points.append(("email", "work", f"{first}.{last}@{spec.domain}"))
                if self.chance(0.15 if work else 0.75):
                    local = self.pick(
                        [f"{first}.{last}", f"{first}{last[:1]}", f"{first[:1]}{last}"]
                    )
                    if self.chance(0.3):
                        local += str(self.rng.randint(1, 99))
                    domain = self.pick(data.PERSONAL_DOMAINS)
                    person.points.append(("email", "home", f"{local}@{domain}"))
            if self.chance(0.8 if person.tie == Contact.Tie.STRONG else 0.2):
                person.points.append(("phone", "mobile", self._phone(person, taken)))
            if person.tie == Contact.Tie.NONE or self.chance(0.8):
                slug = _ascii(person.name, sep="-")
                if self.chance(0.6):
                    slug += f"-{self.rng.getrandbits(24):06x}"
                person.points.append(("url", "", f"https://www.linkedin.com/in/{slug}"))
            if self.chance(0.03):
                person.points.append(("url", "website", f"https://{first}{last}.example"))

            if self.chance(0.15):
                person.notes = self.pick(data.NOTES)
            dormant = (
                person.last_contacted is not None
                and (self.today - person.last_contacted).days >= 90
            )
            strong = person.tie == Contact.Tie.STRONG
            if person.contacted and self.chance(0.6 if strong else 0.4 if dormant else 0.12):
                count = self.rng.randint(1, 2)
                person.memories = self.rng.sample(data.MEMORIES, count)
            if person.tie != Contact.Tie.NONE and self.chance(0.3):
                other = self.pick([p for p in insiders if p is not person])
                person.ideas = [
                    self.pick(data.HELP_IDEAS).format(
                        other=other.name, topic=self.pick(data.TOPICS)
                    )
                ]

    def _phone(self, person: _Person, taken: set[str]) -> str:
        while True:
            if person.location == "London, UK":
                number = f"+44 7700 900{self.rng.randint(0, 999):03d}"
            else:
                area, line = self.pick(data.AREA_CODES), self.rng.randint(100, 199)
                number = self.pick(
                    [
                        f"({area}) 555-0{line}",
                        f"+1 {area} 555 0{line}",
                        f"{area}.555.0{line}",
                    ]
                )
            key = re.sub(r"\D", "", number)[-10:]
            if key not in taken:
                taken.add(key)
                return number

    def _link(self, a: int, b: int, kind: str, strength: int, note: str = "") -> None:
        if a == b:
            return
        key = (min(a, b), max(a, b))
        if key not in self.links:
            self.links[key] = _Link(key[0], key[1], kind, strength, note)

    def _draw_links(self) -> None:
        """Who knows whom: dense inside each organisation and each group I met people in."""
        rng = self.rng
        by_org: dict[str, list[_Person]] = defaultdict(list)
        by_origin: dict[str, list[_Person]] = defaultdict(list)
        for person in self.people:
            if person.org:
                by_org[person.org].append(person)
            by_origin[person.origin].append(person)
        for members in by_org.values():
            for person in members:
                count = 1 + (rng.random() < 0.15)
                for other in rng.sample(members, min(len(members), count)):
                    self._link(person.index, other.index, "colleague", rng.randint(2, 4))
        for origin, kind, strengths in (
            ("orbital", "colleague", (2, 4)),
            ("brightpath", "colleague", (2, 4)),
            ("classmate", "classmate", (2, 3)),
            ("family", "friend", (3, 5)),
            ("association", "other", (1, 3)),
        ):
            group = by_origin[origin]
            for person in group:
                other = self.pick(group)
                self._link(person.index, other.index, kind, rng.randint(*strengths))
        events: dict[str, list[_Person]] = defaultdict(list)
        for person in self.people:
            if person.event:
                events[person.event].append(person)
        for group in events.values():
            for person in group:
                if self.chance(0.4):
                    other = self.pick(group)
                    self._link(person.index, other.index, "other", 1, f"Met at {person.event}")
        strong = [p for p in self.people if p.tie == Contact.Tie.STRONG]
        for person in strong:
            other = self.pick(strong)
            self._link(person.index, other.index, "friend", rng.randint(3, 5))
        for _ in range(30):  # the small world: people who know each other from elsewhere
            a, b = self.pick(self.people), self.pick(self.people)
            self._link(a.index, b.index, "other", rng.randint(1, 2))
        # Reciprocity: introductions I made, each a conversation with both people.
        contacted = [p for p in self.people if p.contacted and p.tie != Contact.Tie.NONE]
        made = 0
        while made < 6:
            a, b = self.pick(contacted), self.pick(contacted)
            key = (min(a.index, b.index), max(a.index, b.index))
            low, high = max(a.added_on, b.added_on, self.start), min(_last(a), _last(b))
            if a is b or key in self.links or low > high:
                continue
            day = low + timedelta(days=rng.randint(0, (high - low).days))
            self.links[key] = _Link(
                *key, ContactLink.Kind.INTRODUCED, 2, f"I introduced them on {day.isoformat()}"
            )
            self.conversations.append(
                _Conversation(
                    day=day,
                    channel=Interaction.Channel.EMAIL,
                    direction=Interaction.Direction.OUTGOING,
                    summary=(
                        f"Introduced {a.first} to {b.name}: both work on {self.pick(data.TOPICS)}"
                    ),
                    people=[a.index, b.index],
                )
            )
            made += 1

    def _draw_conversations(self) -> None:
        """Two years of conversations, busier recently; events bring several people at once."""
        rng = self.rng
        neighbours: dict[int, list[int]] = defaultdict(list)
        for link in self.links.values():
            neighbours[link.a].append(link.b)
            neighbours[link.b].append(link.a)
        busy: dict[int, set[date]] = defaultdict(set)
        for conversation in self.conversations:
            for index in conversation.people:
                busy[index].add(conversation.day)

        # Events: everyone met at a conference or meetup talked to me there.
        attendees: dict[tuple[str, date], list[_Person]] = defaultdict(list)
        for person in self.people:
            if person.event and person.contacted:
                attendees[(person.event, person.added_on)].append(person)
        for (event, day), group in sorted(attendees.items(), key=lambda item: item[0][1]):
            group = group[:]
            rng.shuffle(group)
            while group:
                size = min(len(group), rng.choice([1, 2, 2, 3, 4]))
                table, group = group[:size], group[size:]
                self._add_group(event, day, "event", table, busy, topic=self.pick(data.TOPICS))

        # The Guild's monthly roundtable, with whoever of its members came.
        members = [p for p in self.people if p.origin == "association"]
        for month in range(1, 24):
            day = self._thursday(self.today - timedelta(days=30 * month + 2))
            present = [p for p in members if p.reachable_on(day) and day not in busy[p.index]]
            if len(present) >= 2:
                chosen = rng.sample(present, min(len(present), rng.randint(2, 5)))
                self._add_group(data.GUILD_EVENT, day, "video", chosen, busy, guild=True)

        # One-to-one conversations, some of which a colleague or friend joined.
        for person in self.people:
            if person.last_contacted is None:
                continue
            window_start = max(person.added_on, self.start)
            span = (person.last_contacted - window_start).days
            strong = person.tie == Contact.Tie.STRONG
            dormant = (self.today - person.last_contacted).days >= 90
            if strong:
                count = rng.randint(4, 10) if dormant else rng.randint(18, 45)
            else:
                count = rng.randint(1, 5) if dormant else rng.randint(3, 14)
            days = {person.last_contacted}
            for _ in range(count - 1):
                days.add(person.last_contacted - timedelta(days=int(span * rng.random() ** 1.8)))
            for day in sorted(days - busy[person.index]):
                self._add_one(person, day, strong, neighbours, busy)

    def _add_group(
        self,
        event: str,
        day: date,
        channel: str,
        people: list[_Person],
        busy: dict[int, set[date]],
        *,
        topic: str = "",
        guild: bool = False,
    ) -> None:
        topic = topic or self.pick(data.TOPICS)
        if guild:
            summary = f"Guild roundtable on {topic} with {_names(people)}"
        elif len(people) == 1:
            summary = f"Chatted with {people[0].first} at {event} about {topic}"
        else:
            summary = self.pick(data.GROUP_SUMMARIES["event"]).format(
                event=event, names=_names(people), topic=topic
            )
        self.conversations.append(
            _Conversation(day, channel, "both", summary, [p.index for p in people])
        )
        for person in people:
            busy[person.index].add(day)

    def _add_one(
        self,
        person: _Person,
        day: date,
        strong: bool,
        neighbours: dict[int, list[int]],
        busy: dict[int, set[date]],
    ) -> None:
        rng = self.rng
        if day.weekday() >= 5:
            channel = self.weighted(WEEKEND_CHANNELS)
        else:
            channel = self.weighted(WEEKDAY_CHANNELS["strong" if strong else "weak"])
        if channel in ("coffee", "meeting", "video"):
            direction = rng.choices(["both", "out", "in"], weights=[60, 30, 10])[0]
        else:
            direction = rng.choices(["out", "in"], weights=[55, 45])[0]
        topic = self.pick(data.TOPICS)
        people = [person]
        if channel in GROUP_CHANNELS and self.chance(0.3):
            joiners = [
                self.people[i]
                for i in neighbours[person.index]
                if self.people[i].reachable_on(day) and day not in busy[i]
            ]
            if joiners:
                people += rng.sample(joiners, min(len(joiners), rng.randint(1, 2)))
        if len(people) > 1:
            template = self.pick(data.GROUP_SUMMARIES[channel])
            summary = template.format(names=_names(people), topic=topic)
        else:
            template = self.pick(data.SUMMARIES[channel])
            summary = template.format(first=person.first, topic=topic, event=data.MEETUP)
        self.conversations.append(
            _Conversation(day, channel, direction, summary, [p.index for p in people])
        )
        for someone in people:
            busy[someone.index].add(day)

    def _draw_next_steps(self) -> None:
        """Most conversations end on a next step (seed 003); old ones are done, and the last
        conversation with someone may leave one open: overdue, due soon, mine or theirs."""
        rng, today = self.rng, self.today
        days_of: dict[int, list[date]] = defaultdict(list)
        for conversation in self.conversations:
            for index in conversation.people:
                days_of[index].append(conversation.day)
        for days in days_of.values():
            days.sort()
        for conversation in sorted(self.conversations, key=lambda c: (c.day, c.people)):
            person = self.people[conversation.people[0]]
            age = (today - conversation.day).days
            if not self.chance(0.7 if age <= 120 else 0.4):
                continue
            mine = self.chance(0.7)
            text, due = self._step_text(person, conversation.day, mine)
            later = [d for d in days_of[person.index] if d > conversation.day]
            dormant = (today - _last(person)).days >= 90
            # Only the last conversation with someone can leave a step open; a real user
            # clears old promises, so long-forgotten ones are rare.
            is_open = not later and self.chance(0.03 if dormant or age > 75 else 0.3)
            done_on = None
            if not is_open:
                limit = min([today, *later[:1]])
                target = (due or conversation.day + timedelta(days=7)) + timedelta(
                    days=rng.randint(-3, 4)
                )
                done_on = max(conversation.day, min(target, limit))
            conversation.step = _Step(text, mine, due, done_on)

    def _step_text(self, person: _Person, day: date, mine: bool) -> tuple[str, date | None]:
        template = self.pick(data.NEXT_MINE if mine else data.NEXT_THEIRS)
        other = self.pick(self.people)
        while other is person or not other.contacted:
            other = self.pick(self.people)
        text = template.format(
            first=person.first,
            other=other.name,
            subject=self.pick(data.SUBJECTS),
            event=person.event or data.MEETUP,
        )
        if "next month" in text:
            return text, add_months(day, 1)
        if self.chance(0.08):
            return text, None
        return text, day + timedelta(days=self.pick([1, 2, 3, 5, 7, 7, 10, 14, 14, 21, 30, 45]))

    def _ensure_showcase_steps(self) -> None:
        """Whatever ``today`` is, show one open step of each kind the plan talks about: mine due
        today, mine overdue, mine upcoming, and one waiting on the other person.

        A missing kind is added to the latest "last conversation with someone" that has no
        open step, so no other showcase is disturbed and no later conversation contradicts it.
        """
        today = self.today
        showcases: list[tuple[bool, Any, Any]] = [
            (True, lambda due: due == today, lambda day: today),
            (
                True,
                lambda due: due is not None and due < today,
                lambda day: day + (today - day) // 2 if day < today else None,
            ),
            (True, lambda due: due is not None and due > today, lambda day: today + timedelta(7)),
            (False, lambda due: True, lambda day: today + timedelta(days=3)),
        ]
        finals = sorted(
            (c for c in self.conversations if c.day == self.people[c.people[0]].last_contacted),
            key=lambda c: (c.day, c.people),
            reverse=True,
        )
        for mine, wanted, due_for in showcases:
            if any(
                c.step and c.step.done_on is None and c.step.mine == mine and wanted(c.step.due)
                for c in self.conversations
            ):
                continue
            for conversation in finals:
                due = due_for(conversation.day)
                if due is None or (conversation.step and conversation.step.done_on is None):
                    continue
                person = self.people[conversation.people[0]]
                text, _ = self._step_text(person, conversation.day, mine)
                conversation.step = _Step(text, mine, due, None)
                break


def _last(person: _Person) -> date:
    assert person.last_contacted is not None, f"{person.name} was never contacted"
    return person.last_contacted


def _names(people: Sequence[_Person]) -> str:
    firsts = [p.first for p in people]
    return firsts[0] if len(firsts) == 1 else ", ".join(firsts[:-1]) + " and " + firsts[-1]


_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ı": "i", "đ": "d", "ß": "ss"})


def _ascii(text: str, sep: str = "") -> str:
    """``"Łukasz O'Brien"`` → ``"lukasz" + sep + "obrien"``: the shape of emails and slugs."""
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    plain = plain.replace("'", "")
    return re.sub(r"[^a-z0-9]+", sep, plain).strip(sep)


# --- Writing ----------------------------------------------------------------------------------


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


def _write(owner: User, plan: _Plan, today: date) -> DemoReport:
    people = plan.people
    orgs = _organizations(owner)
    tags = _tags(owner)

    # Ids follow the order people joined the network, as they would have in real use.
    joined = sorted(people, key=lambda p: (p.added_on, p.index))
    created = Contact.objects.bulk_create(
        [
            Contact(
                owner=owner,
                name=p.name,
                first_name=p.first,
                last_name=p.surname,
                title=p.title,
                organization=orgs[p.org] if p.org else None,
                industry=p.industry,
                location=p.location,
                how_met=p.how_met,
                tie=p.tie,
                closeness=p.closeness,
                level=p.level,
                notes=p.notes,
                source=Contact.Source.DEMO,
                added_on=p.added_on,
                created_at=_at(p.added_on, 9, p.index % 60),
            )
            for p in joined
        ]
    )
    contacts = {p.index: contact for p, contact in zip(joined, created, strict=True)}
    Contact.tags.through.objects.bulk_create(
        Contact.tags.through(contact_id=contacts[p.index].pk, tag_id=tags[name].pk)
        for p in people
        for name in p.tags
    )
    ContactRole.objects.bulk_create(
        ContactRole(contact=contacts[p.index], role=role) for p in people for role in p.roles
    )
    ContactPoint.objects.bulk_create(_points(owner, people, contacts))
    Memory.objects.bulk_create(
        Memory(contact=contacts[p.index], text=text, created_at=_at(p.added_on, 20))
        for p in people
        for text in p.memories
    )
    HelpIdea.objects.bulk_create(
        HelpIdea(
            contact=contacts[p.index], text=text, created_at=_at(p.last_contacted or today, 21)
        )
        for p in people
        for text in p.ideas
    )

    links = []
    for link in plan.links:
        a, b = contacts[link.a], contacts[link.b]
        first, second = (a, b) if a.pk < b.pk else (b, a)
        links.append(
            ContactLink(
                owner=owner,
                contact_a=first,
                contact_b=second,
                kind=link.kind,
                strength=link.strength,
                note=link.note,
                created_at=_at(max(a.added_on, b.added_on), 12),
            )
        )
    ContactLink.objects.bulk_create(links)

    interactions = Interaction.objects.bulk_create(
        Interaction(
            owner=owner,
            occurred_on=c.day,
            channel=c.channel,
            direction=c.direction,
            summary=c.summary,
            created_at=_at(c.day, 18),
        )
        for c in plan.conversations
    )
    Interaction.participants.through.objects.bulk_create(
        Interaction.participants.through(
            interaction_id=interaction.pk, contact_id=contacts[index].pk
        )
        for interaction, c in zip(interactions, plan.conversations, strict=True)
        for index in c.people
    )
    contacts_refresh_last_contacted(owner=owner)
    steps = [
        NextStep(
            owner=owner,
            text=c.step.text,
            mine=c.step.mine,
            due=c.step.due,
            done_on=c.step.done_on,
            contact=contacts[c.people[0]],
            interaction=interaction,
            created_at=_at(c.day, 18, 5),
        )
        for interaction, c in zip(interactions, plan.conversations, strict=True)
        if c.step is not None
    ]
    NextStep.objects.bulk_create(steps)
    return DemoReport(
        contacts=len(contacts),
        organizations=len(orgs),
        tags=len(tags),
        links=len(links),
        interactions=len(interactions),
        next_steps=len(steps),
        open_next_steps=sum(1 for s in steps if s.done_on is None),
    )


def _organizations(owner: User) -> dict[str, Organization]:
    """The demo's organisations, reusing any of the same name the owner already has."""
    existing = {o.name.lower(): o for o in Organization.objects.filter(owner=owner)}
    found: dict[str, Organization] = {}
    new: list[Organization] = []
    for spec in data.ORGS:
        org = existing.get(spec.name.lower())
        if org is None:
            org = Organization(
                owner=owner,
                name=spec.name,
                kind=spec.kind,
                is_target=spec.target,
                insight=spec.insight,
                website=spec.website,
            )
            new.append(org)
        found[spec.key] = org
    Organization.objects.bulk_create(new)
    return found


def _tags(owner: User) -> dict[str, Tag]:
    existing = {t.name.lower(): t for t in Tag.objects.filter(owner=owner)}
    found = {name: existing.get(name.lower()) or Tag(owner=owner, name=name) for name in data.TAGS}
    Tag.objects.bulk_create([tag for tag in found.values() if tag.pk is None])
    return found


def _points(owner: User, people: list[_Person], contacts: dict[int, Contact]) -> list[ContactPoint]:
    """Contact points with ``classify_point``'s normalised values; an email or LinkedIn
    profile already in the network (or drawn twice) gets a numbered variant instead."""
    identity_kinds = (ContactPoint.Kind.EMAIL, ContactPoint.Kind.LINKEDIN)
    taken = set(
        ContactPoint.objects.filter(owner=owner, kind__in=identity_kinds).values_list(
            "kind", "normalized"
        )
    )
    points = []
    for person in people:
        for kind_hint, label, value in person.points:
            kind, normalized = classify_point(value, kind_hint)
            if kind in identity_kinds:
                number = 1
                original = value
                while (kind, normalized) in taken:
                    number += 1
                    value = _numbered(original, kind, number)
                    kind, normalized = classify_point(value, kind_hint)
                taken.add((kind, normalized))
            points.append(
                ContactPoint(
                    owner=owner,
                    contact=contacts[person.index],
                    kind=kind,
                    label=label,
                    value=value,
                    normalized=normalized,
                )
            )
    return points


def _numbered(value: str, kind: str, number: int) -> str:
    if kind == ContactPoint.Kind.EMAIL:
        local, _, domain = value.partition("@")
        return f"{local}{number}@{domain}"
    return f"{value.rstrip('/')}-{number}"
