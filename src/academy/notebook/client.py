"""The thin client a learner's notebook holds: their tables, the questions, and calls to the checker.

``module("m02")`` in a notebook on the hub loads the learner's own tables from
the checks service behind the hub, and ``ex.q3.check(answer)`` sends the
answer there as data (the grader's JSON + Parquet record, never pickle). The
service judges it on their variant with the course folder's checks and keeps
the attempt. Nothing in this kernel knows an answer: no solution, check,
mistake list or planted truth, and no seed to rebuild one.

Under ``academy grade`` the grader leaves the learner's tables in the
kernel's work folder instead, and judges the recorded answers itself.
"""

from __future__ import annotations

import http.client
import json
import os
import threading
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..exercises import wire
from ..exercises.capture import FunctionResult
from ..exercises.feedback import Feedback, Text

URL_ENV, TOKEN_ENV = "ACADEMY_CHECKS_URL", "JUPYTERHUB_API_TOKEN"
#: Seconds to wait for the checker: a check takes tens of milliseconds; loading a module's data up to a second.
CHECK_TIMEOUT_S, LOAD_TIMEOUT_S = 15.0, 60.0
#: Where ``academy grade`` leaves each module's data for the kernel (inside the capture folder).
GRADING_DATA = "data"


class NotebookError(Exception):
    """Something the learner can act on, shown as one plain sentence (IPython shows no traceback for it)."""

    def _render_traceback_(self) -> list[str]:
        return [str(self)]


class CheckerUnreachable(NotebookError):
    pass


class Notice(Text):
    """What a check cell shows when no verdict could be had (the answer itself is untouched)."""

    passed = False

    def __bool__(self) -> bool:
        return False


