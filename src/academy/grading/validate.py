"""``academy validate``: is a source notebook fit to release?

For each nbgrader source notebook this checks, with nbgrader's own
preprocessors and grading rule (``determine_grade``), that:

- the notebook is valid, its grade ids are unique and every graded cell has
  positive points; no outputs are stored (sources stay reviewable);
- with solutions in, every graded test cell earns full marks;
- with solutions cleared (what a learner starts from, hidden tests put back as
  autograde does), every graded test cell earns nothing;
- the released notebook contains no solution text and no hidden test.
"""

from __future__ import annotations

import copy
import os
import secrets
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import NotebookNode

SOLUTION_MARKERS = ("BEGIN SOLUTION", "END SOLUTION")
HIDDEN_MARKERS = ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS")


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


def nbgrader_meta(cell: NotebookNode) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def is_test_cell(cell: NotebookNode) -> bool:
    """A graded code cell that tests answers (not a graded answer cell)."""
    meta = nbgrader_meta(cell)
    return bool(meta.get("grade")) and not meta.get("solution") and cell.cell_type == "code"


def read_notebook(path: Path) -> NotebookNode:
    """Read and validate, turning every way a file can be broken into one message."""
    try:
        nb = nbformat.read(str(path), as_version=4)
    except FileNotFoundError:
        raise ValueError(f"{path}: no such notebook") from None
    except Exception as exc:  # bad JSON, wrong nbformat, not a notebook at all
        raise ValueError(f"{path}: not a readable notebook ({type(exc).__name__}: {str(exc).splitlines()[0][:200]})") from None
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as exc:
        raise ValueError(f"{path}: not a valid notebook ({exc.message[:200]})") from None
    return nb


def release_version(nb: NotebookNode) -> NotebookNode:
    """What nbgrader's generate_assignment gives learners."""
    from nbgrader.preprocessors import ClearHiddenTests, ClearOutput, ClearSolutions

    out = copy.deepcopy(nb)
    for pre in (ClearSolutions(), ClearHiddenTests(), ClearOutput()):
        out, _ = pre.preprocess(out, {})
    return out


def blank_submission(nb: NotebookNode) -> NotebookNode:
    """A learner who answered nothing, graded with the full (hidden) tests as autograde does."""
    from nbgrader.preprocessors import ClearOutput, ClearSolutions

    out = copy.deepcopy(nb)
    for pre in (ClearSolutions(), ClearOutput()):
        out, _ = pre.preprocess(out, {})
    return out


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


def static_checks(nb: NotebookNode, report: Report) -> None:
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
        if meta.get("grade"):
            try:
                points = float(meta.get("points"))
            except (TypeError, ValueError):
                points = -1.0
            if points <= 0:
                report.errors.append(f"graded cell '{gid}' needs a positive number of points (has {meta.get('points')!r})")
            else:
                report.points += points
            if is_test_cell(cell) and HIDDEN_MARKERS[0] not in cell.source:
                report.warnings.append(f"graded test cell '{gid}' has no hidden tests")
    if report.points <= 0 and not report.errors:
        report.errors.append("the notebook has no graded cells")
    if not report.errors:
        report.passed_checks.append(f"{len(ids)} unique grade ids, {report.points:g} points")


def execute(nb: NotebookNode, workdir: Path, timeout: int, env: dict[str, str]) -> NotebookNode:
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient

    out = copy.deepcopy(nb)
    # A runaway cell is interrupted and recorded as failing; the rest still runs.
    client = NotebookClient(out, timeout=timeout, allow_errors=True, kernel_name="python3",
                            interrupt_on_timeout=True, resources={"metadata": {"path": str(workdir)}})
    # IPC sockets in a private folder: no kernel ports open on the network.
    client.km = AsyncKernelManager(kernel_name="python3", transport="ipc", ip=str(workdir / "kernel"))
    client.execute(env={**os.environ, **env})
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
                found.append(f"with solutions in, '{name}' fails: {output.get('ename')}: {str(output.get('evalue'))[:160]}")
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
        static_checks(nb, report)
        released = release_version(nb)
        blank = blank_submission(nb)
    except Exception as exc:  # nbgrader refuses malformed regions with its own message
        report.errors.append(f"nbgrader cannot release this notebook: {exc}")
        return report
    found = leaks(nb, released)
    report.errors += found
    if not found:
        report.passed_checks.append("release holds no solution text and no hidden test")

    env = {"ACADEMY_GRADER_SECRET": secrets.token_hex(16), "ACADEMY_LEARNER": "validator"}
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
                report.errors.append(f"with solutions in, '{gid}' earns {score:g}/{max_score:g}: {error or 'no error shown'}")
        if solved and all(s == m for s, m, _ in solved.values()):
            report.passed_checks.append(f"solutions earn full marks ({len(solved)} test cells)")
        empty = graded_results(execute(blank, work, timeout, env))
        for gid, (score, max_score, _) in empty.items():
            if score > 0:
                report.errors.append(f"with solutions cleared, '{gid}' still earns {score:g}/{max_score:g}: the test does not test")
        if empty and all(s == 0 for s, _, _ in empty.values()):
            report.passed_checks.append("blank release earns nothing")
    return report


def find_notebooks(course: Path, assignment: str | None) -> list[Path]:
    source = course / "source"
    if not source.is_dir():
        raise ValueError(f"{course} is not an nbgrader course folder (no source/ folder)")
    folders = [source / assignment] if assignment else sorted(p for p in source.iterdir() if p.is_dir())
    for folder in folders:
        if not folder.is_dir():
            known = ", ".join(sorted(p.name for p in source.iterdir() if p.is_dir()))
            raise ValueError(f"no assignment '{folder.name}' in {source} (found: {known or 'none'})")
    notebooks = sorted(nb for folder in folders for nb in folder.glob("*.ipynb")
                       if ".ipynb_checkpoints" not in nb.parts)
    if not notebooks:
        raise ValueError(f"no notebooks under {', '.join(map(str, folders))}")
    return notebooks
