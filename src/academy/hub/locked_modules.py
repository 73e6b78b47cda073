"""A locked module cannot be fetched from the Assignments tab, and the learner is told why.

nbgrader's Assignments tab lists every released module with a Fetch button, while the progress pages show
modules whose prerequisites are not yet completed as Locked. This Jupyter server extension, loaded in the
learners' servers (``academy.hub.prepare``), answers the tab's fetch first: it asks the progress service
(with the server's own token, as the instant checks do) whether the module is open to this learner, and if
not answers in the shape the tab shows as its message, naming what to complete first.

It is a signpost, not a lock on the data: released modules are public to the course's learners anyway.
So when the progress service cannot be asked (not on a hub, or the service is down) the fetch goes ahead:
nobody is kept from their work by a service that is down.
"""

from __future__ import annotations

import json
import os

from tornado import web
from tornado.httpclient import AsyncHTTPClient, HTTPClientError

from .. import settings

URL_ENV, TOKEN_ENV = "ACADEMY_PROGRESS_URL", "JUPYTERHUB_API_TOKEN"
ROUTE = r"/assignments/(fetch)"
ASK_TIMEOUT_S = 5.0


def _names(modules: dict[str, dict], ids: list[str]) -> str:
    named = [f"{i} ({modules[i]['title']})" if modules.get(i, {}).get("title") else i for i in ids]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


def why_locked(record: dict, module: str) -> str:
    """The sentence a learner reads when ``module`` is locked for them in ``record`` (``/api/me``); else ''."""
    modules = {m["module"]: m for m in record.get("modules", [])}
    mine = modules.get(module)
    if not mine or mine.get("status") != "locked":
        return ""
    missing = list(mine.get("missing") or [])
    first = f"complete {_names(modules, missing)} first" if missing else "complete the modules before it first"
    return (f"{module} is locked: {first}. A module counts as completed once your submission has been graded "
            f"and reaches its pass mark; your progress page shows where you are.")


async def ask(module: str) -> str:
    """Why ``module`` is locked for this server's learner, or '' when it is open or nobody can say."""
    url, token = settings.raw(URL_ENV).strip(), os.environ.get(TOKEN_ENV, "").strip()
    if not url or not token:
        return ""
    try:
        answer = await AsyncHTTPClient().fetch(url.rstrip("/") + "/api/me", headers={"Authorization": f"token {token}"},
                                               request_timeout=ASK_TIMEOUT_S, follow_redirects=False)
        return why_locked(json.loads(answer.body), module)
    except (HTTPClientError, OSError, ValueError):
        return ""


def _handler_class():
    from nbgrader.server_extensions.assignment_list.handlers import AssignmentActionHandler

    class LockedModuleFetch(AssignmentActionHandler):
        @web.authenticated
        async def post(self, action: str) -> None:
            try:
                module = self.get_argument("assignment_id")
            except web.MissingArgumentError:
                module = (self.get_json_body() or {}).get("assignment_id", "")
            reason = await ask(module) if module else ""
            if reason:
                self.log.info("Fetch of %s refused: %s", module, reason)
                self.finish(json.dumps({"success": False, "value": reason}))
                return
            super().post(action)

    return LockedModuleFetch


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "academy.hub.locked_modules"}]


def _load_jupyter_server_extension(server_app) -> None:
    """The route goes first, ahead of nbgrader's own for the same path."""
    from jupyter_server.utils import url_path_join

    webapp = server_app.web_app
    webapp.add_handlers(".*$", [(url_path_join(webapp.settings["base_url"], ROUTE.lstrip("/")), _handler_class())])
    rules = webapp.default_router.rules
    rules.insert(0, rules.pop(-2))
