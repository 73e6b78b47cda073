"""What notebooks and the pages' scripts call: JSON in, JSON out, errors as ``{"error": ...}``."""

from __future__ import annotations

from ...services.access import requires, signed_in
from .access import sees_session, teaches_a_cohort
from .base import ProgressHandler


class MeApi(ProgressHandler):
    @signed_in
    def get(self) -> None:
        r = self.progress.store.learner_record(self.me)
        self.write({"learner": r.name,
                    "modules": [{"module": m.module, "title": m.title, "status": m.status,
                                 "passed": m.passed_exercises, "exercises": m.exercises, "missing": list(m.missing)}
                                for m in r.modules],
                    "next": {"module": r.next.module, "exercise": r.next_exercise} if r.next else None,
                    "skills": r.skills, "attempts": r.attempts,
                    "grades": {m: {"score": g.score, "max_score": g.max_score, "pending": g.pending}
                               for m, g in r.grades.items()},
                    "certificates": sorted(r.certificates)})


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
