"""Commands that run the platform: demo data, Django management, the server and the worker."""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys

import click

from localgbf.cli.django_setup import migrate_if_needed, setup_django


@click.command()
@click.option("--force", is_flag=True, help="Load the demo even with LOCALGBF_PRODUCTION on.")
def demo(force: bool) -> None:
    """Build the demo country, its regions and cities, and one account per persona.

    Idempotent: running it again leaves the same data. Migrates the database first when needed.
    """
    setup_django()
    from django.conf import settings

    if getattr(settings, "PRODUCTION", False) and not force:
        raise click.ClickException(
            "refusing to load demo accounts into a production deployment (LOCALGBF_PRODUCTION "
            "is on); pass --force if this really is a test installation"
        )
    if migrate_if_needed():
        click.echo("Database migrated.", err=True)
    from localgbf.web.core.demo import DEMO_PASSWORD, build_demo

    ctx = build_demo()
    click.echo("Demo data is ready. Accounts (for local use only):")
    width = max(len(name) for name, _, _ in ctx.accounts)
    for username, role, where in ctx.accounts:
        click.echo(f"  {username:<{width}}  password {DEMO_PASSWORD}  {role} · {where}")


@click.command(
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command with the platform's settings (migrate, check, ...)."""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["localgbf manage", *args])


@click.command()
@click.option("--once", is_flag=True, help="Run the queued jobs, then exit.")
def worker(once: bool) -> None:
    """Run background jobs (imports, computations, exports) from the database queue."""
    setup_django()
    from localgbf.web.jobs.queue import requeue_abandoned, run_pending, work_forever

    requeue_abandoned()
    if once:
        click.echo(f"ran {run_pending()} job(s)")
        return
    with contextlib.suppress(KeyboardInterrupt):
        work_forever()


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@click.option("--with-worker", is_flag=True, help="Also start a background worker process.")
def serve(host: str, port: int, threads: int, with_worker: bool) -> None:
    """Serve the platform with waitress (static files included), optionally with a worker."""
    setup_django()
    from django.conf import settings
    from waitress import serve as waitress_serve

    from localgbf.web.wsgi import application

    child = None
    if with_worker:
        child = subprocess.Popen([sys.executable, "-m", "localgbf.cli.main", "worker"])

    def stop(*_: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    click.echo(f"localgbf is serving at http://{host}:{port}/ (Ctrl+C stops it)")
    try:
        waitress_serve(
            application,
            host=host,
            port=port,
            threads=threads,
            ident="localgbf",
            max_request_body_size=settings.LOCALGBF_MAX_UPLOAD_BYTES
            + settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        )
    except KeyboardInterrupt:
        pass
    finally:
        if child is not None:
            child.terminate()
            child.wait(timeout=10)
