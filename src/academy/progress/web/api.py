"""What notebooks and the pages' scripts call: JSON in, JSON out, errors as ``{"error": ...}``."""

from __future__ import annotations

import json

from tornado import web

from ...services.access import requires, signed_in
from ..events import AttemptEvent, ProgressError, UnknownExercise, check_exercise
from .access import sees_session, teaches_a_cohort
from .base import ProgressHandler

#: A batch of 500 attempts is about 100 kB, well inside the service's request size limit.
MAX_BATCH = 500


class MeApi(ProgressHandler):
    @signed_in
    def get(self) -> None:
        r = self.progress.store.learner_record(self.me)
        self.write({"learner": r.name,
                    "modules": [{"module": m.module, "status": m.status, "passed": m.passed_exercises,
                                 "exercises": m.exercises} for m in r.modules],
                    "next": {"module": r.next.module, "exercise": r.next_exercise} if r.next else None,
                    "skills": r.skills, "attempts": r.attempts,
                    "grades": {m: {"score": g.score, "max_score": g.max_score, "pending": g.pending}
                               for m, g in r.grades.items()},
                    "certificates": sorted(r.certificates)})


class Attempts(ProgressHandler):
    """Notebooks post their instant checks here with the server's hub token; they count as the token's owner's."""

    @signed_in
    async def post(self) -> None:
        try:
            body = json.loads(self.request.body or b"null")
        except ValueError:
            raise web.HTTPError(400, "the body is not JSON") from None
        raw = body if isinstance(body, list) else [body]
        if len(raw) > MAX_BATCH:
            raise web.HTTPError(413, f"at most {MAX_BATCH} attempts per request")
        try:
            events = [AttemptEvent.from_dict(r, learner=self.me) for r in raw]
            for e in events:  # refused here, alone, so one bad notebook cannot fail a batch of others
                check_exercise(e.module, e.exercise, self.progress.store.catalogue)
        except UnknownExercise as exc:
            raise web.HTTPError(404, str(exc)) from None
        except ProgressError as exc:
            raise web.HTTPError(400, str(exc)) from None
        recorded, duplicates = await self.progress.writer.record(events)
        self.write({"recorded": recorded, "duplicates": duplicates})


class SessionBoard(ProgressHandler):
    @requires(sees_session, "sid")
    def get(self, sid: str) -> None:
        self.set_header("Cache-Control", "no-store")
        self.write(self.progress.store.board(int(sid)))


class SyncNow(ProgressHandler):
    @requires(teaches_a_cohort)
    async def post(self) -> None:
        await self.progress.refresh_people()
        await self.progress.refresh_grades()
        self.write(self.progress.last_sync)
