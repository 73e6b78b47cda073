"""Which optional libraries an assignment's kernels will import, so a forker for one assignment preloads those
and no others.

scikit-learn and SciPy add about 90 MiB to the forker (shared by every kernel it forks) and 0.6 s to its
start, for modules that never use them. What learners are given (the notebook as released: no solutions, no
hidden tests) is what they build on, so what it imports is what their kernels will. Only that is read: a
library that only the solutions, the answer collections or the checks use must not show in the grading
kernel's ``sys.modules``, where a learner's code could see it. A learner who imports another library still
can: their kernel imports it itself, a little slower.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

#: An import at a line's start; a false match only preloads a library for nothing.
_IMPORT = re.compile(r"^[ \t]*(?:import|from)[ \t]+([A-Za-z_]\w*)", re.MULTILINE)
#: What nbgrader's generate_assignment takes out (its default delimiters).
_HIDDEN = re.compile(r"BEGIN SOLUTION.*?END SOLUTION|BEGIN HIDDEN TESTS.*?END HIDDEN TESTS", re.DOTALL)


def released_code(path: Path) -> str:
    """The code cells of a source notebook as learners get them; '' for a notebook that cannot be read."""
    try:
        cells = json.loads(path.read_bytes()).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return ""
    kept = []
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        nbgrader = (cell.get("metadata") or {}).get("nbgrader") or {}
        if nbgrader.get("solution") and "BEGIN SOLUTION" not in source:
            continue  # a solution cell without delimiters is replaced whole
        kept.append(_HIDDEN.sub("", source))
    return "\n".join(kept)


def imported_by(course_root: Path, assignment: str, candidates: tuple[str, ...]) -> tuple[str, ...]:
    """Of ``candidates`` (dotted module names), those whose package the assignment's notebooks, as released,
    import."""
    folder = course_root / "source" / assignment
    packages: set[str] = set()
    for path in sorted(folder.glob("*.ipynb")) if folder.is_dir() else []:
        packages.update(_IMPORT.findall(released_code(path)))
    return tuple(name for name in candidates if name.split(".")[0] in packages)
