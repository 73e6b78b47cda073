"""Which optional libraries an assignment's kernels will import, so a forker for one assignment preloads those
and no others.

scikit-learn and SciPy add about 90 MiB to the forker (shared by every kernel it forks) and 0.6 s to its
start, for modules that never use them. What learners are given (the notebook as released: no solutions, no
hidden tests) is what they build on, so what it imports is what their kernels will. Only that is read: a
library that only the solutions, the answer collections or the checks use must not show in the grading
kernel's ``sys.modules``, where a learner's code could see it. A learner who imports another library still
can: their kernel imports it itself, a little slower.

The released notebooks (nbgrader's own output, ``release/<assignment>/``) are read where they exist; otherwise
the source notebooks, with what generate_assignment takes out taken out: every line from one holding BEGIN
SOLUTION to one holding END SOLUTION (likewise HIDDEN TESTS), and solution cells without them whole.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

#: ``import a, b.c as d`` (every name) and ``from a.b import c`` (its package), at a line's start.
_IMPORT = re.compile(r"^[ \t]*(?:import[ \t]+([^\n#;]+)|from[ \t]+([A-Za-z_]\w*))", re.MULTILINE)
#: nbgrader's default delimiters.
_REGIONS = (("BEGIN SOLUTION", "END SOLUTION"), ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS"))


def _without_regions(source: str) -> str:
    kept, closing = [], None
    for line in source.splitlines():
        if closing is None:
            closing = next((end for begin, end in _REGIONS if begin in line), None)
            if closing is None:
                kept.append(line)
        elif closing in line:
            closing = None
    return "\n".join(kept)


def code_cells(path: Path, released: bool) -> str:
    """The code cells of a notebook as learners get it ('' for one that cannot be read); ``released``: it is
    nbgrader's released version already."""
    try:
        cells = json.loads(path.read_bytes()).get("cells")
    except (OSError, ValueError, AttributeError):
        return ""
    kept = []
    for cell in cells if isinstance(cells, list) else []:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(map(str, source)) if isinstance(source, list) else str(source)
        if not released:
            metadata = cell.get("metadata")
            nbgrader = metadata.get("nbgrader") if isinstance(metadata, dict) else None
            if isinstance(nbgrader, dict) and nbgrader.get("solution") and "BEGIN SOLUTION" not in source:
                continue  # a solution cell without delimiters is replaced whole
            source = _without_regions(source)
        kept.append(source)
    return "\n".join(kept)


def packages_imported(code: str) -> set[str]:
    found = set()
    for names, package in _IMPORT.findall(code):
        if package:
            found.add(package)
        for name in names.split(","):
            first = name.strip().split(".")[0].split()
            if first and first[0].isidentifier():
                found.add(first[0])
    return found


def imported_by(course_root: Path, assignment: str, candidates: tuple[str, ...]) -> tuple[str, ...]:
    """Of ``candidates`` (dotted module names), those whose package the assignment's notebooks, as released,
    import."""
    released = sorted((course_root / "release" / assignment).glob("*.ipynb"))
    notebooks = released or sorted((course_root / "source" / assignment).glob("*.ipynb"))
    packages: set[str] = set()
    for path in notebooks:
        packages |= packages_imported(code_cells(path, released=bool(released)))
    return tuple(name for name in candidates if name.split(".")[0] in packages)
