"""Settings for the test suite: weakties' own, with the data folder in a fresh temporary
directory, so no test ever reads or writes a real user's network, key or test database.

pytest-django imports this before any conftest runs (see pyproject's DJANGO_SETTINGS_MODULE)."""

import os
import tempfile

os.environ.setdefault("WEAKTIES_HOME", tempfile.mkdtemp(prefix="weakties-test-"))
os.environ.setdefault("WEAKTIES_TIME_ZONE", "UTC")

from weakties.settings import *  # noqa: F403

# Real hashing of the personas' passwords costs a third of a second per test and proves nothing.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
