"""``academy module new ID``: a small working module for an instructor to grow.

It writes the three files a module is made of (the source notebook, its
checks, its answer collections) and its entry in ``curriculum.toml``, all
already passing ``academy validate``, so an instructor starts from something
that works and changes one thing at a time (``courses/README.md`` walks
through it).
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from ..course import Course, CourseError
from ..datasets import REGISTRY

ID = re.compile(r"^[a-z][a-z0-9_]{0,31}$")


def _meta(grade_id: str, *, solution: bool = False, grade: bool = False, points: int = 0, locked: bool = True) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution,
            "task": False}
    if points:
        meta["points"] = points
    return {"nbgrader": meta}


def notebook(module_id: str, title: str, dataset: str, table: str) -> nbformat.NotebookNode:
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cells = [
        md(f"# {title}\n\nWhat this module is for, in two sentences a council officer would recognise.",
           metadata=_meta("intro")),
        code(f'# Run this cell first: it loads your own copy of the data.\nfrom academy.notebook import module\n'
             f'import pandas as pd\n\nex = module("{module_id}")\n{table} = ex.table("{table}")\n{table}.head()',
             metadata=_meta("setup")),
        md("### Try it: what is in the table\n\nA worked example comes before each question, on the learner's "
           "own data. Run this cell: `.columns` lists the table's columns, and `.shape` is its (rows, columns).",
           metadata=_meta("q1_example_text")),
        code(f"{table}.columns.tolist(), {table}.shape", metadata=_meta("q1_example")),
        md(f"## 1. How many rows?\n\nHow many rows does `{table}` have? Put the number in `answer_q1`.",
           metadata=_meta("q1_question")),
        code("answer_q1 = None  # replace with your answer\n### BEGIN SOLUTION\n"
             f"answer_q1 = len({table})\n### END SOLUTION",
             metadata=_meta("q1_answer", solution=True, locked=False)),
        code("ex.q1.check(answer_q1)"),
        code('# Autograder tests for question 1: do not change this cell.\n'
             'assert answer_q1 is not None, "Put your answer in answer_q1."\n'
             f'### BEGIN HIDDEN TESTS\nfrom academy.notebook.hidden_tests import verify\n'
             f'verify("{module_id}", "q1", answer_q1)\n### END HIDDEN TESTS',
             metadata={**_meta("q1_tests", grade=True, points=1), "academy": {"exercises": [f"{module_id}.q1"]}}),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


CHECKS = '''"""{title}: what only the grader knows (checks, hints, typical mistakes). The questions, set-up and
solutions are in source/{id}/{id}.ipynb."""

from __future__ import annotations

from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec


def _check_q1(answer, ctx: Context) -> list[str]:
    rows = len(ctx.table("{table}"))
    return compare.number(answer, rows, what="the number of rows", rel=0, mistakes=[
        (lambda a: a == rows - 1, "That is one short: len(...) counts every row, the first one too."),
    ])


MODULE = ModuleSpec(
    id="{id}",
    title="{title}",
    dataset="{dataset}",
    rows={rows},
    tables_for_learner=("{table}",),
    exercises=(
        ExerciseSpec(
            "q1", "How many rows?", _check_q1,
            hints=("A table's length is its number of rows.", "len({table}) gives it."),
            praise="len() works on every table you will meet.",
        ),
    ),
)
'''

ANSWERS = '''"""Right and wrong answers to {id}'s questions, which `academy validate` judges."""

RIGHT = {{
    "q1": [
        "answer_q1 = {table}.shape[0]",
        "answer_q1 = int({table}.index.size)",
    ],
}}

WRONG = {{
    "q1": [
        "answer_q1 = len({table}) - 1",
        "answer_q1 = len({table}.columns)",
    ],
}}
'''

CURRICULUM = '''
[[modules]]
id = "{id}"
title = "{title}"
level = 1
hours = 1
prerequisites = []
skills = ["data_handling"]
pass_mark = 0.6
dataset = "{dataset}"
outcomes = [{{outcome = "Say what this module teaches", by = ["q1"]}}]
exercises = ["q1"]
'''


def new_module(course: Course, module_id: str, title: str, dataset: str, rows: int = 1_000) -> list[Path]:
    """Write a new module; returns the files written. Never overwrites anything."""
    if not ID.match(module_id):
        raise CourseError(f"{module_id!r} cannot be a module id: use lower-case letters, digits and _, "
                          "starting with a letter (e.g. m10 or energy)")
    if dataset not in REGISTRY:
        raise CourseError(f"no dataset {dataset!r}; there are: {', '.join(sorted(REGISTRY))}")
    source = course.source / module_id / f"{module_id}.ipynb"
    checks = course.modules_folder / module_id / "checks.py"
    answers = course.modules_folder / module_id / "answers.py"
    for path in (source.parent, checks.parent):
        if path.exists():
            raise CourseError(f"{path} already exists: module {module_id} has been started")
    cur = course.curriculum
    if any(m.id == module_id for m in cur.modules):
        raise CourseError(f"curriculum.toml already lists a module {module_id}")
    card = REGISTRY[dataset].card
    table = card.primary_table
    rows = max(rows, card.min_rows)
    values = {"id": module_id, "title": title, "dataset": dataset, "table": table, "rows": rows}
    source.parent.mkdir(parents=True)
    checks.parent.mkdir(parents=True)
    nbformat.write(notebook(module_id, title, dataset, table), str(source))
    checks.write_text(CHECKS.format(**values))
    answers.write_text(ANSWERS.format(**values))
    with (course.root / "curriculum.toml").open("a") as f:
        f.write(CURRICULUM.format(**values))
    return [source, checks, answers, course.root / "curriculum.toml"]
