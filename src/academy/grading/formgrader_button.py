"""The formgrader's Autograde button, routed through the sandboxed grader.

Stock nbgrader's button runs ``nbgrader autograde`` inside the formgrader's own
process: a submitted notebook then executes as the formgrader's account (root
in the demo, the grader account in production), beside the course folder,
with no network jail, no time or memory cap and no plain-English summary. So a
hostile notebook graded from the button would run free, and a cheat that reads
the course's solutions would score. This Jupyter server extension, loaded in
the formgraders' config (``academy.hub.prepare``), answers the button's route
instead: it runs ``academy grade <module> --student <learner> --force`` as a
child process and reports back in the shape the formgrader's page expects
(``success``, ``log``, ``error``), so the page keeps working unchanged.

One grading path, whatever an instructor presses.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import sys
from pathlib import Path

from tornado import web

from ..course import Course

ROUTE = r"/formgrader/api/submission/([^/]+)/([^/]+)/autograde"
#: Longer than the grader's own notebook timeout (600 s) plus kernel start-up: the grader stops a runaway
#: notebook itself; this only catches a grader that hangs.
GRADER_TIMEOUT_S = 900
#: What a module or learner name may look like on the command line (nbgrader's own ids are plain names).
PLAIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@+-]{0,99}")
#: The formgrader's own credentials stay with it: the grader needs none of them.
PRIVATE_ENV = ("JUPYTERHUB_API_TOKEN", "JPY_API_TOKEN", "JUPYTERHUB_CLIENT_ID", "JUPYTERHUB_OAUTH_CALLBACK_URL")


def grader_command(course: Path, assignment: str, student: str, db_url: str = "") -> list[str]:
    cmd = [sys.executable, "-m", "academy", "grade", assignment, "--course", str(course), "--student", student,
           "--force"]
    if db_url and not db_url.startswith("sqlite:"):
        cmd += ["--db", db_url]  # a SQLite gradebook is the course folder's own, which the grader finds itself
    return cmd


async def grade_one(course: Path, assignment: str, student: str, db_url: str = "",
                    timeout: float = GRADER_TIMEOUT_S) -> dict:
    """Grade one learner's submission with ``academy grade``; the formgrader's answer, as a dict."""
    for what, name in (("module", assignment), ("learner", student)):
        if not PLAIN_NAME.fullmatch(name):
            return {"success": False, "error": f"{name!r} is not a {what} name this grader accepts"}
    env = {k: v for k, v in os.environ.items() if k not in PRIVATE_ENV}
    env.update(COLUMNS="120", NO_COLOR="1", TERM="dumb")
    proc = await asyncio.create_subprocess_exec(
        *grader_command(course, assignment, student, db_url), cwd=str(course), env=env,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        start_new_session=True)
    try:
        out, _ = await asyncio.wait_for(proc.communicate(), timeout)
    except TimeoutError:
        os.killpg(proc.pid, signal.SIGKILL)
        await proc.wait()
        return {"success": False, "error": f"the grader did not finish within {timeout:.0f} s and was stopped; "
                                           f"nothing was recorded for {student}"}
    log = out.decode(errors="replace").strip()
    if proc.returncode != 0:
        return {"success": False, "log": log,
                "error": next((ln for ln in reversed(log.splitlines()) if ln.startswith("Error")),
                              f"the grader stopped with exit status {proc.returncode}")}
    summary = Course(course).summary(student, assignment)
    return {"success": True, "log": (summary + "\n" if summary else "") + log}


def _handler_class():
    """Built on first load, so importing this module needs no nbgrader or server."""
    from nbgrader.server_extensions.formgrader.base import BaseApiHandler, check_notebook_dir, check_xsrf

    class SandboxedAutogradeHandler(BaseApiHandler):
        @web.authenticated
        @check_xsrf
        @check_notebook_dir
        async def post(self, assignment_id: str, student_id: str) -> None:
            self.log.info("Autograde %s for %s: sandboxed, with academy grade", assignment_id, student_id)
            result = await grade_one(Path(self.coursedir.root), assignment_id, student_id, self.coursedir.db_url)
            self.write(json.dumps(result))

    return SandboxedAutogradeHandler


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "academy.grading.formgrader_button"}]


def _load_jupyter_server_extension(server_app) -> None:
    """Put the route first, so it answers whichever extension was loaded earlier."""
    from jupyter_server.utils import url_path_join

    from . import formgrader_rubrics

    webapp = server_app.web_app
    base = webapp.settings["base_url"]
    webapp.add_handlers(".*$", [(url_path_join(base, ROUTE.lstrip("/")), _handler_class()),
                                (url_path_join(base, formgrader_rubrics.ROUTE.lstrip("/")),
                                 formgrader_rubrics._handler_class())])
    rules = webapp.default_router.rules
    rules.insert(0, rules.pop(-2))  # add_handlers puts a host's rules just before the catch-all; move them to the top
    from .formgrader_pages import add_to

    add_to(webapp)  # and its pages link back to the instructor's start page
    server_app.log.info("academy: the formgrader's Autograde button grades in the sandbox; rubrics at %s",
                        url_path_join(base, formgrader_rubrics.ROUTE.lstrip("/")))
