"""A grading kernel behaves, for learner code, exactly as the kernel JupyterLab starts (issue 21).

Every submission here runs twice: in a kernel started normally (``python -m
ipykernel_launcher`` from the python3 kernelspec, through jupyter_client and
nbclient, as JupyterLab and stock nbgrader start one) and in the grader's
forked, jailed kernel. Cell by cell, their outputs, what the hidden tests
record and the marks must be the same; and ``academy grade`` and stock
``nbgrader autograde`` must give each submission the same marks.

Known and accepted differences, not compared: the environment (the grader
gives a kernel only what it needs, never the grader's secrets; no
``JPY_PARENT_PID``, so no ipykernel thread watches the parent: the jail's
parent-death signal does that job), the string
hash seed (one per batch, as every fork shares its parent's), which
modules ``sys.modules`` already holds before the notebook imports them, and
Arrow's allocator (the system's, not mimalloc, whose 1 GiB reservation would
count against the kernel's address-space cap; no result depends on it).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from conftest import run_nbgrader
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbgrader.utils import determine_grade
from test_grade import SECRET, academy_grade

from academy.checks import registry
from academy.curriculum import load
from academy.exercises.capture import CAPTURE_ENV
from academy.grading import notebooks, recheck, validate
from academy.grading.forker import ForkerProcess
from academy.testing.submissions import _answer_cells, _solution_code

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "courses" / "accelerator" / "source"
#: The curriculum's modules (the club challenges are built the same way and small; `academy validate` runs each
#: of them as the grader does, and test_grade grades one).
MODULES = [m.id for m in load(SOURCE.parent).modules]

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the full sandbox needs root (CI runs as root)")

Q4_LABELS = "xlabel='IMD decile (1 = most deprived)', ylabel='Number of LSOAs', title='Areas by deprivation decile'"
#: Right answers to m04 written as learners write them, each after an earlier chart (the question 2 answer).
M04_RIGHT = {
    # Issue 21's learner: pandas' own plotting, no ax=, after `fig, ax = plt.subplots()` in question 2.
    "pandas_bar_after_subplots": {"q4_answer": f"answer_q4 = answer_q3.plot.bar({Q4_LABELS})"},
    "plt_gca": {"q4_answer": ("plt.bar(answer_q3.index, answer_q3.values)\n"
                              "plt.xlabel('IMD decile (1 = most deprived)')\n"
                              "plt.ylabel('Number of LSOAs')\nplt.title('Areas by deprivation decile')\n"
                              "answer_q4 = plt.gca()")},
    "plt_show": {"q4_answer": f"ax = answer_q3.plot(kind='bar', {Q4_LABELS})\nplt.show()\nanswer_q4 = ax"},
    # Question 2 drawn with pyplot's state and left open; question 4 drawn the same way in the next cell.
    "chart_left_open": {
        "q2_answer": ("plt.figure(figsize=(7, 4))\nanswer_q1.sort_values().plot.barh(\n"
                      "    title='Residents living in the most deprived 10% of areas', xlabel='Council')\n"
                      "plt.xlabel('% of residents')\nanswer_q2 = plt.gca()"),
        "q4_answer": f"answer_q3.plot.bar({Q4_LABELS})\nanswer_q4 = plt.gca()"},
    # Unseeded randomness that a right answer does not depend on: shuffled rows, shuffled order.
    "unseeded_random": {
        "q1_answer": ("import random\norder = list(range(len(lsoas)))\nrandom.shuffle(order)\n"
                      "shuffled = lsoas.iloc[order]\n"
                      "deprived = shuffled['population'].where(shuffled['imd_decile'] == 1, 0)"
                      ".groupby(shuffled['council_code']).sum()\n"
                      "answer_q1 = deprived / shuffled.groupby('council_code')['population'].sum() * 100\n"
                      "answer_q1.index = answer_q1.index.map(councils.set_index('council_code')['council_name'])\n"
                      "answer_q1 = answer_q1.sort_values(ascending=False)"),
        "q3_answer": "answer_q3 = lsoas.sample(frac=1)['imd_decile'].value_counts().sort_index()",
        "q4_answer": ("import numpy as np\nanswer_q3.iloc[np.random.permutation(len(answer_q3))].sort_index()"
                      ".plot.bar(" + Q4_LABELS + ")\nanswer_q4 = plt.gca()")},
}


def submissions_of(module: str) -> dict[str, tuple[dict[str, str], bool]]:
    """kind -> (answer cell id -> code, right?): the published solution, alternatives, the typical mistakes."""
    source = validate.read_notebook(SOURCE / module / f"{module}.ipynb")
    solutions = {gid: _solution_code(c) for gid, c in _answer_cells(source).items()}
    mistakes = registry.module(module).typical_mistakes
    found = {"published": (solutions, True)}
    if mistakes:
        found["typical_mistakes"] = ({**solutions, **mistakes}, False)
    if module == "m04":
        found.update({kind: ({**solutions, **changed}, True) for kind, changed in M04_RIGHT.items()})
    return found


def with_answers(nb: nbformat.NotebookNode, answers: dict[str, str]) -> nbformat.NotebookNode:
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    for gid, cell in _answer_cells(nb).items():
        if gid in answers:
            cell.source = answers[gid]
    return nb


# ------------------------------------------------------------ running one notebook in each kind of kernel
def _output(out: nbformat.NotebookNode) -> list:
    if out.output_type == "stream":
        return ["stream", out.name, re.sub(r"ipykernel_\d+/\d+", "ipykernel_N/N", out.text)]
    if out.output_type == "error":
        return ["error", out.ename, out.evalue]
    data = out.get("data", {})
    png = data.get("image/png")
    return [out.output_type, data.get("text/plain"), hashlib.sha256(png.encode()).hexdigest() if png else None]


def _coalesced(outputs: list) -> list:
    """Consecutive prints to one stream as one text: how a kernel splits them into messages is timing, not
    behaviour (two prints may arrive as one message or two)."""
    merged: list = []
    for out in outputs:
        if out[0] == "stream" and merged and merged[-1][0] == "stream" and merged[-1][1] == out[1]:
            merged[-1] = ["stream", out[1], merged[-1][2] + out[2]]
        else:
            merged.append(out)
    return merged


def _record(root: Path, key: str) -> dict:
    import pandas as pd

    folder = root / key
    if not folder.is_dir():
        return {}
    found = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".parquet":
            frame = pd.read_parquet(path)
            found[path.name] = [[str(t) for t in frame.dtypes], frame.to_csv()]
        else:
            found[path.name] = path.read_text()
    return found


def normal_environment() -> dict[str, str]:
    """The grader's environment, as stock nbgrader hands it on; without pytest's marker, which ipykernel reads."""
    skip = ("ACADEMY_LEARNER", "JUPYTERHUB_USER", "PYTEST_CURRENT_TEST")
    return {k: v for k, v in os.environ.items() if k not in skip}


def run(nb: nbformat.NotebookNode, student: str, workdir: Path, forker: ForkerProcess | None) -> dict:
    """Execute the graded notebook (hidden tests in); what each cell showed, recorded and scored."""
    nb = with_answers(nb, {})
    capture_root = workdir / ".academy"
    capture_root.mkdir(parents=True)
    judge = recheck.judge_for(SOURCE.parent)
    claims = {i: [recheck.claim(judge, key) for key in notebooks.declared_exercises(c)]
              for i, c in enumerate(nb.cells) if validate.is_test_cell(c)}
    references = recheck.prepare(judge, [c for cs in claims.values() for c in cs], student, SECRET, capture_root)
    env = {"ACADEMY_LEARNER": student, "NBGRADER_EXECUTION": "autograde", CAPTURE_ENV: str(capture_root)}
    if forker is None:
        km = AsyncKernelManager(kernel_name="python3")
        env = {**normal_environment(), **env}
    else:
        env = {"PATH": os.environ["PATH"], "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1", **env}
        km = forker.manager(workdir, {"hidden": [str(SOURCE)], "shared": [], "limits": {}, "env": env})
    client = NotebookClient(nb, km=km, timeout=120, allow_errors=True, resources={"metadata": {"path": str(workdir)}})
    client.execute(env=env) if forker is None else client.execute()
    cells = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        entry = {"cell": index, "outputs": _coalesced([_output(o) for o in cell.outputs])}
        if index in claims:
            entry["records"] = {c.key: _record(capture_root, c.key) for c in claims[index]}
            problems = [recheck.recheck(judge, c, student, capture_root, references) for c in claims[index]]
            score, max_score = determine_grade(cell)
            entry["problems"] = problems
            entry["score"] = 0.0 if any(problems) else float(score or 0.0)
            entry["max_score"] = float(max_score or 0.0)
        cells.append(entry)
    return {"cells": cells}


@pytest.fixture(scope="module")
def forker():
    with ForkerProcess() as running:
        yield running


@pytest.fixture(scope="module")
def lean_forker():
    """A forker for a module that imports neither SciPy nor scikit-learn: it preloads neither."""
    with ForkerProcess(optional=()) as running:
        yield running


@pytest.fixture
def workroom():
    """A short path: the kernels' sockets live in it, and a Unix socket's path has at most 107 bytes."""
    room = Path(tempfile.mkdtemp(prefix="parity-"))
    os.chmod(room, 0o755)
    yield room
    shutil.rmtree(room, ignore_errors=True)


@pytest.mark.parametrize("module", MODULES)
def test_each_submission_runs_the_same_in_the_grading_kernel_as_in_a_normal_one(module, forker, workroom):
    source = validate.read_notebook(SOURCE / module / f"{module}.ipynb")
    for number, (kind, (answers, right)) in enumerate(submissions_of(module).items()):
        nb = with_answers(source, answers)
        student = f"parity_{kind}"
        with ThreadPoolExecutor(2) as pool:  # the two kernels side by side: one per core
            normal_run = pool.submit(run, nb, student, workroom / f"{number}n", None)
            forked = run(nb, student, workroom / f"{number}f", forker)
            normal = normal_run.result()
        for ours, theirs in zip(forked["cells"], normal["cells"], strict=True):
            assert ours == theirs, (module, kind, nb.cells[ours["cell"]].source[:300])
        if right:  # a right answer: full marks in the learner's own kernel, hence in ours
            tests = [c for c in normal["cells"] if "score" in c]
            assert tests and all(c["score"] == c["max_score"] for c in tests), (module, kind, tests)


# ------------------------------------------------------------ the kernels' own state
PROBE = [
    # Before anything is imported: what the kernel itself set up.
    "import json, locale, os, random, signal, sys, threading, warnings\n"
    "ip = get_ipython()\n"
    "def hooks():\n"
    "    return {e: sorted(f'{getattr(c, \"__module__\", \"\")}.{getattr(c, \"__qualname__\", repr(c))}'\n"
    "                      for c in cs) for e, cs in ip.events.callbacks.items()}\n"
    "state = {'cwd': os.getcwd() == os.path.realpath(os.environ['PARITY_DIR']), 'path': sys.path,\n"
    "         'argv': [sys.argv[0], sys.argv[1], *sys.argv[3:]], 'name': __name__, 'hooks': hooks(),\n"
    "         'namespace': sorted(k for k in ip.user_ns if not k.startswith('_i')),\n"
    "         'displayhook': type(sys.displayhook).__name__, 'formatters': sorted(\n"
    "             k for k, f in ip.display_formatter.formatters.items() if f.enabled),\n"
    "         'count': ip.execution_count, 'history': len(list(ip.history_manager.get_range())),\n"
    "         'mplbackend': os.environ.get('MPLBACKEND'),\n"
    "         'threads_env': [v for v in ('OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS')\n"
    "                         if v in os.environ], 'random': random.random(),\n"
    "         'threads': sorted(t.name.partition(' ')[2] or t.name for t in threading.enumerate()\n"
    "                           if type(t).__name__ != 'ParentPollerUnix'),\n"
    "         'signals': [repr(signal.getsignal(s)) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD,\n"
    "                                                         signal.SIGPIPE, signal.SIGHUP)],\n"
    "         'encodings': [sys.stdout.encoding, sys.getfilesystemencoding(), locale.getpreferredencoding(False)],\n"
    "         'excepthook': type(sys.excepthook).__name__, 'main': type(sys.modules['__main__']).__name__}\n",
    # What the notebooks import, then the libraries' state.
    "import numpy as np, pandas as pd, matplotlib, matplotlib.pyplot as plt, scipy.stats, sklearn\n"
    "from academy.exercises import module\n"
    "state['np_random'] = float(np.random.random())\n"
    "state['filters'] = [repr(f) for f in warnings.filters]\n"
    "with warnings.catch_warnings():\n"
    "    warnings.simplefilter('ignore')\n"
    "    state['pandas'] = {k: repr(pd.get_option(k)) for k in pd._config.config._registered_options}\n"
    "    state['pandas_defaults'] = {k: repr(pd._config.config.get_default_val(k))\n"
    "                                for k in pd._config.config._registered_options}\n"
    "state['rc'] = {k: repr(v) for k, v in matplotlib.rcParams.items() if k != 'backend'}\n"
    "state['interactive_before'] = matplotlib.is_interactive()\n"
    "fig, ax = plt.subplots()\nax.plot([1, 2])\n",
    # After a cell that drew: the figure was shown and closed, hooks and formatters registered.
    "state['figures_left'] = plt.get_fignums()\n"
    "state['backend'] = matplotlib.get_backend()\nstate['interactive'] = matplotlib.is_interactive()\n"
    "state['hooks_after'] = hooks()\n"
    "state['png'] = sorted(str(t) for t in ip.display_formatter.formatters['image/png'].type_printers)\n"
    "1 + 1",
    "state['underscore'] = [_, type(__).__name__, sorted(Out), len(In), ip.execution_count]\n"
    "print('STATE' + json.dumps(state, default=repr))",
]


def probe(workdir: Path, forker: ForkerProcess | None) -> dict:
    workdir.mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in PROBE])
    env = {"PARITY_DIR": str(workdir)}
    if forker is None:
        km = AsyncKernelManager(kernel_name="python3")
        env = {**normal_environment(), **env}
    else:
        env = {"PATH": os.environ["PATH"], "LANG": "C.UTF-8", **env}
        km = forker.manager(workdir, {"hidden": [], "shared": [], "limits": {}, "env": env})
    client = NotebookClient(nb, km=km, timeout=120, resources={"metadata": {"path": str(workdir)}})
    client.execute(env=env) if forker is None else client.execute()
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    state = json.loads(text.split("STATE", 1)[1])
    state["shown"] = [o.get("output_type") for o in nb.cells[1].outputs]
    return state


@pytest.mark.parametrize("preloaded", ["every library", "none optional"])
def test_a_grading_kernel_starts_in_the_state_a_normal_kernel_starts_in(preloaded, forker, lean_forker, workroom):
    """The probe imports SciPy and scikit-learn: a learner may, whether their module's forker preloaded them."""
    warm = forker if preloaded == "every library" else lean_forker
    normal = probe(workroom / "normal", None)
    first, second = probe(workroom / "forked1", warm), probe(workroom / "forked2", warm)
    for key in ("random", "np_random"):  # unseeded: different in every kernel, as in fresh processes
        assert len({normal[key], first[key], second[key]}) == 3, key
    assert normal["figures_left"] == [] and "display_data" in normal["shown"]  # the probe itself works
    for forked in (first, second):
        for key in sorted(set(normal) | set(forked)):
            if key not in ("random", "np_random"):
                assert forked.get(key) == normal.get(key), key


