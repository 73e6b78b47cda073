"""``academy grade`` on real submissions, hostile ones included, as an instructor runs it.

Every hostile notebook here really does what its name says (loops forever,
forks without end, eats memory, opens a socket, reads the course source,
patches the checks, kills its kernel, prints 100 MB); the grader runs them
only inside its sandbox.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import pytest
from conftest import run_nbgrader

from academy.curriculum import load
from academy.grading.sandbox import DEFAULT_UID_BASE, UID_BASE_ENV
from academy.testing import submissions

REPO = Path(__file__).resolve().parents[2]
ACADEMY = Path(sys.executable).parent / "academy"
SECRET = "test-grader-secret"

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the full sandbox needs root (CI runs as root)")


def academy_grade(course: Path, *args: str, timeout: int = 900, assignment: str = "m02",
                  tmpdir: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{ACADEMY.parent}{os.pathsep}{os.environ['PATH']}", "ACADEMY_GRADER_SECRET": SECRET}
    env.pop("ACADEMY_LEARNER", None)
    if tmpdir is not None:
        env["TMPDIR"] = str(tmpdir)
    return subprocess.run([str(ACADEMY), "grade", assignment, "--course", str(course), *args], capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL, env=env)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Listener:
    """A loopback server that records anyone who reaches it (no learner code should)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits: list[bytes] = []
        self.stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.hits.append(conn.recv(100))
            conn.close()

    def close(self) -> None:
        self.stop = True
        self.thread.join()
        self.sock.close()


def sandbox_processes() -> list[int]:
    """Processes of this run's sandbox uids (graders sharing a machine each take their own base, 10,000 apart)."""
    base = int(os.environ.get(UID_BASE_ENV, DEFAULT_UID_BASE))
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if base <= os.stat(f"/proc/{entry}").st_uid < base + 10_000:
                    found.append(int(entry))
            except FileNotFoundError:
                pass
    return found


def add_data_reader(course: Path, correct: Path) -> None:
    """A learner who reads the shared data file and tries to change it."""
    nb = nbformat.read(str(correct), as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "q1_answer":
            cell.source = ("shared_text = open('lookup.csv').read()\n"
                           "try:\n    open('lookup.csv', 'a').write('tampered')\n    wrote = True\n"
                           "except OSError:\n    wrote = False\n"
                           "print('SHARED', shared_text.strip(), 'WROTE', wrote)\n" + cell.source)
    folder = course / "submitted" / "data_reader" / "m02"
    folder.mkdir(parents=True)
    nbformat.write(nb, str(folder / "m02.ipynb"))


@pytest.fixture(scope="module")
def hostile_batch(tmp_path_factory):
    course = tmp_path_factory.mktemp("hostile") / "accelerator"
    shutil.copytree(REPO / "courses" / "accelerator", course)
    (course / "source" / "m02" / "lookup.csv").write_text("ward,households\n")
    listener = Listener()
    subs = submissions.generate(course, "m02", n=17, out=course / "submitted", seed=11, port=listener.port)
    (course / "submitted" / "manifest.json").rename(course / "manifest.json")  # not a learner
    add_data_reader(course, course / "submitted" / next(s.student for s in subs if s.kind == "correct")
                    / "m02" / "m02.ipynb")
    before = {p: digest(p) for p in (course / "submitted").rglob("*") if p.is_file()}
    result = academy_grade(course, "--cell-timeout", "10", "--notebook-timeout", "120", "--memory", "2048")
    listener.close()
    yield course, subs, result, listener.hits, before


def cells_of(course: Path, student: str) -> dict[str, float]:
    marker = json.loads((course / "autograded" / student / "m02" / ".academy-grade.json").read_text())
    return marker["notebooks"][0]["cells"]


def test_every_submission_gets_the_score_its_kind_deserves(hostile_batch):
    course, subs, result, _, _ = hostile_batch
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    wrong = []
    for s in subs:
        got = {k: v for k, v in cells_of(course, s.student).items() if k.endswith("_tests")}
        if got != s.expected:
            wrong.append((s.kind, s.reason, got, s.expected))
    assert not wrong, wrong
    assert "18 learners" in result.stdout


def test_nothing_reaches_the_network_and_no_process_outlives_the_batch(hostile_batch):
    _, _, result, hits, _ = hostile_batch
    assert result.returncode == 0
    assert hits == []
    assert sandbox_processes() == []


def test_submitted_files_are_never_modified(hostile_batch):
    course, _, _, _, before = hostile_batch
    after = {p: digest(p) for p in (course / "submitted").rglob("*") if p.is_file()}
    assert after == before


def test_learner_code_cannot_read_the_course_source(hostile_batch):
    course, subs, _, _, _ = hostile_batch
    reader = next(s for s in subs if s.kind == "read_source")
    nb = nbformat.read(str(course / "autograded" / reader.student / "m02" / "m02.ipynb"), as_version=4)
    # The hostile read sits at the top of the second answer cell.
    answer = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "q2_answer")
    text = json.dumps(answer.get("outputs", []))
    assert "FileNotFoundError" in text or "PermissionError" in text
    assert "BEGIN HIDDEN TESTS" not in text and "verify(" not in text


