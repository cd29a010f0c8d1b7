"""What every page needs to know about accounts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def mode(request: HttpRequest) -> dict[str, Any]:
    """``server_mode``: accounts with passwords, so pages offer to sign out. Locally there is
    nothing to sign out of (loopback signs the one user in again at once)."""
    return {"server_mode": settings.WEAKTIES_MODE == "server"}
