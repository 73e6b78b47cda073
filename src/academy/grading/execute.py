"""nbgrader's Execute step, made to survive what learners' notebooks do.

Stock ``Execute`` already interrupts a cell that runs past its timeout and
records an error when a notebook hides its tracebacks. This subclass also:

- remembers how far it got, so that when the kernel dies (a crash,
  ``os._exit``, the memory cap, the notebook's overall time limit) the cells
  that ran keep their results and the test cells that did not run score zero
  with a reason, instead of the whole notebook being lost;
- caps the output it keeps per cell, so printing 100 MB in a loop cannot
  exhaust the grader's memory (nbgrader's LimitOutput trims further later);
- says in plain words what happened, for the learner's feedback.
"""

from __future__ import annotations

import time

import nbformat
from nbclient.exceptions import DeadKernelError
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Integer

from .notebooks import is_test_cell, nbgrader_meta
from .results import PhaseClock


def _label(cell: NotebookNode, index: int) -> str:
    gid = nbgrader_meta(cell).get("grade_id")
    return f"'{gid}'" if gid else f"cell {index + 1}"


class GradingExecute(Execute):
    output_limit = Integer(2_000_000, help="Characters of output kept per cell").tag(config=True)
    #: After an interrupted cell (a fork bomb's children, say) late output is dropped; the next cell still runs.
    raise_on_iopub_timeout = False

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.last_run_index = -1
        self.timed_out_cells: list[str] = []
        self.cut_cells: list[str] = []
        self.out_of_time = False
        self.stopped_by: BaseException | None = None
        self._kept: dict[int, int] = {}
        #: perf_counter() when the run began, its first cell began, its last cell ended, and it ended:
        #: the kernel's start-up and shut-down told apart from the learner's cells.
        self.started_at = self.first_cell_at = self.last_cell_at = self.ended_at = 0.0

    #: The manager of the kernel to run in (a jailed one). Handed over here, not as ``preprocess(km=...)``:
    #: nbclient shuts down only a kernel whose manager it made, so a passed one lived on, idle, until
    #: the batch ended (40 of them at once for a cohort of 40).
    jailed_km = None

    def create_kernel_manager(self):
        if self.jailed_km is None:
            return super().create_kernel_manager()
        self.km = self.jailed_km
        return self.km

    def preprocess(self, nb, resources=None, km=None):
        self.started_at = time.perf_counter()
        try:
            return super().preprocess(nb, resources, km=km)
        finally:
            self.ended_at = time.perf_counter()

    def preprocess_cell(self, cell, resources, index):
        if not self.first_cell_at:
            self.first_cell_at = time.perf_counter()
        if cell.cell_type == "code":
            self.last_run_index = index
        try:
            return super().preprocess_cell(cell, resources, index)
        finally:
            self.last_cell_at = time.perf_counter()

    def time_phases(self, clock: PhaseClock) -> None:
        """Kernel start, the cells, kernel stop: how long the notebook's run took, split where it was spent."""
        if not self.first_cell_at:  # the kernel never ran a cell: all of it was start-up
            clock.add("kernel start", self.ended_at - self.started_at)
            return
        clock.add("kernel start", self.first_cell_at - self.started_at)
        clock.add("execute", self.last_cell_at - self.first_cell_at)
        clock.add("kernel stop", self.ended_at - self.last_cell_at)

    async def _async_handle_timeout(self, timeout, cell=None):
        if cell is not None:
            self.timed_out_cells.append(_label(cell, self.last_run_index))
        return await super()._async_handle_timeout(timeout, cell)

    def output(self, outs, msg, display_id, cell_index):
        size = len(str(msg.get("content", {}).get("text", ""))) + len(str(msg.get("content", {}).get("data", "")))
        kept = self._kept.get(cell_index, 0)
        if kept + size > self.output_limit:
            if kept <= self.output_limit:
                self._kept[cell_index] = self.output_limit + 1
                self.cut_cells.append(_label(self.nb.cells[cell_index], cell_index))
                outs.append(nbformat.v4.new_output(
                    "stream", name="stdout",
                    text=f"\n[output cut: this cell printed more than {self.output_limit:,} characters]\n"))
            return None
        self._kept[cell_index] = kept + size
        return super().output(outs, msg, display_id, cell_index)

    def notes(self) -> list[str]:
        found = [f"{label} ran longer than {self.timeout} s and was stopped." for label in self.timed_out_cells]
        found += [f"{label} printed too much; the rest of its output was dropped." for label in self.cut_cells]
        return found

    def stop_reason(self) -> str:
        exc = self.stopped_by
        if isinstance(exc, DeadKernelError) or "died" in str(exc).lower():
            if self.last_run_index < 0:
                return "Your notebook's kernel could not start, so nothing ran."
            cell = self.nb.cells[self.last_run_index]
            return (f"Your notebook's kernel stopped while running {_label(cell, self.last_run_index)} "
                    "(it crashed, ran out of memory, or exited). Marks earned before that point are kept; "
                    "tests after it did not run.")
        return f"Running your notebook stopped early ({type(exc).__name__}: {str(exc)[:200]})."


def mark_unrun(nb: NotebookNode, last_run_index: int, stopped: bool) -> None:
    """Test cells the kernel never finished get an error, so they score zero rather than full marks."""
    if not stopped:
        return
    for index, cell in enumerate(nb.cells):
        if index >= max(last_run_index, 0) and is_test_cell(cell):
            if index == last_run_index and any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
                continue
            cell.setdefault("outputs", []).append(nbformat.v4.new_output(
                "error", ename="NotRun", evalue="This test did not run: the notebook's kernel had stopped.",
                traceback=["NotRun: This test did not run: the notebook's kernel had stopped."]))
