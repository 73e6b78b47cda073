"""A person at the hub, over HTTP: log in, start a server, call the APIs.

Used by the tests, ``benchmarks/hub_load.py`` and the progress work. It goes
through the login form and cookies exactly as a browser does (with the XSRF
token JupyterHub requires), rather than minting admin tokens, so what it is
allowed to do is what that person is allowed to do.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from dataclasses import dataclass

import requests


class HubError(RuntimeError):
    pass


@dataclass
class HubSession:
    url: str
    name: str = ""
    timeout: float = 30.0

    def __post_init__(self) -> None:
        self.http = requests.Session()
        self.url = self.url.rstrip("/")

    def _xsrf(self) -> str:
        return self.http.cookies.get("_xsrf", path="/hub/") or self.http.cookies.get("_xsrf") or ""

    def login(self, name: str, password: str) -> HubSession:
        self.http.get(f"{self.url}/hub/login", timeout=self.timeout)
        r = self.http.post(f"{self.url}/hub/login", data={"username": name, "password": password,
                                                           "_xsrf": self._xsrf()},
                           allow_redirects=False, timeout=self.timeout)
        if r.status_code != 302:
            raise HubError(f"login as {name!r} refused (HTTP {r.status_code})")
        self.name = name
        return self

    def sign_up(self, name: str, password: str) -> str:
        """Ask for an account (production's NativeAuthenticator); returns the page's message."""
        self.http.get(f"{self.url}/hub/signup", timeout=self.timeout)
        r = self.http.post(f"{self.url}/hub/signup", timeout=self.timeout,
                           data={"username": name, "signup_password": password,
                                 "signup_password_confirmation": password, "_xsrf": self._xsrf()})
        if r.status_code != 200:
            raise HubError(f"sign-up as {name!r} failed (HTTP {r.status_code})")
        found = re.search(r'class="alert[^"]*"[^>]*>(.*?)</div>', r.text, re.S)
        return re.sub(r"<[^>]+>|\s+", " ", found.group(1)).strip() if found else ""

    def api(self, method: str, path: str, **kw) -> requests.Response:
        headers = {"X-XSRFToken": self._xsrf(), **kw.pop("headers", {})}
        return self.http.request(method, f"{self.url}/hub/api{path}", headers=headers,
                                 timeout=kw.pop("timeout", self.timeout), **kw)

    def service(self, method: str, name: str, path: str = "", **kw) -> requests.Response:
        """A hub service's page or API as this person's browser sees it (OAuth redirects followed).

        Form posts carry the service's own xsrf token, as its pages' forms do."""
        url = f"{self.url}/services/{name}/{path.lstrip('/')}"
        if method.upper() != "GET":
            token = self.http.cookies.get("_xsrf", path=f"/services/{name}/")
            if token is None:
                # The first visit logs in through the hub and sets it (the service's front page takes GET).
                self.http.get(f"{self.url}/services/{name}/", timeout=self.timeout)
                token = self.http.cookies.get("_xsrf", path=f"/services/{name}/") or ""
            kw.setdefault("headers", {})["X-XSRFToken"] = token
        return self.http.request(method, url, timeout=kw.pop("timeout", self.timeout), **kw)

    def token(self, note: str = "academy client") -> str:
        r = self.api("POST", f"/users/{self.name}/tokens", json={"note": note, "expires_in": 3600})
        if r.status_code != 201:
            raise HubError(f"could not make a token for {self.name}: HTTP {r.status_code} {r.text[:200]}")
        return r.json()["token"]

    def start_server(self, wait: float = 150.0) -> float:
        """Start this person's server and wait until it answers; returns seconds from request to ready."""
        t0 = time.perf_counter()
        r = self.api("POST", f"/users/{self.name}/server")
        if r.status_code not in (201, 202, 400):  # 400: already running
            raise HubError(f"spawn for {self.name} refused: HTTP {r.status_code} {r.text[:200]}")
        deadline = t0 + wait
        while time.perf_counter() < deadline:
            info = self.api("GET", f"/users/{self.name}").json()
            server = (info.get("servers") or {}).get("")
            if server and server.get("ready"):
                return time.perf_counter() - t0
            if not info.get("pending") and not server:
                raise HubError(f"{self.name}'s server stopped while starting (see the hub's log)")
            time.sleep(0.1)
        raise HubError(f"{self.name}'s server was not ready after {wait:.0f} s")

    def stop_server(self, wait: float = 30.0) -> None:
        self.api("DELETE", f"/users/{self.name}/server")
        deadline = time.perf_counter() + wait
        while time.perf_counter() < deadline:
            info = self.api("GET", f"/users/{self.name}").json()
            if not info.get("servers") and not info.get("pending"):
                return
            time.sleep(0.1)
        raise HubError(f"{self.name}'s server did not stop within {wait:.0f} s")

    def run_in_kernel(self, code: str, timeout: float = 180.0) -> str:
        """Run code in this person's own kernel on their own server, as a notebook cell would; what it printed."""
        self.start_server(wait=120)
        headers = {"Authorization": f"token {self.token()}"}
        base = f"{self.url}/user/{self.name}"
        r = requests.post(f"{base}/api/kernels", json={"name": "python3"}, headers=headers, timeout=60)
        if r.status_code != 201:
            raise HubError(f"{self.name}'s server would not start a kernel: HTTP {r.status_code} {r.text[:200]}")
        kernel = r.json()["id"]
        try:
            return execute(f"{base.replace('http', 'ws', 1)}/api/kernels/{kernel}/channels", headers, code, timeout)
        finally:
            requests.delete(f"{base}/api/kernels/{kernel}", headers=headers, timeout=60)

    def server(self, method: str, path: str, **kw) -> requests.Response:
        """A request to this person's own server (through the proxy, with their cookies)."""
        headers = {"X-XSRFToken": self.http.cookies.get("_xsrf", path=f"/user/{self.name}/") or "",
                   **kw.pop("headers", {})}
        return self.http.request(method, f"{self.url}/user/{self.name}/{path.lstrip('/')}", headers=headers,
                                 timeout=kw.pop("timeout", self.timeout), **kw)


def wait_until_up(url: str, timeout: float = 90.0, alive=lambda: True) -> None:
    """Block until the hub's API answers; ``alive`` says whether the hub process is still running."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if not alive():
            raise HubError("the hub exited while starting (see its log)")
        try:
            if requests.get(f"{url.rstrip('/')}/hub/api/", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise HubError(f"the hub at {url} did not answer within {timeout:.0f} s")


def execute(ws_url: str, headers: dict, code: str, timeout: float) -> str:
    """Run ``code`` on a kernel over its websocket; returns what it printed (or raises on an error)."""
    import websocket  # websocket-client, as jupyter_server has it

    ws = websocket.create_connection(ws_url, header=[f"{k}: {v}" for k, v in headers.items()], timeout=timeout)
    try:
        msg_id = uuid.uuid4().hex
        ws.send(json.dumps({"header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "bench",
                                       "session": uuid.uuid4().hex, "version": "5.3"},
                            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                            "content": {"code": code, "silent": False, "store_history": False,
                                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
        # Output comes on iopub and the reply on shell, in no fixed order: done when both have ended.
        printed, replied, idle, deadline = [], False, False, time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg = json.loads(ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                printed.append(content["text"])
            elif kind in ("execute_result", "display_data"):
                printed.append(content["data"].get("text/plain", ""))
            elif kind == "error":
                raise RuntimeError(f"{content['ename']}: {content['evalue']}")
            elif kind == "execute_reply":
                replied = True
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
            if replied and idle:
                return "".join(printed)
        raise TimeoutError(f"no reply within {timeout:.0f} s")
    finally:
        ws.close()
