"""A realistic, deterministic demo network (placeholder: being written)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser


@dataclass
class DemoReport:
    contacts: int
    organizations: int
    tags: int
    links: int
    interactions: int
    next_steps: int


def demo_load(*, owner: AbstractBaseUser, force: bool = False, today: date | None = None) -> DemoReport:
    """Load the demo network into ``owner``'s (empty) network; refuses if it holds contacts."""
    raise NotImplementedError