def test_shared_data_is_readable_read_only_and_not_copied(hostile_batch):
    course, _, _, _, _ = hostile_batch
    nb = nbformat.read(str(course / "autograded" / "data_reader" / "m02" / "m02.ipynb"), as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert "SHARED ward,households WROTE False" in printed
    assert (course / "source" / "m02" / "lookup.csv").read_text() == "ward,households\n"
    assert sum(cells_of(course, "data_reader").values()) == 8
    assert not list((course / "autograded").rglob("lookup.csv"))


def test_each_learner_gets_a_plain_english_summary_that_reveals_no_hidden_test(hostile_batch):
    course, subs, _, _, _ = hostile_batch
    by_kind = {s.kind: s.student for s in subs}
    for s in subs:
        text = (course / "feedback" / s.student / "m02" / "summary.txt").read_text()
        assert "verify(" not in text and "HIDDEN" not in text
    crash = (course / "feedback" / by_kind["kernel_crash"] / "m02" / "summary.txt").read_text()
    assert "1 of 8 points" in crash and "kernel stopped" in crash
    broken = (course / "feedback" / by_kind["invalid_json"] / "m02" / "summary.txt").read_text()
    assert "could not be opened" in broken
    deleted = (course / "feedback" / by_kind["deleted_test_cell"] / "m02" / "summary.txt").read_text()
    assert "q1_tests" in deleted and "put back" in deleted
    # What the learner fetches is the HTML: the summary comes first in it, and no in-page link blanks the viewer.
    partly = course / "feedback" / by_kind["partly_wrong"] / "m02"
    page = (partly / "m02.html").read_text()
    first_wrong = next(ln for ln in (partly / "summary.txt").read_text().splitlines() if ln.startswith("✘"))
    assert html.escape(first_wrong) in page
    assert page.index(html.escape(first_wrong)) < page.index('id="notebook"'), "the summary comes before the cells"
    assert 'href="#' not in page


def test_the_gradebook_holds_one_submission_per_learner_with_the_same_scores(hostile_batch):
    course, subs, _, _, _ = hostile_batch
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "accelerator") as gb:
        assert len(gb.find_assignment("m02").submissions) == len(subs) + 1
        for s in subs:
            got = {g.name: g.score for nb in gb.find_submission("m02", s.student).notebooks for g in nb.grades}
            assert {k: v for k, v in got.items() if k.endswith("_tests")} == s.expected, s.kind


