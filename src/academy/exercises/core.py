"""What a module is (its spec) and a module bound to one learner's data, on the grader's side.

An instructor writes a module's spec in the course folder
(``modules/<id>/checks.py``, loaded by ``academy.checks.registry``); binding it
to a learner with the course's secret builds that learner's own variant of the
data, so a check compares an answer with what is right *for their numbers*.
This binding runs where the answers may be known: the checks service, the
grader, ``academy validate``, an instructor's own kernel in the course folder.
A learner's kernel gets only ``academy.notebook``'s client.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from .. import datasets, settings
from .feedback import Feedback, Text
from .variants import learner_id, variant_seed

COURSE = "accelerator"
RELEASE_ENV = "ACADEMY_RELEASED_SOLUTIONS"

#: Called with every attempt (module, exercise, learner, passed, seconds); the
#: progress service plugs in here. Listeners must never break a check.
attempt_listeners: list[Callable[[dict], None]] = []


@dataclass(frozen=True)
class Context:
    """What a check may look at: the learner's own data and who they are."""

    data: datasets.Dataset
    learner: str
    seed: int
    #: The learner's own answers to the earlier exercises this one builds on (``ExerciseSpec.builds_on``).
    answers: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def table(self, name: str) -> pd.DataFrame:
        return self.data.tables[name]

    def earlier(self, exercise: str) -> Any:
        """The learner's own answer to an earlier exercise this one builds on, or None when it is not known.

        A check that builds on an earlier answer judges the method on the learner's own earlier result, so
        one slip is marked once: when this is None (or unusable) the check compares with the reference.
        """
        return self.answers.get(exercise)

    def with_answers(self, answers: Mapping[str, Any] | None) -> Context:
        return replace(self, answers=dict(answers)) if answers else self


@dataclass(frozen=True)
class ExerciseSpec:
    name: str
    title: str
    #: Returns the list of problems with ``answer`` (empty when correct).
    check: Callable[[Any, Context], list[str]]
    hints: Sequence[str]
    #: Filled from the source notebook's solution cell when the course loads the module.
    solution: str = ""
    praise: str = ""
    #: For exercises answered with a function: the reference function and the
    #: tables it takes, so the grader can call both on data the learner never saw.
    reference: Callable[..., Any] | None = None
    inputs: Sequence[str] = ()
    #: Earlier exercises of the module whose answers this one starts from: the learner's own answers to them
    #: travel with each check (``Context.earlier``), so a later question is judged on what they built on.
    builds_on: Sequence[str] = ()
    #: Set for a choice that could be found by trying each option: the exercise is marked on submission.
    #: The instant check then reports only these problems of shape and says the answer is kept for marking;
    #: the grader and ``academy validate`` judge with ``check`` as usual.
    form: Callable[[Any, Context], list[str]] | None = None

    @property
    def marked_on_submission(self) -> bool:
        return self.form is not None


@dataclass(frozen=True)
class ModuleSpec:
    id: str
    title: str
    dataset: str
    rows: int
    exercises: Sequence[ExerciseSpec]
    tables_for_learner: Sequence[str] = ()
    #: Named values handed to learners who cannot yet dig them out of a table.
    givens: Callable[[Context], dict[str, Any]] | None = None
    #: The source notebook's code before the first question (set-up, worked examples), filled when the
    #: course loads the module; published solutions may use what it defines.
    given_code: str = ""
    #: Work the checks need for every learner (fitting a reference model): done once when their data are
    #: built, so no learner's first check waits for it.
    warm_up: Callable[[Context], Any] | None = None
    #: Files the learner reads themselves, as published (file name -> bytes of their own copy): what
    #: ``ex.file(name)`` puts in their folder, for modules that teach reading files.
    files: Callable[[Context], dict[str, bytes]] | None = None

    def exercise(self, name: str) -> ExerciseSpec:
        for ex in self.exercises:
            if ex.name == name:
                return ex
        known = ", ".join(e.name for e in self.exercises)
        raise AttributeError(f"module {self.id} has no exercise {name!r} (it has {known})")


