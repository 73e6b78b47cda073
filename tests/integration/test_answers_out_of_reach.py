"""A submission that takes its answers from its surroundings instead of working them out earns nothing.

The cheat below writes no pandas of its own: each answer cell looks for the published solution (the
package, the notebook's own module object, the checks, every copy of the course it can find, the
environment) and runs whatever it finds. Where the course can be read it works: stock ``nbgrader
autograde``, whose kernel runs as the instructor beside the course folder, gives it full marks, which
shows the cheat is real. Under ``academy grade`` the same notebook must score as a blank one does; and the
routes a learner's own kernel offers (the package and the notebook's module) must be closed under both.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import run_nbgrader
from test_grade import academy_grade

from academy.testing import submissions

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the full sandbox needs root (CI runs as root)")

#: Routes open to a learner's own kernel: the package and the notebook's module object.
FROM_THE_KERNEL = '''
def _from_the_kernel(module_id, exercise):
    import importlib, pkgutil
    import academy
    from academy.notebook import module
    found = []
    ex = module(module_id)
    question = getattr(ex, exercise)
    for ask in ("solution", "reference", "expected"):
        try:
            found.append(getattr(question, ask)())
        except Exception:
            pass
    for holder in (ex, question):  # anything the client keeps that knows an answer
        for value in list(vars(holder).values()):
            for name in ("truth", "solution", "spec"):
                if hasattr(value, name):
                    found.append(getattr(value, name))
    for info in pkgutil.walk_packages(academy.__path__, "academy."):  # the answers' old home, and any new one
        if "modules" in info.name or "solution" in info.name:
            try:
                found.append(importlib.import_module(info.name))
            except Exception:
                pass
    return [text for text in found if isinstance(text, str)]
'''

#: Routes open wherever the course folder can be read: the checks and every copy of the source notebook.
FROM_THE_COURSE = '''
def _from_the_course(module_id, exercise):
    import os, json
    from pathlib import Path
    found = []
    try:
        from academy.checks import registry
        found += [code for name, code in registry.module(module_id).steps if name == exercise]
    except Exception:
        pass
    roots = [os.environ.get("ACADEMY_COURSE", ""), str(Path.cwd())] + [str(p) for p in Path.cwd().parents]
    try:
        from academy import settings
        roots += [str(settings.PROJECT_ROOT / "courses" / "accelerator")]
    except Exception:
        pass
    for root in filter(None, roots):
        try:
            cells = json.loads((Path(root) / "source" / module_id / f"{module_id}.ipynb").read_text())["cells"]
        except Exception:
            continue
        for cell in cells:
            if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == f"{exercise}_answer":
                found.append("".join(cell["source"]).replace("### BEGIN SOLUTION", "").replace("### END SOLUTION", ""))
    return found
'''

TAKE = '''
for _code in {routes}:
    try:
        exec(_code, globals())
        break
    except Exception:
        pass
'''


def cheat(module_id: str, exercise: str, *, course_too: bool) -> str:
    routes = f"_from_the_kernel({module_id!r}, {exercise!r})"
    if course_too:
        routes = f"_from_the_course({module_id!r}, {exercise!r}) + " + routes
    return (FROM_THE_COURSE if course_too else "") + FROM_THE_KERNEL + TAKE.format(routes=routes)


def make_cheat(path: Path, module_id: str, *, course_too: bool) -> None:
    """Every answer cell of the submission at ``path`` replaced by the cheat."""
    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if gid.endswith("_answer") and cell.cell_type == "code":
            cell.source = cheat(module_id, gid[: -len("_answer")], course_too=course_too)
    nbformat.write(nb, str(path))


def write_cheats(course: Path, module_id: str) -> dict[str, str]:
    """learner001 takes from everywhere, learner002 only from its kernel, learner003 hands in a blank."""
    subs = submissions.generate(course, module_id, n=3, out=course / "submitted", seed=1, hostile=False)
    (course / "submitted" / "manifest.json").unlink()
    kinds = {s.student: s.kind for s in subs}
    assert kinds["learner003"] == "blank"
    for student, course_too in (("learner001", True), ("learner002", False)):
        make_cheat(course / "submitted" / student / module_id / f"{module_id}.ipynb", module_id, course_too=course_too)
    return {"everywhere": "learner001", "kernel": "learner002", "blank": "learner003"}


def ours(course: Path, module_id: str, student: str) -> float:
    marker = json.loads((course / "autograded" / student / module_id / ".academy-grade.json").read_text())
    return sum(v for k, v in marker["notebooks"][0]["cells"].items() if k.endswith("_tests"))


def stock(course: Path, module_id: str, student: str) -> float:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return sum(g.score for nb in gb.find_submission(module_id, student).notebooks for g in nb.grades
                   if g.name.endswith("_tests"))


def grade_from_inside(course: Path, module_id: str) -> subprocess.CompletedProcess:
    """``python -m academy grade`` run in the course folder, as the formgrader's button and nbgrader users run it
    (``-m`` puts that folder on the grader's own path)."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("ACADEMY_LEARNER", None)
    return subprocess.run([sys.executable, "-m", "academy", "grade", module_id], cwd=course, capture_output=True,
                          text=True, timeout=600, stdin=subprocess.DEVNULL, env=env)


#: m05's course sits under pytest's private folder in /tmp and is graded from inside it.
@pytest.mark.parametrize("module_id,where", [("m02", "named"), ("m05", "inside")])
def test_answers_taken_from_the_surroundings_score_as_a_blank(tmp_path, module_id, where):
    base = tmp_path / "base" / "accelerator"
    shutil.copytree(REPO / "courses" / "accelerator", base, ignore=shutil.ignore_patterns(".academy_grader_secret"))
    who = write_cheats(base, module_id)
    mine, theirs = tmp_path / "ours" / "accelerator", tmp_path / "stock" / "accelerator"
    shutil.copytree(base, mine)
    shutil.copytree(base, theirs)

    result = academy_grade(mine, assignment=module_id, timeout=600) if where == "named" else \
        grade_from_inside(mine, module_id)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    run_nbgrader(theirs, "generate_assignment", module_id, "--force")
    run_nbgrader(theirs, "autograde", module_id, "--create", "--force")

    total = stock(theirs, module_id, who["everywhere"])
    assert total > 0, "the cheat should work where the course can be read, or this test shows nothing"
    assert ours(mine, module_id, who["everywhere"]) == ours(mine, module_id, who["blank"]) == 0
    assert ours(mine, module_id, who["kernel"]) == 0
    assert stock(theirs, module_id, who["kernel"]) == stock(theirs, module_id, who["blank"]) == 0
