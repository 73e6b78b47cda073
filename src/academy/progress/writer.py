"""Group commit for the progress store: attempts posted within a few milliseconds share one transaction.

Each request is answered only after its attempts are committed, so an
acknowledged attempt is never lost; a busy classroom costs one write per
batch instead of one per check.
"""

from __future__ import annotations

import asyncio

from .events import AttemptEvent
from .store import ProgressStore


class AttemptWriter:
    def __init__(self, store: ProgressStore, window_s: float = 0.002) -> None:
        self.store, self.window_s = store, window_s
        self.waiting: list[tuple[list[AttemptEvent], asyncio.Future]] = []
        self.scheduled = False

    async def record(self, events: list[AttemptEvent]) -> tuple[int, int]:
        """(recorded, duplicates) for these events, once they are committed with whatever else arrived."""
        future = asyncio.get_running_loop().create_future()
        self.waiting.append((events, future))
        if not self.scheduled:
            self.scheduled = True
            asyncio.get_running_loop().call_later(self.window_s, self._flush)
        return await future

    def _flush(self) -> None:
        batch, self.waiting, self.scheduled = self.waiting, [], False
        try:
            result = self.store.record([e for events, _ in batch for e in events], create_learners=True)
        except Exception as exc:  # every request in the batch hears about it; none is half-recorded
            for _, future in batch:
                future.set_exception(exc)
            return
        claimed: set[str] = set()
        for events, future in batch:
            mine = {e.event_id for e in events if e.event_id in result.fresh and e.event_id not in claimed}
            claimed |= mine
            future.set_result((len(mine), len(events) - len(mine)))
