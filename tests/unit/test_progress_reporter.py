"""The notebook side: checks never wait for the network, and attempts made offline are sent later."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from academy.exercises import attempt_listeners, module
from academy.hub.settings import free_port
from academy.notebook import reporting as reporter


class Service:
    """A stand-in progress service on loopback that records what it is sent."""

    def __init__(self, port: int, status: int = 200) -> None:
        received, self.status = [], status
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                received.append((self.path, self.headers["Authorization"], body))
                self.send_response(outer.status)
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args) -> None:
                pass

        self.received = received
        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def pending(tmp_path, monkeypatch):
    path = tmp_path / "unsent.jsonl"
    monkeypatch.setenv("ACADEMY_PROGRESS_PENDING", str(path))
    return path


def event(exercise: str = "q1") -> dict:
    return {"course": "accelerator", "module": "m01", "exercise": exercise, "learner": "amy", "passed": True,
            "seconds": 0.1, "at": time.time()}


def test_offline_attempts_wait_in_a_file_and_go_with_the_next_post_that_works(pending):
    port = free_port()
    rep = reporter.Reporter(f"http://127.0.0.1:{port}/services/progress/", "secret-token")
    rep(event("q1"))
    assert rep.flush(10)
    kept = [json.loads(line) for line in pending.read_text().splitlines()]
    assert [e["exercise"] for e in kept] == ["q1"] and kept[0]["event_id"]
    service = Service(port)
    try:
        rep(event("q2"))
        assert rep.flush(10)
        path, auth, body = service.received[-1]
        assert path == "/services/progress/api/attempts" and auth == "token secret-token"
        assert [e["exercise"] for e in body] == ["q1", "q2"] and body[0]["event_id"] == kept[0]["event_id"]
        assert not pending.exists()
    finally:
        service.stop()


def test_attempts_the_service_refuses_for_good_are_not_kept_but_an_expired_token_keeps_them(pending):
    port = free_port()
    service = Service(port, status=404)
    try:
        rep = reporter.Reporter(f"http://127.0.0.1:{port}/services/progress/", "t")
        rep(event("q9"))
        assert rep.flush(10) and not pending.exists()
        service.status = 403
        rep(event("q1"))
        assert rep.flush(10) and pending.exists()
    finally:
        service.stop()


@pytest.mark.slow
def test_a_check_answers_at_once_while_the_service_hangs(pending, monkeypatch):
    port = free_port()
    hang = threading.Event()

    class Slow(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            hang.wait(10)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setattr(reporter, "_installed", None)
    before = list(attempt_listeners)
    try:
        installed = reporter.install({"ACADEMY_PROGRESS_URL": f"http://127.0.0.1:{port}/", "JUPYTERHUB_API_TOKEN": "t"})
        assert installed in attempt_listeners
        ex = module("m01", learner="amy")
        start = time.perf_counter()
        feedback = ex.q1.check(12345)
        assert time.perf_counter() - start < 2 and not feedback.passed
        assert installed.flush(10), "the hung post times out and the attempt is set aside"
        assert pending.exists()
    finally:
        hang.set()
        attempt_listeners[:] = before
        server.shutdown()
        server.server_close()


def test_nothing_is_installed_without_a_url_or_a_token(monkeypatch):
    monkeypatch.setattr(reporter, "_installed", None)
    assert reporter.install({"ACADEMY_PROGRESS_URL": "http://127.0.0.1:9/"}) is None
    assert reporter.install({"JUPYTERHUB_API_TOKEN": "t"}) is None
