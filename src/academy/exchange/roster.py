"""Who teaches and who learns each course, as the hub's groups say.

- A course's formgrader service (``formgrader-<course>``) teaches it; the grading workers' service (``grader``),
  the hub's admins and the ``instructors`` group teach every course on the hub: they release, collect, grade
  and return feedback.
- Everyone the hub has signed in learns every course on it, unless the hub has a group ``nbgrader-<course>``
  (nbgrader's own convention for a hub with several courses): then only its members and the instructors do.

The service reads the groups with its own token and keeps them a minute; a refusal reads them again first,
so someone added to a group a moment ago is let in at once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

from ..progress.hub_groups import read_groups
from ..services.names import GRADER_SERVICE, PROGRESS_SERVICE, formgrader_service

log = logging.getLogger("academy.exchange")

INSTRUCTORS = "instructors"
#: nbgrader's name for the group of a course's students on a hub with several courses.
COURSE_GROUP = "nbgrader-{course}"
FRESH_FOR_S = 60.0


class Roster:
    def __init__(self, read: Callable[[], tuple[frozenset[str], dict[str, list[str]]]]) -> None:
        self._read = read
        self.admins: frozenset[str] = frozenset()
        self.groups: dict[str, list[str]] = {}
        self.read_at = float("-inf")

    @classmethod
    def from_hub(cls, api_url: str, token: str) -> Roster:
        return cls(lambda: read_groups(api_url, token))

    async def refresh(self) -> bool:
        """Read the hub's groups again (off the event loop); False, and the last known kept, if it is away."""
        try:
            self.admins, self.groups = await asyncio.get_running_loop().run_in_executor(None, self._read)
        except Exception as exc:  # the hub restarting: keep what was known
            log.warning("could not read the hub's groups (%s); using what was read before", exc)
            return False
        self.read_at = time.monotonic()
        return True

    async def fresh(self) -> None:
        if time.monotonic() - self.read_at > FRESH_FOR_S:
            await self.refresh()

    def teaches(self, who: dict[str, Any], course: str) -> bool:
        name = who.get("name", "")
        if who.get("kind") == "service":
            return name in (formgrader_service(course), GRADER_SERVICE)
        return name in self.admins or name in self.groups.get(INSTRUCTORS, [])

    def reads_work(self, who: dict[str, Any], course: str) -> bool:
        """Who may read a learner's due dates and grades: the learner, who teaches, and the progress service
        (which shows each learner theirs on their own page)."""
        return (self.learns(who, course) or (who.get("kind") == "service" and who.get("name") == PROGRESS_SERVICE))

    def learns(self, who: dict[str, Any], course: str) -> bool:
        if who.get("kind") == "service":  # a formgrader sees what its course's learners see, and more
            return self.teaches(who, course)
        members = self.groups.get(COURSE_GROUP.format(course=course))
        return members is None or who.get("name") in members or self.teaches(who, course)
