"""People, organisations and the ties between them; interactions and their next steps.

Every row belongs to one user (``owner``); selectors filter on it so a user only ever sees
their own network. ``Contact.last_contacted`` is derived from interactions and stored so that
the daily plan can rank 30,000 people in one query; only
``services.contacts_refresh_last_contacted`` writes it, and every path that adds, moves or
removes interactions calls it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone


class Owned(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True


def max_length(model: type[models.Model], name: str) -> int:
    """How many characters ``model.name`` holds (a very large number for unbounded text)."""
    return int(getattr(model._meta.get_field(name), "max_length", None) or 10**9)


def owner_without_index() -> models.ForeignKey[Any, Any]:
    """``Owned.owner`` without an index of its own, for tables whose every index starts with the
    owner (and so already serves "this user's rows"): one index fewer to keep up on each
    insert, and an import writes tens of thousands of rows into these tables."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )


class Organization(Owned):
    class Kind(models.TextChoices):
        EMPLOYER = "employer", "Employer"
        ASSOCIATION = "association", "Professional association"
        SCHOOL = "school", "School"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.EMPLOYER)
    is_target = models.BooleanField(
        "target", default=False, help_text="An employer I want to work at."
    )
    insight = models.TextField(
        blank=True, help_text="What I learned about them: a good place, or one to steer clear of."
    )
    website = models.CharField(max_length=300, blank=True)
    motivation = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="How much I want to work there, 1 (mildly) to 5 (my dream employer).",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint("owner", Lower("name"), name="organization_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Tag(Owned):
    name = models.CharField(max_length=60)
    is_focus = models.BooleanField(
        "focus", default=False, help_text="People with this tag come first in the daily plan."
    )

    class Meta:
        ordering = [Lower("name")]
        constraints = [models.UniqueConstraint("owner", Lower("name"), name="tag_unique_name")]

    def __str__(self) -> str:
        return self.name


class Contact(Owned):
    owner = owner_without_index()

    class Tie(models.TextChoices):
        STRONG = "strong", "Strong tie"
        WEAK = "weak", "Weak tie"
        NONE = "none", "Not met yet"

    class Level(models.TextChoices):
        UNKNOWN = "", "Unknown"
        JUNIOR = "junior", "Junior"
        PEER = "peer", "Peer"
        SENIOR = "senior", "Senior"
        EXECUTIVE = "executive", "Executive"

    class Source(models.TextChoices):
        MANUAL = "manual", "Added by hand"
        LINKEDIN = "linkedin", "LinkedIn"
        GOOGLE = "google", "Google Contacts"
        OUTLOOK = "outlook", "Outlook"
        VCARD = "vcard", "vCard"
        EVENT = "event", "Met at an event"
        DEMO = "demo", "Demo network"

    name = models.CharField(max_length=200)
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    title = models.CharField("headline / title", max_length=300, blank=True)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="contacts"
    )
    industry = models.CharField(max_length=120, blank=True)
    location = models.CharField(max_length=120, blank=True)
    how_met = models.CharField("how we met", max_length=300, blank=True)
    tie = models.CharField(max_length=10, choices=Tie.choices, default=Tie.WEAK)
    closeness = models.PositiveSmallIntegerField(
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 (barely know them) to 5 (very close).",
    )
    level = models.CharField(max_length=12, choices=Level.choices, blank=True, default="")
    notes = models.TextField(blank=True, help_text="Free notes, Markdown.")
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.MANUAL)
    uid = models.CharField(
        "vCard UID",
        max_length=200,
        blank=True,
        editable=False,
        help_text="The UID of the card this person was imported from, written back on export "
        "(empty: the export makes one from the contact; see interop.vcard.contact_uid).",
    )
    added_on = models.DateField(
        default=timezone.localdate, help_text="When they joined my network."
    )
    archived_at = models.DateTimeField(null=True, blank=True)
    last_contacted = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="Day of the latest interaction (derived; empty if never contacted).",
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="contacts")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = [Lower("name"), "id"]
        indexes = [
            models.Index(fields=["owner", "archived_at"]),
            models.Index("owner", Lower("name"), name="contact_owner_name"),
            models.Index(fields=["owner", "last_contacted"], name="contact_owner_last"),
            # "New people met this week" and the dormant rule for the never contacted.
            models.Index(fields=["owner", "added_on"], name="contact_owner_added"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closeness__gte=1) & Q(closeness__lte=5), name="contact_closeness_1_5"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class ContactRole(models.Model):
    """A role a contact plays in my search; a contact may have several."""

    class Role(models.TextChoices):
        MENTOR = "mentor", "Mentor"
        RECRUITER = "recruiter", "Recruiter"
        HIRING_MANAGER = "hiring_manager", "Hiring manager"
        HR = "hr", "HR"
        REFERRER = "referrer", "Referrer"
        COLLABORATOR = "collaborator", "Collaborator"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "role"], name="contactrole_unique"),
        ]

    def __str__(self) -> str:
        return self.get_role_display()


