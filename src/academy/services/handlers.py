"""The handler every hub service builds on: the hub says who is asking, and errors answer in kind.

A browser is sent through the hub's OAuth login; a notebook or script sends an
API token (``Authorization: token ...``). Either way ``me`` is the name the hub
gives, never one the request claims. An error is JSON (``{"error": ...}``) on
``.../api/...`` paths and for callers asking for JSON, and a page for people,
with the same plain-English message.
"""

from __future__ import annotations

import html
import json
from typing import Any

from jupyterhub.services.auth import HubOAuth, HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import web

from .access import public


class HubAskedOnce(HubOAuth):
    """JupyterHub's HubOAuth, whose blocking question is answered from the awaited one.

    Tornado asks for ``current_user`` synchronously, and HubOAuth answers that by
    running its check on its own worker thread while the event loop waits: every
    request, one at a time, even when the token is in its cache. A class
    pressing Check at once queued there. ``HubServiceHandler.prepare`` awaits the
    hub's answer instead, and the synchronous question then gets it at once.
    """

    def get_user(self, handler: Any, *, sync: bool = True) -> Any:
        if sync and hasattr(handler, "_hub_said"):
            return handler._hub_said
        return super().get_user(handler, sync=sync)


class HubServiceHandler(HubOAuthenticated, web.RequestHandler):
    hub_auth_class = HubAskedOnce

    async def prepare(self) -> None:
        self._hub_said = await self.hub_auth.get_user(self, sync=False)

    @property
    def me(self) -> str:
        """The hub's name for whoever is asking (handlers run only once the hub has said)."""
        return self.current_user["name"]

    def url(self, *parts: Any) -> str:
        """A path inside this service, e.g. ``self.url("sessions", 3)``."""
        return url_path_join(self.settings["prefix"], *map(str, parts))

    async def access_may_have_changed(self) -> bool:
        """Re-read who may do what, if what the service holds may be stale; True if it re-read anything.

        Called once before a refusal, so someone given access on the hub a moment ago is let in at once."""
        return False

    def wants_json(self) -> bool:
        return (self.request.path.rstrip("/").split("/")[-2:-1] == ["api"]
                or "application/json" in self.request.headers.get("Accept", ""))

    def error_page(self, status: int, message: str) -> str:
        """The page a person sees for an error; services with their own templates override it."""
        return (f'<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>{status}</title></head>'
                f'<body><h1>{status}</h1><p id="message">{html.escape(message)}</p></body></html>')

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        exc = kwargs.get("exc_info", (None, None))[1]
        message = getattr(exc, "log_message", None) or self._reason
        if self.wants_json():
            self.set_header("Content-Type", "application/json")
            self.finish(json.dumps({"error": message}))
        else:
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(self.error_page(status_code, message))


class Health(web.RequestHandler):
    """For the hub's and Kubernetes' liveness checks: answers without a login."""

    @public
    def get(self) -> None:
        self.write({"ok": True})


class OAuthCallback(HubOAuthCallbackHandler):
    """Where the hub's OAuth login returns a browser (JupyterHub's handler, with its access declared)."""

    hub_auth_class = HubAskedOnce  # the one HubOAuth of this process (it is a singleton)

    @public
    async def get(self) -> None:
        await super().get()
