"""``academy validate``: is a source notebook fit to release?

For each nbgrader source notebook this checks, with nbgrader's own
preprocessors and grading rule (``determine_grade``), that:

- the notebook is valid, its grade ids are unique and every graded cell has
  positive points; no outputs are stored (sources stay reviewable);
- with solutions in, every graded test cell earns full marks;
- with solutions cleared (what a learner starts from, hidden tests put back as
  autograde does), every graded test cell earns nothing;
- the released notebook contains no solution text and no hidden test;
- run once more as ``academy grade`` runs it (answers recorded, not judged in
  the kernel), every test cell records an answer for each exercise it
  declares, records none it does not declare, and the grader's own recheck
  of each record passes (the hidden-test contract, see ``notebooks``).
"""

from __future__ import annotations

import copy
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from nbformat import NotebookNode

from .. import curriculum, organiser_sheet, rubrics
from ..checks.judge import Judge
from ..course import find as find_course
from ..exercises.capture import CAPTURE_ENV
from ..notebook.client import TOKEN_ENV, URL_ENV
from . import recheck

# Re-exported: execute.py, submissions.py and older callers import these from here.
from .notebooks import (  # noqa: F401
    CONTRACT_KEY,
    HIDDEN_MARKERS,
    SOLUTION_MARKERS,
    blank_submission,
    declared_exercises,
    is_test_cell,
    nbgrader_meta,
    read_notebook,
    release_version,
)
from .results import GradeError


@dataclass
class Report:
    notebook: Path
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    passed_checks: list[str] = field(default_factory=list)
    points: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors


def _region_lines(source: str, markers: tuple[str, str]) -> list[str]:
    lines, inside = [], False
    for line in source.splitlines():
        if markers[0] in line:
            inside = True
            continue
        if markers[1] in line:
            inside = False
            continue
        if inside:
            lines.append(line.strip())
    return lines


def leaks(source_nb: NotebookNode, released: NotebookNode) -> list[str]:
    """Solution or hidden-test lines that survive into the release.

    Only distinctive lines count (12+ characters), and a line the question
    text itself quotes is not a leak. A secret line pasted into any code cell
    learners receive (a check cell, say) is.
    """
    solution_lines, hidden_lines, public_text = set(), set(), []
    for cell in source_nb.cells:
        src = cell.get("source", "")
        solution_lines.update(_region_lines(src, SOLUTION_MARKERS))
        hidden_lines.update(_region_lines(src, HIDDEN_MARKERS))
        if cell.cell_type == "markdown":
            public_text.append(_strip_regions(src))
    markdown = {line.strip() for line in "\n".join(public_text).splitlines()}
    released_lines = {line.strip() for c in released.cells for line in c.get("source", "").splitlines()}
    released_text = "\n".join(c.get("source", "") for c in released.cells)
    found = [f"the release still contains the marker '{m}'" for m in SOLUTION_MARKERS + HIDDEN_MARKERS
             if m in released_text]
    for line in sorted(hidden_lines):
        if len(line) >= 12 and line in released_lines and line not in markdown:
            found.append(f"hidden test reaches learners: {line[:70]!r}")
    for line in sorted(solution_lines):
        if len(line) >= 12 and line in released_lines and line not in markdown:
            found.append(f"solution text reaches learners: {line[:70]!r}")
    return found


def _strip_regions(source: str) -> str:
    keep, inside = [], False
    for line in source.splitlines():
        if any(m in line for m in (SOLUTION_MARKERS[0], HIDDEN_MARKERS[0])):
            inside = True
        elif any(m in line for m in (SOLUTION_MARKERS[1], HIDDEN_MARKERS[1])):
            inside = False
        elif not inside:
            keep.append(line.strip())
    return "\n".join(keep)


def _judge(course: Path | None) -> Judge:
    return recheck.judge_for(course or find_course().root)


def course_of(notebook: Path) -> Path:
    """The course a source notebook belongs to: ``<course>/source/<module>/<module>.ipynb``, else the default."""
    parents = notebook.resolve().parents
    if len(parents) > 2 and parents[1].name == "source" and (parents[2] / "modules").is_dir():
        return parents[2]
    return find_course().root


