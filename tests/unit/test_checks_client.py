"""The notebook's thin client against a real checks service app: verdicts as data, and faults in plain words.

The service here is the real tornado application with the hub's login replaced by a fixed learner, so
the client, the wire format and the judging run for real; the hub itself is in the integration tests.
"""

from __future__ import annotations

import contextlib
import socket
import threading

import pandas as pd
import pytest

from academy.checks import registry
from academy.checks.judge import Judge
from academy.course import find
from academy.exercises import wire
from academy.hub.settings import free_port
from academy.notebook import client
from academy.notebook.client import ClientModule, NotebookError, ServiceBackend
from academy.progress.store import ProgressStore
from academy.testing.checks_service import serve_checks

m02 = registry.module("m02").checks


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    store = ProgressStore(f"sqlite:///{tmp_path_factory.mktemp('checks') / 'p.db'}", find().curriculum)
    with serve_checks(Judge(find()), store, "casey") as url:
        yield url, store
    store.engine.dispose()


def test_a_notebook_gets_its_own_tables_and_verdicts_and_the_store_keeps_the_services_verdict(service):
    url, store = service
    ex = ClientModule("m02", ServiceBackend(url, "token"))
    requests_table = ex.table("requests")
    local = Judge(find()).bound("m02", "casey")
    pd.testing.assert_frame_equal(requests_table, local.table("requests"))
    assert not ex.q1.check(len(requests_table)).passed
    right = ex.q1.check(m02.fly_tipping_count(requests_table))
    assert right.passed and str(right).startswith("Correct")
    # A function answer stays in the kernel: what it gives on the learner's tables is what is judged.
    assert ".dt.days drops the hours" in str(ex.q5.check(lambda df: (df.closed_at - df.opened_at).dt.days))
    assert ex.q5.check(m02.days_to_close).passed
    assert "opens once you pass" in str(ex.q2.solution())
    assert "request_type" in str(ex.q1.solution())
    assert str(ex.q2.hint()).startswith("Hint 1 of") and str(ex.q2.hint()).startswith("Hint 2 of")
    record = store.learner_record("casey")
    assert record.attempts == 4
    assert "solution" not in repr(vars(ex)) and "request_type'" not in str(ex._info)


def test_a_checker_that_cannot_be_reached_is_one_sentence_and_the_answer_is_kept(service, monkeypatch):
    url, _ = service
    ex = ClientModule("m02", ServiceBackend(url, "token"))
    answer = 42
    ex._backend = ServiceBackend(f"http://127.0.0.1:{free_port()}/services/checks/", "token")
    said = ex.q1.check(answer)
    assert not said and "cannot be reached" in str(said) and "run this cell again" in str(said)
    assert answer == 42
    with pytest.raises(NotebookError, match="cannot be reached"):
        ClientModule("m02", ex._backend)


@contextlib.contextmanager
def raw_server(answer):
    """A server at the checker's address that speaks plain sockets: ``answer(conn)`` for each connection."""
    server = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            answer(conn)

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield ServiceBackend(f"http://127.0.0.1:{server.getsockname()[1]}/services/checks/", "token")
    finally:
        server.close()


def test_a_connection_the_service_dropped_while_kept_alive_is_tried_once_more():
    """The service answers each connection's first request and drops its second unanswered, as a server
    closing an idle kept-alive connection does just as the learner presses check."""
    import json

    body = json.dumps({"text": "Hint 1 of 1: count them."}).encode()
    connections = []

    def answer_once(conn) -> None:
        connections.append(conn)
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: keep-alive\r\n"
                     b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
        conn.recv(65536)
        conn.close()

    with raw_server(answer_once) as backend:
        assert backend.hint("m02", "q1", 1).startswith("Hint 1")
        assert backend.hint("m02", "q1", 2).startswith("Hint 1")  # its first connection was dropped: a new one
        assert len(connections) == 2


def test_an_answer_too_large_or_of_a_kind_that_cannot_be_sent_gets_a_sentence(service, monkeypatch):
    url, _ = service
    ex = ClientModule("m02", ServiceBackend(url, "token"))
    monkeypatch.setattr(wire, "MAX_BUNDLE_BYTES", 1000)
    assert "too large to send" in str(ex.q3.check(ex.table("requests")))
    monkeypatch.undo()
    odd = ex.q1.check(threading.Lock())
    assert not odd.passed and odd.problems


def test_outside_the_hub_a_learner_is_told_where_to_work(monkeypatch, tmp_path):
    monkeypatch.setenv("ACADEMY_COURSE", str(tmp_path))  # a course folder this account cannot read the checks of
    monkeypatch.delenv(client.URL_ENV, raising=False)
    from academy.notebook import module

    with pytest.raises(NotebookError, match="checked on the Council Data Academy hub") as raised:
        module("m02")
    assert raised.value._render_traceback_() == [str(raised.value)]  # IPython shows this line, no traceback


def test_a_reply_that_is_not_the_checkers_is_one_sentence():
    """A server at the checker's address that answers with a web page (a wrong URL, a captive proxy)."""
    def web_page(conn) -> None:
        conn.recv(65536)
        page = b"<html>Welcome</html>"
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                     + str(len(page)).encode() + b"\r\n\r\n" + page)
        conn.close()

    with raw_server(web_page) as backend:
        with pytest.raises(NotebookError, match="could not be read"):
            backend.hint("m02", "q1", 1)
        said = check_through(backend)
        assert not said and "could not be read" in str(said)


def check_through(backend) -> object:
    """What a check cell shows when the checker's reply is unreadable: a sentence, no traceback."""
    from academy.notebook.client import ClientExercise

    class Module:
        id, name, _backend, _tables = "m02", "ex", backend, {}

    return ClientExercise(Module(), {"name": "q1", "title": "q1"}).check(42)
