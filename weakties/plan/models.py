"""The reciprocity ledger (PRODUCT §4) and, later, the daily plan's own state.

An ``Exchange`` is one thing given or received: an article, a job posting, an introduction…
Other areas record into it through ``plan.services.exchange_record`` (a lead's source is
"received: job posting"; a recommendation given is "gave: recommendation").
"""

from __future__ import annotations

from django.db import models
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
