"""The progress service's web side: every route declares who may call it, and the service stays light."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

from academy.curriculum import load
from academy.progress.store import ProgressStore
from academy.progress.web.access import Progress
from academy.progress.web.app import make_app
from academy.services.access import access_of, undeclared

SRC = Path(__file__).resolve().parents[2] / "src" / "academy"
COURSE = SRC.parents[1] / "courses" / "accelerator"


def test_every_handler_of_the_service_declares_who_may_call_it(tmp_path):
    store = ProgressStore(f"sqlite:///{tmp_path / 'progress.db'}", load(COURSE))
    app = make_app(Progress(store, tmp_path / "gradebook.db", "http://127.0.0.1:1/hub/api", "token"),
                   "/services/progress/")
    assert undeclared(app) == []
    handlers = {r.target.__name__: r.target for r in app.wildcard_router.rules}
    # The pages that show a cohort, a club or a session check for that one; a learner's own pages need a login.
    assert access_of(handlers["CohortView"].get).params == ("cohort",)
    assert access_of(handlers["CohortExport"].get).params == ("cohort",)
    assert access_of(handlers["CohortExercises"].get).params == ("cohort",)
    assert access_of(handlers["ClubView"].post).params == ("club",)
    assert access_of(handlers["ChallengeSheet"].get).params == ("club",)  # organisers' eyes only
    assert access_of(handlers["SessionEnd"].post).params == ("sid",)
    assert access_of(handlers["MeApi"].get).kind == "signed in"
    assert access_of(handlers["Health"].get).kind == "public"
    # No route takes a notebook's word for an attempt: attempts come from the checks service's own verdicts.
    assert "Attempts" not in handlers
    store.engine.dispose()


def test_every_handler_of_the_checks_service_declares_who_may_call_it(tmp_path):
    from academy.checks.judge import Judge
    from academy.checks.web import make_app as checks_app
    from academy.course import find

    store = ProgressStore(f"sqlite:///{tmp_path / 'progress.db'}", load(COURSE))
    app = checks_app(Judge(find()), store, "/services/checks/")
    assert undeclared(app) == []
    handlers = {r.target.__name__: r.target for r in app.wildcard_router.rules}
    assert {access_of(handlers[h].post if h in ("CheckAnswer", "Hint") else handlers[h].get).kind
            for h in ("ModuleData", "CheckAnswer", "Hint", "Solution")} == {"signed in"}
    store.engine.dispose()


def imported_by(module: str) -> list[str]:
    code = (f"import json, sys, {module}; print(json.dumps(sorted(m for m in sys.modules "
            "if m.split('.')[0] == 'pandas' or m.startswith(('academy.datasets', 'academy.exercises')))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    return json.loads(out.stdout)


def test_the_service_loads_neither_pandas_nor_the_checks_nor_the_data_generators():
    assert imported_by("academy.progress.web.app") == []
    assert imported_by("academy.progress.service") == []


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, module) for each import in a source file, relative imports resolved."""
    package = list(path.relative_to(SRC.parent).with_suffix("").parts[:-1])
    out = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join([*package[:len(package) - node.level + 1], *([node.module] if node.module else [])]) \
                if node.level else node.module
            out += [(node.lineno, base), *((node.lineno, f"{base}.{a.name}") for a in node.names)]
    return out


def test_nothing_in_progress_or_the_services_imports_the_checks_or_the_generators():
    """The catalogue of exercises comes from the curriculum manifest (``Curriculum.catalogue``)."""
    found = [f"{path.relative_to(SRC)}:{line} imports {name}"
             for path in sorted([*(SRC / "progress").rglob("*.py"), *(SRC / "services").rglob("*.py")])
             for line, name in imports_of(path)
             if name.startswith(("academy.exercises", "academy.datasets"))]
    assert found == []


def test_the_service_the_hub_starts_by_its_old_name_says_what_it_misses():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTERHUB_", "ACADEMY_"))}
    run = subprocess.run([sys.executable, "-m", "academy.progress.service"], capture_output=True, text=True, env=env,
                         timeout=120)
    assert run.returncode == 1 and "JUPYTERHUB_API_URL and JUPYTERHUB_API_TOKEN not set" in run.stderr
