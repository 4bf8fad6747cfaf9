"""The README keeps telling the truth about the command line."""

from pathlib import Path

import click

from localgbf.cli.main import COMMANDS, cli

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str) -> list[str]:
    ctx = click.Context(group)
    names = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        full = f"{prefix} {name}"
        if isinstance(command, click.Group):
            names += _commands(command, full)
        else:
            names.append(full)
    return names


def test_every_cli_command_is_documented_in_the_readme():
    missing = [c for c in _commands(cli, "localgbf") if f"`{c}" not in README]
    assert not missing, f"README.md does not document: {missing}"


def test_every_registered_command_group_imports():
    ctx = click.Context(cli)
    for name in COMMANDS:
        assert cli.get_command(ctx, name) is not None, name
