"""The feedback exporter that remembers rendered cells makes exactly the pages nbconvert's own makes."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbconvert.exporters import HTMLExporter

from academy.grading.feedback_export import FeedbackExporter

SOURCE = Path(__file__).resolve().parents[2] / "courses" / "accelerator" / "source" / "m02" / "m02.ipynb"


def _learners_copies() -> list[nbformat.NotebookNode]:
    """Two learners' notebooks: the same module text and tests, different answers."""
    first = nbformat.read(str(SOURCE), as_version=4)
    second = nbformat.read(str(SOURCE), as_version=4)
    answer = next(c for c in second.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution"))
    answer.source = "answer = 42  # written another way\n" + answer.source
    return [first, second, first]


def test_every_page_is_byte_for_byte_what_nbconverts_own_exporter_makes() -> None:
    remembering, plain = FeedbackExporter(), HTMLExporter()
    for nb in _learners_copies():
        ours, _ = remembering.from_notebook_node(nb)
        theirs, _ = plain.from_notebook_node(nb)
        assert ours == theirs


def test_a_cell_that_differs_is_rendered_as_itself_not_as_the_remembered_one() -> None:
    exporter = FeedbackExporter()
    first, second, _ = _learners_copies()
    assert "written another way" not in exporter.from_notebook_node(first)[0]
    assert "written another way" in exporter.from_notebook_node(second)[0]
