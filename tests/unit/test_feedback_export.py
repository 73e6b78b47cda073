"""The feedback exporter that remembers rendered cells makes exactly the pages nbconvert's own makes."""

from __future__ import annotations

from pathlib import Path

import nbformat
import nbgrader
import pytest
from nbconvert.exporters import HTMLExporter
from traitlets.config import Config

from academy.grading.feedback_export import FeedbackExporter

SOURCE = Path(__file__).resolve().parents[2] / "courses" / "accelerator" / "source" / "m02" / "m02.ipynb"


def _learners_copies() -> list[nbformat.NotebookNode]:
    """Learners' notebooks as graded: the same module text and tests, different answers, each cell stamped with
    the time it ran; and one where a cell of the same text is highlighted as a cell magic's language."""
    copies = [nbformat.read(str(SOURCE), as_version=4) for _ in range(3)]
    for n, nb in enumerate(copies):
        nb.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3"}  # as a kernel records it
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.metadata["execution"] = {"iopub.execute_input": f"2026-12-0{n + 1}T10:00:00.000000Z"}
    answer = next(c for c in copies[1].cells
                  if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution"))
    answer.source = "answer = 42  # written another way\n" + answer.source
    for nb in copies[1:]:
        nb.cells.append(nbformat.v4.new_code_cell("echo \"$HOME\" && ls -l | grep 'csv'"))
    copies[2].cells[-1].metadata["magics_language"] = "bash"
    return [copies[0], copies[1], copies[0], copies[2]]


def _nbgraders_feedback_config() -> Config:
    """What nbgrader's GenerateFeedback sets on the exporter: its own feedback template."""
    formgrader = Path(nbgrader.__file__).parent / "server_extensions" / "formgrader"
    c = Config()
    c.HTMLExporter.template_name = "feedback"
    c.HTMLExporter.extra_template_basedirs = [str(formgrader / "templates")]
    c.HTMLExporter.extra_template_paths = [str(formgrader / "static" / "node_modules" / "bootstrap" / "dist" / "css")]
    return c


@pytest.mark.parametrize("config", [Config(), _nbgraders_feedback_config()], ids=["nbconvert's page", "nbgrader's"])
def test_every_page_is_byte_for_byte_what_nbconverts_own_exporter_makes(config: Config) -> None:
    remembering, plain = FeedbackExporter(config=config), HTMLExporter(config=config)
    for nb in _learners_copies():
        for cell in nb.cells:  # what nbgrader's GetGrades leaves for its template
            meta = cell.metadata.get("nbgrader")
            if meta and (meta.get("grade") or meta.get("task")):
                meta.update(score=1.0, comment="Check the ward names & <b>dates</b>." if meta.get("solution") else "")
        resources = {"nbgrader": {"notebook": "m02", "score": 3.0, "max_score": 8.0, "late_penalty": 0}}
        ours, _ = remembering.from_notebook_node(nb, resources={**resources})
        theirs, _ = plain.from_notebook_node(nb, resources={**resources})
        assert ours == theirs
        assert "academy-aside" not in ours


def test_a_cell_that_differs_is_rendered_as_itself_not_as_the_remembered_one() -> None:
    exporter = FeedbackExporter()
    first, second, *_ = _learners_copies()
    assert "written another way" not in exporter.from_notebook_node(first)[0]
    assert "written another way" in exporter.from_notebook_node(second)[0]


def _with_learners_markup(opening: str, closing: str) -> nbformat.NotebookNode:
    """A learner's HTML outputs that open an attribute, a comment or a script before a code cell and close it
    after: nbconvert then reads the code as text, not markup."""
    def shown(html: str) -> nbformat.NotebookNode:
        return nbformat.v4.new_output("display_data", data={"text/html": html})

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1", outputs=[shown(opening)]),
                                         nbformat.v4.new_code_cell("print('council tax band D')"),
                                         nbformat.v4.new_code_cell("y = 2", outputs=[shown(closing)])])
    nb.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3"}
    return nb


@pytest.mark.parametrize("config", [Config(), _nbgraders_feedback_config()], ids=["nbconvert's page", "nbgrader's"])
def test_a_learners_markup_around_the_code_or_an_unset_magic_gives_nbconverts_page(config: Config) -> None:
    pages = [_with_learners_markup("<span title='", "'>z</span>"), _with_learners_markup("<!-- from here", "-->"),
             _with_learners_markup("<script>var a = '", "';</script>")]
    unset = _with_learners_markup("", "")
    unset.cells[1].metadata["magics_language"] = None  # nbconvert's plain text
    pages += [_with_learners_markup("", ""), unset]
    remembering, plain = FeedbackExporter(config=config), HTMLExporter(config=config)
    resources = {"nbgrader": {"notebook": "m02", "score": 0.0, "max_score": 0.0, "late_penalty": 0}}
    for nb in pages:
        ours, _ = remembering.from_notebook_node(nb, resources={**resources})
        theirs, _ = plain.from_notebook_node(nb, resources={**resources})
        assert ours == theirs
        assert "academy-aside" not in ours
