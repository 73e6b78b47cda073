"""Which optional libraries a module's grading forker preloads: what its notebooks and model answers import,
found in code cells and in answer collections' strings of code, and nothing a markdown cell only mentions."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat

from academy.grading.forker import OPTIONAL
from academy.grading.libraries import imported_by

REPO = Path(__file__).resolve().parents[2]


def module(root: Path, name: str, cells: list, answers: str = "") -> None:
    (root / "source" / name).mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(cells=cells), str(root / "source" / name / f"{name}.ipynb"))
    if answers:
        (root / "modules" / name).mkdir(parents=True)
        (root / "modules" / name / "answers.py").write_text(answers)


def test_a_module_gets_only_what_its_code_imports(tmp_path):
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    module(tmp_path, "plain", [md("We will not use `import sklearn` here."), code("import pandas as pd")])
    module(tmp_path, "models", [code("x = 1\n    from sklearn.cluster import KMeans")])
    module(tmp_path, "stats", [code("import pandas as pd")],
           answers='ANSWERS = {"q1": ("import pandas as pd\\nfrom scipy.stats import norm\\n", True)}\n')
    assert imported_by(tmp_path, "plain", OPTIONAL) == ()
    assert imported_by(tmp_path, "models", OPTIONAL) == tuple(m for m in OPTIONAL if m.startswith("sklearn"))
    assert imported_by(tmp_path, "stats", OPTIONAL) == ("scipy.stats",)
    assert imported_by(tmp_path, "missing", OPTIONAL) == ()


def test_a_malformed_notebook_preloads_nothing_and_breaks_nothing(tmp_path):
    (tmp_path / "source" / "broken").mkdir(parents=True)
    (tmp_path / "source" / "broken" / "broken.ipynb").write_text("{not json")
    (tmp_path / "source" / "odd").mkdir(parents=True)
    (tmp_path / "source" / "odd" / "odd.ipynb").write_text(json.dumps({"cells": [{"cell_type": "code"}, 3]}))
    assert imported_by(tmp_path, "broken", OPTIONAL) == ()
    assert imported_by(tmp_path, "odd", OPTIONAL) == ()


def test_the_courses_modules_that_teach_models_and_statistics_keep_them_preloaded():
    course = REPO / "courses" / "accelerator"
    assert "sklearn" in imported_by(course, "m08", OPTIONAL)
    assert "scipy.stats" in imported_by(course, "m05", OPTIONAL)
    assert imported_by(course, "m02", OPTIONAL) == ()
