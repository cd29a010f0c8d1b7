"""Who "me" is: in local mode one user owns everything and is created on first use."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User


def local_user() -> User:
    """The single local user, created the first time it is needed (no password: loopback only)."""
    model = get_user_model()
    user, created = model.objects.get_or_create(username=settings.LOCAL_USERNAME)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
