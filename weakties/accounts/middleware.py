"""Sign the local user in automatically, but only in local mode and only on loopback."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse

from weakties.accounts.services import local_user


def is_loopback(address: str | None) -> bool:
    try:
        return ipaddress.ip_address(address or "").is_loopback
    except ValueError:
        return False


class LocalUserMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.WEAKTIES_MODE == "local"
            and not request.user.is_authenticated
            and is_loopback(request.META.get("REMOTE_ADDR"))
        ):
            login(request, local_user(), backend="django.contrib.auth.backends.ModelBackend")
        return self.get_response(request)
