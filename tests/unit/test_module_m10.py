"""m10, energy and fuel poverty from a utility's extract: what a learner would notice in the feedback, and that the
lesson's distinctions hold for every learner's variant of the data."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from academy.checks import registry  # noqa: E402
from academy.exercises import capture  # noqa: E402
from academy.notebook import module  # noqa: E402
from academy.testing.selfcheck import published_answers  # noqa: E402

NOTEBOOK = Path(__file__).resolve().parents[2] / "courses" / "accelerator" / "source" / "m10" / "m10.ipynb"


@pytest.fixture(scope="module")
def m10():
    ex = module("m10", learner="hannah")
    return ex, published_answers(ex)


@pytest.fixture(scope="module")
def checks():
    return registry.module("m10").checks


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def recorded(value):
    """The answer as the grader sees it: recorded in the kernel, read back in its own process."""
    return capture.decode(*capture.encode(value))


def bars(values, *, title="Meters on prepayment, by deprivation decile", ylabel="% of meters on prepayment"):
    fig, ax = plt.subplots()
    ax.bar(range(1, 11), np.asarray(values, dtype=float))
    ax.set(title=title, xlabel="IMD decile (1 = most deprived)", ylabel=ylabel)
    return ax


def test_every_published_answer_passes_and_survives_being_recorded(m10):
    ex, answers = m10
    for name, answer in answers.items():
        assert getattr(ex, name).check(answer).passed, name
        assert getattr(ex, name).check(recorded(answer)).passed, name


def test_right_answers_in_other_shapes_survive_being_recorded(m10):
    """A Series labelled by ward and fuel (q3) and a pivot table with a named column axis (q5) cross to the checker."""
    ex, answers = m10
    per_ward = answers["q3"].set_index(["ward_code", "FUEL"])["METERS"]
    assert ex.q3.check(recorded(per_ward)).passed
    meters = ex.table("meters").astype({"fuel": "str"})
    joined = meters.merge(ex.table("lsoas")[["lsoa_code", "imd_decile"]], on="lsoa_code")
    pivot = joined.pivot_table(index="imd_decile", columns="fuel", values="annual_kwh", aggfunc="median")
    assert ex.q5.check(recorded(pivot)).passed


def test_the_chart_is_judged_on_the_learners_own_question_4(m10):
    """One slip costs once: electricity meters only in q4, drawn faithfully in q6, passes q6."""
    ex, answers = m10
    meters, lsoas = ex.table("meters"), ex.table("lsoas")
    joined = meters.merge(lsoas[["lsoa_code", "imd_decile"]], on="lsoa_code")
    electric = joined[joined["fuel"] == "Electricity"].groupby("imd_decile")["prepayment"].mean() * 100
    assert "electricity meters only" in ex.q4.check(electric).message
    ax = bars(electric)
    assert ex.q6.judge(ax, {"q4": electric}).passed
    assert not ex.q6.judge(ax).passed
    assert ex.q6.judge(bars(answers["q4"]), {"q4": electric}).passed  # q4 fixed since: the right chart still passes


def test_the_chart_may_show_either_fuels_median_but_must_say_which(m10):
    ex, answers = m10
    gas = answers["q5"]["Gas"]
    assert ex.q6.check(bars(gas, title="Median gas use per meter", ylabel="Median kWh a year")).passed
    unnamed = ex.q6.check(bars(answers["q5"]["Electricity"], title="Median use per meter", ylabel="kWh a year"))
    assert "(electricity)" in unnamed.message
    means = ex.q5.check(answers["q5"] * 1.1)
    assert not means.passed


def test_odd_earlier_answers_fall_back_to_the_reference(m10):
    ex, answers = m10
    right = bars(answers["q4"])
    for odd in ({"q4": "prepayment", "q5": {"a": 1}}, {"q4": pd.Series([1, 2]), "q5": pd.DataFrame({"x": [1]})},
                {"q4": pd.Series(range(10), index=list("abcdefghij")), "q5": answers["q5"].T}):
        assert ex.q6.judge(right, odd).passed


def test_the_terms_question_is_marked_on_submission(m10):
    ex, answers = m10
    wrong = dict(answers["q7"], publish_ward_totals_from_the_meter_table_beside_the_lsoa_extract=True)
    now = ex.q7.judge_now(wrong)
    assert now.held and not now.passed and not now.problems  # well formed: kept for marking, no verdict
    assert not ex.q7.judge(wrong).passed
    assert ex.q7.judge(answers["q7"]).passed
    short = {k: v for k, v in list(answers["q7"].items())[:5]}
    assert "Answer every statement" in ex.q7.judge_now(short).message


def test_the_statements_in_the_notebook_are_the_ones_the_check_marks(checks):
    nb = json.loads(NOTEBOOK.read_text())
    question = next("".join(c["source"]) for c in nb["cells"]
                    if c["metadata"].get("nbgrader", {}).get("grade_id") == "q7_question")
    listed = [line.strip()[4:-2] for line in question.splitlines() if line.startswith("- `'")]
    assert listed == list(checks.TERMS)
    assert sum(allowed for allowed, _ in checks.TERMS.values()) == 3


def test_the_cabinet_note_is_marked_by_hand_against_its_rubric():
    nb = json.loads(NOTEBOOK.read_text())
    note = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "cabinet_note")
    assert note["metadata"]["nbgrader"]["grade"] and note["metadata"]["nbgrader"]["points"] == 4
    assert "Contains data supplied by Northern Power & Gas" in "".join(note["source"])


@pytest.mark.parametrize("learner", ["amy", "bo", "cy", "dee", "eli", "fay"])
def test_every_learner_can_tell_the_typical_mistakes_from_the_right_answer(learner, checks):
    """The wrong answers the feedback names give another result than the right one, in every variant."""
    ex = module("m10", learner=learner)
    extract, meters, lsoas = ex.table("lsoa_consumption"), ex.table("meters"), ex.table("lsoas")
    per_ward = checks._hidden_per_ward(extract, lsoas)
    expected = checks.disclosive_wards(extract, lsoas)
    assert len(expected) >= 20
    assert set(per_ward.index[per_ward["areas"] == 1]) != expected  # "exactly one suppressed area" is not enough
    assert set(per_ward.index[per_ward["meters"] <= 5]) != expected  # a ward holding exactly 5 meters is safe
    kwh = checks.missing_share(extract, meters)
    by_meters = checks.suppressed_by_fuel(extract)["meters"] / extract.groupby("FUEL")["METERS"].sum() * 100
    assert (abs(kwh - by_meters) > 0.001).any()  # close, but the check tells them apart (q2 is not rounded)
    assert "per cent of *meters*" in ex.q2.check(by_meters).message
    assert ex.q2.check(kwh.rename({"ELEC": "Electricity", "GAS": "Gas"})).passed
    medians, means = checks.median_by_decile(meters, lsoas), checks.median_by_decile(meters, lsoas, "mean")
    assert (abs(means - medians) > 1).all().all()


def test_suppressed_rows_mixed_up_with_published_ones_are_named(m10):
    ex, _ = m10
    extract = ex.table("lsoa_consumption")
    shown = extract[extract["TOTAL_KWH"].notna()]
    answer = shown.groupby("FUEL").agg(areas=("LSOA_CD", "size"), meters=("METERS", "sum"))
    assert ".notna()" in ex.q1.check(answer).message
    labelled = extract[extract["TOTAL_KWH"].isna()].groupby("FUEL").agg(
        areas=("LSOA_CD", "size"), meters=("METERS", "sum")).rename({"ELEC": "Electricity", "GAS": "Gas"})
    assert ex.q1.check(labelled).passed
