"""The documentation tells the truth about what an operator can set."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_every_setting_read_from_the_environment_is_documented():
    read = set()
    for path in (REPO / "weakties").rglob("*.py"):
        source = path.read_text()
        read |= set(re.findall(r"""env\w*\(\s*["']([A-Z_]+)["']""", source))
        read |= set(re.findall(r"""os\.environ(?:\.get)?[\[(]\s*["']([A-Z_]+)["']""", source))
    read -= {"DJANGO_SETTINGS_MODULE", "TZ", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    documented = (REPO / "docs" / "operating.md").read_text()
    assert read, "found no settings at all: the pattern above is out of date"
    missing = sorted(name for name in read if f"`{name}`" not in documented)
    assert not missing, f"settings missing from docs/operating.md: {missing}"


def test_the_readme_names_the_two_setup_commands_and_the_makefile_has_them():
    readme = (REPO / "README.md").read_text()
    makefile = (REPO / "Makefile").read_text()
    for target in ("run", "test", "lint", "bench"):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target
    assert "make run" in readme and "make test" in readme
