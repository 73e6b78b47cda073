"""Group commit for the progress store: attempts posted while a write is under way share the next transaction.

Each request is answered only after its attempts are committed, so an
acknowledged attempt is never lost; a busy classroom costs one write per
batch instead of one per check. The write runs on its own thread, so the
service's event loop keeps reading and judging the next requests meanwhile:
the busier the moment, the larger the batch.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from .events import AttemptEvent
from .store import ProgressStore


class AttemptWriter:
    def __init__(self, store: ProgressStore, window_s: float = 0.002) -> None:
        self.store, self.window_s = store, window_s
        self.waiting: list[tuple[list[AttemptEvent], asyncio.Future]] = []
        self.scheduled = False
        self.writing = False
        # One writer thread: batches commit in the order they were gathered, never two at once.
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="attempt-writer")

    async def record(self, events: list[AttemptEvent]) -> tuple[int, int]:
        """(recorded, duplicates) for these events, once they are committed with whatever else arrived."""
        future = asyncio.get_running_loop().create_future()
        self.waiting.append((events, future))
        self._schedule()
        return await future

    def _schedule(self) -> None:
        if not self.scheduled and not self.writing and self.waiting:
            self.scheduled = True
            asyncio.get_running_loop().call_later(self.window_s, lambda: asyncio.ensure_future(self._flush()))

    async def _flush(self) -> None:
        batch, self.waiting, self.scheduled = self.waiting, [], False
        self.writing = True
        events = [e for events, _ in batch for e in events]
        try:
            result = await asyncio.get_running_loop().run_in_executor(
                self._thread, lambda: self.store.record(events, create_learners=True)
            )
        except Exception as exc:  # every request in the batch hears about it; none is half-recorded
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc)
            return
        finally:
            self.writing = False
            self._schedule()  # what arrived during this write goes next
        claimed: set[str] = set()
        for events_of_one, future in batch:
            mine = {e.event_id for e in events_of_one if e.event_id in result.fresh and e.event_id not in claimed}
            claimed |= mine
            if not future.done():
                future.set_result((len(mine), len(events_of_one) - len(mine)))