def test_scores_match_stock_nbgrader_on_honest_submissions(tmp_path):
    base = tmp_path / "base" / "accelerator"
    shutil.copytree(REPO / "courses" / "accelerator", base)
    subs = submissions.generate(base, "m02", n=8, out=base / "submitted", seed=5, hostile=False)
    (base / "submitted" / "manifest.json").unlink()
    ours, stock = tmp_path / "ours", tmp_path / "stock"
    shutil.copytree(base, ours)
    shutil.copytree(base, stock)
    kept = os.environ.get("ACADEMY_GRADER_SECRET")
    os.environ["ACADEMY_GRADER_SECRET"] = SECRET
    try:
        run_nbgrader(stock, "generate_assignment", "m02", "--force")
        run_nbgrader(stock, "autograde", "m02", "--create", "--force")
    finally:
        if kept is None:
            os.environ.pop("ACADEMY_GRADER_SECRET")
        else:
            os.environ["ACADEMY_GRADER_SECRET"] = kept
    result = academy_grade(ours, "--no-feedback")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    from nbgrader.api import Gradebook

    def scores(course: Path) -> dict[str, dict[str, float]]:
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "accelerator") as gb:
            return {s.student: {g.name: g.score for nb in gb.find_submission("m02", s.student).notebooks
                                for g in nb.grades} for s in subs}

    stock_scores, our_scores = scores(stock), scores(ours)
    compared = [s for s in subs if not s.stock_nbgrader_differs]
    assert len(compared) >= 6
    for s in compared:
        assert our_scores[s.student] == stock_scores[s.student], s.kind
    # Where stock nbgrader loses marks it should keep, ours keeps them.
    for s in subs:
        if s.stock_nbgrader_differs:
            assert sum(our_scores[s.student].values()) == s.expected_score, s.kind


def _leftovers(tmpdir: Path) -> list[str]:
    return sorted(p.name for p in tmpdir.iterdir() if p.name.startswith(("academy-grade-", "academy-forker-")))


@pytest.fixture
def graders_tmp():
    """The graders' own temporary folder, to see what a killed one leaves there (open to the kernels' users, like
    the machine's /tmp)."""
    folder = Path(tempfile.mkdtemp(prefix="killed-batch-"))
    folder.chmod(0o711)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_a_killed_batch_resumes_without_grading_anyone_twice(tmp_path, graders_tmp):
    course = tmp_path / "accelerator"
    shutil.copytree(REPO / "courses" / "accelerator", course)
    subs = submissions.generate(course, "m02", n=6, out=course / "submitted", seed=8, hostile=False)
    (course / "submitted" / "manifest.json").unlink()
    env = {**os.environ, "PATH": f"{ACADEMY.parent}{os.pathsep}{os.environ['PATH']}", "ACADEMY_GRADER_SECRET": SECRET,
           "TMPDIR": str(graders_tmp)}
    first = subprocess.Popen([str(ACADEMY), "grade", "m02", "--course", str(course), "--workers", "1", "--no-feedback"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                             env=env, start_new_session=True)
    deadline = time.time() + 300
    markers = lambda: list((course / "autograded").glob("*/m02/.academy-grade.json"))  # noqa: E731
    while not markers() and time.time() < deadline and first.poll() is None:
        time.sleep(0.2)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    done_before = len(markers())
    assert 1 <= done_before < len(subs)
    left = _leftovers(graders_tmp)
    assert any(name.startswith("academy-grade-") for name in left), left

    second = academy_grade(course, "--workers", "2", "--no-feedback", tmpdir=graders_tmp)
    assert second.returncode == 0, second.stdout[-2000:] + second.stderr[-2000:]
    assert second.stdout.count("already graded") == done_before
    assert _leftovers(graders_tmp) == [], "the next grader should sweep away what the killed one left"
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "accelerator") as gb:
        assert len(gb.find_assignment("m02").submissions) == len(subs)
        for s in subs:
            got = {g.name: g.score for nb in gb.find_submission("m02", s.student).notebooks for g in nb.grades}
            assert {k: v for k, v in got.items() if k.endswith("_tests")} == s.expected, s.kind
    assert sandbox_processes() == []


def sandbox_uids() -> set[int]:
    found = set()
    for pid in sandbox_processes():
        try:
            found.add(os.stat(f"/proc/{pid}").st_uid)
        except FileNotFoundError:
            pass
    return found


