"""What import and export remember: the imports a user ran, and their calendar feed.

An ``ImportRecord`` is written for every import that changed the database (a dry run leaves
none), so ``weakties imports`` can say what came from where and when. ``CalendarFeed`` holds the
secret token of a user's iCalendar URL; ``FeedEvent`` remembers what each event looked like last
time the feed was read, so a changed event gets a higher ``SEQUENCE`` and calendars update it.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from weakties.network.models import Owned


class ImportRecord(Owned):
    class Kind(models.TextChoices):
        LINKEDIN = "linkedin", "LinkedIn connections"
        LINKEDIN_MESSAGES = "linkedin-messages", "LinkedIn messages"
        LINKEDIN_INVITATIONS = "linkedin-invitations", "LinkedIn invitations"
        GOOGLE = "google", "Google Contacts CSV"
        OUTLOOK = "outlook", "Outlook CSV"
        VCARD = "vcard", "vCard"

    kind = models.CharField(max_length=24, choices=Kind.choices)
    file_name = models.CharField(max_length=300)
    sha256 = models.CharField("SHA-256 of the file", max_length=64)
    added = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    warnings = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_kind_display()})"


class CalendarFeed(Owned):
    """The secret part of a user's calendar URL; revoking replaces the token."""

    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner"], name="calendarfeed_one_per_user")]

    def __str__(self) -> str:
        return f"Calendar feed of {self.owner}"


class FeedEvent(Owned):
    """The last published form of one calendar event (``digest``) and its ``SEQUENCE``."""

    uid = models.CharField(max_length=200)
    digest = models.CharField(max_length=64)
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "uid"], name="feedevent_unique_uid"),
        ]

    def __str__(self) -> str:
        return f"{self.uid} #{self.sequence}"
