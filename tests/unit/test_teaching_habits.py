"""``academy validate`` holds a module to teaching before testing, and to hints that leave something to do."""

from __future__ import annotations

import nbformat

from academy.checks.scaffold import _meta
from academy.checks.teaching import hints_hand_over, untaught
from academy.exercises.core import ExerciseSpec, ModuleSpec

md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell


def question(n: int) -> list:
    return [md(f"## {n}. A question", metadata=_meta(f"q{n}_question")),
            code(f"answer_q{n} = None\n### BEGIN SOLUTION\nanswer_q{n} = len(requests)\n### END SOLUTION",
                 metadata=_meta(f"q{n}_answer", solution=True, locked=False)),
            code(f"ex.q{n}.check(answer_q{n})"),
            code("### BEGIN HIDDEN TESTS\n### END HIDDEN TESTS", metadata=_meta(f"q{n}_tests", grade=True, points=1))]


def test_a_question_asked_before_anything_is_shown_is_named_and_set_up_or_checks_do_not_count():
    setup = code("ex = module('m02')\nrequests = ex.table('requests')", metadata=_meta("setup"))
    example = code("requests['ward_code'].value_counts().head()", metadata=_meta("q1_example"))
    assert untaught([setup, *question(1)]) == [
        "question q1 is asked with no worked example or 'try it' cell before it (since the question before): show "
        "the new idea on the learner's data first, on another question than the one asked"]
    assert untaught([setup, example, *question(1)]) == []
    # Each question needs its own: one example does not carry over, and a check cell is not teaching.
    problems = untaught([setup, example, *question(1), code("ex.q1.check(answer_q1)"), *question(2)])
    assert len(problems) == 1 and problems[0].startswith("question q2 ")


def spec(hints: tuple[str, ...], solution: str) -> ModuleSpec:
    return ModuleSpec("m02", "t", "service_requests", 100,
                      (ExerciseSpec("q3", "t", lambda a, c: [], hints=hints, solution=solution),))


def test_a_hint_ladder_that_holds_the_whole_solution_is_named_and_a_skeleton_is_not():
    solution = "by_ward = requests.groupby('ward_code')\nanswer_q3 = by_ward['days'].median()\n"
    given_away = ("Group by ward.",
                  'by_ward = requests.groupby("ward_code")  then  answer_q3 = by_ward["days"].median()')
    assert hints_hand_over(spec(given_away, solution)) == [
        "the hints of m02.q3 hold every line of its solution: end the ladder in a skeleton with blanks (e.g. "
        "`answer = table.groupby(___)[___].___()`)"]
    skeleton = ("Group by ward.", "by_ward = requests.groupby('ward_code')\nanswer_q3 = by_ward[___].___()")
    assert hints_hand_over(spec(skeleton, solution)) == []
