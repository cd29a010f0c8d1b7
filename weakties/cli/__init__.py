"""The ``weakties`` command line: a thin click layer over the network's services and selectors.

Layout: ``app.py`` holds the group, the home screen and the error handling; one module per
command family registers its commands on it (``contacts.py``, ``conversations.py``,
``local.py``); ``options.py`` has the shared option decorators and ``output.py`` every piece of
human and JSON output.
"""

from __future__ import annotations

import os


def main() -> None:
    """Console-script entry point.

    Django is configured (no database access yet) before the commands are imported, because
    they import the models. The database itself is opened, and migrated if needed, only when a
    command needs it, so ``--help`` and shell completion never touch it.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weakties.settings")
    import django

    django.setup()
    from weakties.cli.app import cli

    cli(prog_name="weakties")