def static_checks(nb: NotebookNode, report: Report, course: Path | None = None) -> None:
    ids: dict[str, int] = {}
    for i, cell in enumerate(nb.cells):
        meta = nbgrader_meta(cell)
        if cell.get("outputs"):
            report.errors.append(f"cell {i + 1} has stored outputs; clear them so the source stays reviewable")
        if not meta:
            continue
        gid = meta.get("grade_id")
        if not gid:
            report.errors.append(f"cell {i + 1} has nbgrader metadata but no grade_id")
            continue
        if gid in ids:
            report.errors.append(f"grade id '{gid}' is used by cells {ids[gid] + 1} and {i + 1}")
        ids[gid] = i
        if not any(meta.get(k) for k in ("grade", "solution", "locked", "task")):
            report.errors.append(f"cell '{gid}' is an nbgrader cell that is neither an answer, a test, a task nor "
                                 "read-only, which nbgrader cannot grade past: make it a plain cell ('-' in the "
                                 "Create Assignment toolbar) if learners may edit it, or read-only if not")
        if meta.get("grade"):
            try:
                points = float(meta.get("points"))
            except (TypeError, ValueError):
                points = -1.0
            if points <= 0:
                report.errors.append(f"graded cell '{gid}' needs a positive number of points "
                                     f"(has {meta.get('points')!r})")
            else:
                report.points += points
            if is_test_cell(cell) and HIDDEN_MARKERS[0] not in cell.source:
                report.warnings.append(f"graded test cell '{gid}' has no hidden tests")
        for key in declared_exercises(cell) if is_test_cell(cell) else ():
            problem = recheck.unknown(_judge(course), key)
            if problem:
                report.errors.append(f"test cell '{gid}' declares {problem}")
    if report.points <= 0 and not report.errors:
        report.errors.append("the notebook has no graded cells")
    if not report.errors:
        report.passed_checks.append(f"{len(ids)} unique grade ids, {report.points:g} points")


FIRST_CELL_TIMEOUT = 60


def execute(nb: NotebookNode, workdir: Path, timeout: int, env: dict[str, str],
            after_cell: Callable[[int], None] | None = None) -> NotebookNode:
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient

    out = copy.deepcopy(nb)
    hook = (lambda cell, cell_index, **_: after_cell(cell_index)) if after_cell else None
    first_code = next((c for c in out.cells if c.cell_type == "code"), None)

    def cell_timeout(cell: NotebookNode) -> int:
        # The first code cell pays for a fresh kernel's imports and data; on a busy machine that is
        # the slowest cell, and a short limit meant for runaway solutions must not fail it.
        return max(timeout, FIRST_CELL_TIMEOUT) if cell is first_code else timeout

    # A runaway cell is interrupted and recorded as failing; the rest still runs.
    client = NotebookClient(out, timeout_func=cell_timeout, allow_errors=True, kernel_name="python3",
                            interrupt_on_timeout=True, resources={"metadata": {"path": str(workdir)}},
                            on_cell_executed=hook)
    # IPC sockets in a private folder: no kernel ports open on the network.
    client.km = AsyncKernelManager(kernel_name="python3", transport="ipc", ip=str(workdir / "kernel"))
    # The kernel judges from the course folder (as stock nbgrader does), never through a hub's checker.
    inherited = {k: v for k, v in os.environ.items() if k not in (URL_ENV, TOKEN_ENV)}
    client.execute(env={**inherited, **env})
    return out


def graded_results(nb: NotebookNode) -> dict[str, tuple[float, float, str]]:
    """grade_id -> (score, max, first error line), by nbgrader's own rule."""
    from nbgrader.utils import determine_grade

    results = {}
    for cell in nb.cells:
        if not is_test_cell(cell):
            continue
        meta = nbgrader_meta(cell)
        score, max_score = determine_grade(cell)
        error = ""
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                error = f"{output.get('ename')}: {str(output.get('evalue'))[:160]}"
            elif output.get("output_type") == "stream" and output.get("name") == "stderr":
                error = error or f"wrote to stderr: {output.get('text', '')[:120].strip()}"
        results[meta["grade_id"]] = (score or 0.0, max_score, error)
    return results


def cell_errors(nb: NotebookNode) -> list[str]:
    """Cells other than graded tests that fail when the solutions are in."""
    found = []
    for i, cell in enumerate(nb.cells):
        meta = nbgrader_meta(cell)
        if cell.cell_type != "code" or is_test_cell(cell):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                name = meta.get("grade_id") or f"cell {i + 1}"
                found.append(f"with solutions in, '{name}' fails: "
                             f"{output.get('ename')}: {str(output.get('evalue'))[:160]}")
                break
    return found


