"""Reads of the import/export area."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import QuerySet

from weakties.errors import NotFound
from weakties.interop.models import CalendarFeed, ImportRecord


def import_list(*, user: User) -> QuerySet[ImportRecord]:
    """The user's imports, newest first."""
    return ImportRecord.objects.filter(owner=user)


def calendar_feed_for_token(*, token: str) -> CalendarFeed:
    """The feed a secret token opens; 404 for a wrong or revoked token."""
    feed = CalendarFeed.objects.select_related("owner").filter(token=token).first()
    if feed is None or not token:
        raise NotFound("No such calendar feed; it may have been revoked.")
    return feed