class ContactPoint(Owned):
    """An email, phone number or URL of a contact.

    ``normalized`` is the comparable form (lower-cased email, digits of a phone, the
    ``linkedin.com/in/<slug>`` of a LinkedIn profile). Emails and LinkedIn profiles identify a
    person, so they are unique per owner; phones and other URLs may be shared (a switchboard).
    """

    owner = owner_without_index()

    class Kind(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"
        LINKEDIN = "linkedin", "LinkedIn profile"
        URL = "url", "Web address"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="points")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    label = models.CharField(max_length=40, blank=True, help_text="work, home, mobile…")
    value = models.CharField(max_length=500)
    normalized = models.CharField(max_length=500)

    class Meta:
        ordering = ["kind", "id"]
        indexes = [models.Index(fields=["owner", "kind", "normalized"])]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "kind", "normalized"],
                condition=Q(kind__in=["email", "linkedin"]),
                name="contactpoint_unique_identity",
            ),
        ]

    def __str__(self) -> str:
        return self.value


class Memory(models.Model):
    """A shared moment worth mentioning when reconnecting ("talking football on Mondays")."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="memories")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "memories"

    def __str__(self) -> str:
        return self.text


class HelpIdea(models.Model):
    """A way I could help this person (seed 003, "Offer Help in Return")."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="help_ideas")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text


class ContactLink(Owned):
    """Who knows whom among my contacts. Undirected: stored with ``contact_a.id < contact_b.id``."""

    class Kind(models.TextChoices):
        COLLEAGUE = "colleague", "Colleague"
        FRIEND = "friend", "Friend"
        CLASSMATE = "classmate", "Classmate"
        FAMILY = "family", "Family"
        INTRODUCED = "introduced", "Introduced by me"
        OTHER = "other", "Knows"

    contact_a = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="links_a")
    contact_b = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="links_b")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.OTHER)
    strength = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 (know of each other) to 5 (very close).",
    )
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact_a", "contact_b"], name="contactlink_unique"),
            models.CheckConstraint(
                condition=Q(contact_a__lt=F("contact_b")), name="contactlink_ordered"
            ),
            models.CheckConstraint(
                condition=Q(strength__gte=1) & Q(strength__lte=5), name="contactlink_strength_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact_a} – {self.contact_b} ({self.get_kind_display()})"


class Interaction(Owned):
    class Channel(models.TextChoices):
        CALL = "call", "Call"
        EMAIL = "email", "Email"
        MEETING = "meeting", "Meeting"
        COFFEE = "coffee", "Coffee"
        VIDEO = "video", "Video call"
        MESSAGE = "message", "Message"
        EVENT = "event", "Event conversation"
        OTHER = "other", "Other"

    class Direction(models.TextChoices):
        OUTGOING = "out", "I reached out"
        INCOMING = "in", "They reached out"
        MUTUAL = "both", "Both"

    occurred_on = models.DateField(default=timezone.localdate)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.OTHER)
    direction = models.CharField(
        max_length=4, choices=Direction.choices, default=Direction.OUTGOING
    )
    summary = models.TextField()
    participants = models.ManyToManyField(Contact, related_name="interactions")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["owner", "occurred_on"])]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.get_channel_display()}: {self.summary[:40]}"


class NextStep(Owned):
    """What happens next after a conversation, and whose move it is (seed 003)."""

    text = models.CharField(max_length=500)
    mine = models.BooleanField(default=True, help_text="My move (otherwise theirs).")
    due = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="next_steps"
    )
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="next_steps"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = [F("due").asc(nulls_last=True), "id"]
        indexes = [models.Index(fields=["owner", "done_on", "due"])]

    def __str__(self) -> str:
        return self.text

    @property
    def is_open(self) -> bool:
        return self.done_on is None
