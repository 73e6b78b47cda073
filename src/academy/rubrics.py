"""The rubrics instructors mark written answers by: ``modules/<id>/rubrics.md`` in the course folder.

A written answer marked by hand (nbgrader's "manually graded answer", or a task cell) is only as fair as the
words it is marked against. Each such cell of a module's source notebook has a section in the module's
``rubrics.md``, headed by its grade id and points, with one bullet per criterion and that criterion's points::

    ## limits (3 points)
    - Names who the model misses: pupils whose absence is not recorded the same way (1 point)
    - Says the model predicts, it does not explain why a pupil is absent (1 point)
    - Says what a person must still decide before anyone is contacted (1 point)

``academy validate`` holds the rubric to the notebook (a section per hand-marked cell, criteria adding up to
its points), the formgrader shows it beside the marking (``academy.grading.formgrader_rubrics``) and the
progress service marks a project's show-and-tell by it. It lives in the course folder: a model answer's words
are for markers, not learners.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

FILE = "rubrics.md"
_HEADING = re.compile(r"^##\s+(?P<gid>[A-Za-z0-9_.-]+)\s*\((?P<points>\d+(?:\.\d+)?)\s+points?\)\s*$")
_CRITERION = re.compile(r"^[-*]\s+(?P<text>.+?)\s*\((?P<points>\d+(?:\.\d+)?)\s+points?\)\s*$")


@dataclass(frozen=True)
class Rubric:
    grade_id: str
    points: float
    criteria: tuple[tuple[str, float], ...]
    #: Lines under the heading that are not criteria (guidance for markers, a model answer's outline).
    notes: tuple[str, ...] = ()


class RubricError(ValueError):
    """A rubrics file that cannot be read as one, with the line that is wrong."""


def parse(text: str, where: str = FILE) -> dict[str, Rubric]:
    rubrics: dict[str, Rubric] = {}
    current: dict | None = None

    def close() -> None:
        if current is not None:
            rubrics[current["gid"]] = Rubric(current["gid"], current["points"], tuple(current["criteria"]),
                                             tuple(current["notes"]))

    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("## "):
            close()
            heading = _HEADING.match(stripped)
            if not heading:
                raise RubricError(f"{where}, line {number}: a rubric's heading is '## <grade id> (<n> points)', "
                                  f"not {stripped!r}")
            if heading["gid"] in rubrics:
                raise RubricError(f"{where}, line {number}: '{heading['gid']}' has two rubrics")
            current = {"gid": heading["gid"], "points": float(heading["points"]), "criteria": [], "notes": []}
        elif current is not None and stripped.startswith(("- ", "* ")):
            criterion = _CRITERION.match(stripped)
            if not criterion:
                raise RubricError(f"{where}, line {number}: each criterion ends with its points, e.g. "
                                  f"'(1 point)': {stripped!r}")
            current["criteria"].append((criterion["text"], float(criterion["points"])))
        elif current is not None and stripped:
            current["notes"].append(stripped)
    close()
    return rubrics


def read(module_folder: Path) -> dict[str, Rubric]:
    path = module_folder / FILE
    if not path.is_file():
        return {}
    return parse(path.read_text(encoding="utf-8"), where=f"{module_folder.name}/{FILE}")


def problems(hand_marked: Iterable[tuple[str, float]], module_folder: Path) -> list[str]:
    """What is missing or wrong in a module's rubrics for its hand-marked cells ((grade id, points) each)."""
    try:
        rubrics = read(module_folder)
    except RubricError as exc:
        return [str(exc)]
    found = []
    cells = dict(hand_marked)
    for gid, points in cells.items():
        rubric = rubrics.get(gid)
        if rubric is None:
            found.append(f"the written answer '{gid}' is marked by hand but {module_folder.name}/{FILE} has no "
                         f"rubric for it (a section '## {gid} ({points:g} points)' with one bullet per criterion)")
            continue
        if rubric.points != points:
            found.append(f"the rubric for '{gid}' is out of {rubric.points:g} points; the cell is worth {points:g}")
        total = sum(p for _, p in rubric.criteria)
        if not rubric.criteria:
            found.append(f"the rubric for '{gid}' lists no criteria")
        elif total != rubric.points:
            found.append(f"the criteria of the rubric for '{gid}' add up to {total:g} points, not {rubric.points:g}")
    for stray in sorted(set(rubrics) - set(cells)):
        found.append(f"{module_folder.name}/{FILE} has a rubric for '{stray}', which is no hand-marked cell "
                     "of the notebook")
    return found
