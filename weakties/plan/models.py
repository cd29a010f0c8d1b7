"""The reciprocity ledger (PRODUCT §4) and the daily plan's own state (PRODUCT §3, §5).

An ``Exchange`` is one thing given or received: an article, a job posting, an introduction…
Other areas record into it through ``plan.services.exchange_record`` (a lead's source is
"received: job posting"; a recommendation given is "gave: recommendation").

``PlanSettings`` holds one user's goals and profile (the "why now" of a reconnect note);
``Pause`` is a skip or a snooze of one person; ``MessageTemplate`` is a stored, editable
reconnect note or announcement.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from weakties.network.models import Contact, Owned


class Exchange(Owned):
    class Direction(models.TextChoices):
        GAVE = "gave", "I gave"
        GOT = "got", "I received"

    class Kind(models.TextChoices):
        ARTICLE = "article", "Article"
        JOB_POSTING = "job_posting", "Job posting"
        INTRODUCTION = "introduction", "Introduction"
        RECOMMENDATION = "recommendation", "Recommendation"
        ENDORSEMENT = "endorsement", "Endorsement"
        ADVICE = "advice", "Advice"
        FAVOUR = "favour", "Favour"
        REFERRAL = "referral", "Referral"
        OTHER = "other", "Other"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="exchanges")
    direction = models.CharField(max_length=4, choices=Direction.choices)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.OTHER)
    text = models.CharField(max_length=500)
    occurred_on = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["owner", "contact", "direction"])]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.get_kind_display().lower()}: {self.text}"


class PlanSettings(Owned):
    """One user's plan: how many people a day, when someone counts as dormant, weekly goals,
    and the profile a reconnect note draws on."""

    daily_count = models.PositiveSmallIntegerField(
        "people a day",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="How many people the daily plan suggests.",
    )
    dormant_days = models.PositiveSmallIntegerField(
        "dormant after (days)",
        default=90,
        validators=[MinValueValidator(7), MaxValueValidator(3650)],
        help_text="Suggest people you have not communicated with for this many days.",
    )
    mentor_days = models.PositiveSmallIntegerField(
        "mentor check-in (days)",
        default=30,
        validators=[MinValueValidator(7), MaxValueValidator(3650)],
        help_text="A mentor is due for a check-in after this many days.",
    )
    meet_goal = models.PositiveSmallIntegerField(
        "new people a week",
        default=2,
        validators=[MaxValueValidator(100)],
        help_text="New people to meet each week.",
    )
    talk_goal = models.PositiveSmallIntegerField(
        "people to talk to a week",
        default=5,
        validators=[MaxValueValidator(200)],
        help_text="People to communicate with each week.",
    )
    goal = models.CharField(
        "my current goal",
        max_length=300,
        blank=True,
        help_text="Why you are reaching out now, in a sentence: "
        '"I\'m looking for a data engineering role in healthcare."',
    )
    pitch = models.CharField(
        "my pitch",
        max_length=500,
        blank=True,
        help_text="What you bring, in a sentence or two.",
    )
    my_name = models.CharField(
        "signature", max_length=100, blank=True, help_text="How you sign your notes."
    )

    class Meta:
        verbose_name = "plan settings"
        verbose_name_plural = "plan settings"
        constraints = [models.UniqueConstraint(fields=["owner"], name="plansettings_one_per_user")]

    def __str__(self) -> str:
        return f"Plan settings of user {self.owner_id}"


class Pause(Owned):
    """A person left out of the daily plan from ``started_on`` until the day before ``until``."""

    class Kind(models.TextChoices):
        SKIP = "skip", "Skipped"
        SNOOZE = "snooze", "Snoozed"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="plan_pauses")
    kind = models.CharField(max_length=6, choices=Kind.choices)
    started_on = models.DateField()
    until = models.DateField(help_text="Suggested again from this day.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["owner", "until"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.contact_id} until {self.until}"


class MessageTemplate(Owned):
    """A reconnect note or announcement with ``{placeholders}`` (see ``plan.drafts``)."""

    class Kind(models.TextChoices):
        RECONNECT = "reconnect", "Reconnect note"
        ANNOUNCEMENT = "announcement", "Announcement"

    name = models.CharField(max_length=60)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.RECONNECT)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint("owner", Lower("name"), name="messagetemplate_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
