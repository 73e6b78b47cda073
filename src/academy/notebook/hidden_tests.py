"""What the autograder's test cells call.

Test cells run in the learner's own kernel after the learner's code, so they
must not trust anything the learner's code could have replaced (``ex.q1.check``
can be overwritten in a notebook), and the kernel holds nothing that knows an
answer. So:

- under ``academy grade`` these functions only *record* each answer (see
  ``capture``), under ``module.exercise``; the grader judges every exercise
  the test cell declares in its metadata (``{"academy": {"exercises":
  ["m02.q3"]}}``), in its own process with the course folder's checks.
  Replacing these functions from a notebook gains nothing, and the call may be
  spelt any way;
- under stock ``nbgrader autograde``, run by an instructor in the course
  folder, they load the checks from the course folder (which only the
  grader's account can read) and judge here. Failures raise
  ``AssertionError`` with the instant check's plain words, and nothing is
  written to stderr: stock nbgrader scores a test cell zero for any stderr.

A learner's own kernel can do neither: it cannot read the course folder, so
running these there says so instead of passing anything.

Notebooks also import this module as ``academy.exercises.grading``, its old
home, which is the same module object.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..exercises import capture
from ..exercises.variants import learner_id

NO_CHECKS = ("The checks for this notebook are with the grader, not in this kernel: your instructor's grading "
             "runs these tests. Use the check cells (ex.q1.check(...)) to check your answers.")


def _local(module_id: str):
    from . import judge_for, readable_course

    found = readable_course()
    if found is None:
        raise AssertionError(NO_CHECKS)
    judge = judge_for(found)
    try:
        judge.secret  # noqa: B018 - a course whose checks are readable but whose secret is not
    except Exception:
        raise AssertionError(NO_CHECKS) from None
    return judge


def problems_with(module_id: str, exercise: str, answer: Any, learner: str | None = None) -> list[str]:
    """What is wrong with ``answer`` for this learner's data (empty when right), judged from the course folder."""
    judge = _local(module_id)
    from .client import notebook_answers

    earlier = notebook_answers(judge.source(module_id).spec.exercise(exercise).builds_on)
    return list(judge.check(module_id, exercise, learner or learner_id(), answer, earlier).problems)


def verify(module_id: str, exercise: str, answer: Any) -> None:
    """Raise AssertionError unless ``answer`` is right for this learner's data (under ``academy grade``: record it)."""
    if capture.folder() is not None:
        capture.save(f"{module_id}.{exercise}", answer)
        return
    problems = problems_with(module_id, exercise, answer)
    if problems:
        raise AssertionError(" ".join(problems))


def verify_function(module_id: str, exercise: str, fn: Any,
                    reference: Callable[..., Any] | None = None, tables: Sequence[str] | None = None) -> None:
    """Run the learner's function on a variant they never saw and compare with the reference.

    Under ``academy grade`` the grader left that data in the capture folder and compares the recorded output
    itself; the secret never enters the learner's kernel.
    """
    key = f"{module_id}.{exercise}"
    if not callable(fn):
        capture.save(key, None)
        raise AssertionError(f"Expected a function; found {type(fn).__name__}.")
    root = capture.folder()
    if root is not None:
        inputs = capture.load_inputs(key, tuple(tables) if tables else None, root)
        if inputs is None:
            capture.save(key, None)
            raise AssertionError("The grader left no data to test your function on.")
        got = _call(fn, inputs, key)
        capture.save(key, got)
        return
    from ..checks.unseen import function_spec, unseen_problem, unseen_tables

    judge = _local(module_id)
    spec = judge.source(module_id).spec
    inputs = unseen_tables(spec, exercise, judge.course.id, learner_id(), judge.secret)
    reference = reference or function_spec(spec, exercise).reference
    assert reference is not None
    got = _call(fn, inputs, key)
    problem = unseen_problem(spec, exercise, judge.course.id, learner_id(), judge.secret, got,
                             reference(*[t.copy() for t in inputs]))
    if problem:
        raise AssertionError(problem)


def _call(fn: Any, inputs: list, key: str) -> Any:
    try:
        return fn(*[t.copy() for t in inputs])
    except Exception as exc:
        capture.save(key, None)
        raise AssertionError(f"Your function stopped with {type(exc).__name__}: {exc}") from None