# ------------------------------------------------------------------------ where the data and verdicts come from
class ServiceBackend:
    """The checks service behind the hub, called with this server's hub token.

    One kept-alive connection through the standard library's ``http.client``: a check costs the kernel about
    0.2 ms of CPU where ``requests`` took 0.9 ms, which counts on a machine whose cores the hub, the service
    and a whole class's kernels share.
    """

    def __init__(self, url: str, token: str) -> None:
        parts = urllib.parse.urlsplit(url.rstrip("/") + "/api/modules")
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise NotebookError(f"The checker's address {url!r} is not a web address; restart your server "
                                "from the hub.")
        self._https = parts.scheme == "https"
        self._host, self._port = parts.hostname, parts.port
        self.base = parts.path
        self._headers = {"Authorization": f"token {token}"}
        self._conn: http.client.HTTPConnection | None = None
        self._lock = threading.Lock()  # one request at a time on the one connection (widgets may call from threads)

    def _connection(self, timeout: float) -> http.client.HTTPConnection:
        if self._conn is None:
            kind = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
            self._conn = kind(self._host, self._port, timeout=timeout)
        self._conn.timeout = timeout
        if self._conn.sock is not None:
            self._conn.sock.settimeout(timeout)
        return self._conn

    def _drop(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _call(self, method: str, path: str, timeout: float, body: bytes | None = None,
              content_type: str = "application/json") -> Reply:
        headers = {**self._headers, "Content-Type": content_type} if body is not None else self._headers
        with self._lock:
            for attempt in (1, 2):
                conn = self._connection(timeout)
                try:
                    conn.request(method, f"{self.base}/{path}", body=body, headers=headers)
                    answer = conn.getresponse()
                    reply = Reply(answer.status, answer.reason, answer.read())
                    if answer.will_close:
                        self._drop()
                    break
                except TimeoutError:
                    self._drop()
                    raise CheckerUnreachable("The checker did not answer in time.") from None
                except (ConnectionError, http.client.BadStatusLine, http.client.IncompleteRead):
                    # A kept-alive connection the service closed while the learner was reading the question fails
                    # at once; a second try opens a new one.
                    self._drop()
                    if attempt == 2:
                        raise CheckerUnreachable("The checker cannot be reached just now.") from None
                except (OSError, http.client.HTTPException):
                    self._drop()
                    raise CheckerUnreachable("The checker cannot be reached just now.") from None
        if reply.status in (502, 503, 504):
            raise CheckerUnreachable("The checker is restarting or busy.")
        if reply.status >= 400:
            try:
                message = reply.json().get("error") or reply.reason
            except (NotebookError, AttributeError):
                message = reply.reason
            if reply.status in (401, 403):
                message = f"The hub did not accept this server's sign-in ({message}); restart your server from the hub."
            raise NotebookError(str(message))
        return reply

    def load(self, module_id: str):
        return wire.unpack_tables(self._call("GET", module_id, LOAD_TIMEOUT_S).content)

    def check(self, module_id: str, exercise: str, body: bytes) -> dict:
        return self._call("POST", f"{module_id}/{exercise}/check", CHECK_TIMEOUT_S, body=body,
                          content_type="application/zip").json()

    def hint(self, module_id: str, exercise: str, number: int) -> str:
        body = json.dumps({"number": number}).encode()
        return self._call("POST", f"{module_id}/{exercise}/hint", CHECK_TIMEOUT_S, body=body).json()["text"]

    def solution(self, module_id: str, exercise: str) -> str:
        return self._call("GET", f"{module_id}/{exercise}/solution", CHECK_TIMEOUT_S).json()["text"]


@dataclass(frozen=True)
class Reply:
    status: int
    reason: str
    content: bytes

    def json(self) -> Any:
        try:
            return json.loads(self.content)
        except ValueError:
            raise NotebookError("The checker's reply could not be read (is the hub's address right?); "
                                "restart your server from the hub.") from None


class GradingBackend:
    """Under ``academy grade``: the data the grader left; answers are judged by the grader, not here."""

    def __init__(self, capture_root: Path) -> None:
        self.root = capture_root

    def load(self, module_id: str):
        path = self.root / GRADING_DATA / f"{module_id}.zip"
        try:
            return wire.unpack_tables(path.read_bytes())
        except OSError:
            raise NotebookError(f"The grader left no data for {module_id}.") from None

    def check(self, module_id: str, exercise: str, body: bytes) -> dict:
        return {"notice": "Recorded: the grader checks this answer."}

    def hint(self, module_id: str, exercise: str, number: int) -> str:
        return "Hints are not shown while grading."

    def solution(self, module_id: str, exercise: str) -> str:
        return "Solutions are not shown while grading."


class StockGradingBackend(GradingBackend):
    """Under stock ``nbgrader autograde`` (an instructor's account, beside the course folder): judged here.

    The notebook's module object is the same thin client as on the hub, so what learner code can ask it for is
    what it could ask the checks service for, minus hints and solutions (refused as under ``academy grade``,
    whose backend this extends); the checks themselves still run in this kernel, which is why only
    ``academy grade`` confines a submission (see the grading guide).
    """

    def __init__(self, judge: Any, learner: str) -> None:
        self._judge, self._learner = judge, learner

    def load(self, module_id: str):
        return wire.unpack_tables(self._judge.bundle(module_id, self._learner))

    def check(self, module_id: str, exercise: str, body: bytes) -> dict:
        answer, earlier = wire.unpack_check(body)
        return self._judge.check(module_id, exercise, self._learner, answer, earlier).verdict()


# ------------------------------------------------------------------------ what the notebook holds
class ClientExercise:
    def __init__(self, module: ClientModule, info: dict) -> None:
        self._module = module
        self._info = info
        self._hints_asked = 0
        self.passed = False
        #: What this notebook last sent: the earlier answer a later check builds on when the notebook has no
        #: ``answer_<exercise>`` of its own.
        self.last_answer: Any = None

    @property
    def title(self) -> str:
        return self._info["title"]

    def check(self, answer: Any) -> Feedback | Notice:
        name = self._info["name"]
        if self._info.get("function") and callable(answer):
            # The function stays here; what it gives on the learner's own tables goes to the checker.
            answer = FunctionResult.of(answer, [self._module._tables[t] for t in self._info["inputs"]])
        else:
            self.last_answer = answer
        builds_on = self._info.get("builds_on") or ()
        body = wire.pack_answer(answer, self._module._earlier(builds_on) if builds_on else None)
        if len(body) > wire.MAX_BUNDLE_BYTES:
            return Notice(f"Your answer is larger than {wire.MAX_BUNDLE_BYTES // (1024 * 1024)} MB, too large to "
                          "send to the checker. Is it the table the question asks for, or a much bigger one?")
        try:
            verdict = self._module._backend.check(self._module.id, name, body)
        except CheckerUnreachable as exc:
            return Notice(f"{exc} Your answer is kept in your notebook: run this cell again in a moment.")
        except NotebookError as exc:
            return Notice(str(exc))
        if "notice" in verdict:
            return Notice(verdict["notice"])
        self.passed = self.passed or bool(verdict["passed"])
        return Feedback(f"{self._module.name}.{name}", bool(verdict["passed"]), tuple(verdict["problems"]),
                        praise=verdict.get("praise", ""), hint_available=bool(verdict.get("hint_available")),
                        held=bool(verdict.get("held")))

    def hint(self) -> Text:
        self._hints_asked += 1
        return self._ask(lambda b: b.hint(self._module.id, self._info["name"], self._hints_asked))

    def solution(self) -> Text:
        return self._ask(lambda b: b.solution(self._module.id, self._info["name"]))

    def _ask(self, call) -> Text:
        try:
            return Text(call(self._module._backend))
        except CheckerUnreachable as exc:
            return Notice(f"{exc} Run this cell again in a moment.")
        except NotebookError as exc:
            return Notice(str(exc))

    def __repr__(self) -> str:
        state = "passed" if self.passed else "not yet passed"
        return f"<{self._module.name}.{self._info['name']}: {self.title} ({state})>"


class ClientModule:
    """A module's questions and the learner's own data; checks go to the backend."""

    def __init__(self, module_id: str, backend: Any, name: str = "ex") -> None:
        self.id = module_id
        self.name = name
        self._backend = backend
        try:
            tables, info, givens, files = backend.load(module_id)
        except wire.BundleError as exc:
            raise NotebookError(f"Your data for {module_id} arrived damaged ({exc}); run this cell again.") from None
        self._tables, self._givens, self._info, self._files = tables, givens, info, files
        self.title = info.get("title", module_id)
        self.learner = info.get("learner", "")
        self._exercises = {e["name"]: ClientExercise(self, e) for e in info.get("exercises", [])}

    def table(self, name: str):
        """A fresh copy of one of your tables, safe to change."""
        if name not in self._tables:
            raise NotebookError(f"There is no table {name!r} in this module; there are: {', '.join(self._tables)}.")
        return self._tables[name].copy()

    def file(self, name: str) -> str:
        """Put your own copy of a published file in your folder (as the council published it) and return
        its path, ready for ``pd.read_csv(path, ...)`` or ``pd.read_excel(path, ...)``."""
        if name not in self._files:
            raise NotebookError(f"Module {self.id} has no file {name!r}; it has: "
                                f"{', '.join(sorted(self._files)) or 'none'}.")
        folder = Path.cwd() / "published" / self.id
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            if not path.is_file() or path.read_bytes() != self._files[name]:
                partial = path.with_name(f".{name}.part")
                partial.write_bytes(self._files[name])
                partial.replace(path)
        except OSError as exc:
            raise NotebookError(f"Your copy of {name} could not be written to {folder} ({exc.strerror}).") from None
        return str(path.relative_to(Path.cwd()))

    def _earlier(self, names: Any) -> dict[str, Any]:
        """The learner's own answers to the exercises one builds on: ``answer_<name>`` in the notebook, else
        what was last checked for it."""
        names = list(names) if isinstance(names, (list, tuple)) else []
        checked = {n: self._exercises[n].last_answer for n in names if n in self._exercises}
        last = {n: v for n, v in checked.items() if v is not None and not callable(v)}
        return {**last, **notebook_answers(names)}

    def given(self, name: str) -> Any:
        """A value the module hands you, e.g. your council's band D charge."""
        if name not in self._givens:
            raise NotebookError(f"Module {self.id} gives no value {name!r}; it gives: "
                                f"{', '.join(map(str, self._givens)) or 'none'}.")
        value = self._givens[name]
        return value.copy() if hasattr(value, "copy") else value

    def __getattr__(self, name: str) -> ClientExercise:
        exercises = self.__dict__.get("_exercises", {})
        if name in exercises:
            return exercises[name]
        raise AttributeError(f"module {self.__dict__.get('id')} has no exercise {name!r} "
                             f"(it has {', '.join(exercises)})")

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._exercises))

    def __repr__(self) -> str:
        done = sum(e.passed for e in self._exercises.values())
        return f"<Module {self.id} '{self.title}': {done}/{len(self._exercises)} passed>"


def notebook_answers(names: Any) -> dict[str, Any]:
    """``answer_<name>`` for each name, as the notebook running this check holds them (none outside IPython):
    the learner's own earlier answers a later question builds on."""
    try:
        from IPython import get_ipython
    except ImportError:
        return {}
    user_ns = getattr(get_ipython(), "user_ns", None) or {}
    found = {name: user_ns.get(f"answer_{name}") for name in names}
    return {name: v for name, v in found.items() if v is not None and not callable(v)}


def service_backend() -> ServiceBackend | None:
    url, token = os.environ.get(URL_ENV, "").strip(), os.environ.get(TOKEN_ENV, "").strip()
    return ServiceBackend(url, token) if url and token else None
