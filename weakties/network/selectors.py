"""Reads of the network, always scoped to one user.

Every view, command and API route fetches through these functions, so ownership is checked in
one place: an object of another user is reported exactly like one that does not exist.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NoReturn

from django.contrib.auth.models import User
from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Length, Lower

from weakties.dates import local_today
from weakties.errors import Ambiguous, NotFound
from weakties.network.models import (
    Contact,
    ContactLink,
    ContactPoint,
    Interaction,
    NextStep,
    Organization,
    Tag,
)
from weakties.network.normalize import (
    clean_text,
    is_email,
    linkedin_profile,
    name_key,
    normalize_email,
)


def contacts_for(user: User) -> QuerySet[Contact]:
    """All of the user's contacts (``last_contacted`` is stored; see the models' docstring)."""
    return Contact.objects.filter(owner=user)


def contacts_with_details(queryset: QuerySet[Contact]) -> QuerySet[Contact]:
    """What list pages and ``--json`` show for each contact, in a fixed number of queries."""
    return queryset.select_related("organization").prefetch_related(
        "tags", Prefetch("points", queryset=ContactPoint.objects.order_by("kind", "id")), "roles"
    )


def contact_list(
    *,
    user: User,
    tag: str | None = None,
    organization: str | None = None,
    tie: str | None = None,
    role: str | None = None,
    dormant_days: int | None = None,
    never_contacted: bool = False,
    search: str | None = None,
    include_archived: bool = False,
    today: date | None = None,
) -> QuerySet[Contact]:
    """The user's contacts filtered as asked.

    ``dormant_days=N`` keeps people last contacted N or more days ago, and people never
    contacted who have been in the network for at least N days (someone imported yesterday is
    new, not dormant).
    """
    contacts = contacts_for(user)
    if not include_archived:
        contacts = contacts.filter(archived_at__isnull=True)
    if tag:
        contacts = contacts.filter(tags__name__iexact=clean_text(tag))
    if organization:
        contacts = contacts.filter(organization__name__iexact=clean_text(organization))
    if tie:
        contacts = contacts.filter(tie=tie)
    if role:
        contacts = contacts.filter(roles__role=role)
    if dormant_days is not None:
        cutoff = (today or local_today()) - timedelta(days=dormant_days)
        contacts = contacts.filter(
            Q(last_contacted__lte=cutoff) | Q(last_contacted__isnull=True, added_on__lte=cutoff)
        )
    if never_contacted:
        contacts = contacts.filter(last_contacted__isnull=True)
    if search:
        found = contacts.filter(_search_condition(user, search))
        if not found.exists():
            # The database matches case only in ASCII (SQLite) and never ignores accents:
            # "muller" finds Müller here, by names and organisations compared by their keys.
            found = contacts.filter(pk__in=_ids_by_folded_name(contacts, search))
        contacts = found
    return contacts_with_details(contacts).order_by("name", "id")


FOLDED_SEARCH_LIMIT = 10_000  # ids a search by name keys returns, at most


def _ids_by_folded_name(contacts: QuerySet[Contact], query: str) -> list[int]:
    words = name_key(query).split()
    if not words:
        return []
    ids = []
    for pk, name, organization in contacts.values_list("id", "name", "organization__name"):
        text = name_key(f"{name} {organization or ''}")
        if all(word in text for word in words):
            ids.append(pk)
            if len(ids) == FOLDED_SEARCH_LIMIT:
                break
    return ids


def _search_condition(user: User, query: str) -> Q:
    """Every word must appear in a name, organisation, title, notes, email or location."""
    condition = Q()
    for word in clean_text(query).split():
        by_point = ContactPoint.objects.filter(owner=user, value__icontains=word).values(
            "contact_id"
        )
        condition &= (
            Q(name__icontains=word)
            | Q(organization__name__icontains=word)
            | Q(title__icontains=word)
            | Q(notes__icontains=word)
            | Q(location__icontains=word)
            | Q(pk__in=by_point)
        )
    return condition


def contact_get_for_user(*, user: User, contact_id: int) -> Contact:
    """The contact with this id if it is the user's, with details; else ``NotFound``."""
    contact = contacts_with_details(contacts_for(user).filter(pk=contact_id)).first()
    if contact is None:
        raise NotFound(f"No contact with id {contact_id}.")
    return contact


RESOLVE_SCAN = 50  # candidates read per kind of match
RESOLVE_SHOWN = 20  # of them, listed when a name is ambiguous


