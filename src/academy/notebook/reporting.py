"""Send a learner's instant-check attempts from their notebook to the progress service.

A check must answer at once whatever the network does, so attempts go on a
queue and a background thread posts them in small batches with the
server's hub token. When the service cannot be reached (offline, restarting,
no token) attempts wait in a file in the learner's home and go with the next
post that works; each carries its own id, so sending one twice records it
once. Nothing here can raise into the learner's notebook.
"""

from __future__ import annotations

import atexit
import json
import os
import queue
import threading
import time
import uuid
from collections.abc import Mapping
from pathlib import Path

import requests

URL_ENV, TOKEN_ENV = "ACADEMY_PROGRESS_URL", "JUPYTERHUB_API_TOKEN"
BATCH, TIMEOUT_S = 50, 3.0


def pending_file() -> Path:
    return Path(os.environ.get("ACADEMY_PROGRESS_PENDING", Path.home() / ".academy" / "unsent-attempts.jsonl"))


class Reporter:
    def __init__(self, url: str, token: str) -> None:
        self.endpoint = url.rstrip("/") + "/api/attempts"
        self.headers = {"Authorization": f"token {token}", "Content-Type": "application/json"}
        self.queue: queue.Queue[dict] = queue.Queue()
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._run, name="academy-progress", daemon=True)
        self.thread.start()
        atexit.register(self.flush, 2.0)

    def __call__(self, event: dict) -> None:
        """An attempt listener (see ``academy.exercises.core.attempt_listeners``)."""
        self.queue.put({**event, "event_id": uuid.uuid4().hex})

    def _run(self) -> None:
        while True:
            batch = [self.queue.get()]
            deadline = time.monotonic() + 0.2
            while len(batch) < BATCH and (left := deadline - time.monotonic()) > 0:
                try:
                    batch.append(self.queue.get(timeout=left))
                except queue.Empty:
                    break
            self._send(batch)
            for _ in batch:
                self.queue.task_done()

    def _post(self, events: list[dict]) -> bool:
        try:
            r = requests.post(self.endpoint, data=json.dumps(events), headers=self.headers, timeout=TIMEOUT_S)
        except requests.RequestException:
            return False
        # 4xx other than auth means the service refused these events for good: keeping them would not help.
        return r.ok or (400 <= r.status_code < 500 and r.status_code not in (401, 403, 408, 429))

    def _send(self, batch: list[dict]) -> None:
        with self.lock:
            waiting = self._read_pending()
            if self._post(waiting + batch):
                self._clear_pending()
            else:
                self._write_pending(batch)

    def _read_pending(self) -> list[dict]:
        try:
            lines = pending_file().read_text().splitlines()
        except OSError:
            return []
        out = []
        for line in lines[-5000:]:
            try:
                out.append(json.loads(line))
            except ValueError:
                continue
        return out

    def _write_pending(self, events: list[dict]) -> None:
        try:
            path = pending_file()
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a") as f:
                f.writelines(json.dumps(e) + "\n" for e in events)
        except OSError:
            pass  # a read-only home: the attempts are lost, the learner's work is not

    def _clear_pending(self) -> None:
        try:
            pending_file().unlink(missing_ok=True)
        except OSError:
            pass

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until every queued attempt is sent or set aside (tests and kernel shutdown)."""
        end = time.monotonic() + timeout
        while self.queue.unfinished_tasks and time.monotonic() < end:
            time.sleep(0.02)
        return not self.queue.unfinished_tasks


_installed: Reporter | None = None


def install(env: Mapping[str, str] | None = None) -> Reporter | None:
    """Start reporting when the hub gave this server a progress URL and a token; otherwise do nothing."""
    global _installed
    found: Mapping[str, str] = os.environ if env is None else env
    url, token = found.get(URL_ENV, "").strip(), found.get(TOKEN_ENV, "").strip()
    if _installed is not None or not url or not token:
        return _installed
    from ..exercises.core import attempt_listeners

    _installed = Reporter(url, token)
    attempt_listeners.append(_installed)
    return _installed
