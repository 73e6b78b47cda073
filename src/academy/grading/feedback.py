"""Feedback for the learner: nbgrader's HTML, and a plain-English summary of each graded notebook.

nbgrader's HTML feedback shows every cell with its tracebacks; a council
officer wants three lines: what passed, what did not and why, and where to
start. The reasons come from the test cells' own messages (our hidden tests
raise the same plain words as the instant checks); the nudge is the first
hint of the exercise, which never reveals a hidden test.
"""

from __future__ import annotations

import copy
import functools
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat
from nbformat import NotebookNode

from ..checks.registry import Modules
from ..course import SUMMARY_FILE, Course
from .course import write_atomically
from .feedback_export import EXPORTER
from .feedback_html import with_summary
from .notebooks import is_test_cell, nbgrader_meta

if TYPE_CHECKING:
    from .course import GradingCourse
    from .results import StudentResult


NOT_ANSWERED = ("NotImplementedError", "Put your answer in")


@dataclass(frozen=True)
class QuestionResult:
    question: str
    score: float
    max_score: float
    reason: str
    hint: str
    #: A written answer an instructor has still to mark (nbgrader's manual grading).
    pending: bool = False

    @property
    def passed(self) -> bool:
        return self.score >= self.max_score


def _reason(cell: NotebookNode) -> str:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            name, value = output.get("ename", ""), str(output.get("evalue", "")).strip()
            if name == "NameError":
                return ("Your answer was never set: run your answer cell, "
                        "and keep the variable name the question asks for.")
            if any(marker in name + value for marker in NOT_ANSWERED):
                return "Not answered yet."
            if name == "AssertionError" and value:
                return value
            if name == "NotRun":
                return value
            if name == "KeyboardInterrupt":
                return "Your code took too long and was stopped."
            return f"Your code stopped with {name}{': ' + value if value else ''}."
        if output.get("output_type") == "stream" and output.get("name") == "stderr":
            return "The test printed a warning, which counts as a failure."
    return "This test did not pass."


def summarise(nb: NotebookNode, module_id: str | None = None, course: Path | None = None) -> list[QuestionResult]:
    """``course``: the course folder whose hints name where to start (default: the default course)."""
    from nbgrader.utils import determine_grade

    modules = Modules(Course.at(course) if course else None)
    spec = modules.get(module_id or "")
    results = []
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if meta.get("grade") and meta.get("solution"):
            score, max_score = determine_grade(cell)
            results.append(QuestionResult(meta["grade_id"], score or 0.0, max_score, "", "", pending=score is None))
            continue
        if not is_test_cell(cell):
            continue
        score, max_score = determine_grade(cell)
        score = score or 0.0
        question = re.sub(r"_tests?$", "", meta["grade_id"])
        hint = ""
        if spec is not None and score < max_score:
            try:
                hints = spec.exercise(question).hints
                hint = hints[0] if hints else ""
            except AttributeError:
                hint = ""
        results.append(QuestionResult(question, score, max_score, "" if score >= max_score else _reason(cell), hint))
    return results


def summary_text(results: list[QuestionResult], title: str = "") -> str:
    got, total = sum(r.score for r in results), sum(r.max_score for r in results)
    waiting = sum(r.max_score for r in results if r.pending)
    later = f" {waiting:g} more are for written work your instructor has still to mark." if waiting else ""
    lines = [f"{title + ': ' if title else ''}{got:g} of {total:g} points.{later}"]
    for r in results:
        label = (f"Question {r.question.lstrip('q')}" if re.fullmatch(r"q\d+", r.question)
                 else r.question.replace("_", " "))
        if r.pending:
            lines.append(f"… {label} ({r.max_score:g} points): waiting for your instructor's marking")
        elif r.passed:
            lines.append(f"✔ {label} ({r.score:g}/{r.max_score:g})")
        else:
            lines.append(f"✘ {label} ({r.score:g}/{r.max_score:g}): {r.reason}")
            if r.hint:
                lines.append(f"    Where to start: {r.hint}")
    return "\n".join(lines)


def write_feedback(course: GradingCourse, assignment: str, results: list[StudentResult]) -> list[str]:
    """nbgrader's HTML feedback, plus a plain-English summary.txt per learner; returns what went wrong."""
    summaries = {r.student: write_summary(course, assignment, r) for r in results}
    return write_pages(course, assignment, results, summaries)


