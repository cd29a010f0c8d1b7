"""The hidden job market (PRODUCT §7, §8): job leads and their stages, events and the people
met there, and memberships of professional associations.

Target organisations need no table of their own: ``network.Organization`` already carries
``is_target``, ``motivation`` and ``insight``.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from weakties.network.models import Contact, NextStep, Organization, Owned


class Lead(Owned):
    """An opening, or a possible one, at an organisation: heard of, then followed to an end."""

    class Stage(models.TextChoices):
        HEARD = "heard", "Heard"
        RESEARCHING = "researching", "Researching"
        REFERRAL_ASKED = "referral_asked", "Referral asked"
        APPLIED = "applied", "Applied"
        INTERVIEWING = "interviewing", "Interviewing"
        OFFER = "offer", "Offer"
        WON = "won", "Closed: won"
        LOST = "lost", "Closed: lost"
        WITHDRAWN = "withdrawn", "Closed: withdrawn"

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="leads")
    role = models.CharField(max_length=200, help_text="The job, in the words of whoever told me.")
    source = models.ForeignKey(
        Contact,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leads_told",
        help_text="Who told me about it (empty: I found the posting myself).",
    )
    referrer = models.ForeignKey(
        Contact,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leads_referred",
        help_text="Who I asked to refer me.",
    )
    follow_up = models.ForeignKey(
        NextStep,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The follow-up with the referrer, done when the lead closes.",
    )
    heard_on = models.DateField(default=timezone.localdate)
    is_posted = models.BooleanField(
        "posted publicly", default=False, help_text="On a job board or the careers page."
    )
    url = models.CharField("link", max_length=500, blank=True)
    notes = models.TextField(blank=True)
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.HEARD)
    stage_changed_on = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-heard_on", "-id"]
        indexes = [models.Index(fields=["owner", "stage"])]

    def __str__(self) -> str:
        return f"{self.role} at {self.organization}"

    @property
    def is_open(self) -> bool:
        return self.stage not in CLOSED_STAGES


CLOSED_STAGES = (Lead.Stage.WON, Lead.Stage.LOST, Lead.Stage.WITHDRAWN)
OPEN_STAGES = tuple(stage for stage in Lead.Stage if stage not in CLOSED_STAGES)


class LeadStageChange(models.Model):
    """One move of a lead from a stage to another, on a day: the lead's history."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="history")
    from_stage = models.CharField(max_length=16, choices=Lead.Stage.choices, blank=True)
    to_stage = models.CharField(max_length=16, choices=Lead.Stage.choices)
    changed_on = models.DateField(default=timezone.localdate)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_on", "id"]

    def __str__(self) -> str:
        return f"{self.changed_on} {self.from_stage or '—'} → {self.to_stage}"


class Event(Owned):
    """A conference, meetup, association meeting… and the people I met there."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", "Conference"
        MEETUP = "meetup", "Meetup"
        ASSOCIATION = "association", "Association meeting"
        CAREER_FAIR = "career_fair", "Career fair"
        WEBINAR = "webinar", "Webinar"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    held_on = models.DateField("date")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.OTHER)
    organizer = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events_organized",
    )
    location = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    people_met = models.ManyToManyField(Contact, blank=True, related_name="events_met_at")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["owner", "held_on"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.held_on})"


class Membership(Owned):
    """I belong to a professional association: since when, and what I do there."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    since = models.DateField(null=True, blank=True)
    role = models.CharField(
        max_length=200, blank=True, default="member", help_text="member, events committee…"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "organization"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.role or 'member'} of {self.organization}"
