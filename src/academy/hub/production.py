"""The production-shaped single server: real accounts, learners as system users.

What differs from the local default is who can log in and which operating
system user a server runs as; everything else comes from ``config.apply_common``.

- Log-in without SSO: NativeAuthenticator. People sign up, and nobody gets in
  until an admin approves them at ``/hub/authorize``.
- Council SSO: ``ACADEMY_HUB_AUTH=azuread`` uses OAuthenticator's Azure AD
  (Entra ID) log-in with the tenant and app registration from the environment.
- Every learner's server runs as their own system account (made on first
  spawn, home 0700); each course's formgrader runs as one grader account that
  owns the course folder (0700), so no learner's kernel can read sources,
  hidden tests or the gradebook.
"""

from __future__ import annotations

import os
import pwd
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import settings as S
from ..errors import SettingError
from . import accessibility, roles
from .settings import HubConfigError, HubSettings
from .system_users import LEARNER_GROUP, NAME, run_account_command

_CLUB = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")


@dataclass(frozen=True)
class ProductionSettings:
    admins: tuple[str, ...]
    auth: str = S.get("ACADEMY_HUB_AUTH", {})
    clubs: tuple[str, ...] = ()
    grader_user: str = S.get("ACADEMY_HUB_GRADER_USER", {})
    public_url: str = ""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ProductionSettings:
        try:
            admins = S.get("ACADEMY_HUB_ADMINS", env) or ()
            auth = S.get("ACADEMY_HUB_AUTH", env)
            clubs = S.get("ACADEMY_HUB_CLUBS", env) or ()
        except SettingError as exc:
            raise HubConfigError(str(exc)) from None
        if not admins:
            raise HubConfigError("ACADEMY_HUB_ADMINS is not set: name at least one admin "
                                 "(e.g. ACADEMY_HUB_ADMINS=jsmith), who then approves everyone else")
        for name in admins:
            if not NAME.match(name):
                raise HubConfigError(f"ACADEMY_HUB_ADMINS: {name!r} is not a usable user name "
                                     "(lower-case letters, digits, - or _)")
        for club in clubs:
            if not _CLUB.match(club):
                raise HubConfigError(f"ACADEMY_HUB_CLUBS: {club!r} is not a usable group name "
                                     "(lower-case letters, digits, - or _)")
        grader = S.get("ACADEMY_HUB_GRADER_USER", env)
        if not NAME.match(grader):
            raise HubConfigError(f"ACADEMY_HUB_GRADER_USER={grader!r} is not a usable system account name")
        public = (S.get("ACADEMY_HUB_PUBLIC_URL", env) or "").rstrip("/")
        if auth == "azuread":
            missing = [v for v in ("AZUREAD_TENANT_ID", "AZUREAD_CLIENT_ID", "AZUREAD_CLIENT_SECRET",
                                   "ACADEMY_HUB_PUBLIC_URL") if not S.raw(v, env)]
            if missing:
                raise HubConfigError(f"ACADEMY_HUB_AUTH=azuread needs {', '.join(missing)} "
                                     "(see hub-config/production/README.md)")
        return cls(admins=admins, auth=auth, clubs=clubs, grader_user=grader, public_url=public)


def apply_authenticator(c, prod: ProductionSettings) -> None:
    c.Authenticator.admin_users = set(prod.admins)
    # Accounts become system users: only names useradd accepts, never one of the system's own.
    c.Authenticator.username_pattern = NAME.pattern
    c.Authenticator.blocked_users = {"root", "admin", "nobody", prod.grader_user}
    if prod.auth == "native":
        c.JupyterHub.authenticator_class = "academy.hub.auth.native.ApprovedSignUpAuthenticator"
        c.NativeAuthenticator.open_signup = False  # an admin approves each sign-up at /hub/authorize
        c.NativeAuthenticator.minimum_password_length = 10
        c.NativeAuthenticator.check_common_password = True
        c.NativeAuthenticator.allowed_failed_logins = 5
        c.NativeAuthenticator.seconds_before_next_try = 600
        accessibility.apply_native_signup(c, _native_templates())  # its sign-up pages, after our page templates
        c.Authenticator.allow_all = True  # NativeAuthenticator's own approval is the allow-list
    else:
        c.JupyterHub.authenticator_class = "academy.hub.auth.azuread.CouncilAzureAdOAuthenticator"
        c.AzureAdOAuthenticator.tenant_id = S.raw("AZUREAD_TENANT_ID")
        c.AzureAdOAuthenticator.client_id = S.raw("AZUREAD_CLIENT_ID")
        c.AzureAdOAuthenticator.client_secret = S.raw("AZUREAD_CLIENT_SECRET")
        c.AzureAdOAuthenticator.oauth_callback_url = f"{prod.public_url}/hub/oauth_callback"
        c.AzureAdOAuthenticator.username_claim = "preferred_username"
        # The tenant is the boundary; narrow it to an Entra group with c.AzureAdOAuthenticator.allowed_groups.
        c.AzureAdOAuthenticator.allow_all = True

def _native_templates() -> Path:
    import nativeauthenticator

    return Path(nativeauthenticator.__file__).parent / "templates"


def apply_production(c, settings: HubSettings, prod: ProductionSettings) -> None:
    from . import config

    c.JupyterHub.load_groups = roles.groups({"instructors": list(prod.admins)}, {club: [] for club in prod.clubs})
    config.apply_common(c, settings, {club: [] for club in prod.clubs}, service_user=prod.grader_user)
    apply_authenticator(c, prod)
    c.JupyterHub.spawner_class = "academy.hub.system_users.SystemUserSpawner"
    c.SystemUserSpawner.homes = str(settings.homes)
    c.SystemUserSpawner.learner_group = LEARNER_GROUP


def ensure_grader_account(name: str, home: Path) -> None:
    """The account that owns the course folders and runs the formgrader (no login shell), with its
    home in the state folder (Jupyter keeps its runtime files there)."""
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        run_account_command("useradd", "--system", "--home-dir", str(home), "--no-create-home", "--user-group",
            "--shell", "/usr/sbin/nologin", "--comment", "Council Data Academy grader", name)
        entry = pwd.getpwnam(name)
    if Path(entry.pw_dir) != home:
        run_account_command("usermod", "--home", str(home), name)  # the state folder moved since the account was made
    home.mkdir(parents=True, exist_ok=True)
    os.chown(home, entry.pw_uid, entry.pw_gid)
    os.chmod(home, 0o700)


def _chown_tree(root: Path, uid: int, gid: int) -> None:
    for folder, dirs, files in os.walk(root):
        os.chown(folder, uid, gid, follow_symlinks=False)
        for name in dirs + files:
            os.chown(os.path.join(folder, name), uid, gid, follow_symlinks=False)


def hand_courses_to_grader(settings: HubSettings, prod: ProductionSettings) -> None:
    """After release (which runs as root): the grader account owns each course, the exchange's folder
    and the progress store's folder."""
    ensure_grader_account(prod.grader_user, settings.state / "grader")
    entry = pwd.getpwnam(prod.grader_user)
    for course in settings.courses:
        _chown_tree(course, entry.pw_uid, entry.pw_gid)
        os.chmod(course, 0o700)  # sources, hidden tests, the gradebook and submissions: grader and root only
    # The exchange service runs as the grader account: its folder of releases, submissions and feedback.
    _chown_tree(settings.exchange, entry.pw_uid, entry.pw_gid)
    # The progress service runs as the grader account too: its store and the gradebook it reads.
    _chown_tree(settings.progress_dir, entry.pw_uid, entry.pw_gid)
