"""A grading batch's warm forker imports scikit-learn and SciPy ahead only for modules whose notebooks use them."""

from __future__ import annotations

import json
from pathlib import Path

from academy.grading.forker import OPTIONAL, optional_for, optional_for_assignment

COURSE = Path(__file__).resolve().parents[2] / "courses" / "accelerator"


def _notebook_text(*lines: str) -> str:
    return json.dumps({"cells": [{"cell_type": "code", "source": [line + "\n" for line in lines]}]})


def test_only_the_packages_a_notebook_imports_are_taken_ahead() -> None:
    assert optional_for([_notebook_text("import pandas as pd", "df = pd.DataFrame()")]) == ()
    scipy = tuple(m for m in OPTIONAL if m.startswith("scipy"))
    assert optional_for([_notebook_text("from scipy import stats")]) == scipy
    sklearn = optional_for([_notebook_text("import numpy as np", "from sklearn.cluster import KMeans")])
    assert sklearn and all(m.startswith("sklearn") for m in sklearn)
    # Words in prose are not imports.
    prose = {"cells": [{"cell_type": "markdown", "source": ["Compare with scipy later"]}]}
    assert optional_for([json.dumps(prose)]) == ()


def test_the_course_modules_ask_for_what_their_notebooks_use() -> None:
    assert optional_for_assignment(COURSE, "m02") == ()
    assert "sklearn" in (optional_for_assignment(COURSE, "m08") or ())


def test_an_assignment_with_no_source_to_read_takes_everything_ahead(tmp_path: Path) -> None:
    assert optional_for_assignment(tmp_path, "m02") is None
