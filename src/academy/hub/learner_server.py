"""The learner's own server, beside nbgrader's Assignments tab: locked modules say why, one link opens a module.

nbgrader's Assignments tab lists every released module with a Fetch button, while the progress pages show
modules whose prerequisites are not yet completed as Locked. This Jupyter server extension, loaded in the
learners' servers (``academy.hub.prepare``):

- answers the tab's fetch first: it asks the progress service (with the server's own token, as the instant
  checks do) whether the module is open to this learner, and if not answers in the shape the tab shows as
  its message, naming what to complete first;
- serves ``academy/open/<module>``, the progress page's "Open" button (through the hub's
  ``/hub/user-redirect/``, which starts the server first if need be): fetch the module if it is not yet
  fetched, then open its notebook in JupyterLab. A learner goes from log-in to their first check without
  finding a menu or typing a path;
- has nbgrader's Validate button report each question's instant check (``academy.hub.validate_checks``);
- has the Assignments tab show the exchange's plain sentence when a step fails, not a traceback.

It is a signpost, not a lock on the data: released modules are public to the course's learners anyway.
So when the progress service cannot be asked (not on a hub, or the service is down) the fetch goes ahead:
nobody is kept from their work by a service that is down.
"""

from __future__ import annotations

import html
import json
import os

from tornado import web
from tornado.httpclient import AsyncHTTPClient, HTTPClientError

from .. import settings

URL_ENV, TOKEN_ENV = "ACADEMY_PROGRESS_URL", "JUPYTERHUB_API_TOKEN"
ROUTE = r"/assignments/(fetch)"
OPEN_ROUTE = r"/academy/open/([A-Za-z0-9][A-Za-z0-9_.-]{0,99})"
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


def _released(manager, module: str) -> dict | None:
    listed = manager.list_released_assignments()
    if not listed.get("success"):
        return None
    mine = [a for a in listed["value"] if a["assignment_id"] == module]
    return next((a for a in mine if a["status"] == "fetched"), mine[0] if mine else None)


def _open_handler_class():
    from jupyter_server.base.handlers import JupyterHandler
    from jupyter_server.utils import url_escape, url_path_join

    class OpenModule(JupyterHandler):
        """GET academy/open/m01: fetch m01 if need be, then show its notebook in JupyterLab."""

        @web.authenticated
        async def get(self, module: str) -> None:
            reason = await ask(module)
            if reason:
                raise web.HTTPError(403, reason=reason.split(":")[0], log_message=reason)
            manager = self.settings["assignment_list_manager"]
            found = _released(manager, module)
            if found is None:
                raise web.HTTPError(404, log_message=f"{module} has not been released to you yet")
            if found["status"] != "fetched":
                outcome = manager.fetch_assignment(found["course_id"], module)
                if not outcome.get("success"):
                    raise web.HTTPError(500, log_message=f"{module} could not be fetched; try the Assignments tab")
                found = _released(manager, module) or found
            notebooks = sorted(n["path"] for n in found.get("notebooks", []))
            target = notebooks[0] if notebooks else found.get("path", "")
            self.redirect(url_path_join(self.base_url, "lab", "tree", url_escape(target)))

        def write_error(self, status_code: int, **kwargs) -> None:
            exc = kwargs.get("exc_info", (None, None, None))[1]
            text = getattr(exc, "log_message", None) or self._reason
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(f"<!doctype html><html lang='en-GB'><head><meta charset='utf-8'><title>{status_code}: "
                        f"module not opened</title></head><body><main><h1>This module did not open</h1>"
                        f"<p>{html.escape(text)}</p><p><a href='/services/progress/me'>Back to my progress</a> · "
                        f"<a href='{url_path_join(self.base_url, 'lab')}'>JupyterLab</a></p></main></body></html>")

    return OpenModule


#: What nbgrader's Assignments tab says when its list fails for any reason (its own text speaks of a folder).
LIST_FAILED = ("The list of modules could not be read from the exchange service. Your work is safe in your own "
               "folder: try again in a minute, and tell your instructor if it goes on.")


def _plain(result: dict) -> dict:
    """A failed step's traceback becomes the exchange's own sentence (the last ``ExchangeError: ...`` line)."""
    value = result.get("value")
    if result.get("success") is False and isinstance(value, str):
        if "The exchange directory does not exist" in value:
            return {**result, "value": LIST_FAILED}
        said = [ln.split("ExchangeError: ", 1)[1] for ln in value.splitlines() if "ExchangeError: " in ln]
        if said:
            return {**result, "value": said[-1]}
    return result


def plain_exchange_errors() -> None:
    """nbgrader's Assignments tab shows a failed fetch, submit or list as a Python traceback (or, for a list,
    a sentence about a shared folder we no longer have); a learner reads the exchange's plain sentence instead."""
    from nbgrader.server_extensions.assignment_list.handlers import AssignmentList

    if getattr(AssignmentList, "_academy_plain", False):
        return
    for name in ("list_released_assignments", "list_submitted_assignments", "fetch_assignment", "fetch_feedback",
                 "submit_assignment"):
        original = getattr(AssignmentList, name)

        def plain(self, *args, _original=original, **kwargs):
            return _plain(_original(self, *args, **kwargs))

        setattr(AssignmentList, name, plain)
    AssignmentList._academy_plain = True


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "academy.hub.learner_server"}]


def _load_jupyter_server_extension(server_app) -> None:
    """The routes go first, ahead of nbgrader's own for the same path."""
    from jupyter_server.utils import url_path_join

    webapp = server_app.web_app
    base = webapp.settings["base_url"]
    webapp.add_handlers(".*$", [(url_path_join(base, ROUTE.lstrip("/")), _handler_class()),
                                (url_path_join(base, OPEN_ROUTE.lstrip("/")), _open_handler_class())])
    rules = webapp.default_router.rules
    rules.insert(0, rules.pop(-2))
    from .validate_checks import use_in_validate_button

    use_in_validate_button()
    plain_exchange_errors()
