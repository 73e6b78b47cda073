"""``academy grade``: autograde a cohort's submissions, in parallel and in a sandbox.

Each submission goes through nbgrader's own steps, in nbgrader's order:
sanitise (``ClearOutput``, ``DeduplicateIds``, ``OverwriteKernelspec``,
``OverwriteCells`` with missing test cells put back, ``CheckCellMetadata``),
execute, then ``IgnorePattern``, ``ClearMetadataPreprocessor``, ``LimitOutput``,
``SaveAutoGrades``, ``AssignLatePenalties`` and ``CheckCellMetadata``, into the
nbgrader gradebook; nbgrader's ``determine_grade`` scores every cell. So a
score here equals stock ``nbgrader autograde``'s wherever stock gets it right.

What differs is how a notebook runs and what happens when it misbehaves:

- kernels are forked from a warm process (``forker``) and jailed
  (``sandbox``): no network, own user id, limits, course files out of sight;
- several notebooks run at once (``--workers``); only one thread at a time
  touches the gradebook, so SQLite never reports "database is locked";
- a kernel that dies keeps the marks earned before it died; a notebook that
  is not valid JSON, or runs past its time, is recorded with its reason;
- answers checked by our hidden tests are checked again outside the kernel
  (``independent``), so patching the tests from a notebook earns nothing;
- the submitted file is only read; results are written atomically with a
  marker per learner, so a killed batch resumes without grading twice.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import secrets
import shutil
import signal
import tempfile
import threading
import time
import warnings
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import nbformat
from nbformat import NotebookNode

from ..exercises.capture import CAPTURE_ENV
from ..exercises.grading import SECRET_FILE_ENV, grader_secret
from . import independent
from .execute import GradingExecute, mark_unrun
from ..errors import AcademyError
from .forker import ForkerProcess
from .sandbox import Limits
from .validate import is_test_cell, nbgrader_meta, read_notebook

# nbgrader's gradebook code trips SQLAlchemy 2 cascade warnings that mean nothing to an instructor.
warnings.filterwarnings("ignore", message=".*not in session.*")
# The same schema checks, compiled: nbformat validates every notebook read and written.
os.environ.setdefault("NBFORMAT_VALIDATOR", "fastjsonschema")

MARKER = ".academy-grade.json"
SECRET_FILE = ".academy_grader_secret"
SUMMARY_FILE = "summary.txt"

#: nbgrader's own small files that travel with a submission: the submission time (late penalties)
#: and the secret that lets the learner's "Fetch Feedback" find their feedback in the exchange.
BOOKKEEPING_FILES = ("timestamp.txt", "submission_secret.txt")


class GradeError(AcademyError):
    """A problem with the course or the command, not with one submission."""


@dataclass
class Options:
    #: Twice the cores: a kernel spends part of its life waiting (start-up handshakes), not computing.
    workers: int = 2 * (os.cpu_count() or 1)
    #: None: the course's ``c.Execute.timeout``, else 60 s.
    cell_timeout: int | None = None
    notebook_timeout: int = 600
    limits: Limits = field(default_factory=Limits)
    feedback: bool = True
    force: bool = False
    students: tuple[str, ...] = ()
    db_url: str | None = None


@dataclass
class NotebookResult:
    notebook: str
    score: float = 0.0
    max_score: float = 0.0
    status: str = "graded"  # graded | failed | timed out
    notes: list[str] = field(default_factory=list)
    cells: dict[str, float] = field(default_factory=dict)


@dataclass
class StudentResult:
    student: str
    notebooks: list[NotebookResult]
    resumed: bool = False
    seconds: float = 0.0

    @property
    def score(self) -> float:
        return sum(n.score for n in self.notebooks)

    @property
    def max_score(self) -> float:
        return sum(n.max_score for n in self.notebooks)

    @property
    def status(self) -> str:
        for worst in ("failed", "timed out"):
            if any(n.status == worst for n in self.notebooks):
                return worst
        return "graded"


# --------------------------------------------------------------------- course
class Course:
    """An nbgrader course folder, read with its own ``nbgrader_config.py``."""

    def __init__(self, root: Path, db_url: str | None = None) -> None:
        from nbgrader.coursedir import CourseDirectory
        from traitlets.config import Config
        from traitlets.config.loader import ConfigFileNotFound, PyFileConfigLoader

        self.root = root.resolve()
        if not self.root.is_dir():
            raise GradeError(f"{root} is not a folder")
        try:
            self.config = PyFileConfigLoader("nbgrader_config.py", path=str(self.root)).load_config()
        except ConfigFileNotFound:
            self.config = Config()
        except Exception as exc:
            raise GradeError(f"{self.root / 'nbgrader_config.py'} cannot be read: {exc}") from None
        if db_url:
            self.config.CourseDirectory.db_url = db_url
        self.coursedir = CourseDirectory(config=self.config)
        self.coursedir.root = str(self.root)
        self.db_url = self.coursedir.db_url
        self.course_id = self.coursedir.course_id

    def folder(self, step: str, student: str, assignment: str) -> Path:
        directory = getattr(self.coursedir, f"{step}_directory")
        return Path(self.coursedir.format_path(directory, student, assignment))

    def gradebook(self):
        from nbgrader.api import Gradebook

        return Gradebook(self.db_url, self.course_id)

    def notebooks(self, assignment: str) -> list[str]:
        """The assignment's notebooks, generating the assignment first if the gradebook lacks it."""
        from nbgrader.api import MissingEntry

        def known() -> list[str]:
            with self.gradebook() as gb:
                try:
                    return sorted(n.name for n in gb.find_assignment(assignment).notebooks)
                except MissingEntry:
                    return []

        names = known()
        if names:
            return names
        source = self.root / "source" / assignment
        if not source.is_dir():
            found = sorted(p.name for p in (self.root / "source").glob("*") if p.is_dir())
            raise GradeError(f"no assignment '{assignment}' in {self.root / 'source'} "
                             f"(found: {', '.join(found) or 'none'})")
        from nbgrader.apps import NbGraderAPI

        result = NbGraderAPI(coursedir=self.coursedir, config=self.config).generate_assignment(assignment)
        if not result.get("success"):
            raise GradeError(f"nbgrader could not generate '{assignment}':\n{result.get('log', '')[-2000:]}")
        return known()

    def students(self, assignment: str) -> list[str]:
        found = []
        submitted = self.root / self.coursedir.submitted_directory
        for folder in sorted(submitted.glob("*")) if submitted.is_dir() else []:
            if (self.folder("submitted", folder.name, assignment)).is_dir():
                found.append(folder.name)
        return found

    def secret(self) -> str:
        """The grader-only secret for unseen variants: the environment's, else one kept in the course."""
        secret = grader_secret()
        if secret:
            return secret
        path = self.root / SECRET_FILE
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
        return path.read_text().strip()

    def hidden_paths(self) -> tuple[str, ...]:
        """What a learner's kernel must not see: the course, the exchange, the gradebook, the secret."""
        paths = [str(self.root)]
        exchange = self.config.get("Exchange", {}).get("root", "/srv/nbgrader/exchange")
        if os.path.isdir(str(exchange)):
            paths.append(str(exchange))
        if self.db_url.startswith("sqlite:///"):
            paths.append(os.path.dirname(os.path.abspath(self.db_url[len("sqlite:///"):])))
        secret_file = os.environ.get(SECRET_FILE_ENV, "").strip()
        if secret_file and os.path.exists(secret_file):
            paths.append(os.path.abspath(secret_file))
        return tuple(dict.fromkeys(paths))

    def shared_files(self, assignment: str) -> list[Path]:
        """Data files beside the source notebooks (nbgrader copies these into every learner's folder)."""
        import fnmatch

        source = self.root / "source" / assignment
        found = []
        for path in sorted(source.rglob("*")) if source.is_dir() else []:
            rel = path.relative_to(source)
            if path.is_file() and path.suffix != ".ipynb" and not any(
                    fnmatch.fnmatch(part, pattern) for part in rel.parts for pattern in self.coursedir.ignore):
                found.append(path)
        return found


