"""Which optional libraries a module's grading forker preloads: what its notebooks import as learners get
them, and nothing that only a solution, a hidden test or a markdown cell names (a grading kernel's
``sys.modules`` must not hint at the answer)."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat

from academy.grading.forker import OPTIONAL
from academy.grading.libraries import imported_by
from academy.grading.notebooks import release_version

REPO = Path(__file__).resolve().parents[2]
SKLEARN = tuple(m for m in OPTIONAL if m.startswith("sklearn"))


def code(source: str, **nbgrader) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    if nbgrader:
        cell.metadata["nbgrader"] = {"grade": False, "locked": False, "schema_version": 3, "points": 0,
                                     "solution": False, "task": False, "grade_id": f"c{abs(hash(source))}",
                                     **nbgrader}
    return cell


def module(root: Path, name: str, cells: list) -> nbformat.NotebookNode:
    (root / "source" / name).mkdir(parents=True)
    nb = nbformat.v4.new_notebook(cells=cells)
    nbformat.write(nb, str(root / "source" / name / f"{name}.ipynb"))
    return nb


def test_a_module_gets_what_its_released_code_imports_and_nothing_its_answers_do(tmp_path):
    module(tmp_path, "plain", [nbformat.v4.new_markdown_cell("We will not use `import sklearn` here."),
                               code("import pandas as pd")])
    module(tmp_path, "models", [code("x = 1\n    from sklearn.cluster import KMeans")])
    secret = module(tmp_path, "secret", [
        code("import pandas as pd\n### BEGIN SOLUTION\nfrom scipy.stats import norm\n### END SOLUTION",
             solution=True),
        code("from sklearn.linear_model import LogisticRegression", solution=True),  # replaced whole
        code("assert True\n### BEGIN HIDDEN TESTS\nimport sklearn\n### END HIDDEN TESTS", grade=True, points=1),
    ])
    module(tmp_path, "lines", [
        code("import scipy.stats  # BEGIN SOLUTION\nx = 1\n# END SOLUTION", solution=True),  # nbgrader drops the line
        code("import numpy as np, sklearn"),
    ])
    assert imported_by(tmp_path, "lines", OPTIONAL) == SKLEARN
    assert imported_by(tmp_path, "plain", OPTIONAL) == ()
    assert imported_by(tmp_path, "models", OPTIONAL) == SKLEARN
    assert imported_by(tmp_path, "secret", OPTIONAL) == ()
    released = "\n".join(c.source for c in release_version(secret).cells)
    assert "scipy" not in released and "sklearn" not in released, "the case is one nbgrader hides"
    assert imported_by(tmp_path, "missing", OPTIONAL) == ()


def test_nbgraders_released_notebooks_are_read_where_they_exist(tmp_path):
    module(tmp_path, "m", [code("import pandas as pd")])
    (tmp_path / "release" / "m").mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(cells=[code("from scipy import stats")]),
                   str(tmp_path / "release" / "m" / "m.ipynb"))
    assert imported_by(tmp_path, "m", OPTIONAL) == ("scipy.stats",)


def test_a_malformed_notebook_preloads_nothing_and_breaks_nothing(tmp_path):
    (tmp_path / "source" / "broken").mkdir(parents=True)
    (tmp_path / "source" / "broken" / "broken.ipynb").write_text("{not json")
    (tmp_path / "source" / "odd").mkdir(parents=True)
    (tmp_path / "source" / "odd" / "odd.ipynb").write_text(json.dumps({"cells": [
        {"cell_type": "code"}, 3, {"cell_type": "code", "source": "import sklearn", "metadata": {"nbgrader": True}},
        {"cell_type": "code", "source": ["import ", 7], "metadata": None}]}))
    (tmp_path / "source" / "empty").mkdir(parents=True)
    (tmp_path / "source" / "empty" / "empty.ipynb").write_text(json.dumps({"cells": None}))
    assert imported_by(tmp_path, "broken", OPTIONAL) == ()
    assert imported_by(tmp_path, "odd", OPTIONAL) == SKLEARN
    assert imported_by(tmp_path, "empty", OPTIONAL) == ()


def test_the_courses_modules_that_teach_models_keep_them_preloaded():
    course = REPO / "courses" / "accelerator"
    for module_id in ("m07", "m08"):
        assert "sklearn" in imported_by(course, module_id, OPTIONAL), module_id
        released = "\n".join(c.source for c in release_version(nbformat.read(
            str(course / "source" / module_id / f"{module_id}.ipynb"), as_version=4)).cells)
        assert "sklearn" in released, module_id
    assert imported_by(course, "m02", OPTIONAL) == ()