def contact_resolve(*, user: User, query: str | int, archived_first: bool = False) -> Contact:
    """Find the one contact a person means by an id, an email, a LinkedIn URL or a name.

    Order: id (all digits, or ``#12`` as our lists print it), email, LinkedIn profile, exact
    name (case-insensitive), then every word of the query inside the name. Active contacts
    win over archived ones (``archived_first``: the other way round, for bringing someone
    back). No match raises ``NotFound`` listing close names; several raise ``Ambiguous``.
    """
    text = clean_text(str(query))
    if not text:
        raise NotFound("Say who: a name, part of one, an email or an id.")
    if text.startswith("#") and text[1:].isdigit():
        text = text[1:]
    if text.isdigit():
        return contact_get_for_user(user=user, contact_id=int(text))
    contacts = contacts_for(user)
    profile = linkedin_profile(text)
    if is_email(text) or profile:
        kind, key = ("linkedin", profile) if profile else ("email", normalize_email(text))
        found = contacts.filter(points__kind=kind, points__normalized=key).first()
        if found is None:
            raise NotFound(f"No contact with {kind} {text}.")
        return contact_get_for_user(user=user, contact_id=found.pk)
    exact_query = contacts.filter(name__iexact=text).select_related("organization")
    inside_query = _contains_all_words(contacts, text)
    exact = list(exact_query[:RESOLVE_SCAN])
    inside = list(inside_query[:RESOLVE_SCAN])
    # "raman" means Priya Raman before Karthik Subramanian: whole-word starts beat fragments.
    at_word_start = [c for c in inside if _words_start_with(c.name, text)]
    for query_set, candidates in (
        (exact_query, exact),
        (None, at_word_start),
        (inside_query, inside),
    ):
        active = [c for c in candidates if (c.archived_at is not None) == archived_first]
        chosen = active or candidates
        if len(chosen) == 1:
            return contact_get_for_user(user=user, contact_id=chosen[0].pk)
        if len(chosen) > 1:
            how_many = str(len(chosen))
            if len(candidates) == RESOLVE_SCAN:  # there may be more than were read
                if query_set is None:
                    how_many = f"{len(chosen)} or more"
                else:
                    preferred = query_set.filter(archived_at__isnull=not archived_first)
                    pool = preferred if active else query_set
                    how_many = f"{pool.count():,}"
            _ambiguous(text, how_many, chosen)
    # The database compares case only in ASCII (SQLite) and never ignores accents: "zoe",
    # "ZOË" and "lukasz" find Zoë and Łukasz here, comparing name keys.
    for ids in _by_name_key(contacts, text, archived_first=archived_first):
        if len(ids) == 1:
            return contact_get_for_user(user=user, contact_id=ids[0])
        if len(ids) > 1:
            shown = contacts.filter(pk__in=ids[:RESOLVE_SHOWN]).select_related("organization")
            _ambiguous(text, f"{len(ids):,}", list(shown.order_by("name", "id")), total=len(ids))
    close = close_names(user=user, query=text)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise NotFound(f"No one called {text!r} in your network.{hint}")


def _ambiguous(text: str, how_many: str, chosen: list[Contact], total: int = 0) -> NoReturn:
    shown = f"; the first {RESOLVE_SHOWN}" if max(total, len(chosen)) > RESOLVE_SHOWN else ""
    raise Ambiguous(
        f"{text!r} matches {how_many} people{shown}; say which (a fuller name or the id):",
        candidates=[_label(c) for c in chosen[:RESOLVE_SHOWN]],
    )


def _by_name_key(
    contacts: QuerySet[Contact], text: str, *, archived_first: bool
) -> Iterator[list[int]]:
    """Ids of the contacts whose name, compared by ``name_key``, is the query, then whose words
    start with the query's words, then that hold them; the preferred (active, or archived
    when ``archived_first``) ones where there are any."""
    key = name_key(text)
    words = key.split()
    if not words:
        return
    rows = [
        (pk, name_key(name), archived is not None)
        for pk, name, archived in contacts.order_by("name", "id").values_list(
            "id", "name", "archived_at"
        )
    ]
    tests = (
        lambda name: name == key,
        lambda name: all(
            any(w.startswith(q) for w in name.replace("-", " ").split()) for q in words
        ),
        lambda name: all(q in name for q in words),
    )
    for matches in tests:
        found = [(pk, archived) for pk, name, archived in rows if matches(name)]
        preferred = [pk for pk, archived in found if archived == archived_first]
        yield preferred or [pk for pk, _ in found]


def _words_start_with(name: str, query: str) -> bool:
    words = name.casefold().replace("-", " ").split()
    return all(any(w.startswith(q) for w in words) for q in query.casefold().split())


def _contains_all_words(contacts: QuerySet[Contact], text: str) -> QuerySet[Contact]:
    for word in text.split():
        contacts = contacts.filter(name__icontains=word)
    return contacts.select_related("organization").order_by("name", "id")


