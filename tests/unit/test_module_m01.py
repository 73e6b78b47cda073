"""m01, notebooks for spreadsheet users: what a learner answering these questions would notice in the feedback."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from academy.notebook import module  # noqa: E402

NINTHS = dict(zip("ABCDEFGH", [6, 7, 8, 9, 11, 13, 15, 18]))


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def counts_and_charges(ex):
    band_d = ex.given("band_d")
    counts = ex.table("properties")["band"].value_counts().sort_index()
    return counts, {band: round(band_d * n / 9, 2) for band, n in NINTHS.items()}, band_d


@pytest.mark.parametrize("learner", [f"learner{i}" for i in range(12)])
def test_a_total_from_unrounded_charges_passes_as_question_2_accepts_them(learner):
    """Issue 17: q4 refused a total built from unrounded charges in about a quarter of variants."""
    ex = module("m01", learner=learner)
    counts, _, band_d = counts_and_charges(ex)
    unrounded = {band: band_d * n / 9 for band, n in NINTHS.items()}
    assert ex.q2.check(unrounded).passed
    assert ex.q4.check(sum(counts[b] * unrounded[b] for b in NINTHS)).passed
    assert ex.q4.judge(sum(counts[b] * unrounded[b] for b in NINTHS), {"q2": unrounded, "q3": counts}).passed


def test_a_right_total_on_a_slip_in_question_2_costs_the_slip_once():
    ex = module("m01", learner="hannah")
    counts, charges, band_d = counts_and_charges(ex)
    whole_pounds = {band: round(band_d * n / 9) for band, n in NINTHS.items()}
    assert not ex.q2.check(whole_pounds).passed
    built_on_slip = sum(counts[b] * whole_pounds[b] for b in NINTHS)
    assert ex.q4.judge(built_on_slip, {"q2": whole_pounds, "q3": counts}).passed
    assert not ex.q4.judge(built_on_slip).passed, "without the learner's own question 2 it is judged on the truth"
    right = sum(counts[b] * charges[b] for b in NINTHS)
    assert ex.q4.judge(right, {"q2": whole_pounds, "q3": counts}).passed, "fixing q2 later must not cost q4"
    every_home_band_d = len(ex.table("properties")) * band_d
    assert "band D rate" in ex.q4.judge(every_home_band_d, {"q2": whole_pounds, "q3": counts}).message


def chart(values: pd.Series, *, value_label: str, horizontal: bool = False, title: str = "Homes by band"):
    fig, ax = plt.subplots()
    (values.plot.barh if horizontal else values.plot.bar)(ax=ax)
    ax.set_title(title)
    if horizontal:
        ax.set_xlabel(value_label)
        ax.set_ylabel("Band")
    else:
        ax.set_xlabel("Band")
        ax.set_ylabel(value_label)
    return ax


def test_the_chart_may_show_homes_or_percentages_upright_or_horizontal_if_its_axis_says_which():
    ex = module("m01", learner="hannah")
    counts, _, _ = counts_and_charges(ex)
    percent = counts / counts.sum() * 100
    assert ex.q5.check(chart(counts, value_label="Number of homes")).passed
    assert ex.q5.check(chart(counts, value_label="Homes", horizontal=True)).passed
    assert ex.q5.check(chart(percent, value_label="% of homes")).passed
    assert ex.q5.check(chart(counts / counts.sum(), value_label="Share of homes", horizontal=True)).passed
    mislabelled = ex.q5.check(chart(percent, value_label="Number of homes"))
    assert not mislabelled.passed and "say it is a percentage" in mislabelled.message
    assert "a reader will take them for percentages" in ex.q5.check(chart(counts, value_label="Percent")).message


def test_bars_out_of_band_order_or_showing_the_charges_are_named():
    ex = module("m01", learner="hannah")
    counts, charges, _ = counts_and_charges(ex)
    unsorted = ex.q5.check(chart(ex.table("properties")["band"].value_counts(), value_label="Homes"))
    assert not unsorted.passed and ".sort_index()" in unsorted.message
    assert "the heights" not in unsorted.message, "the bars' heights are right: only their order is named"
    assert "charges per band" in ex.q5.check(chart(pd.Series(charges), value_label="Homes")).message


def test_the_chart_is_judged_on_the_learners_own_question_3():
    ex = module("m01", learner="hannah")
    counts, _, _ = counts_and_charges(ex)
    shares = counts / counts.sum()  # a slip in q3: shares, not numbers of homes
    assert not ex.q3.check(shares).passed
    drawn = chart(shares * 100, value_label="% of homes")
    assert ex.q5.judge(drawn, {"q3": shares}).passed
    assert not ex.q5.judge(chart(counts * 2, value_label="Homes"), {"q3": shares}).passed


@pytest.mark.parametrize("module_id", ["m01", "m02"])
def test_every_hint_ladder_ends_in_a_skeleton_with_blanks(module_id):
    ex = module(module_id, learner="hannah")
    for spec in ex.spec.exercises:
        assert "___" in spec.hints[-1], (spec.name, spec.hints[-1])


def test_a_right_chart_after_a_slip_in_question_3_still_passes():
    ex = module("m01", learner="hannah")
    counts, _, _ = counts_and_charges(ex)
    shares = counts / counts.sum()
    assert ex.q5.judge(chart(counts, value_label="Number of homes"), {"q3": shares}).passed
