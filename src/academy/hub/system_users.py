"""Learners as operating-system users, for the production-shaped single server.

Each hub user's server runs as a system account of the same name (as The
Littlest JupyterHub does), so the kernel's file permissions keep a learner out
of the course sources, the gradebook and other learners' homes, and nbgrader's
owner check on collected submissions means something. Accounts are made on
first spawn and are marked by membership of one group: an account that
exists without it (``root``, ``postgres``, a member of staff's own login) is
never taken over, whatever name someone signs up with.
"""

from __future__ import annotations

import asyncio
import grp
import os
import pwd
import re
import subprocess
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Unicode

from ..errors import AcademyError
from .spawning import ReadyWhenListening

#: The group that marks accounts this hub made; nothing else is ever run as.
LEARNER_GROUP = "academy-learners"
#: What a system account name may look like (useradd's portable rule, no dots or capitals).
NAME = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")


class SystemUserError(AcademyError):
    """Why a hub user cannot have a system account, in words the admin can act on."""


def run_account_command(*argv: str) -> None:
    """Run useradd/groupadd/usermod; their complaint becomes the error's message."""
    result = subprocess.run(argv, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    if result.returncode != 0:
        raise SystemUserError(f"`{' '.join(argv)}` failed: {result.stderr.strip() or result.stdout.strip()}")


def is_learner_account(name: str, group: str = LEARNER_GROUP) -> bool:
    try:
        entry = pwd.getpwnam(name)
        marker = grp.getgrnam(group)
    except KeyError:
        return False
    return entry.pw_gid == marker.gr_gid or name in marker.gr_mem


def ensure(name: str, homes: Path, group: str = LEARNER_GROUP) -> Path:
    """The home of ``name``'s system account, making the account (and group) if missing."""
    if not NAME.match(name):
        raise SystemUserError(f"{name!r} cannot be a system account name: use lower-case letters, digits, - or _ "
                              "(at most 32, starting with a letter)")
    home = homes / name
    try:
        pwd.getpwnam(name)
        exists = True
    except KeyError:
        exists = False
    if exists and not is_learner_account(name, group):
        raise SystemUserError(f"a system account called {name!r} already exists and is not one this hub made "
                              f"(not in group {group}); that hub user cannot have a server. Rename them.")
    if not exists:
        try:
            grp.getgrnam(group)
        except KeyError:
            run_account_command("groupadd", "--system", group)
        homes.mkdir(parents=True, exist_ok=True)
        run_account_command("useradd", "--home-dir", str(home), "--create-home", "--gid", group, "--no-user-group",
             "--shell", "/bin/bash", "--comment", "Council Data Academy learner", name)
    os.chmod(home, 0o700)  # nobody but its owner (and root) reads a learner's work
    return home


class SystemUserSpawner(ReadyWhenListening, LocalProcessSpawner):
    """A local process as the hub user's own system account, made on first spawn; ready when it listens."""

    homes = Unicode(help="Folder that holds learners' home folders").tag(config=True)
    learner_group = Unicode(LEARNER_GROUP, help="Group that marks accounts this hub made").tag(config=True)

    async def start(self):
        try:
            await asyncio.to_thread(ensure, self.user.name, Path(self.homes), self.learner_group)
        except SystemUserError as exc:
            self.log.error("Cannot start %s's server: %s", self.user.name, exc)
            raise
        return await super().start()
