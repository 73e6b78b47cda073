"""Running a module's answers as a learner pasting them would: the published solutions and the collections.

An instructor's ``modules/<id>/answers.py`` lists, per exercise, right answers
written other ways (another method, column order, dtype, index) and typical
wrong ones. ``academy validate`` runs each in the notebook as the learner has
it at that question (set-up, worked examples and the published solutions of
the questions before), and the check must judge it as its collection says.
These are the instructor's own files, run on the grader's side only.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..exercises.core import Module
from .registry import CourseModule

#: Each exercise needs at least this many right and this many wrong answers in its collections.
AT_LEAST = 2


@contextlib.contextmanager
def _module_is(ex: Module) -> Iterator[None]:
    """While running a notebook's own code here, ``from academy.notebook import module`` gives ``ex``."""
    import academy.notebook as notebook

    before = notebook.module
    notebook.module = lambda *args, **kwargs: ex  # type: ignore[assignment]
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # the notebook's own prints are for learners
            yield
    finally:
        notebook.module = before  # type: ignore[assignment]


def _fresh(ns: dict[str, Any]) -> dict[str, Any]:
    """A copy of a namespace whose tables an answer may change without touching the original."""
    return {k: v.copy() if isinstance(v, (pd.DataFrame, pd.Series)) else v for k, v in ns.items()}


def answer_in(ns: dict[str, Any], before: set[str], exercise: str) -> Any:
    """What an answer cell produced: ``answer_<exercise>``, else the function it defined."""
    if f"answer_{exercise}" in ns and f"answer_{exercise}" not in before | {"__builtins__"}:
        return ns[f"answer_{exercise}"]
    defined = [ns[k] for k in sorted(set(ns) - before) if callable(ns[k]) and not k.startswith("_")]
    return ns.get(f"answer_{exercise}", defined[0] if defined else None)


def _namespace() -> dict[str, Any]:
    import matplotlib

    matplotlib.use("Agg")
    return {"__name__": "__notebook__"}


def published_answers(source: CourseModule, ex: Module) -> dict[str, Any]:
    """Exercise name -> what its published solution gives, with the notebook's cells run in order."""
    ns = _namespace()
    answers = {}
    with _module_is(ex):
        for name, code in source.steps:
            before = set(ns)
            exec(code, ns)  # the course's own notebook code, not learner code
            if name:
                answers[name] = answer_in(ns, before, name)
    return answers


@dataclass(frozen=True)
class Verdict:
    exercise: str
    code: str
    expected_right: bool
    passed: bool
    problems: tuple[str, ...]

    @property
    def as_expected(self) -> bool:
        return self.passed == self.expected_right


def judge_collections(source: CourseModule, ex: Module) -> list[Verdict]:
    """Every answer of the module's collections, judged on ``ex``'s data as a learner's would be."""
    import matplotlib.pyplot as plt

    ns = _namespace()
    verdicts = []
    with _module_is(ex):
        for name, code in source.steps:
            if name:
                for expected, collection in ((True, source.right), (False, source.wrong)):
                    for alternative in collection.get(name, ()):
                        trial = _fresh(ns)
                        before = set(trial)
                        try:
                            exec(alternative, trial)  # the instructor's own collection
                            answer = answer_in(trial, before, name)
                            earlier = {b: ns.get(f"answer_{b}") for b in ex.spec.exercise(name).builds_on}
                            feedback = getattr(ex, name).judge(answer, earlier)
                            verdicts.append(Verdict(name, alternative, expected, feedback.passed, feedback.problems))
                        except Exception as exc:
                            verdicts.append(Verdict(name, alternative, expected, False,
                                                    (f"the answer's code stops with {type(exc).__name__}: {exc}",)))
                        plt.close("all")
            exec(code, ns)
            plt.close("all")  # as a notebook's inline charts do after each cell: the next draws on a fresh figure
    return verdicts


def collection_problems(source: CourseModule, ex: Module) -> list[str]:
    """What is wrong with a module's collections, in an instructor's words (empty: all judged as they say)."""
    problems = []
    names = [e.name for e in source.spec.exercises]
    for collection, label in ((source.right, "RIGHT"), (source.wrong, "WRONG")):
        for stray in sorted(set(collection) - set(names)):
            problems.append(f"{label} lists answers for {stray!r}, which is not an exercise of {source.spec.id}")
        for name in names:
            if len(collection.get(name, ())) < AT_LEAST:
                problems.append(f"{source.spec.id}.{name} needs at least {AT_LEAST} {label.lower()} answers in "
                                f"answers.py (it has {len(collection.get(name, ()))})")
    for v in judge_collections(source, ex):
        if not v.as_expected:
            first = v.code.strip().splitlines()[0] if v.code.strip() else "(empty)"
            if v.expected_right:
                problems.append(f"{source.spec.id}.{v.exercise}: a right answer is refused ({first} ...): "
                                f"{' '.join(v.problems)[:300]}")
            else:
                problems.append(f"{source.spec.id}.{v.exercise}: a wrong answer passes ({first} ...)")
    return problems
