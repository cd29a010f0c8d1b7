"""Running weakties on this machine: serve, demo, --version and help."""

from __future__ import annotations

import socket

import pytest

from weakties import __version__
from weakties.cli.app import cli
from weakties.network.models import Contact


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "example.com"])
def test_serve_refuses_an_address_other_machines_can_reach(run, host):
    result = run("serve", "--host", host, code=1)

    assert f"--host: {host} would let other machines in" in result.stderr
    assert "127.0.0.1" in result.stderr
    assert result.stdout == ""


def test_serve_refuses_a_port_that_is_already_taken(run):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        result = run("serve", "--port", str(port), code=1)

    assert f"--port: cannot listen on 127.0.0.1:{port}" in result.stderr
    assert f"--port {port + 1}" in result.stderr


def test_demo_refuses_a_network_that_already_has_people(run, add, owner):
    add("Ada Lovelace")

    result = run("demo", code=1)

    assert "--force" in result.stderr
    assert list(Contact.objects.filter(owner=owner).values_list("name", flat=True)) == [
        "Ada Lovelace"
    ]


def test_version_and_help_work_without_opening_the_database(run_offline):
    assert run_offline("--version").stdout.strip() == f"weakties, version {__version__}"
    assert run_offline("-h").stdout.startswith("Usage: weakties")
    assert "Usage: weakties add" in run_offline("add", code=2).stderr


def test_shell_completion_offers_commands_and_choices_without_the_database(run_offline):
    def complete(words: str) -> list[str]:
        result = run_offline.runner.invoke(
            cli,
            [],
            prog_name="weakties",
            env={
                "_WEAKTIES_COMPLETE": "bash_complete",
                "COMP_WORDS": words,
                "COMP_CWORD": str(len(words.split()) - 1),
            },
        )
        return [line.split(",", 1)[1] for line in result.stdout.splitlines()]

    assert complete("weakties lis") == ["list"]
    assert complete("weakties ar") == ["archive"]
    assert complete("weakties log Ada Coffee --channel c") == ["call", "coffee"]


def test_a_mistyped_command_is_answered_with_the_likely_one(run_offline):
    for typed, meant in (("lsit", "list"), ("plan", "today"), ("paths", "path")):
        result = run_offline(typed, code=2)
        assert f"No such command '{typed}'. Did you mean: {meant}?" in result.stderr
    assert "Did you mean" not in run_offline("xyzzy", code=2).stderr
