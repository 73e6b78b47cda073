"""The plumbing every hub service shares: declared access, errors in the asker's format, settings."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from tornado.httpclient import AsyncHTTPClient
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port

from academy.errors import SettingError
from academy.services.access import Rule, public, requires, signed_in, undeclared
from academy.services.app import service_app
from academy.services.handlers import HubServiceHandler
from academy.services.settings import HubService, ServiceSettingsError
from academy.settings import positive_seconds

LOG = logging.getLogger("test_services")


class Hub:
    """Who teaches what as the service last read it, and what the hub says now (read on request)."""

    def __init__(self) -> None:
        self.read: dict[str, set[str]] = {}
        self.now: dict[str, set[str]] = {}
        self.rereads = 0

    def reread(self) -> bool:
        self.rereads += 1
        self.read = {name: set(cohorts) for name, cohorts in self.now.items()}
        return True


teaches = Rule(lambda h, cohort: cohort in h.settings["hub"].read.get(h.me, set()), "you do not teach {}")


class Handler(HubServiceHandler):
    def get_current_user(self) -> dict | None:  # the hub's answer, played by a header
        name = self.request.headers.get("X-User")
        return {"name": name} if name else None

    def get_login_url(self) -> str:
        return "/hub/login"

    async def access_may_have_changed(self) -> bool:
        return self.settings["hub"].reread()


class Cohort(Handler):
    @requires(teaches, "cohort")
    def get(self, cohort: str) -> None:
        self.write({"cohort": cohort, "seen_by": self.me})


class CohortApi(Cohort):
    pass


class Mine(Handler):
    @signed_in
    def post(self) -> None:
        self.write({"mine": self.me})


def run(hub: Hub, requests: list[tuple[str, str, str | None]]) -> list[tuple[int, str]]:
    """(method, path, user) -> (status, body) against the app on a loopback port."""

    async def go() -> list[tuple[int, str]]:
        app = service_app("/services/test/", [(r"/cohorts/([^/]+)", Cohort), (r"/api/([^/]+)", CohortApi),
                                             (r"/mine", Mine)], log=LOG, hub=hub)
        sock, port = bind_unused_port()
        server = HTTPServer(app)
        server.add_sockets([sock])
        client = AsyncHTTPClient()
        out = []
        for method, path, user in requests:
            r = await client.fetch(f"http://127.0.0.1:{port}/services/test{path}", method=method, raise_error=False,
                                   follow_redirects=False, headers={"X-User": user} if user else {},
                                   body=b"" if method == "POST" else None)
            out.append((r.code, r.body.decode()))
        server.stop()
        return out

    # A thread of its own: in the full suite, in-process notebook clients leave this thread's asyncio state used.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, go()).result()


def test_a_rule_lets_in_whom_it_allows_and_refuses_others_in_its_own_words():
    hub = Hub()
    hub.read = hub.now = {"ines": {"intake-a"}}
    (ok_code, ok), (no_code, no), (api_code, api) = run(hub, [
        ("GET", "/cohorts/intake-a", "ines"), ("GET", "/cohorts/intake-b", "ines"), ("GET", "/api/intake-b", "ines")])
    assert ok_code == 200 and json.loads(ok) == {"cohort": "intake-a", "seen_by": "ines"}
    assert no_code == 403 and "you do not teach intake-b" in no and no.lstrip().startswith("<!doctype html>")
    assert api_code == 403 and json.loads(api) == {"error": "you do not teach intake-b"}


def test_someone_just_given_access_on_the_hub_is_let_in_at_once_after_one_reread():
    hub = Hub()
    hub.now = {"ines": {"intake-a"}}  # the hub knows; the service has not read it yet
    [(code, body)] = run(hub, [("GET", "/cohorts/intake-a", "ines")])
    assert code == 200 and hub.rereads == 1
    [(code, _)] = run(hub, [("GET", "/cohorts/intake-a", "ines")])
    assert code == 200 and hub.rereads == 1  # allowed straight away: nothing re-read


def test_nobody_signed_in_is_sent_to_the_hub_or_refused():
    hub = Hub()
    (get_code, _), (post_code, _) = run(hub, [("GET", "/cohorts/intake-a", None), ("POST", "/mine", None)])
    assert get_code == 302 and post_code == 403 and hub.rereads == 0
    [(code, body)] = run(hub, [("POST", "/mine", "ben")])
    assert code == 200 and json.loads(body) == {"mine": "ben"}


def test_a_handler_method_without_a_declaration_is_named():
    class Forgotten(HubServiceHandler):
        def get(self) -> None:
            self.write("anyone?")

        @public
        def head(self) -> None:
            pass

    app = service_app("/s/", [(r"/cohorts/([^/]+)", Cohort), (r"/forgotten", Forgotten)], log=LOG)
    assert undeclared(app) == ["Forgotten.get"]


def test_a_rule_naming_an_argument_the_method_lacks_fails_at_import_time():
    with pytest.raises(TypeError, match="no argument club"):
        class Wrong(HubServiceHandler):
            @requires(teaches, "club")
            def get(self, cohort: str) -> None:
                pass


def test_a_service_started_without_the_hubs_variables_says_which_are_missing():
    with pytest.raises(ServiceSettingsError, match="JUPYTERHUB_API_TOKEN not set: the hub sets them"):
        HubService.from_env({"JUPYTERHUB_API_URL": "http://hub/api"}, prefix="/services/x/", url="http://127.0.0.1:1")
    hub = HubService.from_env({"JUPYTERHUB_API_URL": "http://hub/api", "JUPYTERHUB_API_TOKEN": "t",
                               "JUPYTERHUB_SERVICE_URL": "http://0.0.0.0:10150"}, prefix="/services/x/",
                              url="http://127.0.0.1:1")
    assert (hub.host, hub.port, hub.prefix) == ("0.0.0.0", 10150, "/services/x/")


@pytest.mark.parametrize("raw", ["soon", "0", "-5", "nan"])
def test_a_bad_number_of_seconds_is_named_with_an_example(raw):
    words = f"EVERY_SECONDS must be a number of seconds above 0, e.g. 30; got '{raw}'"
    with pytest.raises(SettingError, match=words):
        positive_seconds("EVERY_SECONDS", raw)
    assert positive_seconds("EVERY_SECONDS", "2.5") == 2.5



class Serving:
    """A tornado app on a loopback port, on a thread and event loop of its own (as a separate process would be)."""

    def __init__(self, app) -> None:
        self.ready, self.loop = threading.Event(), None
        sock, self.port = bind_unused_port()
        self.thread = threading.Thread(target=self._run, args=(app, sock), daemon=True)
        self.thread.start()
        self.ready.wait(10)

    def _run(self, app, sock) -> None:
        self.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self.loop)
        HTTPServer(app).add_sockets([sock])
        self.ready.set()
        self.loop.run_forever()

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


def test_while_the_hub_is_slow_to_say_who_one_learner_is_the_service_answers_the_others():
    """A class pressing Check at once: one slow answer from the hub must not hold up everyone behind it.

    The stand-in hub keeps the first learner's question open until the second learner has had their reply. A
    service that waits for the hub with its event loop stopped (JupyterHub's synchronous ``get_current_user``)
    cannot answer the second, and this test fails on the second's timeout."""
    import requests
    from tornado import web

    from academy.services.handlers import HubAskedOnce

    second_answered, asked = threading.Event(), []

    class WhoIsIt(web.RequestHandler):
        async def get(self) -> None:
            token = self.request.headers.get("Authorization", "").removeprefix("token ")
            asked.append(token)
            if token == "first":
                await asyncio.get_running_loop().run_in_executor(None, second_answered.wait, 20)
            self.write({"kind": "user", "name": f"learner-{token}", "admin": False, "groups": [],
                        "scopes": ["access:services"]})

    hub = Serving(web.Application([(r"/hub/api/user", WhoIsIt)]))

    class Me(HubServiceHandler):
        _hub_auth = HubAskedOnce(api_url=f"http://127.0.0.1:{hub.port}/hub/api", api_token="service-token",
                                 cache_max_age=0)

        @signed_in
        def get(self) -> None:
            self.write({"me": self.me})

    service = Serving(service_app("/services/test/", [(r"/me", Me)], log=LOG))

    def ask(token: str, timeout: float):
        return requests.get(f"http://127.0.0.1:{service.port}/services/test/me", timeout=timeout,
                            headers={"Authorization": f"token {token}"})

    try:
        with ThreadPoolExecutor(1) as pool:
            first = pool.submit(ask, "first", 30)
            for _ in range(1000):
                if asked:
                    break
                time.sleep(0.01)
            second = ask("second", 10)
            second_answered.set()
            replies = [second, first.result()]
    finally:
        second_answered.set()
        service.stop()
        hub.stop()
    assert asked == ["first", "second"]
    assert [r.status_code for r in replies] == [200, 200], [r.text for r in replies]
    assert [r.json()["me"] for r in replies] == ["learner-second", "learner-first"]
