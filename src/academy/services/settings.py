"""What the hub tells a service it starts, read once and checked.

JupyterHub hands each managed service its API URL, an API token, the URL
prefix the proxy routes to it and the address to listen on, in
``JUPYTERHUB_*`` variables. A service started by hand without them stops
with a sentence saying so instead of a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlparse

from ..errors import SettingError


class ServiceSettingsError(SettingError):
    """A setting the service cannot start with; the message says which and what to give."""


@dataclass(frozen=True)
class HubService:
    api_url: str
    api_token: str
    #: Where the proxy routes this service's requests, e.g. ``/services/progress/``.
    prefix: str
    host: str
    port: int

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, *, prefix: str, url: str) -> HubService:
        """``prefix`` and ``url``: what to use when the hub did not say (a service run by hand)."""
        env = os.environ if env is None else env
        missing = [k for k in ("JUPYTERHUB_API_URL", "JUPYTERHUB_API_TOKEN") if not env.get(k)]
        if missing:
            raise ServiceSettingsError(f"{' and '.join(missing)} not set: the hub sets them when it starts this "
                                       "service")
        bind = urlparse(env.get("JUPYTERHUB_SERVICE_URL", url))
        return cls(env["JUPYTERHUB_API_URL"], env["JUPYTERHUB_API_TOKEN"], env.get("JUPYTERHUB_SERVICE_PREFIX", prefix),
                   bind.hostname or "127.0.0.1", bind.port or 80)
