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
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as wrong:  # a setting from the environment that cannot work
        raise SystemExit(f"Error: {wrong}") from None
    from weakties.cli.app import cli

    try:
        cli(prog_name="weakties")
    except SystemExit as done:
        _leave(done.code)


def _leave(code: object) -> None:
    """End the process once a command is done, skipping the interpreter's teardown.

    Tearing down Django's thousands of modules, classes and objects one by one took 0.1–0.25 s
    after every command on our machines, longer than many commands themselves. Nothing of
    ours needs it: the database connections are closed here (so SQLite checkpoints its
    write-ahead log and removes it, as on a normal exit), the ``atexit`` handlers that
    libraries registered run as they would on a normal exit (logging's flush, a coverage
    tool's data file), the output streams are flushed, and only then does the process exit
    with the command's status.
    """
    import atexit
    import sys

    from django.db import connections

    status = 0
    if isinstance(code, int):
        status = code
    elif code is not None:  # ``sys.exit("message")``: Python prints it and exits with 1
        print(code, file=sys.stderr)
        status = 1
    try:
        connections.close_all()
        atexit._run_exitfuncs()  # the interpreter's own last step, taken before os._exit
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # the normal, slower exit then reports it as Python would
        raise SystemExit(status) from None
    os._exit(status)
