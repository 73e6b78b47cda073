"""``academy hub``: start the hub, prepare it, print its log-ins and settings."""

from __future__ import annotations

import click
from rich.table import Table

from .. import settings as S
from . import AcademyGroup
from ._output import console


@click.group(cls=AcademyGroup)
def hub() -> None:
    """The JupyterHub that serves the courses (settings: ACADEMY_HUB_* variables)."""


def hub_settings(check: bool = True):
    from ..hub.settings import HubSettings

    return HubSettings.from_env(check=check)


@hub.command("start")
@click.option("--mode", type=click.Choice(["local", "production"]), default="local", show_default=True,
              help="local: demo accounts, one user; production: system users, sign-up with approval.")
def hub_start(mode: str) -> None:
    """Release the course and start JupyterHub (Ctrl-C stops it)."""
    from ..hub import launch

    launch.start(hub_settings(), mode, log=click.echo)


@hub.command("prepare")
@click.option("--configs-only", is_flag=True,
              help="Only write the learner and instructor Jupyter configs (for a container image).")
def hub_prepare(configs_only: bool) -> None:
    """Make the hub's state folder and release new or changed modules, without starting the hub."""
    from ..hub import prepare

    settings = hub_settings(check=not configs_only)
    if configs_only:
        prepare.write_jupyter_configs(settings)
        click.echo(f"Wrote {prepare.config_dir(settings, 'learner')} and {prepare.config_dir(settings, 'instructor')}")
        return
    prepare.prepare(settings, log=click.echo)


@hub.command("accounts")
def hub_accounts() -> None:
    """Print the local demo's log-ins (made on the first start)."""
    from ..hub import accounts

    settings = hub_settings()
    people = accounts.read(settings.state)
    if not people:
        raise click.ClickException("no demo accounts yet: start the hub once with `make demo`")
    click.echo(accounts.login_text(settings.url, people))


def setting_values() -> list[tuple[str, str, str]]:
    """(variable, value now, what it sets) for every setting a person may set, as the hub would use them."""
    from ..hub.settings import FIELDS

    hub_now = hub_settings(check=False)
    derived = {var: getattr(hub_now, field) for field, var in FIELDS.items()}
    derived.update(ACADEMY_HUB_DB_URL=hub_now.database_url, ACADEMY_PROGRESS_DB_URL=hub_now.progress_url,
                   ACADEMY_HUB_FORMGRADER_PORT=hub_now.formgrader_port or "(a free port)")
    rows = []
    for s in S.public():
        if s.secret:
            shown = "(set)" if s.is_set() else "-"
        elif s.env in derived:
            value = derived[s.env]
            shown = ",".join(map(str, value)) if isinstance(value, tuple) else str(value)
        else:
            shown = s.raw() or (f"{s.default} (default)" if s.default else "-")
        rows.append((s.env, shown, s.help))
    return rows


@hub.command("settings")
def hub_settings_cmd() -> None:
    """Print every setting, its value now and what it sets."""
    table = Table()
    for col in ("variable", "value", "what it sets"):
        table.add_column(col)
    for row in setting_values():
        table.add_row(*row)
    console.print(table)
