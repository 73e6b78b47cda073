"""Judging answers on the grader's side: each learner's variant, built with the course's secret.

The checks service (behind the hub), ``academy validate`` and an instructor's
own kernel in the course folder all judge through a :class:`Judge`, so an
answer gets the same words wherever it is checked.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

import pandas as pd

from ..course import Course
from ..exercises import wire
from ..exercises.capture import encode
from ..exercises.core import Module
from ..exercises.feedback import Feedback, Text
from . import registry

#: Learners whose data stay built (a module's data take 0.1-0.5 s to build and a few MB to hold).
CACHE_SIZE = 256


class Judge:
    """One course's modules, bound to learners on demand."""

    def __init__(self, course: Course, cache_size: int = CACHE_SIZE) -> None:
        self.course = course
        self.cache_size = cache_size
        self._bound: OrderedDict[tuple[str, str], tuple[registry.CourseModule, Module]] = OrderedDict()
        self._lock = threading.Lock()
        self._secret: str | None = None

    @property
    def secret(self) -> str:
        if self._secret is None:
            self._secret = self.course.secret()
        return self._secret

    def source(self, module_id: str) -> registry.CourseModule:
        if module_id not in registry.Modules(self.course):
            known = ", ".join(registry.module_ids(self.course)) or "none"
            raise KeyError(f"no module {module_id!r} in this course (it has {known})")
        return registry.module(module_id, self.course)

    def bound(self, module_id: str, learner: str) -> Module:
        """``learner``'s module; rebuilt when the instructor changed its files."""
        source = self.source(module_id)
        key = (module_id, learner.strip().lower())
        with self._lock:
            cached = self._bound.get(key)
            if cached and cached[0] is source:
                self._bound.move_to_end(key)
                return cached[1]
        built = Module(source.spec, learner=learner, course=self.course.id, secret=self.secret)
        if source.spec.warm_up is not None:
            source.spec.warm_up(built.context)  # builds the data too
        else:
            built.context  # noqa: B018 - build the data now, outside the lock's critical path for others
        with self._lock:
            self._bound[key] = (source, built)
            while len(self._bound) > self.cache_size:
                self._bound.popitem(last=False)
        return built

    # -------------------------------------------------------------- what a learner's notebook is given
    def info(self, module_id: str, learner: str) -> dict[str, Any]:
        """What the notebook needs: the questions' names and titles, how many hints, what a function takes."""
        spec = self.source(module_id).spec
        return {"module": spec.id, "title": spec.title, "course": self.course.id, "learner": learner,
                "exercises": [{"name": e.name, "title": e.title, "hints": len(e.hints),
                               "function": e.reference is not None and bool(e.inputs), "inputs": list(e.inputs),
                               "builds_on": list(e.builds_on), "marked_on_submission": e.marked_on_submission}
                              for e in spec.exercises]}

    def learner_tables(self, module_id: str, learner: str) -> dict[str, pd.DataFrame]:
        bound = self.bound(module_id, learner)
        names = bound.spec.tables_for_learner or tuple(bound.context.data.tables)
        return {name: bound.table(name) for name in names}

    def givens(self, module_id: str, learner: str) -> tuple[dict, dict[str, bytes]]:
        """The values the module hands the learner (their council's band D charge...), encoded as data."""
        bound = self.bound(module_id, learner)
        values = bound.spec.givens(bound.context) if bound.spec.givens else {}
        return encode(dict(values))

    def files(self, module_id: str, learner: str) -> dict[str, bytes]:
        """The files the learner reads themselves (their own copies, as published), by name."""
        return self.bound(module_id, learner).files()

    def bundle(self, module_id: str, learner: str) -> bytes:
        """Everything ``module("m02")`` loads, as one zip: the questions, the learner's tables, givens and files."""
        envelope, frames = self.givens(module_id, learner)
        info = {**self.info(module_id, learner), "givens": envelope}
        return wire.pack_tables(self.learner_tables(module_id, learner), info, extra=frames,
                                files=self.files(module_id, learner))

    # -------------------------------------------------------------- judging
    def check(self, module_id: str, exercise: str, learner: str, answer: Any,
              earlier: dict[str, Any] | None = None) -> Feedback:
        """The full verdict (the grader's, and validate's): ``earlier`` are the learner's own answers to the
        exercises this one builds on."""
        bound = self.bound(module_id, learner)
        return getattr(bound, exercise).judge(answer, earlier)

    def check_now(self, module_id: str, exercise: str, learner: str, answer: Any,
                  earlier: dict[str, Any] | None = None) -> Feedback:
        """What a learner's instant check is told: the verdict, or only the form of one marked on submission."""
        bound = self.bound(module_id, learner)
        return getattr(bound, exercise).judge_now(answer, earlier)

    def hint(self, module_id: str, exercise: str, number: int) -> Text:
        """Hint ``number`` (1 is the first); past the last, the last again."""
        hints = self.source(module_id).spec.exercise(exercise).hints
        if not hints:
            return Text("There is no hint for this one.")
        i = min(max(number, 1), len(hints)) - 1
        more = " Run .hint() again for the next step." if i < len(hints) - 1 else ""
        return Text(f"Hint {i + 1} of {len(hints)}: {hints[i]}{more}")

    def solution(self, module_id: str, exercise: str, may_see: bool) -> Text:
        if not may_see:
            return Text("The solution opens once you pass this check, or when your instructor releases it. "
                        "Try .hint() for a nudge.")
        spec = self.source(module_id).spec.exercise(exercise)
        return Text(f"One way to do it:\n\n```python\n{spec.solution.strip()}\n```")