class Exercise:
    """One exercise bound to one learner: check, hint, solution."""

    def __init__(self, spec: ExerciseSpec, module: Module) -> None:
        self._spec = spec
        self._module = module
        self._hints_shown = 0
        self.passed = False

    @property
    def title(self) -> str:
        return self._spec.title

    def judge(self, answer: Any, earlier: Mapping[str, Any] | None = None) -> Feedback:
        """The verdict on ``answer`` for this learner's data, in plain words; records nothing.

        ``earlier``: the learner's own answers to the exercises this one builds on.
        """
        ctx = self._module.context.with_answers(self._usable(earlier))
        try:
            problems = list(self._spec.check(answer, ctx))
        except Exception as exc:  # a learner's odd answer must get words, not a traceback
            problems = [f"Checking your answer went wrong ({type(exc).__name__}: {exc}). "
                        "Is it the kind of thing the question asks for?"]
        return Feedback(f"{self._module.name}.{self._spec.name}", not problems, tuple(problems),
                        praise=self._spec.praise, hint_available=bool(self._spec.hints))

    def judge_now(self, answer: Any, earlier: Mapping[str, Any] | None = None) -> Feedback:
        """What an instant check tells: the verdict, or for an exercise marked on submission only its form."""
        form = self._spec.form
        if form is None:
            return self.judge(answer, earlier)
        ctx = self._module.context.with_answers(self._usable(earlier))
        try:
            problems = list(form(answer, ctx))
        except Exception as exc:
            problems = [f"Your answer could not be read ({type(exc).__name__}: {exc}). "
                        "Is it the kind of thing the question asks for?"]
        return Feedback(f"{self._module.name}.{self._spec.name}", False, tuple(problems),
                        hint_available=bool(self._spec.hints), held=not problems)

    def _usable(self, earlier: Mapping[str, Any] | None) -> dict[str, Any]:
        """Only the answers this exercise declares it builds on, and only ones that are not missing."""
        return {k: v for k, v in (earlier or {}).items() if k in self._spec.builds_on and v is not None}

    def check(self, answer: Any) -> Feedback:
        start = time.perf_counter()
        feedback = self.judge(answer)
        self.passed = self.passed or feedback.passed
        self._module._record(self._spec.name, feedback.passed, time.perf_counter() - start)
        return feedback

    def hint(self) -> Text:
        hints = self._spec.hints
        if not hints:
            return Text("There is no hint for this one.")
        i = min(self._hints_shown, len(hints) - 1)
        self._hints_shown += 1
        more = " Run .hint() again for the next step." if i < len(hints) - 1 else ""
        return Text(f"Hint {i + 1} of {len(hints)}: {hints[i]}{more}")

    def solution(self) -> Text:
        if self.passed or self._module.solutions_released():
            return Text(f"One way to do it:\n\n```python\n{self._spec.solution.strip()}\n```")
        return Text("The solution opens once you pass this check, or when your instructor releases it. "
                    "Try .hint() for a nudge.")

    def __repr__(self) -> str:
        state = "passed" if self.passed else "not yet passed"
        return f"<{self._module.name}.{self._spec.name}: {self._spec.title} ({state})>"


def _published_folder() -> Path:
    global _PUBLISHED
    if _PUBLISHED is None:
        _PUBLISHED = Path(tempfile.mkdtemp(prefix="academy-published-"))
    return _PUBLISHED


_PUBLISHED: Path | None = None


class Module:
    """A module's exercises and data, for one learner."""

    def __init__(self, spec: ModuleSpec, learner: str | None = None, course: str = COURSE, name: str = "ex", *,
                 secret: str) -> None:
        self.spec = spec
        self.learner = learner or learner_id()
        self.course = course
        self.name = name
        self.seed = variant_seed(course, spec.id, self.learner, secret)
        self._context: Context | None = None
        self._files: dict[str, bytes] | None = None
        self._exercises = {e.name: Exercise(e, self) for e in spec.exercises}

    @property
    def context(self) -> Context:
        if self._context is None:
            data = datasets.make(self.spec.dataset, self.spec.rows, self.seed)
            self._context = Context(data, self.learner, self.seed)
        return self._context

    def table(self, name: str) -> pd.DataFrame:
        """A fresh copy of one of your tables, safe to change."""
        allowed = self.spec.tables_for_learner or tuple(self.context.data.tables)
        if name not in allowed:
            raise KeyError(f"no table {name!r} in this module; available: {', '.join(allowed)}")
        return self.context.table(name).copy()

    def files(self) -> dict[str, bytes]:
        """The files this learner reads themselves, by name, built once (a notebook's set-up asks for each in
        turn, and the checks service hands them all out with the tables)."""
        if self._files is None:
            self._files = dict(self.spec.files(self.context)) if self.spec.files else {}
        return self._files

    def file(self, name: str) -> str:
        """The learner's own copy of a published file, as ``ex.file`` gives it in their notebook: written to a
        private folder of this process (the grader's side never writes beside the course) and its path."""
        files = self.files()
        if name not in files:
            raise KeyError(f"module {self.spec.id} has no file {name!r}; it has: {', '.join(sorted(files)) or 'none'}")
        folder = _published_folder() / f"{self.learner}-{self.seed}" / self.spec.id
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        if not path.is_file() or path.read_bytes() != files[name]:
            path.write_bytes(files[name])
        return str(path)

    def given(self, name: str) -> Any:
        """A value the module hands you, e.g. your council's band D charge."""
        values = self.spec.givens(self.context) if self.spec.givens else {}
        if name not in values:
            raise KeyError(f"module {self.spec.id} gives no value {name!r}; it gives: {', '.join(values) or 'none'}")
        return values[name]

    def solutions_released(self) -> bool:
        released = set(settings.get(RELEASE_ENV) or ())
        return "*" in released or self.spec.id in released

    def _record(self, exercise: str, passed: bool, seconds: float) -> None:
        event = {"course": self.course, "module": self.spec.id, "exercise": exercise,
                 "learner": self.learner, "passed": passed, "seconds": seconds, "at": time.time()}
        for listener in list(attempt_listeners):
            try:
                listener(event)
            except Exception:
                continue

    def __getattr__(self, name: str) -> Exercise:
        exercises = self.__dict__.get("_exercises", {})
        if name in exercises:
            return exercises[name]
        raise AttributeError(f"module {self.spec.id} has no exercise {name!r} (it has {', '.join(exercises)})")

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._exercises))

    def __repr__(self) -> str:
        done = sum(e.passed for e in self._exercises.values())
        return f"<Module {self.spec.id} '{self.spec.title}' for {self.learner}: {done}/{len(self._exercises)} passed>"