# ------------------------------------------------------------ academy grade against stock nbgrader
def test_academy_grade_and_stock_nbgrader_give_every_such_submission_the_same_marks(tmp_path):
    from nbgrader.api import Gradebook

    base = tmp_path / "base" / "accelerator"
    shutil.copytree(REPO / "courses" / "accelerator", base)
    students: dict[str, list[str]] = {}
    for module in MODULES:
        release = validate.release_version(validate.read_notebook(SOURCE / module / f"{module}.ipynb"))
        for kind, (answers, _) in submissions_of(module).items():
            folder = base / "submitted" / kind / module
            folder.mkdir(parents=True)
            nbformat.write(with_answers(release, answers), str(folder / f"{module}.ipynb"))
            students.setdefault(module, []).append(kind)
    ours, stock = tmp_path / "ours", tmp_path / "stock"
    shutil.copytree(base, ours)
    shutil.copytree(base, stock)

    def stock_autograde() -> None:  # nbgrader takes a glob of assignments: one run for them all
        run_nbgrader(stock, "generate_assignment", "*", "--force")
        run_nbgrader(stock, "autograde", "*", "--create", "--force")

    kept = os.environ.get("ACADEMY_GRADER_SECRET")
    os.environ["ACADEMY_GRADER_SECRET"] = SECRET
    try:
        with ThreadPoolExecutor(1) as pool:  # stock nbgrader on one core while ours grades beside it
            stock_run = pool.submit(stock_autograde)
            for module in MODULES:
                result = academy_grade(ours, "--no-feedback", "--workers", "2", assignment=module)
                assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
            stock_run.result()
    finally:
        if kept is None:
            os.environ.pop("ACADEMY_GRADER_SECRET")
        else:
            os.environ["ACADEMY_GRADER_SECRET"] = kept

    def marks(course: Path) -> dict:
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "accelerator") as gb:
            return {(module, kind): {g.name: g.score for nb in gb.find_submission(module, kind).notebooks
                                     for g in nb.grades}
                    for module, kinds in students.items() for kind in kinds}

    stock_marks, our_marks = marks(stock), marks(ours)
    assert len(stock_marks) == sum(map(len, students.values())) >= len(MODULES) * 2 - 1 + len(M04_RIGHT)
    for (module, kind), got in our_marks.items():
        marker = ours / "autograded" / kind / module / ".academy-grade.json"
        notes = json.loads(marker.read_text())["notebooks"][0]["notes"] if marker.exists() else "no marker"
        assert got == stock_marks[(module, kind)], (module, kind, notes)
    for kind in ("published", *M04_RIGHT):  # right answers earn every automatic mark from both
        got = our_marks[("m04", kind)]
        assert got and all(v > 0 for k, v in got.items() if k.endswith("_tests")), (kind, got)
