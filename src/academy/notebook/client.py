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

import os
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
    """The checks service behind the hub, called with this server's hub token."""

    def __init__(self, url: str, token: str) -> None:
        import requests

        self.base = url.rstrip("/") + "/api/modules"
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"token {token}"
        self._requests = requests

    def _call(self, method: str, path: str, timeout: float, **kwargs: Any):
        reply = None
        for attempt in (1, 2):
            try:
                reply = self.session.request(method, f"{self.base}/{path}", timeout=timeout, **kwargs)
                break
            except self._requests.Timeout:
                raise CheckerUnreachable("The checker did not answer in time.") from None
            except self._requests.ConnectionError:
                # A kept-alive connection the service closed while the learner was reading the question fails
                # at once; the session drops it, and a second try opens a new one.
                if attempt == 2:
                    raise CheckerUnreachable("The checker cannot be reached just now.") from None
            except self._requests.RequestException:
                raise CheckerUnreachable("The checker cannot be reached just now.") from None
        assert reply is not None
        if reply.status_code in (502, 503, 504):
            raise CheckerUnreachable("The checker is restarting or busy.")
        if reply.status_code >= 400:
            try:
                message = reply.json().get("error") or reply.reason
            except ValueError:
                message = reply.reason
            if reply.status_code in (401, 403):
                message = f"The hub did not accept this server's sign-in ({message}); restart your server from the hub."
            raise NotebookError(str(message))
        return reply

    def load(self, module_id: str):
        reply = self._call("GET", module_id, LOAD_TIMEOUT_S)
        return wire.unpack_tables(reply.content)

    def check(self, module_id: str, exercise: str, body: bytes) -> dict:
        return self._call("POST", f"{module_id}/{exercise}/check", CHECK_TIMEOUT_S, data=body,
                          headers={"Content-Type": "application/zip"}).json()

    def hint(self, module_id: str, exercise: str, number: int) -> str:
        reply = self._call("POST", f"{module_id}/{exercise}/hint", CHECK_TIMEOUT_S, json={"number": number})
        return reply.json()["text"]

    def solution(self, module_id: str, exercise: str) -> str:
        return self._call("GET", f"{module_id}/{exercise}/solution", CHECK_TIMEOUT_S).json()["text"]


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
        return self._judge.check(module_id, exercise, self._learner, wire.unpack_answer(body)).verdict()


# ------------------------------------------------------------------------ what the notebook holds
class ClientExercise:
    def __init__(self, module: ClientModule, info: dict) -> None:
        self._module = module
        self._info = info
        self._hints_asked = 0
        self.passed = False

    @property
    def title(self) -> str:
        return self._info["title"]

    def check(self, answer: Any) -> Feedback | Notice:
        name = self._info["name"]
        if self._info.get("function") and callable(answer):
            # The function stays here; what it gives on the learner's own tables goes to the checker.
            answer = FunctionResult.of(answer, [self._module._tables[t] for t in self._info["inputs"]])
        body = wire.pack_answer(answer)
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
                        praise=verdict.get("praise", ""), hint_available=bool(verdict.get("hint_available")))

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
            tables, info, givens = backend.load(module_id)
        except wire.BundleError as exc:
            raise NotebookError(f"Your data for {module_id} arrived damaged ({exc}); run this cell again.") from None
        self._tables, self._givens, self._info = tables, givens, info
        self.title = info.get("title", module_id)
        self.learner = info.get("learner", "")
        self._exercises = {e["name"]: ClientExercise(self, e) for e in info.get("exercises", [])}

    def table(self, name: str):
        """A fresh copy of one of your tables, safe to change."""
        if name not in self._tables:
            raise NotebookError(f"There is no table {name!r} in this module; there are: {', '.join(self._tables)}.")
        return self._tables[name].copy()

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


def service_backend() -> ServiceBackend | None:
    url, token = os.environ.get(URL_ENV, "").strip(), os.environ.get(TOKEN_ENV, "").strip()
    return ServiceBackend(url, token) if url and token else None
