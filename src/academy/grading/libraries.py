"""Which optional libraries an assignment's kernels will import, so a forker for one assignment preloads those
and no others.

scikit-learn and SciPy add about 90 MiB to the forker (shared by every kernel it forks) and 0.6 s to its
start, for modules that never use them. The model answer is what learners are taught to write, so what it
and the notebooks import is what their kernels will. A learner who imports another library still can: their
kernel imports it itself, a little slower.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

#: An import at a line's start, in code or in a string of code (answer collections hold alternative answers as
#: strings, lines joined by "\n"); a false match only preloads a library for nothing.
_IMPORT = re.compile(r"""(?:^[ \t]*[rbuf]?["']{0,3}|\\n)(?:import|from)[ \t]+([A-Za-z_]\w*)""", re.MULTILINE)


def _code(path: Path) -> str:
    if path.suffix == ".py":
        return path.read_text(encoding="utf-8", errors="replace")
    try:
        cells = json.loads(path.read_bytes()).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return ""
    return "\n".join("".join(c.get("source", "")) if isinstance(c.get("source"), list) else str(c.get("source", ""))
                     for c in cells if isinstance(c, dict) and c.get("cell_type") == "code")


def imported_by(course_root: Path, assignment: str, candidates: tuple[str, ...]) -> tuple[str, ...]:
    """Of ``candidates`` (dotted module names), those whose package the assignment's source notebooks or its
    module folder's Python (model answers, checks) import."""
    packages: set[str] = set()
    for folder in (course_root / "source" / assignment, course_root / "modules" / assignment):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.suffix in (".py", ".ipynb") and path.is_file():
                packages.update(_IMPORT.findall(_code(path)))
    return tuple(name for name in candidates if name.split(".")[0] in packages)
