"""m04, visualising and communicating: what a learner drawing these charts would notice in the feedback."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from academy.exercises import capture  # noqa: E402
from academy.exercises.chart_reader import ChartData, chart_data  # noqa: E402
from academy.notebook import module  # noqa: E402
from academy.testing.selfcheck import published_answers  # noqa: E402


@pytest.fixture(scope="module")
def m04():
    ex = module("m04", learner="hannah")
    return ex, published_answers(ex)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def recorded(ax) -> ChartData:
    """The chart as the grader sees it: recorded in the kernel, read back in its own process."""
    return capture.decode(*capture.encode(ax))


def ranking(values: pd.Series, *, invert: bool, title: str = "Residents in the most deprived 10% of areas"):
    fig, ax = plt.subplots()
    shown = values if invert else values.sort_values()
    ax.barh(shown.index, shown.values)
    if invert:
        ax.invert_yaxis()
    ax.set_title(title)
    ax.set_xlabel("% of residents")
    return ax


def test_a_ranking_drawn_largest_first_with_the_axis_turned_over_passes_live_and_recorded(m04):
    """Issue 17: q2 refused ax.invert_yaxis(), the fix its own feedback suggests (and m09's idiom)."""
    ex, answers = m04
    ax = ranking(answers["q1"], invert=True)
    assert ex.q2.check(ax).passed
    assert ex.q2.check(recorded(ax)).passed
    fig, flat = plt.subplots()
    flat.barh(answers["q1"].index, answers["q1"].values)  # largest first, axis not turned: largest at the bottom
    flat.set(title="Residents in the most deprived 10% of areas", xlabel="% of residents")
    assert "ax.invert_yaxis()" in ex.q2.check(flat).message


def test_the_ranking_chart_is_judged_on_the_learners_own_question_1(m04):
    """One slip costs once: areas instead of residents in q1, drawn faithfully in q2, passes q2."""
    ex, answers = m04
    lsoas, councils = ex.table("lsoas"), ex.table("councils")
    by_areas = (lsoas["imd_decile"] == 1).groupby(lsoas["council_code"]).mean() * 100
    by_areas.index = by_areas.index.map(councils.set_index("council_code")["council_name"])
    by_areas = by_areas.sort_values(ascending=False)
    assert not ex.q1.check(by_areas).passed
    ax = ranking(by_areas, invert=False)
    assert ex.q2.judge(ax, {"q1": by_areas}).passed
    assert "not the per cents from question 1" in ex.q2.judge(ax).message
    right = ranking(answers["q1"], invert=False)
    assert ex.q2.judge(right, {"q1": by_areas}).passed  # q1 fixed since: the right chart still passes


def test_per_cents_rounded_to_one_decimal_place_pass_but_whole_numbers_do_not(m04):
    ex, answers = m04
    assert ex.q1.check(answers["q1"].round(1)).passed
    whole = answers["q1"].round(0)
    assert (whole - answers["q1"]).abs().max() > 0.06  # this learner's shares are not all near whole numbers
    assert not ex.q1.check(whole).passed


def test_council_codes_instead_of_names_are_named(m04):
    ex, answers = m04
    councils = ex.table("councils")
    by_code = answers["q1"].rename(dict(zip(councils["council_name"], councils["council_code"])))
    assert "swap the codes for the councils' names" in ex.q1.check(by_code).message


def test_decile_counts_must_be_in_decile_order(m04):
    ex, answers = m04
    assert ex.q3.check(answers["q3"]).passed
    message = ex.q3.check(answers["q3"].sort_values()).message
    assert "decile order, 1 to 10" in message


def test_the_decile_chart_is_judged_on_the_learners_own_question_3(m04):
    ex, answers = m04
    slipped = answers["q3"].copy()
    slipped[1] += 5  # a miscount in q3
    fig, ax = plt.subplots()
    ax.bar(slipped.index, slipped.values)
    ax.set(title="Areas by deprivation decile", xlabel="IMD decile (1 = most deprived)", ylabel="Number of LSOAs")
    assert ex.q4.judge(ax, {"q3": slipped}).passed
    assert not ex.q4.judge(ax).passed


def monthly_asb(incidents: pd.DataFrame) -> pd.Series:
    asb = incidents[incidents["incident_type"] == "Anti-social behaviour"]
    return asb["reported_at"].dt.to_period("M").value_counts().sort_index()


def test_the_trend_passes_as_a_line_or_as_columns_and_names_youth_offences_counted_in(m04):
    ex, _ = m04
    incidents = ex.given("incidents")
    monthly = monthly_asb(incidents)
    assert len(monthly) == 36
    fig, line = plt.subplots()
    monthly.plot(ax=line, title="ASB reports per month", xlabel="Month", ylabel="Reports per month")
    assert ex.q6.check(line).passed
    assert ex.q6.check(recorded(line)).passed
    fig, columns = plt.subplots()
    columns.bar(monthly.index.astype(str), monthly.values)
    columns.set(title="ASB reports per month", xlabel="Month", ylabel="Reports per month")
    assert ex.q6.check(columns).passed
    everything = incidents["reported_at"].dt.to_period("M").value_counts().sort_index()
    fig, ax = plt.subplots()
    ax.plot(everything.index.to_timestamp(), everything.values)
    ax.set(title="Reports per month", xlabel="Month", ylabel="Reports per month")
    assert "youth offences too" in ex.q6.check(ax).message


def test_a_second_line_needs_a_legend(m04):
    ex, _ = m04
    incidents = ex.given("incidents")
    table = pd.crosstab(incidents["reported_at"].dt.to_period("M"), incidents["incident_type"])
    fig, ax = plt.subplots()
    for kind in table.columns:
        ax.plot(table.index.to_timestamp(), table[kind], label=kind)
    ax.set(title="Incidents per month", xlabel="Month", ylabel="Incidents per month")
    assert "add a legend" in ex.q6.check(ax).message
    ax.legend()
    assert ex.q6.check(ax).passed


def decile_map(lsoas: pd.DataFrame, *, colour_bar: str | None):
    fig, ax = plt.subplots()
    points = ax.scatter(lsoas["longitude"], lsoas["latitude"], c=lsoas["imd_decile"], cmap="magma", s=4)
    if colour_bar is not None:
        fig.colorbar(points, ax=ax, label=colour_bar)
    ax.set_title("Deprivation by small area")
    return ax


def test_the_map_needs_a_colour_key_that_says_what_the_colours_are(m04):
    ex, _ = m04
    lsoas = ex.table("lsoas")
    good = decile_map(lsoas, colour_bar="IMD decile (1 = most deprived)")
    assert ex.q7.check(good).passed
    assert ex.q7.check(recorded(good)).passed  # the colour bar's label survives the grader's record
    assert "Add a colour bar" in ex.q7.check(decile_map(lsoas, colour_bar=None)).message
    assert "Label the colour bar" in ex.q7.check(decile_map(lsoas, colour_bar="")).message


def test_a_map_drawn_one_decile_at_a_time_with_a_legend_passes(m04):
    ex, _ = m04
    lsoas = ex.table("lsoas")
    fig, ax = plt.subplots()
    for decile, areas in lsoas.groupby("imd_decile"):
        ax.scatter(areas["longitude"], areas["latitude"], s=4, label=f"Decile {decile}")
    ax.set_title("Deprivation by small area")
    assert "legend" in ex.q7.check(ax).message
    ax.legend()
    assert ex.q7.check(ax).passed


def ward_chart(ex, council_name: str, title: str):
    lsoas, wards, councils = ex.table("lsoas"), ex.table("wards"), ex.table("councils")
    code = councils.loc[councils["council_name"] == council_name, "council_code"].iloc[0]
    own = lsoas[lsoas["council_code"] == code]
    share = own["population"].where(own["imd_decile"] == 1, 0).groupby(own["ward_code"]).sum()
    share = share / own.groupby("ward_code")["population"].sum() * 100
    share.index = share.index.map(wards.set_index("ward_code")["ward_name"])
    return ranking(share, invert=False, title=title)


@pytest.mark.parametrize("council", ["Manchester", "Trafford", "Wigan"])
def test_the_ward_chart_passes_for_whichever_council_the_learner_chooses(m04, council):
    ex, _ = m04
    ax = ward_chart(ex, council, f"{council}: residents in the most deprived 10% of areas, by ward")
    assert ex.q8.check(ax).passed
    assert ex.q8.check(recorded(ax)).passed


def test_the_ward_chart_title_must_name_the_council(m04):
    ex, _ = m04
    message = ex.q8.check(ward_chart(ex, "Bolton", "Residents in the most deprived areas, by ward")).message
    assert "Say which council" in message and "Bolton" in message


def test_a_chart_record_from_before_maps_were_read_still_decodes():
    """Records written before scatters and colour bars were read have neither key."""
    old = {"title": "t", "xlabel": "x", "ylabel": "y", "bars": [[0, 0, 1, 2]], "lines": [], "legend": []}
    chart = ChartData.from_dict(old)
    assert chart.scatters == () and chart.colour_bars == () and chart.legend_title == ""


def test_lines_over_dates_are_read_as_numbers_in_time_order():
    s = pd.Series([3, 1, 2], index=pd.period_range("2024-01", periods=3, freq="M"))
    fig, ax = plt.subplots()
    ax.plot(s.index.to_timestamp(), s.values)
    (_, xs, ys), = chart_data(ax).lines
    assert list(ys) == [3, 1, 2] and xs[0] < xs[1] < xs[2]


def test_a_map_coloured_with_a_colour_name_per_decile_and_a_legend_passes(m04):
    """c= a list of colour names (one per decile) is colouring by decile too; its key is a hand-made legend."""
    from matplotlib.patches import Patch

    ex, _ = m04
    lsoas = ex.table("lsoas")
    palette = plt.get_cmap("RdYlGn", 10)
    fig, ax = plt.subplots()
    ax.scatter(lsoas["longitude"], lsoas["latitude"], c=[palette(d - 1) for d in lsoas["imd_decile"]], s=4)
    ax.set_title("Deprivation by small area")
    assert "Add a colour bar" in ex.q7.check(ax).message
    ax.legend(handles=[Patch(color=palette(d - 1), label=str(d)) for d in range(1, 11)],
              title="IMD decile (1 = most deprived)")
    assert ex.q7.check(ax).passed
    assert ex.q7.check(recorded(ax)).passed


def test_a_map_coloured_by_rank_is_told_so(m04):
    ex, _ = m04
    lsoas = ex.table("lsoas")
    fig, ax = plt.subplots()
    points = ax.scatter(lsoas["longitude"], lsoas["latitude"], c=lsoas["imd_rank"], s=4)
    fig.colorbar(points, ax=ax, label="IMD decile")
    ax.set_title("Deprivation by small area")
    assert "coloured by imd_rank" in ex.q7.check(ax).message


def test_the_function_is_judged_right_on_data_it_has_not_seen_and_fractions_are_named():
    """q5 is judged by q1's own check on the grader's unseen variant (rounding and order read as in q1)."""
    from academy.checks import registry
    from academy.checks.unseen import unseen_problem, unseen_tables
    from academy.exercises.capture import FunctionResult

    spec, secret = registry.module("m04").spec, "a-secret-for-this-test"
    lsoas, councils = unseen_tables(spec, "q5", "accelerator", "hannah", secret)
    reference = spec.exercise("q5").reference
    right = reference(lsoas, councils)
    assert unseen_problem(spec, "q5", "accelerator", "hannah", secret, right.round(1), right) is None
    fractions = FunctionResult.of(lambda lsoas, councils: reference(lsoas, councils) / 100, [lsoas, councils])
    assert "fractions" in unseen_problem(spec, "q5", "accelerator", "hannah", secret, fractions.output, right)