def write_feedback_share(root: Path, db_url: str | None, assignment: str, results: list[StudentResult]) -> list[str]:
    """``write_feedback`` for a share of a batch, in one of the batch's grading processes."""
    from .course import open_course

    return write_feedback(open_course(root, db_url), assignment, results)


def write_summary(course: GradingCourse, assignment: str, result: StudentResult) -> dict[str, str]:
    """One learner's plain-English summary, notebook by notebook (``write_pages`` keeps it, in ``summary.txt``
    beside their pages): cheap, so a grading worker tells each learner their score the moment their notebook
    is graded, before any HTML is made."""
    graded_folder = course.folder("autograded", result.student, assignment)
    texts = {}
    for n in result.notebooks:
        path = graded_folder / f"{n.notebook}.ipynb"
        module = n.notebook if n.notebook in Modules(Course.at(course.root)) else None
        if path.exists():
            nb = nbformat.read(str(path), as_version=4)
            text = summary_text(summarise(nb, module, course.root), n.notebook)
        else:
            text = f"{n.notebook}: {n.score:g} of {n.max_score:g} points."
        texts[n.notebook] = "\n".join([text, *(f"Note: {note}" for note in n.notes)])
    return texts


def write_pages(course: GradingCourse, assignment: str, results: list[StudentResult],
                summaries: dict[str, dict[str, str]]) -> list[str]:
    """nbgrader's HTML feedback for a batch in one pass, each page with the learner's summary on top (nbgrader
    releases only the HTML); returns what went wrong."""
    if not results:
        return []
    graded = [r.student for r in results if any(
        (course.folder("autograded", r.student, assignment) / f"{n.notebook}.ipynb").exists() for n in r.notebooks)]
    problems = _html_pages(course, assignment, graded)
    for result in results:
        feedback_folder = course.folder("feedback", result.student, assignment)
        texts = summaries.get(result.student, {})
        for n in result.notebooks:
            page = feedback_folder / f"{n.notebook}.html"
            if page.is_file() and n.notebook in texts:
                write_atomically(page, with_summary(page.read_text(encoding="utf-8"), texts[n.notebook]).encode())
        # After nbgrader's pass, which replaces the learner's feedback folder.
        feedback_folder.mkdir(parents=True, exist_ok=True)
        write_atomically(feedback_folder / SUMMARY_FILE, ("\n".join(texts.values()) + "\n").encode())
    return problems


def _html_pages(course: GradingCourse, assignment: str, students: list[str]) -> list[str]:
    from nbgrader.apps import NbGraderAPI

    config = copy.deepcopy(course.config)
    # nbgrader's API lists an exchange when it starts; the real one is a hub service it need not see here, and
    # its default folder (/usr/local/share/...) logged a CRITICAL line for every batch. An empty one of our own.
    config.Exchange.root = _no_exchange()
    if "exporter_class" not in config.GenerateFeedback:  # a course's own exporter wins
        config.GenerateFeedback.exporter_class = EXPORTER
    api = NbGraderAPI(coursedir=course.coursedir, config=config)
    return html_feedback(api, course, assignment, students)


@functools.cache
def _no_exchange() -> str:
    return tempfile.mkdtemp(prefix="academy-no-exchange-")


def html_feedback(api, course: GradingCourse, assignment: str, students: list[str]) -> list[str]:
    """nbgrader's HTML feedback for ``students`` in one pass: its exporter, templates and gradebook are made once
    for the batch, where a call per learner made them again each time (a third of feedback's time for a
    cohort). If the pass fails, each learner is tried on their own, so the one nbgrader refused is named."""
    if not students:
        return []
    autograded = Path(course.coursedir.root) / course.coursedir.autograded_directory
    others = sorted(p.name for p in autograded.iterdir()
                    if p.is_dir() and not p.name.startswith(".") and p.name not in set(students))
    coursedir = api.coursedir
    kept = coursedir.student_id_exclude
    coursedir.student_id_exclude = ",".join(others)  # learners graded before, or by someone else: left alone
    try:
        outcome = api.generate_feedback(assignment, "*")
    finally:
        coursedir.student_id_exclude = kept
    if outcome.get("success"):
        return []
    return [f"{student}: nbgrader could not write HTML feedback" for student in students
            if not api.generate_feedback(assignment, student).get("success")]
