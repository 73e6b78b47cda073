"""Realistic submissions of an assignment, for testing and benchmarking graders.

Each submission starts from the released notebook, as a learner's does, with
answer cells filled in: correctly, with the mistakes learners really make
(each module lists them), blank, copied from a neighbour — or hostile, in each
of the ways a grader must survive. A manifest records, per submission, the
score a correct grader gives and why, and whether stock nbgrader is known to
give something else.

Hostile notebooks are files only: they must be run only inside a grader's
sandbox (they loop forever, eat memory, fork, open sockets, crash kernels).
"""

from __future__ import annotations

import copy
import json
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from ..checks import registry
from ..course import Course
from ..grading import notebooks as validate

#: Hostile code, injected at the start of one answer cell. ``{port}`` is a
#: loopback port the test harness listens on; ``{source}`` the course's source folder.
HOSTILE = {
    "infinite_loop": "while True:\n    pass\n",
    "memory_bomb": "hog = []\nwhile True:\n    hog.append(bytearray(256 * 1024 * 1024))\n",
    "fork_bomb": "import os\nwhile True:\n    os.fork()\n",
    "network": "import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=3).sendall(b'leak')\n",
    "read_source": "print(open({source!r} + '/{assignment}/{assignment}.ipynb').read()[:2000])\n",
    "patch_verify": ("import academy.notebook.hidden_tests as _g\n"
                     "_g.verify = lambda *a, **k: None\n_g.verify_function = lambda *a, **k: None\n"),
    "patch_traceback": "get_ipython().showtraceback = lambda *a, **k: None\n",
    "kernel_crash": "import os\nos._exit(1)\n",
    "huge_output": "print('x' * (100 * 1024 * 1024))\n",
}
#: Hostile kinds after which the rest of the notebook still runs normally.
CELL_LOCAL = {"infinite_loop", "memory_bomb", "fork_bomb", "network", "read_source"}


@dataclass
class Submission:
    student: str
    kind: str
    expected_score: float | None
    expected: dict[str, float] = field(default_factory=dict)
    reason: str = ""
    stock_nbgrader_differs: bool = False
    hostile: bool = False


def _answer_cells(nb: NotebookNode) -> dict[str, NotebookNode]:
    return {validate.nbgrader_meta(c)["grade_id"]: c for c in nb.cells
            if validate.nbgrader_meta(c).get("solution") and c.cell_type == "code"}


def _test_points(nb: NotebookNode) -> dict[str, float]:
    return {validate.nbgrader_meta(c)["grade_id"]: float(validate.nbgrader_meta(c)["points"]) for c in nb.cells
            if validate.is_test_cell(c)}


def _solution_code(source_cell: NotebookNode) -> str:
    markers = validate.SOLUTION_MARKERS
    return "\n".join(line for line in source_cell.source.splitlines() if not any(m in line for m in markers))


def _tests_for(answer_id: str) -> str:
    return answer_id.replace("_answer", "_tests")


