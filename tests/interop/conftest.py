"""Helpers for the import/export tests: the shared real-world files, and importing them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import SHARED_FIXTURES

FILES = Path(__file__).resolve().parent / "files"


def shared(relative: str) -> Path:
    """A file of ``../shared/fixtures``; skips (or fails in CI) when the folder is absent."""
    path = SHARED_FIXTURES / relative
    if not path.exists():
        if os.environ.get("WEAKTIES_REQUIRE_FIXTURES") == "1":
            pytest.fail(f"{path} is missing and WEAKTIES_REQUIRE_FIXTURES=1")
        pytest.skip(f"the shared fixtures are not beside the project ({SHARED_FIXTURES})")
    return path


@pytest.fixture
def import_path(owner):
    """``import_path(path, kind=None, dry_run=False)``: import a file as the owner."""
    from weakties.interop.services import import_file

    def run(path: Path, *, kind: str | None = None, dry_run: bool = False, user=None):
        return import_file(
            owner=user or owner,
            data=Path(path).read_bytes(),
            file_name=Path(path).name,
            kind=kind,
            dry_run=dry_run,
        )

    return run
