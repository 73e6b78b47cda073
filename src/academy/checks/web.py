"""The checks service behind the hub: a notebook sends its answer as data; the service judges and records it.

The learner's kernel holds their tables, the questions and a thin client
(``academy.notebook``), nothing that knows an answer. Each call is made with
the server's hub token, so it is always the token's owner who is judged, on
their own variant, with the course folder's checks. The attempt recorded is
the service's own verdict.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid

from tornado import web

from .. import settings
from ..exercises import wire
from ..progress.events import AttemptEvent, ProgressError, UnknownExercise, utcnow
from ..progress.store import ProgressStore
from ..progress.writer import AttemptWriter
from ..services.access import signed_in
from ..services.handlers import HubServiceHandler
from .judge import Judge

ID = r"([a-z][a-z0-9_]{0,31})"
log = logging.getLogger("academy.checks")


class CheckHandler(HubServiceHandler):
    @property
    def judge(self) -> Judge:
        return self.settings["judge"]

    @property
    def store(self) -> ProgressStore:
        return self.settings["store"]

    @property
    def writer(self) -> AttemptWriter:
        return self.settings["writer"]

    def wants_json(self) -> bool:
        """Every answer here is for a notebook's client, errors included."""
        return True

    # No check_xsrf_cookie override: notebooks call with the server's token, which JupyterHub's own check lets
    # through, while a page that borrows a learner's browser cookie to post attempts in their name is refused.

    def compute_etag(self) -> None:
        """Every reply is for one learner's one call, never asked for twice: hashing it for caches is wasted."""
        return None

    def exercise_of(self, module: str, exercise: str):
        try:
            return self.judge.source(module).spec.exercise(exercise)
        except (KeyError, AttributeError) as exc:
            raise web.HTTPError(404, str(exc).strip("'\"")) from None

    async def off_loop(self, fn, *args):
        """Judging is pandas work: done on a worker thread so one slow check never stalls the others."""
        return await asyncio.get_running_loop().run_in_executor(None, fn, *args)


class ModuleData(CheckHandler):
    """A learner's own tables and givens, and the module's questions: what ``module("m02")`` loads."""

    @signed_in
    async def get(self, module: str) -> None:
        try:
            body = await self.off_loop(self.judge.bundle, module, self.me)
        except KeyError as exc:
            raise web.HTTPError(404, str(exc).strip("'\"")) from None
        self.set_header("Content-Type", "application/zip")
        self.set_header("Cache-Control", "private, no-store")
        self.write(body)


class CheckAnswer(CheckHandler):
    @signed_in
    async def post(self, module: str, exercise: str) -> None:
        spec = self.exercise_of(module, exercise)
        try:
            answer, earlier = wire.unpack_check(self.request.body)
        except wire.BundleError as exc:
            raise web.HTTPError(400, str(exc)) from None
        start = time.perf_counter()
        feedback = await self.off_loop(self.judge.check_now, module, exercise, self.me, answer, earlier)
        seconds = time.perf_counter() - start
        if spec.marked_on_submission:
            # Judged by the grader on submission: an instant check of it is neither a pass nor a fail.
            self.write({"exercise": exercise, **feedback.verdict()})
            return
        event = AttemptEvent(uuid.uuid4().hex, self.me, module, exercise, feedback.passed, seconds,
                             utcnow())
        try:
            await self.writer.record([event])
        except (UnknownExercise, ProgressError):
            pass  # a module the curriculum does not list yet: judged, not counted
        self.write({"exercise": exercise, **feedback.verdict()})


class Hint(CheckHandler):
    @signed_in
    def post(self, module: str, exercise: str) -> None:
        self.exercise_of(module, exercise)
        try:
            shown = self.store.hint_shown(self.me, module, exercise)
        except (UnknownExercise, ProgressError):
            shown = _asked_number(self.request.body)
        self.write({"text": str(self.judge.hint(module, exercise, shown))})


class Solution(CheckHandler):
    @signed_in
    def get(self, module: str, exercise: str) -> None:
        self.exercise_of(module, exercise)
        released = set(settings.get("ACADEMY_RELEASED_SOLUTIONS") or ())
        may_see = "*" in released or module in released or self.store.has_passed(self.me, module, exercise)
        self.write({"text": str(self.judge.solution(module, exercise, may_see)), "shown": may_see})


def _asked_number(body: bytes) -> int:
    try:
        number = json.loads(body or b"{}").get("number", 1)
    except (ValueError, AttributeError):
        return 1
    return number if isinstance(number, int) and not isinstance(number, bool) else 1


ROUTES = [
    (rf"/api/modules/{ID}", ModuleData),
    (rf"/api/modules/{ID}/{ID}/check", CheckAnswer),
    (rf"/api/modules/{ID}/{ID}/hint", Hint),
    (rf"/api/modules/{ID}/{ID}/solution", Solution),
]


def make_app(judge: Judge, store: ProgressStore, prefix: str) -> web.Application:
    from ..services.app import service_app

    return service_app(prefix, ROUTES, log=log, quiet=(CheckAnswer, ModuleData), judge=judge, store=store,
                       writer=AttemptWriter(store))
