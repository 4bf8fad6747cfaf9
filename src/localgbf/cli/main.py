"""Entry point of the `localgbf` command.

Command groups are imported lazily so that `localgbf frameworks list` does not pay for Django,
rasterio or Dask. Each entry maps a command name to `module:attribute`.
"""

from __future__ import annotations

import importlib

import click

from localgbf import __version__

COMMANDS: dict[str, str] = {
    "assess": "localgbf.cli.assess:assess",
    "backup": "localgbf.cli.backup:backup",
    "batch": "localgbf.cli.batch:batch",
    "coverage": "localgbf.cli.coverage:coverage",
    "frameworks": "localgbf.cli.frameworks:frameworks",
    "governments": "localgbf.cli.governments:governments",
    "index": "localgbf.cli.index:index",
    "demo": "localgbf.cli.platform:demo",
    "export": "localgbf.cli.export:export",
    "manage": "localgbf.cli.platform:manage",
    "national": "localgbf.cli.national:national",
    "plans": "localgbf.cli.plans:plans",
    "report": "localgbf.cli.report:report",
    "restore": "localgbf.cli.backup:restore",
    "serve": "localgbf.cli.platform:serve",
    "spatial": "localgbf.cli.spatial:spatial",
    "species": "localgbf.cli.species:species",
    "worker": "localgbf.cli.platform:worker",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        if not isinstance(command, click.Command):
            raise TypeError(f"{target} is not a click command")
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="localgbf")
def cli() -> None:
    """localgbf: plan, measure and report a local government's share of the KMGBF."""


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
