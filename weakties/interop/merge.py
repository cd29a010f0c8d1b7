"""The one step that writes parsed records into a user's network.

People (``merge_people``):

1. Load what the user already has in a handful of queries: every email and LinkedIn profile
   (the identities), every contact's fillable fields, organisations and tags, into dicts.
2. For each record, find the contact it is: by LinkedIn profile or normalised email, else by
   the same full name at the same organisation (no organisation on both sides counts as the
   same, so a re-imported phone-only card finds itself). Records earlier in the same file count
   too, so duplicates inside one file become one contact. A missing organisation is not a
   different one (``_Network.same_name``). A name is not enough where the two contradict each
   other (different profiles; or, without a shared organisation or within one file, emails or
   phones of which they share none): then they are two people.
3. Fill only what is empty, add contact points and tags that are new, and move "added on"
   earlier when the file knows an earlier day; never overwrite what the user typed (two rows
   of one file about one person keep both their notes). A record
   that changes nothing is "unchanged", which is what makes a second run report 0 added and
   0 updated.
4. Write with ``executemany`` (new organisations, contacts, points, tags, and the updates) in
   the caller's transaction: no per-row ORM saves and no per-row queries. A large first import
   on SQLite builds the contact tables' indexes after the rows (``_indexes_built_after``).
   30,000 LinkedIn connections take 0.8–1.1 s (``bench/import.py``, docs/performance.md).

Messages (``merge_messages``): each conversation on each day becomes one interaction with the
contacts it was with (found by profile URL, then by a unique name); already imported ones are
recognised by day, summary and participants.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, cast
from urllib.parse import unquote

from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Count, Field, Max, Min, Model

from weakties.errors import UserError
from weakties.interop.linkedin import clean_person_name
from weakties.interop.records import ImportReport, MessageRecord, Party, PersonRecord, Skipped
from weakties.interop.vcard import contact_uid
from weakties.network.models import (
    Contact,
    ContactPoint,
    Interaction,
    Organization,
    Tag,
    max_length,
)
from weakties.network.normalize import (
    clean_lines,
    is_email,
    linkedin_profile,
    name_key,
    normalize_email,
)
from weakties.network.services import classify_point, contacts_refresh_last_contacted

IDENTITIES = ("linkedin", "email")
FILLABLE = ("first_name", "last_name", "title", "location", "notes")
_LINKEDIN_PREFIX = "https://www.linkedin.com/in/"
_UNSAFE_SLUG = re.compile(r"[\s?#@:]")


def profile_key(url: str) -> str | None:
    """``linkedin_profile`` with a fast path for the one form LinkedIn's exports use."""
    if url.startswith(_LINKEDIN_PREFIX):
        slug = url[len(_LINKEDIN_PREFIX) :].split("/", 1)[0]
        if slug.isprintable() and not _UNSAFE_SLUG.search(slug):
            if "%" in slug:
                slug = unquote(slug)
            slug = slug.strip().lower()
            if slug:
                return f"linkedin.com/in/{slug}"
    return linkedin_profile(url)


LIMITS = {
    name: max_length(Contact, name)
    for name in ("name", "first_name", "last_name", "title", "location")
}
ORG_LIMIT = max_length(Organization, "name")
POINT_LIMIT = max_length(ContactPoint, "value")


def column(model: type[Model], name: str) -> str:
    return str(cast("Field[Any, Any]", model._meta.get_field(name)).column)