def validate_notebook(path: Path, timeout: int = 120) -> Report:
    report = Report(path)
    try:
        nb = read_notebook(path)
    except ValueError as exc:
        report.errors.append(str(exc))
        return report
    try:
        course = course_of(path)
        static_checks(nb, report, course)
        released = release_version(nb)
        blank = blank_submission(nb)
    except Exception as exc:  # nbgrader refuses malformed regions with its own message
        report.errors.append(f"nbgrader cannot release this notebook: {exc}")
        return report
    found = leaks(nb, released)
    report.errors += found
    if not found:
        report.passed_checks.append("release holds no solution text and no hidden test")

    env = {"ACADEMY_GRADER_SECRET": secrets.token_hex(16), "ACADEMY_LEARNER": "validator",
           "ACADEMY_COURSE": str(course)}
    with tempfile.TemporaryDirectory(prefix="academy-validate-") as tmp:
        work = Path(tmp)
        for item in path.parent.iterdir():  # data files beside the notebook
            if item.is_file() and item.suffix != ".ipynb":
                (work / item.name).write_bytes(item.read_bytes())
        solved_nb = execute(nb, work, timeout, env)
        report.errors += cell_errors(solved_nb)
        solved = graded_results(solved_nb)
        for gid, (score, max_score, error) in solved.items():
            if score < max_score:
                report.errors.append(f"with solutions in, '{gid}' earns {score:g}/{max_score:g}: "
                                     f"{error or 'no error shown'}")
        if solved and all(s == m for s, m, _ in solved.values()):
            report.passed_checks.append(f"solutions earn full marks ({len(solved)} test cells)")
        empty = graded_results(execute(blank, work, timeout, env))
        for gid, (score, max_score, _) in empty.items():
            if score > 0:
                report.errors.append(f"with solutions cleared, '{gid}' still earns {score:g}/{max_score:g}: "
                                     "the test does not test")
        if empty and all(s == 0 for s, _, _ in empty.values()):
            report.passed_checks.append("blank release earns nothing")
        failing = {gid for gid, (score, max_score, _) in solved.items() if score < max_score}
        contract_checks(nb, work, timeout, env, report, failing, course, path.parent.name)
    if path.resolve().parents[2] == Path(course).resolve():  # a notebook of a course folder with modules/
        collection_checks(course, path.parent.name, report)
        rubric_checks(nb, Path(course) / "modules" / path.parent.name, report)
        challenge_checks(Path(course), path.parent.name, report)
    return report


def hand_marked(nb: NotebookNode) -> list[tuple[str, float]]:
    """(grade id, points) of each cell an instructor marks by hand: written answers and tasks."""
    cells = []
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if meta.get("grade") and (meta.get("task") or meta.get("solution")):
            try:
                cells.append((meta.get("grade_id", ""), float(meta.get("points"))))
            except (TypeError, ValueError):
                continue  # static_checks names a cell without points
    return cells


def rubric_checks(nb: NotebookNode, module_folder: Path, report: Report) -> None:
    """Every hand-marked cell has a rubric whose criteria add up to its points."""
    cells = hand_marked(nb)
    found = rubrics.problems(cells, module_folder)
    report.errors += found
    if cells and not found:
        report.passed_checks.append(f"a rubric for each of the {len(cells)} written answers marked by hand")


#: Learners whose variants the answer collections are judged on: a right answer must be right for everyone.
COLLECTION_LEARNERS = ("validator-a", "validator-b")


def collection_checks(course: Path, module_id: str, report: Report) -> None:
    """Each right answer of the module's collections passes and each wrong one fails, on more than one variant."""
    from ..checks import registry
    from ..checks.answers import collection_problems

    judge = _judge(course)
    if module_id not in registry.Modules(judge.course):
        notebook = Path(course) / "source" / module_id / f"{module_id}.ipynb"
        if notebook.is_file() and not any(is_test_cell(c) for c in read_notebook(notebook).cells):
            # A notebook marked only by hand (the project template): no instant checks, nothing to collect.
            report.passed_checks.append("no instant checks: every mark is given by hand against the rubric")
            return
        report.errors.append(f"no checks for {module_id}: write {judge.course.modules_folder / module_id / 'checks.py'}"
                             f" (`academy module new {module_id}` starts one)")
        return
    try:
        source = registry.module(module_id, judge.course)
    except registry.ModuleSourceError as exc:
        report.errors.append(str(exc))
        return
    from ..checks import teaching

    taught = teaching.untaught(read_notebook(source.notebook).cells) + teaching.hints_hand_over(source.spec)
    report.errors += taught
    if not taught:
        report.passed_checks.append("each question follows a worked example, and no hint ladder holds its solution")
    found: list[str] = []
    for learner in COLLECTION_LEARNERS:
        found += [p for p in collection_problems(source, judge.bound(module_id, learner)) if p not in found]
    report.errors += found
    if not found:
        count = sum(map(len, source.right.values())) + sum(map(len, source.wrong.values()))
        report.passed_checks.append(f"{count} collected answers judged as their collections say "
                                    f"({len(COLLECTION_LEARNERS)} learners' data)")


def _records(root: Path) -> dict[str, int]:
    """Record key -> when its answer was last written (a cell that records again changes it)."""
    found = {}
    for key in recheck.recorded(root):
        try:
            found[key] = (root / key / "answer.json").stat().st_mtime_ns
        except OSError:
            found[key] = -1
    return found