def _label(contact: Contact) -> str:
    where = f" ({contact.organization.name})" if contact.organization else ""
    archived = " [archived]" if contact.archived_at else ""
    return f"#{contact.pk} {contact.name}{where}{archived}"


def close_names(*, user: User, query: str, limit: int = 3) -> list[str]:
    names = list(Contact.objects.filter(owner=user).values_list("name", flat=True))
    by_key = {name.casefold(): name for name in names}
    found = difflib.get_close_matches(query.casefold(), list(by_key), n=limit, cutoff=0.6)
    return [by_key[key] for key in found]


NEAR_NAME = 0.88  # difflib ratio of two name keys that count as near-identical
NEAR_GROUP = 300  # people at one organisation compared pairwise, at most


@dataclass(frozen=True)
class Duplicate:
    first: Contact
    second: Contact
    why: str


def _near_names(keys: list[tuple[str, int]]) -> Iterator[tuple[int, int]]:
    """(first id, second id) of the name keys whose ``difflib`` ratio reaches ``NEAR_NAME``.

    The ratio is bounded by the letters two names share, whatever their order (difflib's
    ``quick_ratio``); that bound is worked out for one name against all earlier ones at once
    with numpy, and the exact ratio only for the few pairs it lets through (at an employer of
    800 people, 319,600 pairs by hand took seconds).
    """
    if len(keys) < 2:
        return
    import numpy as np  # here, not at the top: every command imports this module

    alphabet = {char: position for position, char in enumerate({c for k, _ in keys for c in k})}
    counts = np.zeros((len(keys), len(alphabet)), dtype=np.int32)
    for row, (key, _) in enumerate(keys):
        for char in key:
            counts[row, alphabet[char]] += 1
    lengths = counts.sum(axis=1)
    matcher = difflib.SequenceMatcher(None)
    for j in range(1, len(keys)):
        shared = np.minimum(counts[:j], counts[j]).sum(axis=1)
        bound = 2.0 * shared / np.maximum(lengths[:j] + lengths[j], 1)
        candidates = np.flatnonzero(bound >= NEAR_NAME)
        if not len(candidates):
            continue
        matcher.set_seq2(keys[j][0])  # the matcher indexes its second sequence once
        for i in candidates.tolist():
            matcher.set_seq1(keys[i][0])
            if matcher.ratio() >= NEAR_NAME:
                yield keys[i][1], keys[j][1]


def duplicate_list(*, user: User) -> list[Duplicate]:
    """People in the network who are probably one person: the same name (case and accents
    aside) at the same organisation, or without one; or a near-identical name at the same
    organisation ("Jon Smith" and "John Smith" at Acme). Archived people are left out.

    (The same email or LinkedIn profile cannot happen: a second contact is refused them.)
    """
    people: dict[int | None, list[tuple[int, str]]] = {}
    for pk, name, org_id in (
        contacts_for(user)
        .filter(archived_at__isnull=True)
        .order_by("id")
        .values_list("id", "name", "organization_id")
    ):
        people.setdefault(org_id, []).append((pk, name_key(name)))
    pairs: list[tuple[int, int, str]] = []
    for organization, members in people.items():
        first_with: dict[str, int] = {}
        for pk, key in members:
            if key in first_with:
                pairs.append((first_with[key], pk, "the same name"))
            else:
                first_with[key] = pk
        if organization is None or len(first_with) > NEAR_GROUP:
            continue
        pairs += [(a, b, "near-identical names") for a, b in _near_names(list(first_with.items()))]
    found = contacts_for(user).filter(pk__in={pk for pair in pairs for pk in pair[:2]})
    by_id = {contact.pk: contact for contact in contacts_with_details(found)}
    duplicates = [Duplicate(by_id[a], by_id[b], why) for a, b, why in pairs]
    return sorted(duplicates, key=lambda d: (name_key(d.first.name), d.first.pk, d.second.pk))


def organization_named(*, user: User, name: str) -> Organization | None:
    """The user's organisation with this name, whatever the case, accented letters included
    (SQLite compares case only in ASCII: "CAFÉ ZÜRICH" is "Café Zürich" here too)."""
    name = clean_text(name)
    exact = Organization.objects.filter(owner=user, name__iexact=name).first()
    if exact is not None or name.isascii():
        return exact
    folded = name.casefold()
    same_length = Organization.objects.filter(owner=user).annotate(size=Length("name"))
    for organization in same_length.filter(size=len(name)).order_by("id"):
        if organization.name.casefold() == folded:
            return organization
    return None


