"""nbgrader's view of a notebook's cells, and the hidden-test contract each test cell declares.

The grader, ``academy validate``, the feedback and the submission generator
all ask the same questions of a cell (is it graded? is it a test? what does it
check?); the answers live here once.

The contract between a hidden test and the grader is data, not cell text: a
graded test cell of a course that uses our hidden tests names the exercises
it checks in its metadata, ``{"academy": {"exercises": ["m02.q3"]}}``. The
grader reads that from the course's source notebook (never from a learner's
copy), rechecks each named exercise's recorded answer in its own process,
and scores the cell zero when none was recorded. How the cell's code spells
the call (``verify(MODULE, "q3", x)``, an alias, a computed name) no longer
matters.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
from nbformat import NotebookNode

SOLUTION_MARKERS = ("BEGIN SOLUTION", "END SOLUTION")
HIDDEN_MARKERS = ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
#: Cell metadata key of the hidden-test contract: ``metadata[CONTRACT_KEY]["exercises"]``.
CONTRACT_KEY = "academy"


def nbgrader_meta(cell: NotebookNode) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def is_test_cell(cell: NotebookNode) -> bool:
    """A graded code cell that tests answers (not a graded answer cell)."""
    meta = nbgrader_meta(cell)
    return bool(meta.get("grade")) and not meta.get("solution") and cell.cell_type == "code"


def declared_exercises(cell: NotebookNode) -> tuple[str, ...]:
    """The ``module.exercise`` keys a test cell says it checks (none for other courses' cells).

    A malformed declaration is returned as written, so ``academy validate``
    can name it and the grader can refuse it rather than skip it.
    """
    declared = (cell.get("metadata", {}).get(CONTRACT_KEY) or {}).get("exercises") or ()
    if isinstance(declared, str):
        declared = (declared,)
    return tuple(str(key) for key in declared)


def declarations(nb: NotebookNode) -> dict[str, tuple[str, ...]]:
    """grade_id -> declared exercises, for every graded test cell of a (source) notebook."""
    return {nbgrader_meta(c)["grade_id"]: declared_exercises(c) for c in nb.cells
            if is_test_cell(c) and nbgrader_meta(c).get("grade_id")}


def read_notebook(path: Path) -> NotebookNode:
    """Read and validate, turning every way a file can be broken into one message."""
    try:
        nb = nbformat.read(str(path), as_version=4)
    except FileNotFoundError:
        raise ValueError(f"{path}: no such notebook") from None
    except Exception as exc:  # bad JSON, wrong nbformat, not a notebook at all
        raise ValueError(f"{path}: not a readable notebook "
                         f"({type(exc).__name__}: {str(exc).splitlines()[0][:200]})") from None
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
