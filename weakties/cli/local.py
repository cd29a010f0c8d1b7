"""Commands about running weakties on this machine: demo and serve."""

from __future__ import annotations

import dataclasses

import click
from django.conf import settings

from weakties.accounts.middleware import is_loopback
from weakties.cli import output
from weakties.cli.options import epilog, json_option, network_owner
from weakties.dates import local_today
from weakties.errors import UserError


@click.command(
    epilog=epilog(
        "weakties demo",
        "WEAKTIES_HOME=/tmp/weakties-demo weakties demo   # keep it apart from your own data",
    )
)
@click.option(
    "--force",
    is_flag=True,
    help="Add the demo next to the people already in your network (nothing is replaced).",
)
@json_option
def demo(force: bool, as_json: bool) -> None:
    """Load a made-up network of about 300 people to explore weakties with.

    It goes into the current database, so it refuses when your network already has people,
    unless --force. Try it in a separate data folder to keep your own network clean.
    """
    from weakties.network.demo import demo_load

    report = demo_load(owner=network_owner(), force=force, today=local_today())
    if as_json:
        output.print_json(dataclasses.asdict(report))
    else:
        output.demo_loaded(report)


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


@click.command(
    epilog=epilog("weakties serve", "weakties serve --port 8080"),
)
@click.option(
    "--host",
    default="127.0.0.1",
    metavar="ADDRESS",
    show_default=True,
    help="The address to listen on. Only this machine (loopback) in local mode.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    metavar="PORT",
    help="The port (0 picks a free one).",
)
@json_option
def serve(host: str, port: int, as_json: bool) -> None:
    """Open the web UI (through waitress) and keep it running until Ctrl+C."""
    if settings.WEAKTIES_MODE == "local" and not (host == "localhost" or is_loopback(host)):
        raise UserError(
            f"--host: {host} would let other machines in, and in local mode everyone who reaches "
            "weakties is signed in as you. Use 127.0.0.1 (the default), or run a server with "
            "WEAKTIES_MODE=server.",
            field="--host",
        )
    network_owner()  # bring the database up to date before the first request
    from waitress import create_server  # type: ignore[import-untyped, unused-ignore]

    from weakties.wsgi import application

    try:
        server = create_server(application, host=host, port=port, threads=8)
    except OSError as error:
        raise UserError(
            f"--port: cannot listen on {host}:{port} ({error.strerror}); "
            f"is weakties already running? Try --port {port + 1}.",
            field="--port",
        ) from error
    url = f"http://{_url_host(host)}:{getattr(server, 'effective_port', port)}/"
    if as_json:
        output.print_json({"url": url})
    else:
        output.serving(url)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


COMMANDS = [demo, serve]