def _literal(value: int | str) -> str:
    """A constant as an SQL literal (standard quoting, which SQLite and PostgreSQL share)."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"not a plain constant: {value!r}")
    return str(value) if isinstance(value, int) else "'" + value.replace("'", "''") + "'"


def _insert(
    model: type[Model],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    constants: dict[str, int | str] | None = None,
) -> None:
    """INSERT many rows of ``model`` in one ``executemany``; values must be database-ready.

    ``constants`` are the same in every row and go into the statement as literals: binding a
    value costs about as much as SQLite storing it, and a new contact has nine such columns.
    """
    quote = connection.ops.quote_name
    constants = constants or {}
    names = ", ".join(quote(column(model, c)) for c in [*columns, *constants])
    marks = ", ".join(["%s"] * len(columns) + [_literal(v) for v in constants.values()])
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows if isinstance(rows, list) else list(rows))


# A large import into a table that holds fewer rows than it brings (a first import, or a
# single-user database) builds the table's secondary indexes after the rows are in, instead of
# updating each index for every row: SQLite sorts once and writes each index in order.
BULK_ROWS = 2_000


@contextmanager
def _indexes_built_after(incoming: dict[type[Model], int]) -> Iterator[set[type[Model]]]:
    """Drop the secondary indexes of the tables about to get many rows and create them again on
    exit, where it pays: SQLite only, at least ``BULK_ROWS`` incoming rows, and no more rows
    already in the table than are coming in (rebuilding covers every row, other users' too).
    Yields the models whose indexes were dropped.

    Runs inside the caller's transaction (DDL is transactional in SQLite): an error rolls the
    indexes back with the rows. Recreating a UNIQUE index checks every row, so the unique
    constraints hold exactly as if the index had been there all along.
    """
    deferred: set[type[Model]] = set()
    if connection.vendor != "sqlite":
        yield deferred
        return
    saved: list[tuple[str, str]] = []
    with connection.cursor() as cursor:
        for model, rows in incoming.items():
            if rows < BULK_ROWS:
                continue
            table = model._meta.db_table
            cursor.execute(f'SELECT count(*) FROM (SELECT 1 FROM "{table}" LIMIT %s)', [rows])
            if cursor.fetchone()[0] >= rows:
                continue
            deferred.add(model)
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                "AND sql IS NOT NULL",
                [table],
            )
            indexes = cursor.fetchall()
            for name, _ in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
            saved.extend(indexes)
    yield deferred
    with connection.cursor() as cursor:
        for _, sql in saved:
            cursor.execute(sql)


def _update(model: type[Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """UPDATE ``columns`` of many rows by id; each row is (values…, id)."""
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(column(model, c))} = %s" for c in columns)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {sets} WHERE {quote('id')} = %s"
    with connection.cursor() as cursor:
        cursor.executemany(sql, list(rows))


def _raw_rows(queryset: Any) -> list[tuple[Any, ...]]:
    """The rows of a ``values_list`` query as the database returns them: for tens of
    thousands of rows, skipping the ORM's per-value conversion halves the time."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _ids_in_order(queryset: Any) -> Sequence[int]:
    """The ids of the rows just inserted (``queryset``), in the order they went in.

    Ids rise in insertion order. When they have no gap (always on SQLite, where our transaction
    has the table to itself) they are a range known from three numbers; otherwise (another
    session took ids from PostgreSQL's shared sequence in between) they are read one by one.
    """
    span = queryset.aggregate(low=Min("id"), high=Max("id"), count=Count("id"))
    if not span["count"]:
        return []
    if span["high"] - span["low"] + 1 == span["count"]:
        return range(span["low"], span["high"] + 1)
    return [row[0] for row in _raw_rows(queryset.order_by("id").values_list("id"))]


def _max_id(model: type[Model]) -> int:
    return int(model._default_manager.aggregate(top=Max("id"))["top"] or 0)


def _org_key(name: str) -> str:
    return name[:ORG_LIMIT].strip().lower()


# An existing contact's fillable fields, in this order, as loaded (kept as plain lists: a
# second run of a 30,000-row file touches every one of them and changes none).
EXISTING_FIELDS = (
    "first_name", "last_name", "title", "organization_id", "location", "notes", "uid",
)  # fmt: skip
ADDED_ON = len(EXISTING_FIELDS)
ORGANIZATION = EXISTING_FIELDS.index("organization_id")


@dataclass
class _Network:
    """What the user already has, keyed for matching; new things get negative keys."""

    owner: User
    identity: dict[tuple[str, str], int] = field(default_factory=dict)
    points: dict[int, set[tuple[str, str]]] = field(default_factory=dict)
    existing: dict[int, list[Any]] = field(default_factory=dict)
    changed: set[int] = field(default_factory=set)
    pending: dict[int, PersonRecord] = field(default_factory=dict)  # new contacts, by temp key
    profiles: dict[int, str | None] = field(default_factory=dict)  # their LinkedIn profiles
    organizations: dict[str, int] = field(default_factory=dict)  # lower name → id (<0: new)
    organization_names: dict[int, str] = field(default_factory=dict)
    tags: dict[str, int] = field(default_factory=dict)
    tag_names: dict[int, str] = field(default_factory=dict)
    contact_tags: set[tuple[int, int]] | None = None
    by_name: dict[str, list[tuple[int, str]]] | None = None  # see name_index
    by_name_without_profile: dict[str, list[tuple[int, str]]] | None = None
    name_keys: dict[int, str] = field(default_factory=dict)  # contact → its name key
    uids: dict[str, tuple[int, bool]] | None = None  # see uid_index
    # (which name index, name key, kinds of a record) → where in that name's entries the run
    # of new people told apart from such a record ends (see same_name)
    told_apart_before: dict[tuple[bool, str, int], int] = field(default_factory=dict)
    card_uids: dict[int, str] = field(default_factory=dict)  # contact → its card in this file
    # (contact key, (kind, normalized), value) of each point to insert
    new_points: list[tuple[int, tuple[str, str], str]] = field(default_factory=list)
    new_tags: list[tuple[int, int]] = field(default_factory=list)
    today: date = date.min  # set by merge_people: the added-on day of rows without one

    @classmethod
    def load(cls, owner: User) -> _Network:
        network = cls(owner)
        points = ContactPoint.objects.filter(owner=owner).values_list(
            "contact_id", "kind", "normalized"
        )
        for contact_id, kind, normalized in _raw_rows(points):
            network.points.setdefault(contact_id, set()).add((kind, normalized))
            if kind in IDENTITIES:
                network.identity[(kind, normalized)] = contact_id
        contacts = Contact.objects.filter(owner=owner).values_list(
            "id", *EXISTING_FIELDS, "added_on"
        )
        for row in _raw_rows(contacts):
            values = list(row[1:])
            if isinstance(values[ADDED_ON], str):  # SQLite hands dates back as text
                values[ADDED_ON] = date.fromisoformat(values[ADDED_ON])
            network.existing[row[0]] = values
        for org_id, name in Organization.objects.filter(owner=owner).values_list("id", "name"):
            network.organizations.setdefault(name.lower(), org_id)
            network.organization_names[org_id] = name
        for tag_id, name in Tag.objects.filter(owner=owner).values_list("id", "name"):
            network.tags.setdefault(name.lower(), tag_id)
            network.tag_names[tag_id] = name
        return network

    def uid_index(self) -> dict[str, tuple[int, bool]]:
        """vCard UID → (contact, whether it is the UID our export makes for them rather than
        one stored from an imported card); built when the first card with a UID comes."""
        if self.uids is None:
            self.uids = {}
            rows = Contact.objects.filter(owner=self.owner).values_list("id", "uid", "created_at")
            for contact_id, stored, created_at in rows:
                self.uids.setdefault(contact_uid(contact_id, created_at), (contact_id, True))
                if stored:
                    self.uids[stored] = (contact_id, False)
            for temp, pending in self.pending.items():
                if pending.uid:
                    self.uids.setdefault(pending.uid, (temp, False))
        return self.uids

    def organization_key(self, name: str) -> str:
        """The dict key of an organisation, creating a pending one for a new name."""
        name = name[:ORG_LIMIT].strip()
        key = name.lower()
        if key not in self.organizations:
            temp = -(len(self.organization_names) + 1)
            while temp in self.organization_names:
                temp -= 1
            self.organizations[key] = temp
            self.organization_names[temp] = name
        return key

    def tag_id(self, name: str) -> int:
        key = name.lower()
        if key not in self.tags:
            temp = -(len(self.tag_names) + 1)
            while temp in self.tag_names:
                temp -= 1
            self.tags[key] = temp
            self.tag_names[temp] = name
        return self.tags[key]

    def name_index(self, *, without_profile: bool) -> dict[str, list[tuple[int, str]]]:
        """Name key → (contact, organisation key) of everyone, or only of those without a
        LinkedIn profile; built on first need. A record with a profile can only be someone
        without one (else the profile would have matched), so a LinkedIn import with URLs
        never computes a name key."""
        index = self.by_name_without_profile if without_profile else self.by_name
        if index is None:
            index = {}
            org_keys = {org_id: name.lower() for name, org_id in self.organizations.items()}
            rows = (
                Contact.objects.filter(owner=self.owner)
                .order_by("id")
                .values_list("id", "name", "organization_id")
            )
            for contact_id, name, org_id in rows:
                if without_profile and any(
                    k == "linkedin" for k, _ in self.points.get(contact_id, ())
                ):
                    continue
                if contact_id in self.existing:  # as this import may have filled it in
                    org_id = self.existing[contact_id][ORGANIZATION]
                org = org_keys.get(org_id, "") if org_id else ""
                key = name_key(name)
                self.name_keys[contact_id] = key
                index.setdefault(key, []).append((contact_id, org))
            for temp, pending in self.pending.items():
                if without_profile and self.profiles.get(temp):
                    continue
                org = _org_key(pending.organization)
                key = name_key(pending.name)
                self.name_keys[temp] = key
                index.setdefault(key, []).append((temp, org))
            if without_profile:
                self.by_name_without_profile = index
            else:
                self.by_name = index
        return index

    def same_name(
        self,
        name: str,
        org_key: str,
        profile: str | None,
        points: list[tuple[tuple[str, str], str]],
        uid: str = "",
    ) -> int | None:
        """A contact with this name at this organisation, unless their LinkedIn profile says
        they are someone else (one person has one profile; two "Sam Lee"s at Acme are two).

        A name alone is weaker evidence where there is no organisation, and within one file
        (where two entries with one name are two entries the user kept apart): there, a
        contradiction also tells people apart (see ``_contradicts``), and so do two cards of
        one file with different UIDs (an address book's two entries, or our own export of two
        namesakes). A UID from another file tells no one apart: each source makes its own.

        A missing organisation is not a different one: with no match at the same organisation,
        a record without one finds the person of that name elsewhere (and a record with one,
        the person of that name without one), unless they contradict each other; of several,
        the one added first. So a phone card without a company finds the LinkedIn connection,
        and a second run makes the same choices as the first, whose rows filled in
        organisations as they went.
        """
        index = self.name_index(without_profile=profile is not None)
        if not index:
            return None
        key = name_key(name)
        entries = index.get(key, ())
        # New people of this file that an email or profile tells apart from this record are
        # skipped in bulk (see ``told_apart_before``): a file of 10,000 people with one name
        # and 10,000 emails is not 50 million comparisons.
        mask = _personal_mask(points)
        memo = (profile is not None, key, mask) if mask else None
        loose: list[int] = []
        position, count = 0, len(entries)
        while position < count:
            candidate, org = entries[position]
            if candidate < 0 and memo is not None:
                start = self.told_apart_before.get(memo, position)
                if start > position:
                    position = start
                    continue
                if self._kinds_of(candidate) & mask:
                    self.told_apart_before[memo] = position + 1
                    position += 1
                    continue
                memo = None  # the run of people told apart ends here
            position += 1
            if org != org_key:
                if not org or not org_key:
                    loose.append(candidate)
                continue
            if self._told_apart(
                candidate, profile, points, uid, strict=candidate < 0 or not org_key
            ):
                continue
            return candidate
        for candidate in loose:  # in the order they were added
            if not self._told_apart(candidate, profile, points, uid, strict=True):
                return candidate
        return None

    def _kinds_of(self, candidate: int) -> int:
        """The kinds of the candidate's contact points, as ``_KIND_BITS``."""
        mask = 0
        for kind, _ in self.points.get(candidate, ()):
            mask |= _KIND_BITS.get(kind, 0)
        return mask

    def organization_filled(self, key: int, org_key: str) -> None:
        """Contact ``key`` now has an organisation: later rows of the file see it."""
        name = self.name_keys.get(key)
        if name is None:  # not in a name index (yet: it will be built with it)
            return
        for index in (self.by_name, self.by_name_without_profile):
            entries = index.get(name, []) if index is not None else []
            for position, (candidate, _) in enumerate(entries):
                if candidate == key:
                    entries[position] = (key, org_key)

    def _told_apart(
        self,
        candidate: int,
        profile: str | None,
        points: list[tuple[tuple[str, str], str]],
        uid: str,
        *,
        strict: bool,
    ) -> bool:
        """Whether ``candidate`` is someone else: another LinkedIn profile, another card of
        this file, or (``strict``) emails or phones of which they share none
        (``_contradicts``)."""
        if uid and self.card_uids.get(candidate, uid) != uid:
            return True  # another card of this file is this contact
        theirs = self.points.get(candidate, ())
        if profile is not None:
            profiles = {n for kind, n in theirs if kind == "linkedin"}
            if profiles and profile not in profiles:
                return True
        return strict and _contradicts(theirs, points)

    def remember_name(self, key: int, pending: PersonRecord, profile: str | None) -> None:
        if self.by_name is None and (self.by_name_without_profile is None or profile):
            return
        name = self.name_keys[key] = name_key(pending.name)
        entry = (key, _org_key(pending.organization))
        if self.by_name is not None:
            self.by_name.setdefault(name, []).append(entry)
        if self.by_name_without_profile is not None and not profile:
            self.by_name_without_profile.setdefault(name, []).append(entry)


PERSONAL = ("email", "phone", "linkedin")
_KIND_BITS = {"email": 1, "phone": 2, "linkedin": 4}


def _personal_mask(points: list[tuple[tuple[str, str], str]]) -> int:
    """The kinds of email and profile a record has, as bits; 0 when it has none, or has a
    phone. Two namesakes are then told apart exactly when the other has one of these kinds
    too: neither shares an email or profile (else it would have matched by it), and a phone,
    which is no identity, is the one thing they could share (see ``_contradicts``)."""
    mask = 0
    for (kind, _), _ in points:
        if kind == "phone":
            return 0
        mask |= _KIND_BITS.get(kind, 0)
    return mask


def _contradicts(
    theirs: Iterable[tuple[str, str]], points: list[tuple[tuple[str, str], str]]
) -> bool:
    """Whether two people with one name are told apart by how to reach them: both have an
    email (or a phone, or a profile) and they share none of their emails, phones or profiles.
    "Chris Smith, chris1@…" and "Chris Smith, chris2@…" are two people; a card with only a
    phone and a row with only an email may still be one."""
    mine = {ident for ident, _ in points if ident[0] in PERSONAL}
    if not mine:
        return False
    kinds = {kind for kind, _ in mine}
    both = False
    for ident in theirs:
        if ident in mine:
            return False
        both = both or ident[0] in kinds
    return both


def _points(record: PersonRecord, report: ImportReport) -> list[tuple[tuple[str, str], str]]:
    """((kind, normalized), value) of a record's emails, phones and URLs, identities first."""
    if not record.phones and len(record.urls) == 1 and len(record.emails) <= 1:
        # The LinkedIn row: one profile and maybe an email (the loop below does the same).
        url = record.urls[0]
        profile = profile_key(url)
        if profile:
            if "%" in url:  # stored readable, as the LinkedIn reader stores it
                url = unquote(url)
            points = [(("linkedin", profile[:POINT_LIMIT]), url[:POINT_LIMIT])]
            if record.emails and is_email(email := record.emails[0]):
                points.append(
                    (("email", normalize_email(email)[:POINT_LIMIT]), email.strip()[:POINT_LIMIT])
                )
            elif record.emails:
                report.warnings.append(
                    f"line {record.line}: {email!r} is not an email address; left out"
                )
            return points
    points = []
    for url in record.urls:
        profile = profile_key(url)
        if profile:
            shown = unquote(url) if "%" in url else url  # as above
            points.append((("linkedin", profile[:POINT_LIMIT]), shown[:POINT_LIMIT]))
            continue
        try:
            kind, normalized = classify_point(url, "url")
        except UserError:
            report.warnings.append(f"line {record.line}: {url!r} is not a web address; left out")
            continue
        points.append(((kind, normalized[:POINT_LIMIT]), url[:POINT_LIMIT]))
    for email in record.emails:
        if not is_email(email):
            report.warnings.append(
                f"line {record.line}: {email!r} is not an email address; left out"
            )
            continue
        points.append(
            (("email", normalize_email(email)[:POINT_LIMIT]), email.strip()[:POINT_LIMIT])
        )
    if len(points) > 1 and points[0][0][0] != "linkedin":
        points.sort(key=lambda point: point[0][0] != "linkedin")
    for phone in record.phones:
        try:
            kind, normalized = classify_point(phone, "phone")
        except UserError:
            report.warnings.append(f"line {record.line}: {phone!r} is not a phone number; left out")
            continue
        points.append(((kind, normalized[:POINT_LIMIT]), phone.strip()[:POINT_LIMIT]))
    return points


def _fill_pending(key: int, target: PersonRecord, record: PersonRecord, network: _Network) -> None:
    """Fill a new contact's empty fields from a later row about the same person; notes that
    differ are both kept (neither is more the user's than the other)."""
    for name in FILLABLE:
        value = getattr(record, name)
        if value and not getattr(target, name):
            setattr(target, name, value[: LIMITS.get(name, 10**9)])
    if record.notes and target.notes and record.notes.strip() not in target.notes:
        target.notes = f"{target.notes.rstrip()}\n\n{record.notes.strip()}"
    if record.organization and not target.organization:
        target.organization = record.organization[:ORG_LIMIT].strip()
        network.organization_filled(key, network.organization_key(target.organization))
    if record.added_on and (target.added_on is None or record.added_on < target.added_on):
        target.added_on = record.added_on


def _fill_existing(key: int, row: list[Any], record: PersonRecord, network: _Network) -> bool:
    """Fill an existing contact's empty fields from the record; True if anything changed."""
    changed = False
    for position, name in enumerate(EXISTING_FIELDS):
        if name == "organization_id":
            if record.organization and row[position] is None:
                org_key = network.organization_key(record.organization)
                row[position] = network.organizations[org_key]
                network.organization_filled(key, org_key)
                changed = True
            continue
        value = getattr(record, name)
        if value and not row[position]:
            row[position] = value[: LIMITS.get(name, 10**9)]
            changed = True
    if record.added_on and record.added_on < row[ADDED_ON]:
        row[ADDED_ON] = record.added_on
        changed = True
    return changed


def merge_people(
    *,
    owner: User,
    records: Sequence[PersonRecord],
    source: str,
    report: ImportReport,
    today: date,
    now: datetime,
) -> None:
    """Match, fill and write; counts go into ``report``. Call inside ``transaction.atomic``.

    The loop runs once per row of files with tens of thousands of rows, so what it touches on
    every row is bound to locals and organisation names are worked out once per name.
    """
    network = _Network.load(owner)
    first_line: dict[int, int] = {}
    network.today = today
    identity = network.identity
    known_points = network.points
    pending = network.pending
    new_points = network.new_points
    limit_name, limit_first, limit_last, limit_title, limit_location = (
        LIMITS[name] for name in ("name", "first_name", "last_name", "title", "location")
    )
    organizations: dict[str, tuple[str, str]] = {}  # as written → (key, as stored)
    added = updated = unchanged = 0
    for record in records:
        if (
            len(record.name) > limit_name
            or len(record.first_name) > limit_first
            or len(record.last_name) > limit_last
            or len(record.title) > limit_title
            or len(record.location) > limit_location
        ):
            for name, limit in LIMITS.items():  # what the columns hold, before matching
                setattr(record, name, getattr(record, name)[:limit].strip())
        if record.notes:
            record.notes = clean_lines(record.notes)
        points = _points(record, report)
        key: int | None = None
        if record.uid:  # the same card again (or our own export of this contact)
            found = network.uid_index().get(record.uid)
            if found is not None:
                key, made = found
                if made:
                    record.uid = ""  # made from the contact, not a card's: nothing to store
        if key is None:
            for ident, _ in points:
                if ident[0] in IDENTITIES:
                    key = identity.get(ident)
                    if key is not None:
                        break
        organization = record.organization
        if organization:
            known = organizations.get(organization)
            if known is None:
                known = _org_key(organization), organization[:ORG_LIMIT].strip()
                organizations[organization] = known
            org_key, stored_org = known
        else:
            org_key = stored_org = ""
        profile = points[0][0][1] if points and points[0][0][0] == "linkedin" else None
        if key is None:
            key = network.same_name(record.name, org_key, profile, points, record.uid)
        changed = False
        if key is None:
            key = -(len(pending) + 1)
            if org_key:
                record.organization = stored_org
                if org_key not in network.organizations:
                    network.organization_key(record.organization)
            pending[key] = record
            if record.uid and network.uids is not None:
                network.uids.setdefault(record.uid, (key, False))
            network.profiles[key] = profile
            network.remember_name(key, record, profile)
            first_line[key] = record.line
            added += 1
        elif key < 0:
            _fill_pending(key, pending[key], record, network)
            report.warnings.append(
                f"line {record.line}: the same person as line {first_line[key]}; merged into one"
            )
        elif _fill_existing(key, network.existing[key], record, network):
            network.changed.add(key)
            changed = True
        if record.uid:
            network.card_uids.setdefault(key, record.uid)
        have = known_points.get(key)
        if have is None:
            have = known_points[key] = set()
        for ident, value in points:
            if ident in have:
                continue
            if ident[0] in IDENTITIES:
                if ident in identity:
                    report.warnings.append(
                        f"line {record.line}: {value} already belongs to another contact; left out"
                    )
                    continue
                identity[ident] = key
            have.add(ident)
            new_points.append((key, ident, value))
            changed = True
        if record.tags:
            if network.contact_tags is None:
                through = Contact.tags.through
                network.contact_tags = set(
                    through.objects.filter(contact__owner=owner).values_list("contact_id", "tag_id")
                )
            for tag in record.tags:
                pair = (key, network.tag_id(tag))
                if pair not in network.contact_tags:
                    network.contact_tags.add(pair)
                    network.new_tags.append(pair)
                    changed = True
        if key > 0:
            if changed:
                updated += 1
            else:
                unchanged += 1
        elif first_line.get(key, record.line) != record.line:
            unchanged += 1
    report.added += added
    report.updated += updated
    report.unchanged += unchanged
    _write(network, source=source, now=now)


def _index_order(
    points: list[tuple[int, tuple[str, str], str]],
) -> list[tuple[int, tuple[str, str], str]]:
    """New points in the order of the identity index (kind, normalized), so SQLite appends to
    it instead of inserting all over it; one contact's emails keep their own order."""
    first: dict[tuple[int, str], str] = {}
    for key, (kind, normalized), _ in points:
        first.setdefault((key, kind), normalized)
    order = sorted(
        range(len(points)),
        key=lambda i: (points[i][1][0], first[(points[i][0], points[i][1][0])], points[i][0], i),
    )
    return [points[i] for i in order]


def _write_contacts(
    network: _Network,
    *,
    source: str,
    now: datetime,
    stamp: Any,
    day: Callable[[date], Any],
    org_id: Callable[[int | None], int | None],
    ordered: bool,
) -> dict[int, int]:
    """Insert the new contacts; their ids by temporary key.

    ``ordered``: in name order, so that SQLite appends to the name index instead of inserting
    all over it (pointless when the indexes are built afterwards).
    """
    pending = network.pending
    if not pending:
        return {}
    before = _max_id(Contact)
    order = (
        sorted(pending, key=lambda temp: pending[temp].name.lower()) if ordered else list(pending)
    )
    constants: dict[str, int | str] = {
        "owner": network.owner.pk, "industry": "", "how_met": "", "tie": "weak",
        "closeness": 2, "level": "", "source": source,
    }  # fmt: skip
    stamps: tuple[Any, ...] = (stamp, stamp)
    if isinstance(stamp, str):  # SQLite: the timestamp is text, a literal like the others
        constants |= {"created_at": stamp, "updated_at": stamp}
        stamps = ()
    today = day(network.today)
    organizations = network.organizations
    org_ids: dict[str, int | None] = {}  # as written → id, worked out once per name

    def organization(name: str) -> int | None:
        found = org_ids.get(name, 0)
        if found == 0:
            found = org_ids[name] = org_id(organizations[_org_key(name)])
        return found

    _insert(
        Contact,
        [
            "name", "first_name", "last_name", "title", "organization", "location", "notes",
            "uid", "added_on", *(["created_at", "updated_at"] if stamps else []),
        ],
        [
            (
                p.name, p.first_name, p.last_name, p.title,
                organization(p.organization) if p.organization else None,
                p.location, p.notes, p.uid, day(p.added_on) if p.added_on else today, *stamps,
            )
            for p in (pending[temp] for temp in order)
        ],
        constants,
    )  # fmt: skip
    new_ids = Contact.objects.filter(owner=network.owner, id__gt=before, created_at=now)
    ids = _ids_in_order(new_ids)
    if len(ids) != len(order):  # pragma: no cover - another writer inside our transaction
        raise UserError("Another import ran at the same time; nothing was imported.")
    return dict(zip(order, ids, strict=True))


def _write(network: _Network, *, source: str, now: datetime) -> None:
    owner_id = network.owner.pk
    ops = connection.ops
    stamp = ops.adapt_datetimefield_value(now)
    day_cache: dict[date, Any] = {}

    def day(value: date) -> Any:
        if value not in day_cache:
            day_cache[value] = ops.adapt_datefield_value(value)
        return day_cache[value]

    # Organisations first: contacts point at them.
    new_orgs = [(temp, name) for temp, name in network.organization_names.items() if temp < 0]
    org_ids: dict[int, int] = {}
    if new_orgs:
        before = _max_id(Organization)
        _insert(
            Organization,
            ["owner", "name", "kind", "is_target", "insight", "website", "created_at"],
            ((owner_id, name, "employer", False, "", "", stamp) for _, name in new_orgs),
        )
        created = dict(
            (name.lower(), org_id)
            for org_id, name in Organization.objects.filter(
                owner_id=owner_id, id__gt=before
            ).values_list("id", "name")
        )
        org_ids = {temp: created[name.lower()] for temp, name in new_orgs}

    def org_id(value: int | None) -> int | None:
        return org_ids.get(value, value) if value is not None and value < 0 else value

    bulk = _indexes_built_after(
        {Contact: len(network.pending), ContactPoint: len(network.new_points)}
    )
    with bulk as deferred:
        contact_ids = _write_contacts(
            network, source=source, now=now, stamp=stamp, day=day, org_id=org_id,
            ordered=Contact not in deferred,
        )  # fmt: skip

        def contact_id(key: int) -> int:
            return contact_ids[key] if key < 0 else key

        if network.changed:
            _update(
                Contact,
                [*EXISTING_FIELDS[:3], "organization", *EXISTING_FIELDS[4:], "added_on",
                 "updated_at"],
                [
                    (*row[:3], org_id(row[3]), *row[4:ADDED_ON], day(row[ADDED_ON]), stamp, cid)
                    for cid, row in ((c, network.existing[c]) for c in sorted(network.changed))
                ],
            )  # fmt: skip
        if network.new_points:
            points = network.new_points
            if ContactPoint not in deferred:
                points = _index_order(points)
            _insert(
                ContactPoint,
                ["contact", "kind", "value", "normalized"],
                [  # contact_id() inlined: this runs once per point, 51,000 times a file
                    (contact_ids[key] if key < 0 else key, kind, value, normalized)
                    for key, (kind, normalized), value in points
                ],
                {"owner": owner_id, "label": ""},
            )
    if network.new_tags:
        new_tags = [(temp, name) for temp, name in network.tag_names.items() if temp < 0]
        tag_ids: dict[int, int] = {}
        if new_tags:
            before = _max_id(Tag)
            _insert(Tag, ["owner", "name", "is_focus"], ((owner_id, n, False) for _, n in new_tags))
            created = {
                name.lower(): tag_id
                for tag_id, name in Tag.objects.filter(
                    owner_id=owner_id, id__gt=before
                ).values_list("id", "name")
            }
            tag_ids = {temp: created[name.lower()] for temp, name in new_tags}
        through = Contact.tags.through
        through.objects.bulk_create(
            through(contact_id=contact_id(key), tag_id=tag_ids.get(tag, tag))
            for key, tag in network.new_tags
        )


# Messages ------------------------------------------------------------------------------------


def _party_keys(party: Party) -> list[str]:
    keys = []
    if party.url:
        profile = profile_key(party.url)
        if profile:
            keys.append(profile)
    if party.name:
        keys.append("name:" + name_key(party.name))
        # As Connections.csv names were stored: without credentials, pronouns or emoji.
        _, cleaned = clean_person_name("", party.name)
        if cleaned and cleaned != party.name:
            keys.append("name:" + name_key(cleaned))
    return keys


def _summary(record: MessageRecord) -> str:
    if record.invitation:
        text = "LinkedIn invitation"
        return f"{text}: {record.content}"[:300] if record.content else text
    about = record.subject or record.content
    return f"LinkedIn message: {about}"[:300] if about else "LinkedIn message"


def merge_messages(
    *, owner: User, records: Sequence[MessageRecord], report: ImportReport, now: datetime
) -> None:
    """Interactions for conversations with people in the network; see the module docstring."""
    profiles = dict(
        ContactPoint.objects.filter(owner=owner, kind="linkedin").values_list(
            "normalized", "contact_id"
        )
    )
    names: dict[str, list[int]] = {}
    for contact_id, name in Contact.objects.filter(owner=owner).values_list("id", "name"):
        names.setdefault("name:" + name_key(name), []).append(contact_id)

    # The user is whoever appears on every message: the most frequent party.
    counts: Counter[str] = Counter()
    for record in records:
        for party in (record.sender, *record.recipients):
            counts.update(set(_party_keys(party)))
    me: set[str] = set()
    if counts:
        top = counts.most_common(1)[0][1]
        me = {key for key, count in counts.items() if count == top}
        # A tie (a file with one conversation): you are not among your own contacts.
        strangers = {key for key in me if key not in profiles and key not in names}
        if strangers and strangers != me:
            me = strangers

    def resolve(party: Party) -> tuple[int | None, str]:  # (contact, why not)
        for key in _party_keys(party):
            if key in profiles:
                return profiles[key], ""
            found = names.get(key, [])
            if len(found) == 1:
                return found[0], ""
            if len(found) > 1:
                return None, f"{party.name} matches {len(found)} contacts; log it by hand"
        who = party.name or party.url or "someone"
        return None, f"{who} is not in your network (import your connections first)"

    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for record in records:
        if record.direction == "out":
            others = record.recipients
            direction = "out"
        elif record.direction == "in":
            others = [record.sender]
            direction = "in"
        else:
            sender_is_me = bool(set(_party_keys(record.sender)) & me)
            direction = "out" if sender_is_me else "in"
            parties = [record.sender, *record.recipients]
            others = [p for p in parties if not set(_party_keys(p)) & me]
        found: list[int] = []
        reasons: list[str] = []
        for party in others:
            match, reason = resolve(party)
            if match is None:
                reasons.append(reason)
            elif match not in found:
                found.append(match)
        if not found:
            report.skipped.append(Skipped(record.line, reasons[0] if reasons else "no one else"))
            continue
        people = frozenset(found)
        kind = (
            ("invitation", record.line) if record.invitation else ("message", record.conversation)
        )
        group = groups.setdefault(
            (kind, record.occurred_on, people),
            {"record": record, "directions": set(), "people": found},
        )
        group["directions"].add(direction)

    through = Interaction.participants.through
    seen: dict[int, tuple[date, str]] = {
        interaction_id: (occurred_on, summary)
        for interaction_id, occurred_on, summary in Interaction.objects.filter(
            owner=owner, channel="message"
        ).values_list("id", "occurred_on", "summary")
    }
    members: dict[int, set[int]] = {}
    for interaction_id, contact_id in through.objects.filter(
        interaction_id__in=list(seen)
    ).values_list("interaction_id", "contact_id"):
        members.setdefault(interaction_id, set()).add(contact_id)
    known = {(day, summary, frozenset(members.get(i, ()))) for i, (day, summary) in seen.items()}

    new: list[tuple[Interaction, list[int]]] = []
    for (_, day, people), group in groups.items():
        record = group["record"]
        summary = _summary(record)
        if (day, summary, people) in known:
            report.unchanged += 1
            continue
        known.add((day, summary, people))
        directions = group["directions"]
        direction = "both" if len(directions) > 1 else next(iter(directions))
        interaction = Interaction(
            owner=owner,
            occurred_on=day,
            channel="message",
            direction=direction,
            summary=summary,
            created_at=now,
        )
        new.append((interaction, group["people"]))
    if new:
        Interaction.objects.bulk_create([interaction for interaction, _ in new])
        through.objects.bulk_create(
            through(interaction_id=interaction.pk, contact_id=contact_id)
            for interaction, people in new
            for contact_id in people
        )
        touched = {contact_id for _, people in new for contact_id in people}
        contacts_refresh_last_contacted(owner=owner, contact_ids=touched)
    report.added += len(new)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