def organizations_like(*, user: User, name: str, limit: int = 5) -> list[Organization]:
    """The user's organisations whose name holds every word of ``name`` (``northwind`` →
    "Northwind Health"), other than one of exactly that name: what someone who typed part of
    a name probably meant."""
    words = clean_text(name).split()
    if not words:
        return []
    found = Organization.objects.filter(owner=user).exclude(name__iexact=clean_text(name))
    for word in words:
        found = found.filter(name__icontains=word)
    return list(found.order_by(Length("name"), "name")[:limit])


def namesakes(*, contact: Contact) -> list[Contact]:
    """Other active people with this contact's name (case and accents aside) at the same
    organisation, or like them without one: probably the same person, added twice."""
    key = name_key(contact.name)
    others = Contact.objects.filter(owner_id=contact.owner_id, archived_at__isnull=True).exclude(
        pk=contact.pk
    )
    if contact.organization_id is None:
        others = others.filter(organization__isnull=True)
    else:
        others = others.filter(organization_id=contact.organization_id)
    others = others.select_related("organization").order_by("id")
    return [other for other in others if name_key(other.name) == key]


def contact_timeline(*, contact: Contact) -> QuerySet[Interaction]:
    """The contact's interactions, newest first, with everyone who took part."""
    return (
        Interaction.objects.filter(owner_id=contact.owner_id, participants=contact)
        .prefetch_related("participants", "next_steps")
        .order_by("-occurred_on", "-id")
    )


def contact_links(*, contact: Contact) -> list[tuple[Contact, ContactLink]]:
    """Who this contact knows among my contacts: (the other person, the link)."""
    links = ContactLink.objects.filter(
        Q(contact_a=contact) | Q(contact_b=contact), owner_id=contact.owner_id
    ).select_related("contact_a", "contact_b")
    pairs = [
        (link.contact_b if link.contact_a_id == contact.pk else link.contact_a, link)
        for link in links
    ]
    return sorted(pairs, key=lambda pair: (-pair[1].strength, pair[0].name.casefold()))


def next_step_list(
    *,
    user: User,
    contact: Contact | None = None,
    mine: bool | None = None,
) -> QuerySet[NextStep]:
    """Open next steps by due date: overdue first, then upcoming, then those with no date."""
    steps = NextStep.objects.filter(owner=user, done_on__isnull=True).select_related(
        "contact", "interaction"
    )
    if contact is not None:
        steps = steps.filter(contact=contact)
    else:  # archived people are out of lists and plans; their own page still shows them
        steps = steps.filter(contact__archived_at__isnull=True)
    if mine is not None:
        steps = steps.filter(mine=mine)
    return steps


def next_step_get_for_user(*, user: User, step_id: int) -> NextStep:
    step = NextStep.objects.filter(owner=user, pk=step_id).select_related("contact").first()
    if step is None:
        raise NotFound(f"No next step with id {step_id}.")
    return step


def organization_list(*, user: User) -> QuerySet[Organization]:
    return Organization.objects.filter(owner=user)


def organization_suggestions(*, user: User, limit: int = 1000) -> list[str]:
    """Organisation names to suggest in a filter, where you know the most people first (a
    network of 2,000 LinkedIn connections has about as many employers), then by name."""
    counted = (
        Organization.objects.filter(owner=user)
        .annotate(people=Count("contacts", filter=Q(contacts__archived_at__isnull=True)))
        .order_by("-people", Lower("name"))
    )
    return list(counted.values_list("name", flat=True)[:limit])


def tag_list(*, user: User) -> QuerySet[Tag]:
    return Tag.objects.filter(owner=user)


def network_counts(*, user: User) -> dict[str, int]:
    """Headline numbers for the home page and the first-run greeting."""
    contacts = Contact.objects.filter(owner=user, archived_at__isnull=True)
    return {
        "contacts": contacts.count(),
        "weak": contacts.filter(tie=Contact.Tie.WEAK).count(),
        "strong": contacts.filter(tie=Contact.Tie.STRONG).count(),
        "open_steps": NextStep.objects.filter(
            owner=user, done_on__isnull=True, contact__archived_at__isnull=True
        ).count(),
        "interactions": Interaction.objects.filter(owner=user).count(),
    }


def interaction_list(*, user: User) -> QuerySet[Interaction]:
    """All of the user's interactions, newest first, with participants and next steps."""
    return (
        Interaction.objects.filter(owner=user)
        .prefetch_related("participants", "next_steps")
        .order_by("-occurred_on", "-id")
    )


def next_step_done_list(*, user: User, mine: bool | None = None) -> QuerySet[NextStep]:
    """Completed next steps, most recently done first."""
    steps = NextStep.objects.filter(owner=user, done_on__isnull=False)
    if mine is not None:
        steps = steps.filter(mine=mine)
    return steps.select_related("contact", "interaction").order_by("-done_on", "-id")
