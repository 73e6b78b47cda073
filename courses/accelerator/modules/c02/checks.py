"""Code-club challenge c02, are planning applications decided in time: what only the grader knows (checks,
hints, typical mistakes). The situation, set-up, examples and solutions are in source/c02/c02.ipynb."""

from __future__ import annotations

import math

import pandas as pd

from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

MINOR_DAYS = 56  # 8 weeks, the statutory period for a minor application

# ------------------------------------------------------------ reference answers


def days_to_decide(applications: pd.DataFrame) -> pd.Series:
    """Days from received to decision, NaN while pending (as the notebook's set-up cell adds it)."""
    return (applications["decision_date"] - applications["received_date"]).dt.days


def minor(applications: pd.DataFrame) -> pd.Series:
    return applications["development_scale"] == "Minor"


def minor_in_time(applications: pd.DataFrame) -> int:
    return int((minor(applications) & (days_to_decide(applications) <= MINOR_DAYS)).sum())


def decided_minor(applications: pd.DataFrame) -> int:
    return int((minor(applications) & (applications["decision"] != "Pending")).sum())


def percent_in_time(applications: pd.DataFrame) -> float:
    return minor_in_time(applications) / decided_minor(applications) * 100


# ------------------------------------------------------------------------ checks


def _one_number(answer) -> list[str]:
    """A count given as a table or a column: say how to get the number out."""
    if isinstance(answer, pd.DataFrame):
        return ["You gave a table (the filtered rows): count its rows with len(...) to get one number."]
    return []


def _check_q1(answer, ctx: Context) -> list[str]:
    a = ctx.table("planning_applications")
    problems = _one_number(answer)
    if problems:
        return problems
    return compare.number(answer, int(minor(a).sum()), what="the number of minor applications", rel=0, mistakes=[
        (lambda x: x == len(a), "That is every application: keep only the rows whose development_scale is "
                                "'Minor', then count them."),
        (lambda x: x == int((a["development_scale"] == "Major").sum()),
         "That is the number of MAJOR applications: the 8-week rule is for the minor ones."),
        (lambda x: x == 0, "No application matched: text must match exactly, capital letter too: 'Minor'."),
        (lambda x: x == int((minor(a) & (a["decision"] != "Pending")).sum()),
         "That leaves out the minor applications still pending: question 1 counts every minor application."),
    ])


def _check_q2(answer, ctx: Context) -> list[str]:
    a = ctx.table("planning_applications")
    problems = _one_number(answer)
    if problems:
        return problems
    days, is_minor = days_to_decide(a), minor(a)
    return compare.number(answer, minor_in_time(a), what="the minor applications decided within 8 weeks", rel=0,
                          mistakes=[
        (lambda x: x == int((days <= MINOR_DAYS).sum()),
         "That counts applications of every size decided within 56 days: keep only the minor ones too, with a "
         "second condition joined by &."),
        (lambda x: x == int((is_minor & (days < MINOR_DAYS)).sum()),
         "That leaves out the applications decided on day 56 itself: 'within 8 weeks' includes 56 days, so use "
         "<= (at most), not <."),
        (lambda x: x == int((is_minor & (days > MINOR_DAYS)).sum()),
         "That is the number decided LATE (more than 56 days): you want 56 days or fewer, <= 56."),
        (lambda x: x == int(is_minor.sum()), "That is every minor application: add the condition on days_to_decide."),
        (lambda x: x == int((is_minor & (days <= 8)).sum()),
         "days_to_decide counts days, not weeks: 8 weeks is 56 days."),
        (lambda x: x == int((is_minor & (days <= MINOR_DAYS) & a["decision"].isin(["Approved", "Refused"])).sum()),
         "That leaves out the withdrawn applications: here they count as decided (they have a decision date)."),
    ])


def _check_q3(answer, ctx: Context) -> list[str]:
    a = ctx.table("planning_applications")
    problems = _one_number(answer)
    if problems:
        return problems
    in_time, decided = minor_in_time(a), decided_minor(a)
    want = in_time / decided * 100
    own = ctx.earlier("q2")
    own = compare.as_number(own)
    value = compare.as_number(answer)
    # Their own count from question 2, if it was off: the right percentage of it passes (one slip, marked once).
    if own is not None and own != in_time and decided and value is not None:
        if math.isclose(value, own / decided * 100, abs_tol=0.051):
            return []
    all_minor = int(minor(a).sum())
    return compare.number(answer, want, what="the percentage of decided minor applications decided in time",
                          rel=0, abs_tol=0.051, mistakes=[
        (lambda x: math.isclose(x, want / 100, abs_tol=0.0006),
         "That is a share (between 0 and 1), not a percentage: multiply by 100."),
        (lambda x: math.isclose(x, in_time / all_minor * 100, abs_tol=0.051),
         f"You divided by every minor application, the {all_minor - decided:,} still pending too: they have no "
         "decision yet, so leave them out of the whole."),
        (lambda x: math.isclose(x, in_time / len(a) * 100, abs_tol=0.051),
         "You divided by every application: divide by the decided MINOR applications only."),
        (lambda x: math.isclose(x, 100 - want, abs_tol=0.051),
         "That is the percentage decided LATE: the question asks for the percentage decided within 8 weeks."),
        (lambda x: math.isclose(x, in_time / int((minor(a) & a["decision"].isin(["Approved", "Refused"])).sum())
                                * 100, abs_tol=0.051),
         "You left the withdrawn applications out of the whole: here they count as decided (they have a "
         "decision date). Leave out only the pending ones."),
    ])


MODULE = ModuleSpec(
    id="c02",
    title="Are planning applications decided in time?",
    dataset="business",
    rows=2_000,
    tables_for_learner=("planning_applications",),
    exercises=(
        ExerciseSpec(
            "q1", "How many minor applications?", _check_q1,
            hints=("Keep only the rows whose development_scale is 'Minor', then count them.",
                   "As in the refused example: a condition with == in square brackets keeps the matching rows, "
                   "and len(...) counts them.",
                   "answer_q1 = len(applications[applications[___] == ___])"),
            praise="Filter, then count: the move behind most performance figures.",
        ),
        ExerciseSpec(
            "q2", "Minor applications decided within 8 weeks", _check_q2,
            hints=("You need the rows that are minor AND took 56 days or fewer.",
                   "Join two conditions with &, each in its own round brackets, as in the householder example; "
                   "'56 days or fewer' is <= 56 on days_to_decide.",
                   "answer_q2 = len(applications[(applications[___] == ___)\n"
                   "                              & (applications[___] <= ___)])"),
            praise="Two conditions joined with & answer most 'how many ... and ...' questions.",
        ),
        ExerciseSpec(
            "q3", "Percentage of decided minor applications decided in time", _check_q3,
            hints=("Divide your answer to question 2 by the number of minor applications that have been decided "
                   "(not pending), and multiply by 100.",
                   "As in the refused-percentage example: keep the rows that are minor and whose decision is not "
                   "'Pending' (!=), count them with len(...), then part / whole * 100.",
                   "decided_minor = applications[(applications[___] == ___) & (applications[___] != ___)]\n"
                   "answer_q3 = ___ / len(___) * 100"),
            praise="The right whole makes the percentage honest: pending applications are not yet late or on time.",
            builds_on=("q2",),
        ),
    ),
)
