"""Who may see what in the progress service, and the state those answers come from.

A learner sees only their own record; an organiser their clubs and their
sessions; an instructor the cohorts they teach; a hub admin everything. Who
is in which group is read from the hub every half minute, and at once when
someone is about to be refused, so a person added a moment ago is let in.
Each handler names its rule (``@requires(teaches, "cohort")``, see
``academy.services.access``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ...services.access import Rule
from ..events import utcnow
from ..gradebook_sync import GradebookUnavailable, sync_gradebook
from ..hub_groups import HubPeople, read_hub
from ..store import ProgressStore
from ..writer import AttemptWriter

if TYPE_CHECKING:
    from .base import ProgressHandler

log = logging.getLogger("academy.progress")


class Progress:
    """What the handlers share: the store, the course's gradebook, and who the hub says is who."""

    def __init__(self, store: ProgressStore, gradebook: Path | str, api_url: str, token: str) -> None:
        """``gradebook``: the course's gradebook file, or its database URL where it lives in PostgreSQL."""
        self.store = store
        self.writer = AttemptWriter(store)
        self.gradebook = gradebook
        self.api_url = api_url
        self.token = token
        self.people = HubPeople(frozenset(), {})
        self.people_read_at = 0.0
        self.last_sync: dict[str, str] = {}

    async def refresh_people(self) -> None:
        self.people_read_at = time.monotonic()
        try:
            people = await asyncio.get_running_loop().run_in_executor(None, read_hub, self.api_url, self.token)
        except Exception as exc:  # the hub restarting must not take the service down
            log.warning("could not read the hub's groups: %s", exc)
            return
        self.store.sync_cohorts(people.cohorts)
        self.people = people

    async def refresh_people_if_stale(self, seconds: float = 5) -> bool:
        """Re-read the hub's groups unless that was done in the last few seconds; True if it was re-read."""
        if time.monotonic() - self.people_read_at <= seconds:
            return False
        await self.refresh_people()
        return True

    async def refresh_grades(self) -> None:
        try:
            changed = await asyncio.get_running_loop().run_in_executor(
                None, sync_gradebook, self.store, self.gradebook, self.store.curriculum.id)
            self.last_sync = {"at": f"{utcnow():%d %b %Y %H:%M} UTC", "changed": str(changed)}
        except GradebookUnavailable as exc:
            self.last_sync = {"at": f"{utcnow():%d %b %Y %H:%M} UTC", "problem": str(exc)}
            log.info("gradebook sync skipped: %s", exc)

    # ---------------------------------------------------------------- who may see what
    def is_admin(self, name: str) -> bool:
        return name in self.people.admins

    def may_teach(self, name: str, cohort: str) -> bool:
        return self.is_admin(name) or cohort in self.store.cohorts_of(name, "instructor")

    def may_mentor(self, name: str, cohort: str) -> bool:
        """Instructors mentor their cohort's projects; so do the members of its ``<cohort>-mentors`` group."""
        return self.may_teach(name, cohort) or cohort in self.store.cohorts_of(name, "mentor")

    def may_run(self, name: str, club: str) -> bool:
        return self.is_admin(name) or club in self.store.cohorts_of(name, "organiser")

    def may_join(self, name: str, club: str) -> bool:
        return club in self.store.cohorts_of(name, "learner") or self.may_run(name, club)


def _club(h: ProgressHandler, sid: str) -> str:
    return h.club_session(sid)["club"]


# The rules handlers declare. A session's rules look the session up first: one that does not exist is a 404.
teaches = Rule(lambda h, cohort: h.progress.may_teach(h.me, cohort), "you do not teach {}")
teaches_a_cohort = Rule(lambda h: h.progress.is_admin(h.me) or bool(h.progress.store.cohorts_of(h.me, "instructor")),
                        "only instructors can sync grades")
runs = Rule(lambda h, club: h.progress.may_run(h.me, club), "you do not run {}")
#: Mentors of a cohort's projects: its instructors (and hub admins), and the members of its ``<cohort>-mentors`` group.
mentors = Rule(lambda h, cohort: h.progress.may_mentor(h.me, cohort),
               "only the instructors and mentors of {} see its projects, and you are neither")
sees_session = Rule(lambda h, sid: h.progress.may_join(h.me, _club(h, sid)),
                    lambda h, sid: f"this session belongs to {_club(h, sid)}")
joins_session = Rule(lambda h, sid: h.progress.may_join(h.me, _club(h, sid)),
                     lambda h, sid: f"only members of {_club(h, sid)} can join")
ends_session = Rule(lambda h, sid: h.progress.may_run(h.me, _club(h, sid)),
                    lambda h, sid: f"only the organisers of {_club(h, sid)} can end its session")
