"""Authenticators the hub configs name.

:class:`DemoAuthenticator` lets in exactly the demo accounts with their own
passwords: unlike JupyterHub's ``dummy`` authenticator it never accepts a
stranger, so a demo left running on a shared machine is not an open door.
"""

from __future__ import annotations

import hmac
import json
from pathlib import Path

from jupyterhub.auth import Authenticator
from traitlets import Unicode


class DemoAuthenticator(Authenticator):
    accounts_file = Unicode(help="JSON file of name → password written by academy.hub.accounts").tag(config=True)

    def _accounts(self) -> dict[str, str]:
        try:
            return json.loads(Path(self.accounts_file).read_text())
        except (OSError, ValueError):
            self.log.error("demo accounts file %s is missing or unreadable; nobody can log in", self.accounts_file)
            return {}

    def check_allowed(self, username, authentication=None):  # noqa: D401 - JupyterHub hook
        return username in self._accounts()

    async def authenticate(self, handler, data):
        name = (data or {}).get("username", "").strip()
        password = (data or {}).get("password", "")
        expected = self._accounts().get(name)
        if expected is None or not hmac.compare_digest(str(password).encode(), str(expected).encode()):
            return None
        return name
