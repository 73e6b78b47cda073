"""The package's rooms say which side they run on, and imports only run down the floors.

Read from the source (every ``import``, lazy ones inside functions included), so a
shortcut taken anywhere fails here with the line that took it.

- the learner's kernel (``notebook``, ``exercises``) never imports the grader, a service, the hub or the CLI;
- the package holds no module's checks, solutions or answers: those are in the course folder;
- the hub's services (``services``, ``progress``) never import the dataset generators or the checks;
- nothing but tests and benchmarks imports the test tooling (``academy.testing``).
"""

from __future__ import annotations

import ast
from pathlib import Path

from academy.curriculum import load

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "academy"

FOUNDATION = {"errors", "settings"}
#: room -> the other rooms it may import.
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "settings": {"errors"},
    "curriculum": {"errors"},
    "course": FOUNDATION | {"curriculum"},
    # A club challenge's organiser's sheet, read from the course folder (shown by the progress service).
    "organiser_sheet": FOUNDATION | {"curriculum"},
    # The rubrics hand-marked answers are marked by (validate, the formgrader, the progress service's projects).
    "rubrics": set(),
    # What a process does first as it starts (the command line, a learner's server): not for a learner's kernel.
    "iri_grammar": set(),
    "datasets": FOUNDATION,
    # The learner's kernel. ``notebook`` reaches ``checks`` and ``course`` only for an account that may read the
    # course folder (stock nbgrader run by an instructor): without that folder they know no answer.
    "exercises": FOUNDATION | {"datasets"},
    "notebook": FOUNDATION | {"datasets", "exercises", "course", "checks"},
    # The grader's side: judging from the course folder, grading, and the checks service behind the hub.
    "checks": FOUNDATION | {"course", "curriculum", "datasets", "exercises", "notebook", "services", "progress"},
    "grading": FOUNDATION | {"course", "curriculum", "organiser_sheet", "rubrics", "datasets", "exercises", "notebook",
                             "checks", "exchange"},
    # The hub and its services.
    "services": FOUNDATION,
    "progress": FOUNDATION | {"course", "curriculum", "organiser_sheet", "rubrics", "services"},
    # The exchange behind the hub (releases, submissions, feedback) and its nbgrader plug-in; the hub releases
    # into it at start, and ``academy grade`` asks it who is waiting to be collected.
    "exchange": FOUNDATION | {"services", "progress"},
    "hub": FOUNDATION | {"course", "curriculum", "services", "exchange", "iri_grammar"},
    # The command line may use every room but the test tooling.
    "cli": FOUNDATION | {"course", "curriculum", "organiser_sheet", "datasets", "exercises", "notebook", "checks",
                         "grading", "services", "progress", "hub", "exchange", "iri_grammar"},
    "__main__": {"cli"},
}


#: Old import paths kept for notebooks already released: (file, room it may reach up to, why).
COMPAT = {
    ("academy/exercises/__init__.py", "notebook"): "released notebooks say `from academy.exercises import module`",
    ("academy/exercises/grading.py", "notebook"): "released notebooks' test cells import academy.exercises.grading",
}


def room_of(path: Path, package: Path = PACKAGE) -> str:
    return path.relative_to(package).parts[0].removesuffix(".py")


def imports(path: Path, package_root: Path = PACKAGE) -> list[tuple[int, str]]:
    """(line, academy.room...) for every import in ``path``, relative ones resolved."""
    parts = list(path.relative_to(package_root.parent).with_suffix("").parts)
    package = parts if path.name == "__init__.py" else parts[:-1]
    if package[-1] == "__init__":
        package = package[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            found += [(node.lineno, target)] + [(node.lineno, f"{target}.{a.name}") for a in node.names]
    return [(line, name) for line, name in found if name.startswith("academy.")]


def crossings(package: Path = PACKAGE) -> list[tuple[str, str, str]]:
    """(file:line, from room, to room) for every import between two rooms of ``package``."""
    out = set()
    for path in sorted(package.rglob("*.py")):
        here = room_of(path, package)
        for line, name in imports(path, package):
            there = name.split(".")[1]
            if there != here and ((package / there).is_dir() or (package / f"{there}.py").is_file()):
                out.add((f"{path.relative_to(package.parent)}:{line}", here, there))
    return sorted(out)


def test_every_room_is_placed_on_a_floor():
    rooms = {room_of(p) for p in PACKAGE.rglob("*.py")} - {"__init__", "testing"}
    assert rooms <= set(ALLOWED), f"rooms with no place in the layout: {sorted(rooms - set(ALLOWED))}"


def test_imports_run_only_down_the_floors():
    wrong = [f"{where}: {here} imports {there}" for where, here, there in crossings()
             if here in ALLOWED and there not in ALLOWED[here] and there != "testing"
             and (where.rsplit(":", 1)[0], there) not in COMPAT]
    assert not wrong, "imports against the layout:\n" + "\n".join(wrong)


def test_nothing_at_run_time_imports_the_test_tooling():
    wrong = [f"{where}: {here} imports academy.testing" for where, here, there in crossings()
             if there == "testing" and here != "testing"]
    assert not wrong, "\n".join(wrong)


def test_the_checker_sees_a_lazy_upward_import_with_its_line(tmp_path):
    package = tmp_path / "academy"
    for room in ("exercises", "grading"):
        (package / room).mkdir(parents=True)
        (package / room / "__init__.py").write_text("")
    (package / "exercises" / "probe.py").write_text("import os\n\ndef f():\n    from ..grading import batch\n")
    assert crossings(package) == [("academy/exercises/probe.py:4", "exercises", "grading")]


def test_the_package_defines_no_module_only_the_course_folder_does():
    """A spec in the installed package would put a module's checks where a learner's kernel can import them."""
    found = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
             if any(isinstance(n, ast.Call) and getattr(n.func, "id", getattr(n.func, "attr", "")) == "ModuleSpec"
                    for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))))]
    assert found == []
    course = PACKAGE.parents[1] / "courses" / "accelerator"
    listed = load(course)
    assert sorted(p.parent.name for p in (course / "modules").glob("*/checks.py")) == \
        sorted([m.id for m in listed.modules] + [c.id for c in listed.challenges])