# ---------------------------------------------------------------------- batch
def _digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.name.encode())
        h.update(path.read_bytes() if path.is_file() else b"<missing>")
    return h.hexdigest()


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _error_output(name: str, value: str) -> NotebookNode:
    return nbformat.v4.new_output("error", ename=name, evalue=value, traceback=[f"{name}: {value}"])


class BatchGrader:
    def __init__(self, course: Path, assignment: str, options: Options | None = None,
                 forker: ForkerProcess | None = None) -> None:
        self.options = options or Options()
        if self.options.workers < 1:
            raise GradeError("--workers must be at least 1")
        # The forker spends a second or two importing; let it do so while the course is read.
        self._forker: ForkerProcess | None = forker or ForkerProcess(wait=False)
        try:
            self.course = Course(course, self.options.db_url)
            self.assignment = assignment
            self.notebook_names = self.course.notebooks(assignment)
        except BaseException:
            self.close()
            raise
        # Workers are processes (the per-notebook Python work would otherwise queue on one core behind
        # the GIL); this lock, inherited by each, keeps the gradebook to one writer at a time.
        self.db_lock = multiprocessing.get_context("fork").Lock()
        self.secret = self.course.secret()
        self.source_digest = _digest([self.course.root / "source" / assignment / f"{n}.ipynb"
                                      for n in self.notebook_names])
        self.shared = self.course.shared_files(assignment)
        configured = self.course.config.get("Execute", {}).get("timeout")
        self.cell_timeout = self.options.cell_timeout or (configured if isinstance(configured, int) else 60)
        # Execute re-reads its config on every run, so the timeout goes in the config, not an attribute.
        self.execute_config = copy.deepcopy(self.course.config)
        self.execute_config.Execute.timeout = self.cell_timeout
        self.execute_config.Execute.kernel_name = "python3"
        # A graded kernel is thrown away: no need to wait for it to shut down politely.
        self.execute_config.Execute.shutdown_kernel = "immediate"
        self.released_tests = {name: self._released_tests(name) for name in self.notebook_names}

    def _released_tests(self, name: str) -> dict[str, str]:
        """Test cells as learners received them (hidden tests removed), to tell an edit from a release."""
        from .validate import release_version

        path = self.course.root / "source" / self.assignment / f"{name}.ipynb"
        try:
            released = release_version(read_notebook(path))
        except Exception:
            return {}
        return {nbgrader_meta(c)["grade_id"]: c.source for c in released.cells if is_test_cell(c)}

    def forker_process(self) -> ForkerProcess:
        forker, self._forker = self._forker or ForkerProcess(wait=False), None
        forker.wait_ready()
        return forker

    def close(self) -> None:
        if self._forker is not None:
            self._forker.stop()
            self._forker = None

    # ------------------------------------------------------------ planning
    def students(self) -> list[str]:
        found = self.course.students(self.assignment)
        if self.options.students:
            missing = sorted(set(self.options.students) - set(found))
            if missing:
                raise GradeError(f"no submission of '{self.assignment}' from: {', '.join(missing)}")
            found = [s for s in found if s in self.options.students]
        return found

    def _inputs(self, student: str) -> list[Path]:
        folder = self.course.folder("submitted", student, self.assignment)
        return [folder / f"{n}.ipynb" for n in self.notebook_names] + [folder / name for name in BOOKKEEPING_FILES]

    def _marker(self, student: str) -> Path:
        return self.course.folder("autograded", student, self.assignment) / MARKER

    def already_graded(self, student: str) -> StudentResult | None:
        marker = self._marker(student)
        if self.options.force or not marker.is_file():
            return None
        try:
            saved = json.loads(marker.read_text())
        except ValueError:
            return None
        if saved.get("inputs") != _digest(self._inputs(student)) or saved.get("source") != self.source_digest:
            return None
        notebooks = [NotebookResult(**n) for n in saved.get("notebooks", [])]
        return StudentResult(student, notebooks, resumed=True)

    # ------------------------------------------------------------- running
    def run(self, on_result: Callable[[StudentResult], None] | None = None) -> list[StudentResult]:
        students = self.students()
        results: list[StudentResult] = []
        todo = []
        for student in students:
            done = self.already_graded(student)
            if done is not None:
                results.append(done)
                if on_result:
                    on_result(done)
            else:
                todo.append(student)
        if todo:
            self.workroot = Path(tempfile.mkdtemp(prefix="academy-grade-"))
            os.chmod(self.workroot, 0o711)
            try:
                with self.forker_process() as self.forker:
                    probe = Path(tempfile.mkdtemp(prefix="probe-", dir=self.workroot))
                    failure = self.forker.probe(probe, self._kernel_request(probe, "probe"))
                    if failure:
                        raise GradeError(f"kernels cannot be sandboxed on this machine ({failure}); nothing was graded")
                    global _ACTIVE
                    _ACTIVE = self  # what each forked worker process grades with
                    with ProcessPoolExecutor(self.options.workers, mp_context=multiprocessing.get_context("fork")) as pool:
                        futures = {pool.submit(_grade_in_worker, s): s for s in todo}
                        for future in as_completed(futures):
                            try:
                                result = future.result()
                            except BrokenProcessPool:
                                result = StudentResult(futures[future], [NotebookResult(
                                    name, status="failed",
                                    notes=["A grading process crashed before this submission was finished; "
                                           "run the same command again to grade it."]) for name in self.notebook_names])
                            results.append(result)
                            if on_result:
                                on_result(result)
            finally:
                shutil.rmtree(self.workroot, ignore_errors=True)
            if self.options.feedback:
                self.write_feedback([r for r in results if not r.resumed])
        order = {s: i for i, s in enumerate(students)}
        return sorted(results, key=lambda r: order[r.student])

    def grade_student(self, student: str) -> StudentResult:
        start = time.perf_counter()
        inputs_digest = _digest(self._inputs(student))
        submitted = self.course.folder("submitted", student, self.assignment)
        timestamp = self.course.coursedir.get_existing_timestamp(str(submitted))
        with self.db_lock, self.course.gradebook() as gb:
            gb.update_or_create_student(student)
            if timestamp:
                gb.update_or_create_submission(self.assignment, student, timestamp=timestamp)
            else:
                gb.update_or_create_submission(self.assignment, student)
        notebooks = []
        for name in self.notebook_names:
            try:
                notebooks.append(self.grade_notebook(student, name))
            except Exception as exc:  # never lose the batch to one notebook
                notebooks.append(self._zero(student, name, "failed",
                                            f"The grader could not grade this notebook ({type(exc).__name__}: {exc})."))
        out = self.course.folder("autograded", student, self.assignment)
        for name in BOOKKEEPING_FILES:
            if (submitted / name).is_file() and not (submitted / name).is_symlink():
                _write_atomically(out / name, (submitted / name).read_bytes()[:4096])
        result = StudentResult(student, notebooks, seconds=time.perf_counter() - start)
        _write_atomically(self._marker(student), json.dumps(
            {"inputs": inputs_digest, "source": self.source_digest,
             "notebooks": [asdict(n) for n in notebooks]}, indent=1).encode())
        return result

    def _zero(self, student: str, name: str, status: str, note: str) -> NotebookResult:
        """Record zero for every graded cell of a notebook that could not run, and say why."""
        from nbgrader.api import MissingEntry

        result = NotebookResult(name, status=status, notes=[note])
        with self.db_lock, self.course.gradebook() as gb:
            try:
                submission = gb.find_submission_notebook(name, self.assignment, student)
            except MissingEntry:
                return result
            for grade in submission.grades:
                grade.auto_score = 0
                grade.needs_manual_grade = False
                result.max_score += grade.max_score
                result.cells[grade.name] = 0.0
            gb.db.commit()
        stale = self.course.folder("autograded", student, self.assignment) / f"{name}.ipynb"
        stale.unlink(missing_ok=True)
        return result

    def _resources(self, student: str, name: str, workdir: Path | None = None) -> dict:
        resources = {"nbgrader": {"db_url": self.course.db_url, "assignment": self.assignment,
                                  "notebook": name, "student": student, "course_id": self.course.course_id}}
        if workdir is not None:
            resources["metadata"] = {"path": str(workdir)}
        return resources

    def _sanitise(self, nb: NotebookNode, student: str, name: str) -> tuple[NotebookNode, list[str]]:
        from nbgrader.preprocessors import (CheckCellMetadata, ClearOutput, DeduplicateIds, OverwriteCells,
                                            OverwriteKernelspec)
        before = {nbgrader_meta(c).get("grade_id"): c.source for c in nb.cells if is_test_cell(c)}
        released = self.released_tests.get(name, {})
        answer_ids = [nbgrader_meta(c).get("grade_id") for c in nb.cells if nbgrader_meta(c).get("grade_id")]
        if released and not answer_ids:
            raise ValueError("none of the assignment's cells are in this notebook (is it the right file, "
                             "or one saved in an old format?)")
        resources = self._resources(student, name)
        config = self.course.config
        steps = [ClearOutput(config=config), DeduplicateIds(config=config), OverwriteKernelspec(config=config),
                 OverwriteCells(config=config, add_missing_cells=True), CheckCellMetadata(config=config)]
        # These steps only read the gradebook, and SQLite lets readers share it: no lock, so that
        # one learner's sanitising never waits for another's grades being saved.
        for step in steps:
            try:
                nb, resources = step(nb, resources)
            except KeyError as exc:
                raise ValueError(f"the cell {exc} is missing, so the tests that follow it could not be "
                                 "put back in place") from None
        notes = []
        for cell in nb.cells:
            if not is_test_cell(cell):
                continue
            gid = nbgrader_meta(cell)["grade_id"]
            if gid not in before:
                notes.append(f"The test cell '{gid}' was missing from your notebook; the original was put back and run.")
            elif gid in released and before[gid].strip() != released[gid].strip():
                notes.append(f"The test cell '{gid}' had been changed; the original was put back and run.")
        return nb, notes

    def _kernel_request(self, workdir: Path, student: str, capture_root: Path | None = None) -> dict:
        """What the forker needs to jail one kernel: hidden paths, shared files, limits, environment."""
        shared_root = self.course.root / "source" / self.assignment
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "ACADEMY_LEARNER": student,
               "NBGRADER_EXECUTION": "autograde", "PYTHONDONTWRITEBYTECODE": "1"}
        if capture_root is not None:
            env[CAPTURE_ENV] = str(capture_root)
        return {"hidden": list(self.course.hidden_paths()),
                "shared": [[str(p), str(workdir / p.relative_to(shared_root))] for p in self.shared],
                "limits": asdict(self.options.limits), "env": env}

    def grade_notebook(self, student: str, name: str) -> NotebookResult:
        path = self.course.folder("submitted", student, self.assignment) / f"{name}.ipynb"
        if not path.exists():
            return self._zero(student, name, "failed", f"No {name}.ipynb was submitted.")
        try:
            nb = read_notebook(path)
        except ValueError as exc:
            reason = str(exc).replace(str(path), f"{name}.ipynb")
            return self._zero(student, name, "failed", f"Your notebook could not be opened: {reason}. "
                                                       "Nothing in it could be graded.")
        language = (nb.metadata.get("kernelspec", {}) or {}).get("language") or \
            (nb.metadata.get("language_info", {}) or {}).get("name") or "python"
        if language.lower() != "python":
            return self._zero(student, name, "failed", f"This is a {language} notebook; academy grade runs Python "
                                                       "notebooks only. Grade it with `nbgrader autograde`.")
        try:
            nb, notes = self._sanitise(nb, student, name)
        except Exception as exc:
            return self._zero(student, name, "failed", f"Your notebook could not be prepared for grading: {exc}.")

        workdir = Path(tempfile.mkdtemp(prefix=f"{student}-{name}-"[:60], dir=self.workroot))
        capture_root = workdir / ".academy"
        capture_root.mkdir()
        cell_claims = {i: independent.claims(c.source) for i, c in enumerate(nb.cells) if is_test_cell(c)}
        references = independent.prepare([c for cs in cell_claims.values() for c in cs],
                                         student, self.secret, capture_root)
        request = self._kernel_request(workdir, student, capture_root)
        km = self.forker.manager(workdir, request)
        executor = GradingExecute(config=self.execute_config)
        status = "graded"

        def out_of_time() -> None:
            executor.out_of_time = True
            pid = getattr(getattr(km, "provisioner", None), "pid", None)
            if pid:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

        watchdog = threading.Timer(self.options.notebook_timeout, out_of_time)
        watchdog.start()
        try:
            executor.preprocess(nb, self._resources(student, name, workdir), km=km)
        except Exception as exc:
            executor.stopped_by = exc
        finally:
            watchdog.cancel()
        notes += executor.notes()
        if executor.out_of_time:
            status = "timed out"
            notes.append(f"Your notebook ran for longer than {self.options.notebook_timeout} s in all and was "
                         "stopped; cells after that point were not run.")
        elif executor.stopped_by is not None:
            notes.append(executor.stop_reason())
        if executor.timed_out_cells:
            status = "timed out"
        mark_unrun(nb, executor.last_run_index, stopped=executor.stopped_by is not None or executor.out_of_time)

        from nbgrader.utils import determine_grade

        # Our hidden tests only record answers under the grader; the verdict is given here.
        for index, found in cell_claims.items():
            cell = nb.cells[index]
            score, _ = determine_grade(cell)
            if not found or not score:
                continue
            for claim in found:
                problem = independent.recheck(claim, student, capture_root, references)
                if problem:
                    cell.outputs.append(_error_output("AssertionError", problem))
                    if problem.startswith(independent.NO_RECORD):
                        notes.append(f"'{nbgrader_meta(cell)['grade_id']}': {problem}")
                    break
        shutil.rmtree(workdir, ignore_errors=True)

        from nbconvert.preprocessors import ClearMetadataPreprocessor
        from nbgrader.preprocessors import AssignLatePenalties, IgnorePattern, LimitOutput, SaveAutoGrades

        resources = self._resources(student, name)
        config = self.course.config
        # Called, not .preprocess(): each step honours its `enabled` setting, as in stock nbgrader.
        for step in (IgnorePattern(config=config), ClearMetadataPreprocessor(config=config), LimitOutput(config=config)):
            nb, resources = step(nb, resources)
        with self.db_lock:
            # Stock checks the cell metadata again here; nothing since the sanitise step could change it.
            for step in (SaveAutoGrades(config=config), AssignLatePenalties(config=config)):
                nb, resources = step(nb, resources)
        out = self.course.folder("autograded", student, self.assignment) / f"{name}.ipynb"
        _write_atomically(out, nbformat.writes(nb).encode())

        result = NotebookResult(name, status=status, notes=notes)
        for cell in nb.cells:
            meta = nbgrader_meta(cell)
            if meta.get("grade"):
                score, max_score = determine_grade(cell)
                result.cells[meta["grade_id"]] = float(score or 0.0)
                result.score += float(score or 0.0)
                result.max_score += float(max_score or 0.0)
        return result

    # ------------------------------------------------------------ feedback
    def write_feedback(self, results: list[StudentResult]) -> list[str]:
        """nbgrader's HTML feedback, plus a plain-English summary.txt per learner."""
        from nbgrader.apps import NbGraderAPI

        from .feedback import summarise, summary_text

        problems = []
        if not results:
            return problems
        api = NbGraderAPI(coursedir=self.course.coursedir, config=self.course.config)
        for result in results:
            graded = [n for n in result.notebooks
                      if (self.course.folder("autograded", result.student, self.assignment) / f"{n.notebook}.ipynb").exists()]
            if graded:
                outcome = api.generate_feedback(self.assignment, result.student)
                if not outcome.get("success"):
                    problems.append(f"{result.student}: nbgrader could not write HTML feedback")
            lines = []
            for n in result.notebooks:
                path = self.course.folder("autograded", result.student, self.assignment) / f"{n.notebook}.ipynb"
                module = n.notebook if n.notebook in _module_ids() else None
                if path.exists():
                    lines.append(summary_text(summarise(nbformat.read(str(path), as_version=4), module), n.notebook))
                else:
                    lines.append(f"{n.notebook}: {n.score:g} of {n.max_score:g} points.")
                lines += [f"Note: {note}" for note in n.notes]
            _write_atomically(self.course.folder("feedback", result.student, self.assignment) / SUMMARY_FILE,
                              ("\n".join(lines) + "\n").encode())
        return problems


_ACTIVE: BatchGrader | None = None


def _grade_in_worker(student: str) -> StudentResult:
    assert _ACTIVE is not None, "worker started without a batch"
    return _ACTIVE.grade_student(student)


def _module_ids() -> set[str]:
    from ..exercises.modules import MODULES

    return set(MODULES)


__all__ = ["BatchGrader", "Course", "GradeError", "NotebookResult", "Options", "StudentResult"]
