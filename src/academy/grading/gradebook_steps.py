"""nbgrader's gradebook steps, asking the gradebook once per batch or notebook instead of once per cell.

Stock autograde opens the gradebook four times per notebook and asks it about
every cell: ``OverwriteKernelspec`` and ``OverwriteCells`` read what was
released (the same answers for every learner of a batch), and
``SaveAutoGrades`` commits after each cell's grade and comment (about forty
commits per notebook, each written to disk while the batch's other graders
wait their turn). Here:

- what was released is read once per batch into :class:`Released`, plain data
  a job carries, and nbgrader's own ``OverwriteCells`` logic runs against it;
- the grades and comments go in as nbgrader's ``SaveAutoGrades`` sets them,
  committed once, so a notebook's marks appear together or not at all.

A job without a :class:`Released` (one notebook graded on its own) gets
nbgrader's steps exactly as they are.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from nbformat import NotebookNode
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor, OverwriteCells, OverwriteKernelspec, SaveAutoGrades

#: Where a job's :class:`Released` travels in nbconvert's resources.
RESOURCE = "academy_released"


@dataclass(frozen=True)
class SourceCell:
    """A cell as ``generate_assignment`` recorded it: what ``OverwriteCells`` puts back or compares with."""

    name: str
    cell_type: str
    locked: bool
    checksum: str | None
    source: str


@dataclass(frozen=True)
class MarkedCell:
    """A grade, solution or task cell: its name, and for grade and task cells the points it is worth."""

    name: str
    max_score: float | None = None


@dataclass(frozen=True)
class _ReleasedNotebook:
    """Answers ``Gradebook.find_notebook`` for the steps: the cells in the order the gradebook lists them."""

    kernelspec: str | None
    source_cells: tuple[SourceCell, ...]
    grade_cells: tuple[MarkedCell, ...]
    solution_cells: tuple[MarkedCell, ...]
    task_cells: tuple[MarkedCell, ...]


@dataclass(frozen=True)
class Released:
    """One released notebook, read from the gradebook once; stands in for the gradebook in the steps below."""

    assignment: str
    notebook: str
    cells: _ReleasedNotebook

    @classmethod
    def read(cls, gb: Gradebook, assignment: str, notebook: str) -> Released:
        """MissingEntry if the gradebook has no such notebook."""
        nb = gb.find_notebook(notebook, assignment)

        def marked(rows: Any, points: bool) -> tuple[MarkedCell, ...]:
            return tuple(MarkedCell(c.name, float(c.max_score) if points else None) for c in rows)

        return cls(assignment, notebook, _ReleasedNotebook(
            nb.kernelspec,
            tuple(SourceCell(c.name, c.cell_type, bool(c.locked), c.checksum, c.source) for c in nb.source_cells),
            marked(nb.grade_cells, True), marked(nb.solution_cells, False), marked(nb.task_cells, True)))

    # What nbgrader's OverwriteCells asks of a gradebook, answered from the snapshot.
    def __enter__(self) -> Released:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def _check(self, notebook: str, assignment: str) -> None:
        if (notebook, assignment) != (self.notebook, self.assignment):
            raise MissingEntry(f"No such notebook: {assignment}/{notebook}")

    def find_notebook(self, notebook: str, assignment: str) -> _ReleasedNotebook:
        self._check(notebook, assignment)
        return self.cells

    def find_source_cell(self, name: str, notebook: str, assignment: str) -> SourceCell:
        self._check(notebook, assignment)
        for cell in self.cells.source_cells:
            if cell.name == _as_stored(name):
                return cell
        raise MissingEntry(f"No such source cell: {assignment}/{notebook}/{name}")

    def find_graded_cell(self, name: str, notebook: str, assignment: str) -> MarkedCell:
        self._check(notebook, assignment)
        for cell in (*self.cells.grade_cells, *self.cells.task_cells):
            if cell.name == _as_stored(name):
                return cell
        raise MissingEntry(f"No such grade cell: {assignment}/{notebook}/{name}")  # nbgrader's words


def _as_stored(name: object) -> object:
    """A cell id as the gradebook compares it: a number a learner typed as an id matches its text, as in SQL."""
    return str(name) if isinstance(name, int | float) and not isinstance(name, bool) else name


def _released(resources: dict) -> Released | None:
    return resources.get(RESOURCE)


class OverwriteKernelspecOnce(OverwriteKernelspec):
    """nbgrader's step: the submitted notebook gets the released notebook's kernelspec."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        released = _released(resources)
        if released is None:
            return super().preprocess(nb, resources)
        if released.cells.kernelspec is not None:
            kernelspec = json.loads(released.cells.kernelspec)
            if kernelspec:
                nb.metadata["kernelspec"] = kernelspec
        return nb, resources


class OverwriteCellsOnce(OverwriteCells):
    """nbgrader's step, cell by cell as nbgrader does it, with the released cells read once per batch."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        released = _released(resources)
        if released is None:
            return super().preprocess(nb, resources)
        self.notebook_id = resources["nbgrader"]["notebook"]
        self.assignment_id = resources["nbgrader"]["assignment"]
        self.db_url = resources["nbgrader"]["db_url"]
        self.gradebook = released  # answers the three questions the cells ask
        nb, resources = NbGraderPreprocessor.preprocess(self, nb, resources)
        if self.add_missing_cells:
            nb, resources = self.add_missing_grade_cells(nb, resources)
            nb, resources = self.add_missing_task_cells(nb, resources)
        return nb, resources


class _CommitAtEnd:
    """The gradebook as ``SaveAutoGrades`` sees it: its commit after each cell only flushes."""

    def __init__(self, gb: Gradebook) -> None:
        self._gb = gb
        self.db = _Flushing(gb.db)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._gb, name)


class _Flushing:
    def __init__(self, session: Any) -> None:
        self._session = session

    def commit(self) -> None:
        self._session.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)


class SaveAutoGradesOnce(SaveAutoGrades):
    """nbgrader's step, each cell's grade and comment set by nbgrader's own code, committed once at the end."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        self.notebook_id = resources["nbgrader"]["notebook"]
        self.assignment_id = resources["nbgrader"]["assignment"]
        self.student_id = resources["nbgrader"]["student"]
        self.db_url = resources["nbgrader"]["db_url"]
        with Gradebook(self.db_url) as gb:
            self.gradebook = _CommitAtEnd(gb)
            try:
                nb, resources = NbGraderPreprocessor.preprocess(self, nb, resources)
                gb.db.commit()
            except BaseException:
                gb.db.rollback()
                raise
        return nb, resources