def generate(course: Path, assignment: str, n: int, out: Path, seed: int = 0,
             port: int = 9, hostile: bool = True) -> list[Submission]:
    """Write ``n`` submissions to ``out/<student>/<assignment>/`` plus ``out/manifest.json``."""
    source_path = course / "source" / assignment / f"{assignment}.ipynb"
    source = validate.read_notebook(source_path)
    release = validate.release_version(source)
    known = registry.Modules(Course.at(course))
    mistakes_by_module = registry.module(assignment, known.course).typical_mistakes if assignment in known else {}
    points = _test_points(source)
    total = sum(points.values())
    solutions = {gid: _solution_code(c) for gid, c in _answer_cells(source).items()}
    answer_ids = list(solutions)
    rng = random.Random(seed)

    honest = ["correct", "partly_wrong", "blank", "copied_numbers", "overwrite_tests", "deleted_test_cell"]
    kinds = honest + (list(HOSTILE) + ["invalid_json", "old_nbformat"] if hostile else [])
    plan = [kinds[i] if i < len(kinds) else rng.choice(["correct", "partly_wrong", "partly_wrong", "blank"])
            for i in range(n)]
    written = []
    for i, kind in enumerate(plan):
        student = f"learner{i + 1:03d}"
        folder = out / student / assignment
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{assignment}.ipynb"
        sub = Submission(student, kind, None, hostile=kind in HOSTILE or kind in ("invalid_json", "old_nbformat"))
        answers = dict(solutions)
        expected = dict(points)
        nb = copy.deepcopy(release)
        if kind == "blank":
            answers, expected = {}, {k: 0.0 for k in points}
            sub.reason = "nothing answered"
        elif kind == "partly_wrong":
            wrong = rng.sample([a for a in answer_ids if a in mistakes_by_module], k=min(2, len(mistakes_by_module)))
            for a in wrong:
                answers[a] = mistakes_by_module[a]
                expected[_tests_for(a)] = 0.0
            sub.reason = "typical mistakes in " + ", ".join(sorted(wrong))
        elif kind == "copied_numbers":
            first = answer_ids[0]
            # Answer cells assign answer_<question>, the convention our modules follow.
            answers[first] = f"answer_{first.removesuffix('_answer')} = 12345  # typed from a neighbour's screen"
            expected[_tests_for(first)] = 0.0
            sub.reason = "a neighbour's number typed in for the first question"
        elif kind == "overwrite_tests":
            for c in nb.cells:
                if validate.is_test_cell(c):
                    c.source = "pass  # the learner emptied the test"
            answers[answer_ids[1]] = mistakes_by_module.get(answer_ids[1], "")
            expected[_tests_for(answer_ids[1])] = 0.0
            sub.reason = "edited test cells are restored from the source, so the wrong answer still loses its marks"
        elif kind == "deleted_test_cell":
            victim = _tests_for(answer_ids[0])
            nb.cells = [c for c in nb.cells if validate.nbgrader_meta(c).get("grade_id") != victim]
            sub.reason = f"the learner deleted {victim}; it is restored from the source and graded"
            sub.stock_nbgrader_differs = True
        elif kind in HOSTILE:
            target = answer_ids[1] if kind not in ("patch_verify", "patch_traceback") else answer_ids[0]
            code = HOSTILE[kind].format(port=port, source=str((course / "source").resolve()), assignment=assignment)
            answers[target] = code + answers[target]
            if kind == "huge_output":
                sub.reason = "prints 100 MB before a correct answer: the output is cut, the answer still scores"
            elif kind in CELL_LOCAL:
                expected[_tests_for(target)] = 0.0
                sub.reason = f"{kind} in {target}: that question scores 0, the rest is graded"
            elif kind == "kernel_crash":
                later = answer_ids[answer_ids.index(target):]
                for a in later:
                    expected[_tests_for(a)] = 0.0
                sub.reason = "kernel dies in the second question: marks earned before it are kept"
                sub.stock_nbgrader_differs = True
            else:  # patching the grader's checks must not raise a score
                for a in answer_ids:
                    answers[a] = (code if a == target else "") + mistakes_by_module.get(a, solutions[a])
                    keeps = a not in mistakes_by_module and kind != "patch_verify"
                    expected[_tests_for(a)] = points[_tests_for(a)] if keeps else 0.0
                sub.reason = (f"{kind} with wrong answers: patching must not earn marks"
                              + ("; with the checks replaced no answer can be confirmed, so none scores"
                                 if kind == "patch_verify" else ""))
                sub.stock_nbgrader_differs = True
        cells = _answer_cells(nb)
        for gid, code in answers.items():
            if gid in cells:
                cells[gid].source = code
        sub.expected = expected
        sub.expected_score = sum(expected.values()) if kind not in ("invalid_json", "old_nbformat") else 0.0
        if kind == "invalid_json":
            path.write_text(nbformat.writes(nb)[: len(nbformat.writes(nb)) // 2])
            sub.expected = {k: 0.0 for k in points}
            sub.reason = "the file is cut off halfway: not valid JSON; recorded as 0 with that reason"
        elif kind == "old_nbformat":
            path.write_text(json.dumps({"nbformat": 2, "nbformat_minor": 0, "worksheets": [], "metadata": {}}))
            sub.expected = {k: 0.0 for k in points}
            sub.reason = "an nbformat 2 file: unsupported; recorded as 0 with that reason"
        else:
            nbformat.write(nb, str(path))
        written.append(sub)
    (out / "manifest.json").write_text(json.dumps(
        {"course": str(course), "assignment": assignment, "total_points": total,
         "submissions": [asdict(s) for s in written]}, indent=1) + "\n")
    return written