def test_a_kernel_is_gone_once_its_notebook_is_graded_and_each_notebooks_time_is_logged(tmp_path):
    """A cohort must not hold a kernel per learner until the end (40 learners once held 4 GB at the peak)."""
    course = tmp_path / "accelerator"
    shutil.copytree(REPO / "courses" / "accelerator", course)
    subs = submissions.generate(course, "m02", n=5, out=course / "submitted", seed=9, hostile=False)
    (course / "submitted" / "manifest.json").unlink()
    env = {**os.environ, "PATH": f"{ACADEMY.parent}{os.pathsep}{os.environ['PATH']}", "ACADEMY_GRADER_SECRET": SECRET}
    batch = subprocess.Popen([str(ACADEMY), "grade", "m02", "--course", str(course), "--workers", "1",
                              "--no-feedback"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             stdin=subprocess.DEVNULL, env=env)
    most_at_once = 0
    while batch.poll() is None:
        most_at_once = max(most_at_once, len(sandbox_uids()))
        time.sleep(0.05)
    out, err = batch.communicate()
    assert batch.returncode == 0, out[-2000:] + err[-2000:]
    # One worker: one kernel at a time (two while one is being killed as the next starts).
    assert 1 <= most_at_once <= 2, most_at_once

    log = course / "autograded" / ".academy-grading" / "m02.jsonl"
    assert str(log) in out.replace("\n", "")
    rows = [json.loads(line) for line in log.read_text().splitlines()]
    assert sorted(r["learner"] for r in rows) == sorted(s.student for s in subs)
    for row in rows:
        assert row["phases"]["execute"] > 0 and row["phases"]["kernel start"] > 0, row
        assert row["seconds"] == pytest.approx(sum(row["phases"].values()), abs=0.01)


@pytest.mark.parametrize("args, message", [
    (["m99"], "no assignment 'm99'"),
    (["m02", "--workers", "0"], "--workers"),
    (["m02", "--course", "/no/such/course"], "is not a folder"),
])
def test_bad_commands_end_in_one_clear_line(tmp_path, args, message):
    course = tmp_path / "accelerator"
    shutil.copytree(REPO / "courses" / "accelerator", course)
    cmd = [str(ACADEMY), "grade", *args]
    if "--course" not in args:
        cmd += ["--course", str(course)]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr


def test_submissions_left_in_the_exchange_are_named_with_how_to_collect_them(tmp_path):
    """A learner pressed Submit, nobody pressed Collect: the instructor is told, not just "no submissions"."""
    course = tmp_path / "accelerator"
    shutil.copytree(REPO / "courses" / "accelerator", course, ignore=shutil.ignore_patterns("submitted", "autograded"))
    exchange = tmp_path / "exchange"
    inbound = exchange / "accelerator" / "inbound"
    for name in ("hannah+m02+2026-12-03 10:00:00.000000 UTC+abc123", "ravi+m02+2026-12-03 10:05:00.000000 UTC+d4e5",
                 "ravi+m01+2026-12-01 09:00:00.000000 UTC+f6"):
        (inbound / name).mkdir(parents=True)
    with (course / "nbgrader_config.py").open("a") as f:
        f.write(f"\nc.Exchange.root = {str(exchange)!r}\n")
    result = subprocess.run([str(ACADEMY), "grade", "m02", "--course", str(course)], capture_output=True, text=True,
                            timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    said = " ".join(result.stderr.split())
    assert "2 learners' submissions wait in the exchange" in said and "nbgrader collect m02" in said


def _plain_nbgrader_course(root: Path) -> Path:
    """Another project's assignment: plain nbgrader, no academy checks, a manually graded answer."""
    course = root / "other"
    (course / "source" / "ps1").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text("c = get_config()\nc.CourseDirectory.course_id = 'other'\n")

    def cell(kind: str, source: str, grade_id: str, **meta) -> nbformat.NotebookNode:
        make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        node = make(source)
        node.metadata["nbgrader"] = {"grade_id": grade_id, "schema_version": 3, "locked": False,
                                     "solution": False, "grade": False, "task": False, **meta}
        return node

    nb = nbformat.v4.new_notebook(cells=[
        cell("code", "def squares(n):\n    ### BEGIN SOLUTION\n    return [i * i for i in range(n)]\n"
             "    ### END SOLUTION",
             "squares", solution=True),
        cell("code", "assert squares(3) == [0, 1, 4]\n### BEGIN HIDDEN TESTS\nassert squares(5)[-1] == 16\n"
             "### END HIDDEN TESTS", "test_squares", grade=True, locked=True, points=3),
        cell("markdown", "Explain your approach in a sentence.", "explain_prompt", locked=True),
        cell("markdown", "YOUR ANSWER HERE", "explain", grade=True, solution=True, points=2),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nbformat.write(nb, str(course / "source" / "ps1" / "ps1.ipynb"))
    return course


def test_another_projects_plain_nbgrader_notebooks_grade_as_stock_does(tmp_path):
    base = _plain_nbgrader_course(tmp_path)
    run_nbgrader(base, "generate_assignment", "ps1", "--force")
    released = nbformat.read(str(base / "release" / "ps1" / "ps1.ipynb"), as_version=4)
    answers = {"right": "def squares(n):\n    return [i * i for i in range(n)]",
               "visible_only": "def squares(n):\n    return [0, 1, 4][:n]",
               "blank": None}
    for student, code in answers.items():
        nb = nbformat.from_dict(json.loads(json.dumps(released)))
        if code:
            nb.cells[0].source = code
        if student == "right":
            nb.cells[3].source = "I squared each number below n."
        folder = base / "submitted" / student / "ps1"
        folder.mkdir(parents=True)
        nbformat.write(nb, str(folder / "ps1.ipynb"))
    ours, stock = tmp_path / "ours", tmp_path / "stock"
    shutil.copytree(base, ours)
    shutil.copytree(base, stock)
    run_nbgrader(stock, "autograde", "ps1", "--create", "--force")
    env = {**os.environ, "PATH": f"{ACADEMY.parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run([str(ACADEMY), "grade", "ps1", "--course", str(ours)], capture_output=True, text=True,
                            timeout=300, stdin=subprocess.DEVNULL, env=env)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    from nbgrader.api import Gradebook

    def grades(course: Path) -> dict:
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "other") as gb:
            return {s: {g.name: (g.auto_score, g.needs_manual_grade) for nb in gb.find_submission("ps1", s).notebooks
                        for g in nb.grades} for s in answers}

    ours_grades, stock_grades = grades(ours), grades(stock)
    assert ours_grades == stock_grades
    assert ours_grades["right"]["test_squares"] == (3, False)
    assert ours_grades["visible_only"]["test_squares"][0] == 0  # the hidden test catches it
    assert ours_grades["right"]["explain"][1] is True  # a written answer waits for a person
    assert ours_grades["blank"]["explain"] == (0, False)  # an untouched one scores nothing, as in stock


def test_a_notebook_that_runs_past_its_time_keeps_what_it_earned_before(tmp_path):
    course = tmp_path / "accelerator"
    shutil.copytree(REPO / "courses" / "accelerator", course)
    subs = submissions.generate(course, "m02", n=7, out=course / "submitted", seed=4)
    loop = next(s for s in subs if s.kind == "infinite_loop")
    result = academy_grade(course, "--student", loop.student, "--cell-timeout", "60", "--notebook-timeout", "8")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    cells = cells_of(course, loop.student)
    assert cells["q1_tests"] == 1 and sum(cells.values()) == 1
    summary = (course / "feedback" / loop.student / "m02" / "summary.txt").read_text()
    assert "longer than 8 s" in summary and "timed out" in result.stdout
    assert sandbox_processes() == []


#: Every module of the curriculum, and the pack's first challenge: the rest of the pack is built the same way and
#: `academy validate` runs each challenge as the grader does.
GRADED = [m.id for m in load(REPO / "courses" / "accelerator").modules] + \
    [c.id for c in load(REPO / "courses" / "accelerator").challenges][:1]


@pytest.mark.parametrize("assignment", GRADED)
def test_a_learner_working_through_each_module_gets_full_marks_and_a_blank_gets_none(tmp_path, assignment):
    """The released notebook with the reference answers typed in, as a learner would; then a blank one."""
    course = tmp_path / "accelerator"
    shutil.copytree(REPO / "courses" / "accelerator", course)
    subs = submissions.generate(course, assignment, n=3, out=course / "submitted", seed=1, hostile=False)
    (course / "submitted" / "manifest.json").unlink()
    result = academy_grade(course, assignment=assignment, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    for s in subs:
        marker = json.loads((course / "autograded" / s.student / assignment / ".academy-grade.json").read_text())
        got = {k: v for k, v in marker["notebooks"][0]["cells"].items() if k.endswith("_tests")}
        assert got == s.expected, (s.kind, s.reason, got, marker["notebooks"][0]["notes"])
    kinds = {s.kind: s for s in subs}
    total = sum(kinds["correct"].expected.values())
    assert kinds["correct"].expected_score == total > 0 and kinds["blank"].expected_score == 0


def test_the_capstones_written_part_waits_for_the_instructor_and_counts_once_marked(tmp_path):
    """nbgrader's manual grading: the show-and-tell keeps the learner's words and scores nothing until marked."""
    from nbgrader.api import Gradebook

    course = tmp_path / "accelerator"
    shutil.copytree(REPO / "courses" / "accelerator", course)
    subs = submissions.generate(course, "m09", n=1, out=course / "submitted", seed=2, hostile=False)
    (course / "submitted" / "manifest.json").unlink()
    student = subs[0].student
    path = course / "submitted" / student / "m09" / "m09.ipynb"
    nb = nbformat.read(str(path), as_version=4)
    written = "Our five hubs go where schools, police, early help and welfare all see pressure."
    next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "show_and_tell").source = written
    nbformat.write(nb, str(path))

    result = academy_grade(course, assignment="m09", timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    summary = (course / "feedback" / student / "m09" / "summary.txt").read_text()
    assert "9 of 12 points. 3 more are for written work" in summary, summary
    graded = nbformat.read(str(course / "autograded" / student / "m09" / "m09.ipynb"), as_version=4)
    assert any(c.source == written for c in graded.cells)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        grade = gb.find_grade("show_and_tell", "m09", "m09", student)
        assert grade.needs_manual_grade and grade.auto_score is None
        assert gb.find_submission("m09", student).score == 9
        grade.manual_score = 2
        gb.db.commit()
        assert gb.find_submission("m09", student).score == 11


def test_a_sandbox_that_cannot_be_built_is_reported_before_anything_is_graded(tmp_path):
    from academy.grading.forker import ForkerProcess

    work = tmp_path / "probe"
    work.mkdir()
    with ForkerProcess() as forker:
        assert forker.probe(work, {"hidden": [str(REPO / "courses")], "limits": {}, "env": {}}) is None
        failure = forker.probe(work, {"shared": [["/no/such/data.csv", str(work / "data.csv")]], "env": {}})
    assert failure and "FileNotFoundError" in failure
    assert sandbox_processes() == []


def test_feedback_is_written_for_the_whole_batch_and_regrading_one_learner_rewrites_only_theirs(tmp_path):
    """nbgrader's HTML for a batch comes from one pass; grading one learner again touches nobody else's page."""
    course = tmp_path / "accelerator"
    shutil.copytree(REPO / "courses" / "accelerator", course)
    subs = submissions.generate(course, "m02", n=3, out=course / "submitted", seed=5, hostile=False)
    (course / "submitted" / "manifest.json").unlink()
    first = academy_grade(course)
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-2000:]
    pages = {s.student: course / "feedback" / s.student / "m02" / "m02.html" for s in subs}
    for student, page in pages.items():  # every learner's page, with their own summary first
        text = page.read_text()
        assert 'id="academy-summary"' in text and text.count('id="academy-summary"') == 1, student
        summary = (course / "feedback" / student / "m02" / "summary.txt").read_text().splitlines()[0]
        assert html.escape(summary) in text, student
    before = {student: digest(page) for student, page in pages.items()}
    again = subs[0].student
    (pages[again]).unlink()
    regraded = academy_grade(course, "--student", again, "--force")
    assert regraded.returncode == 0, regraded.stdout[-2000:] + regraded.stderr[-2000:]
    assert 'id="academy-summary"' in pages[again].read_text()
    assert {s: digest(p) for s, p in pages.items() if s != again} == {s: d for s, d in before.items() if s != again}
