"""What a module author can ask of the checks beyond one answer at a time, as a learner meets it.

- A later question judged on the learner's *own* earlier answer (``builds_on``), so one slip is marked once:
  in the instant check (the notebook sends its earlier answer beside the new one) and under the grader (the
  recorded earlier answer).
- A choice marked on submission (``form``): the instant check says only whether the answer has the right form,
  so trying each option tells the learner nothing; the grader judges it fully.
- Files the learner reads themselves (``files``): ``ex.file(name)`` puts their own copy in their folder.

A small course made here, with one module that uses all three, runs through the real checks service.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from academy.checks.judge import Judge
from academy.checks.scaffold import _meta, notebook
from academy.course import Course, find
from academy.exercises import capture, wire
from academy.grading import recheck
from academy.notebook.client import ClientModule, NotebookError, ServiceBackend
from academy.progress.store import ProgressStore
from academy.testing.checks_service import serve_checks

CHECKS = '''
from academy.exercises import compare
from academy.exercises.core import ExerciseSpec, ModuleSpec


def _rows(ctx):
    return len(ctx.table("properties"))


def _check_q1(answer, ctx):
    return compare.number(answer, _rows(ctx), what="the number of rows")


def _check_q2(answer, ctx):
    own = ctx.earlier("q1")
    allowed = {2 * _rows(ctx)} | ({2 * own} if isinstance(own, (int, float)) else set())
    return [] if answer in allowed else ["Double your answer to question 1."]


def _form_q3(answer, ctx):
    return [] if answer in ("a", "b", "c") else ["Give one letter: 'a', 'b' or 'c'."]


def _check_q3(answer, ctx):
    return _form_q3(answer, ctx) or ([] if answer == "b" else ["Statement b is the one the data support."])


def per_band(properties):
    return properties["band"].value_counts().sort_index().rename("dwellings")


def _check_q4(answer, ctx):
    got, problems = compare.call_function(answer, "per_band", ctx.table("properties"))
    return problems or compare.series(got, per_band(ctx.table("properties")), what="dwellings per band",
                                      index_meaning="bands A to H")


def _files(ctx):
    return {"properties.csv": ctx.table("properties").to_csv(index=False).encode("cp1252")}


MODULE = ModuleSpec(
    id="x01", title="A module for the contract", dataset="council_tax", rows=200,
    files=_files,
    exercises=(
        ExerciseSpec("q1", "Rows", _check_q1, hints=("Count the rows.",)),
        ExerciseSpec("q2", "Twice the rows", _check_q2, hints=("Double it.",), builds_on=("q1",)),
        ExerciseSpec("q3", "Which statement", _check_q3, hints=("Read the table.",), form=_form_q3),
        ExerciseSpec("q4", "A function", _check_q4, hints=("Count per band.",), reference=per_band,
                     inputs=("properties",)),
    ),
)
'''

CURRICULUM = '''
[course]
id = "accelerator"
title = "Contract course"
audience = "tests"

[skills]
data_handling = "Data handling"

[[modules]]
id = "x01"
title = "A module for the contract"
level = 1
hours = 1
prerequisites = []
skills = ["data_handling"]
pass_mark = 0.5
dataset = "council_tax"
outcomes = ["Count rows"]
exercises = ["q1", "q2", "q3", "q4"]
'''


def _question(n: int, solution: str) -> list:
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    return [md(f"## {n}. Question {n}", metadata=_meta(f"q{n}_question")),
            code(f"answer_q{n} = None\n### BEGIN SOLUTION\n{solution}\n### END SOLUTION",
                 metadata=_meta(f"q{n}_answer", solution=True, locked=False)),
            code(f"ex.q{n}.check(answer_q{n})"),
            code(f"### BEGIN HIDDEN TESTS\nfrom academy.notebook.hidden_tests import verify\n"
                 f'verify("x01", "q{n}", answer_q{n})\n### END HIDDEN TESTS',
                 metadata={**_meta(f"q{n}_tests", grade=True, points=1), "academy": {"exercises": [f"x01.q{n}"]}})]


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Course:
    root = tmp_path_factory.mktemp("contract") / "course"
    root.mkdir()
    shutil.copy(find().root / "nbgrader_config.py", root)
    (root / "curriculum.toml").write_text(textwrap.dedent(CURRICULUM))
    (root / "modules" / "x01").mkdir(parents=True)
    (root / "modules" / "x01" / "checks.py").write_text(CHECKS)
    (root / "modules" / "x01" / "answers.py").write_text("RIGHT = {}\nWRONG = {}\n")
    nb = notebook("x01", "A module for the contract", "council_tax", "properties")
    nb.cells = nb.cells[:2] + _question(1, "answer_q1 = len(properties)") + _question(
        2, "answer_q2 = 2 * answer_q1") + _question(3, "answer_q3 = 'b'") + _question(
        4, "def per_band(properties):\n    return properties['band'].value_counts()")
    (root / "source" / "x01").mkdir(parents=True)
    nbformat.write(nb, str(root / "source" / "x01" / "x01.ipynb"))
    return Course.at(root)


@pytest.fixture(scope="module")
def checks(course, tmp_path_factory):
    store = ProgressStore(f"sqlite:///{tmp_path_factory.mktemp('store') / 'p.db'}", course.curriculum)
    judge = Judge(course)
    with serve_checks(judge, store, "casey") as url:
        yield ClientModule("x01", ServiceBackend(url, "token")), judge, store
    store.engine.dispose()


def test_a_later_question_is_judged_on_the_learners_own_earlier_answer(checks):
    ex, judge, _ = checks
    rows = len(ex.table("properties"))
    assert not ex.q1.check(rows - 1).passed          # one slip...
    assert ex.q2.check(2 * (rows - 1)).passed        # ...is not marked again when the next step is done right
    assert ex.q2.check(2 * rows).passed              # the reference's own path passes too
    said = ex.q2.check(3 * rows)
    assert not said.passed and "Double your answer" in str(said)
    # Only the exercises q2 declares it builds on travel with it, and an odd earlier answer falls back.
    assert not judge.check("x01", "q2", "casey", 2 * (rows - 1), {"q3": rows - 1}).passed
    assert judge.check("x01", "q2", "casey", 2 * rows, {"q1": None}).passed


def test_under_the_grader_the_recorded_earlier_answer_is_the_one_built_on(course, tmp_path):
    judge = Judge(course)
    rows = len(judge.bound("x01", "dana").table("properties"))
    capture.save("x01.q1", rows + 4, tmp_path)
    capture.save("x01.q2", 2 * (rows + 4), tmp_path)
    q2 = recheck.claim(judge, "x01.q2")
    assert recheck.recheck(judge, q2, "dana", tmp_path, {}) is None
    capture.save("x01.q2", 2 * rows + 1, tmp_path)
    assert "Double your answer" in recheck.recheck(judge, q2, "dana", tmp_path, {})


def test_a_choice_marked_on_submission_tells_nothing_by_trying_each_option(checks):
    ex, judge, store = checks
    before = store.learner_record("casey").attempts
    said = {option: ex.q3.check(option) for option in ("a", "b", "c")}
    assert len({str(s) for s in said.values()}) == 1          # the right option looks like the others
    assert all(not s.passed and "marked when you submit" in str(s) for s in said.values())
    assert "Give one letter" in str(ex.q3.check("statement b"))   # a wrong form is told at once
    assert store.learner_record("casey").attempts == before     # nothing recorded as passed or failed
    assert judge.check("x01", "q3", "casey", "b").passed and not judge.check("x01", "q3", "casey", "a").passed


def test_a_learner_reads_their_own_copy_of_a_published_file(checks, tmp_path, monkeypatch):
    ex, _, _ = checks
    monkeypatch.chdir(tmp_path)
    path = ex.file("properties.csv")
    read = pd.read_csv(path, encoding="cp1252")
    mine = ex.table("properties").reset_index(drop=True)
    assert list(read.columns) == list(mine.columns) and len(read) == len(mine)
    assert read.astype(str).equals(mine.astype(str))
    assert Path(path).parent == Path("published") / "x01"
    with pytest.raises(NotebookError, match="has no file 'rates.csv'; it has: properties.csv"):
        ex.file("rates.csv")


def test_a_function_is_judged_on_unseen_data_by_its_own_check_labels_and_all(course):
    """On data the learner never saw, as the instant check on their own: rows in another order pass, values
    that lost their labels or were copied from the learner's own data fail, in the check's words."""
    from academy.checks.unseen import unseen_problem, unseen_tables

    judge = Judge(course)
    spec, secret = judge.source("x01").spec, judge.secret
    unseen = unseen_tables(spec, "q4", course.id, "erin", secret)[0]
    right = unseen["band"].value_counts().sort_index()
    reference = spec.exercise("q4").reference(unseen.copy())
    judged = {name: unseen_problem(spec, "q4", course.id, "erin", secret, output, reference) for name, output in {
        "right": right, "largest first": right.sort_values(ascending=False),
        "labels lost": right.reset_index(drop=True),
        "copied from own data": per_band_of(judge.bound("x01", "erin").table("properties"))}.items()}
    assert judged["right"] is None and judged["largest first"] is None
    assert judged["labels lost"].startswith("On data it had not seen") and "Missing from your answer" in \
        judged["labels lost"]
    assert judged["copied from own data"] is not None


def per_band_of(properties: pd.DataFrame) -> pd.Series:
    return properties["band"].value_counts()


def test_on_the_graders_side_a_notebooks_file_call_reads_the_same_bytes_outside_the_course(course):
    """``academy validate`` runs the notebook's own code, ``ex.file(...)`` included, on the grader's side."""
    bound = Judge(course).bound("x01", "erin")
    path = Path(bound.file("properties.csv"))
    assert path.read_bytes() == Judge(course).files("x01", "erin")["properties.csv"]
    assert course.root not in path.parents
    with pytest.raises(KeyError, match="no file 'rates.csv'"):
        bound.file("rates.csv")


def test_a_module_file_must_have_a_plain_name_and_old_answer_bodies_still_read():
    with pytest.raises(ValueError, match="plain name"):
        wire.pack_tables({}, {}, files={"../secret.csv": b"x"})
    assert wire.unpack_check(wire.pack_answer(42)) == (42, {})
    frame = pd.DataFrame({"ward": ["E05000001"], "n": [3]})
    answer, earlier = wire.unpack_check(wire.pack_answer(7, {"q1": frame}))
    assert answer == 7
    pd.testing.assert_frame_equal(earlier["q1"], frame)