def contract_checks(nb: NotebookNode, work: Path, timeout: int, env: dict[str, str], report: Report,
                    failing: set[str] | frozenset[str] = frozenset(), course: Path | None = None,
                    module_id: str = "") -> None:
    """Run the solutions as ``academy grade`` does and hold each test cell to what it declares.

    Under the grader a hidden test only records the answer and the grader
    judges each *declared* exercise, so a cell whose call records nothing, or
    records an exercise it does not declare, would grade wrongly without any
    error in the kernel. Each cell's records are told apart by watching the
    capture folder after every cell. Cells in ``failing`` already failed with
    solutions in; their recheck is not reported twice.
    """
    capture_root = work / ".academy-capture"
    shutil.rmtree(capture_root, ignore_errors=True)
    capture_root.mkdir()
    declared = {i: declared_exercises(c) for i, c in enumerate(nb.cells) if is_test_cell(c)}
    # Unknown exercises are reported by static_checks; the rest are still held to the contract.
    judge = _judge(course)
    env = {**env, "ACADEMY_COURSE": str(judge.course.root)}
    judged = {key for i, keys in declared.items() for key in keys
              if not recheck.unknown(judge, key) and nbgrader_meta(nb.cells[i]).get("grade_id") not in failing}
    claims = [recheck.claim(judge, key) for keys in declared.values() for key in keys
              if not recheck.unknown(judge, key)]
    references = recheck.prepare(judge, claims, env["ACADEMY_LEARNER"], env["ACADEMY_GRADER_SECRET"], capture_root,
                                 modules=[module_id] if module_id else [])
    seen = _records(capture_root)
    made: dict[int, set[str]] = {}

    def after_cell(index: int) -> None:
        nonlocal seen
        now = _records(capture_root)
        made[index] = {key for key, when in now.items() if seen.get(key) != when}
        seen = now

    execute(nb, work, timeout, {**env, CAPTURE_ENV: str(capture_root)}, after_cell=after_cell)
    errors = []
    for index, cell in enumerate(nb.cells):
        gid = nbgrader_meta(cell).get("grade_id")
        name = f"'{gid}'" if gid else f"cell {index + 1}"
        wanted, got = set(declared.get(index, ())), made.get(index, set())
        for key in sorted(wanted - got):
            errors.append(f"run as academy grade runs it, {name} declares {key} but records no answer for it, "
                          "so the grader would score it zero (does its hidden test call verify for that exercise?)")
        for key in sorted(got - wanted):
            where = "does not declare it" if index in declared else "is not a graded test cell"
            errors.append(f"run as academy grade runs it, {name} records an answer for {key} but {where}, "
                          f"so the grader would not recheck it: add \"{key}\" to the test cell's metadata "
                          f"{CONTRACT_KEY}.exercises")
    for c in claims:
        if c.key not in judged or any(c.key in e for e in errors):
            continue
        problem = recheck.recheck(judge, c, env["ACADEMY_LEARNER"], capture_root, references)
        if problem:
            errors.append(f"with solutions in, the grader's recheck of {c.key} disagrees: {problem}")
    report.errors += errors
    if not errors and claims and not failing:
        report.passed_checks.append(f"each test cell records what it declares, and the grader's recheck passes "
                                    f"({len(claims)} exercises)")


def challenge_checks(course: Path, name: str, report: Report) -> None:
    """A code-club challenge has an organiser's sheet an organiser can run a session from."""
    try:
        challenge = curriculum.load(course).challenge(name)
    except (curriculum.CurriculumError, KeyError):
        return  # a module, or a course without a manifest: nothing to check here
    try:
        sheet = organiser_sheet.read(course, challenge)
    except organiser_sheet.SheetError as exc:
        report.errors.append(str(exc))
        return
    report.passed_checks.append(f"an organiser's sheet whose timing fills the {challenge.minutes} minutes "
                                f"({len(sheet.timing)} steps)")


def find_notebooks(course: Path, assignment: str | None) -> list[Path]:
    source = course / "source"
    if not source.is_dir():
        raise GradeError(f"{course} is not an nbgrader course folder (no source/ folder)")
    folders = [source / assignment] if assignment else sorted(p for p in source.iterdir() if p.is_dir())
    for folder in folders:
        if not folder.is_dir():
            known = ", ".join(sorted(p.name for p in source.iterdir() if p.is_dir()))
            raise GradeError(f"no assignment '{folder.name}' in {source} (found: {known or 'none'})")
    notebooks = sorted(nb for folder in folders for nb in folder.glob("*.ipynb")
                       if ".ipynb_checkpoints" not in nb.parts)
    if not notebooks:
        raise GradeError(f"no notebooks under {', '.join(map(str, folders))}")
    return notebooks
