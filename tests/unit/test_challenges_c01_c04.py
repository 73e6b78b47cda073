"""Code-club challenges c01-c04: what a club member answering them would notice in the feedback (a right answer
written another way passes, a named slip gets its own sentence), and that each sheet fits its session."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest

from academy.notebook import module

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

COURSE = Path(__file__).resolve().parents[2] / "courses" / "accelerator"


@pytest.fixture(scope="module")
def c01():
    return module("c01", learner="aisha")


@pytest.fixture(scope="module")
def c02():
    return module("c02", learner="aisha")


@pytest.fixture(scope="module")
def c03():
    return module("c03", learner="aisha")


@pytest.fixture(scope="module")
def c04():
    return module("c04", learner="aisha")


# ------------------------------------------------------------------- c01, council-tax bands


def test_c01_counts_written_other_ways_pass(c01):
    p = c01.table("properties")
    assert c01.q1.check(p.shape[0]).passed
    assert c01.q2.check(p.groupby("band", observed=True).size()).passed
    counts = p["band"].value_counts()
    assert c01.q2.check(counts.set_axis([f"Band {b}" for b in counts.index])).passed  # labels written out
    assert c01.q3.check(f" band {counts.idxmax().lower()} ").passed


def test_c01_first_notebook_slips_are_named(c01):
    p = c01.table("properties")
    assert "properties.shape gives two numbers" in c01.q1.check(p.shape).message
    assert "number of columns" in c01.q1.check(len(p.columns)).message
    assert "single-person discount" in c01.q2.check(p["single_person_discount"].value_counts()).message
    assert "shares of all homes" in c01.q2.check(p["band"].value_counts(normalize=True)).message
    counts = p["band"].value_counts()
    assert "FEWEST" in c01.q3.check(counts.idxmin()).message
    assert "in quotes, code is only text" in c01.q3.check("answer_q2.idxmax()").message
    assert "give the band's letter" in c01.q3.check(int(counts.max())).message


def test_c01_most_common_band_follows_the_learners_own_counts(c01):
    """One slip is marked once: the most common band of a learner's own (wrong) question 2 passes question 3."""
    counts = c01.table("properties")["band"].value_counts()
    own = counts.copy()
    own[counts.index[1]] = counts.max() + 50  # a slip in question 2 made the second band the biggest
    assert not c01.q3.check(own.idxmax()).passed
    assert c01.q3.judge(own.idxmax(), {"q2": own}).passed


# ------------------------------------------------------------------- c02, planning in time


def _days(apps):
    return (apps["decision_date"] - apps["received_date"]).dt.days


def test_c02_right_answers_written_other_ways_pass(c02):
    a = c02.table("planning_applications")
    minor = a["development_scale"] == "Minor"
    in_time = int((minor & (_days(a) <= 8 * 7)).sum())
    decided = a[minor & _days(a).notna()]
    assert c02.q1.check(a["development_scale"].value_counts()["Minor"]).passed
    assert c02.q2.check(in_time).passed
    assert c02.q3.check(round((_days(decided) <= 56).mean() * 100, 1)).passed


def test_c02_slips_with_conditions_and_wholes_are_named(c02):
    a = c02.table("planning_applications")
    minor = a["development_scale"] == "Minor"
    days = _days(a)
    assert "capital letter too" in c02.q1.check(int((a["development_scale"] == "minor").sum())).message
    assert "use <= (at most), not <" in c02.q2.check(int((minor & (days < 56)).sum())).message
    assert "every size" in c02.q2.check(int((days <= 56).sum())).message
    in_time = int((minor & (days <= 56)).sum())
    pending = int((minor & (a["decision"] == "Pending")).sum())
    message = c02.q3.check(in_time / int(minor.sum()) * 100).message
    assert f"the {pending:,} still pending too" in message
    assert "multiply by 100" in c02.q3.check(in_time / int((minor & days.notna()).sum())).message


def test_c02_percentage_builds_on_the_learners_own_count(c02):
    a = c02.table("planning_applications")
    minor = a["development_scale"] == "Minor"
    days = _days(a)
    own_q2 = int((minor & (days < 56)).sum())  # the < slip in question 2
    from_own = own_q2 / int((minor & days.notna()).sum()) * 100
    assert not c02.q3.check(from_own).passed
    assert c02.q3.judge(from_own, {"q2": own_q2}).passed


# ------------------------------------------------------------------- c03, one chart


def _chart(series, title="Requests by type", xlabel="Type of request", ylabel="Number of requests", kind="bar"):
    fig, ax = plt.subplots()
    getattr(series.plot, kind)(ax=ax)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax


def test_c03_charts_chosen_other_ways_pass(c03):
    counts = c03.table("requests")["request_type"].value_counts()
    assert c03.q1.check(counts.sort_index()).passed
    # horizontal, largest at the top: the value axis is the horizontal one
    assert c03.q2.check(_chart(counts.sort_values(), xlabel="Number of requests", ylabel="Type of request",
                               kind="barh")).passed
    shares = counts / counts.sum() * 100
    assert c03.q2.check(_chart(shares, ylabel="Percentage of requests")).passed
    plt.close("all")


def test_c03_chart_slips_are_named(c03):
    counts = c03.table("requests")["request_type"].value_counts()
    assert "not in order of size" in c03.q2.check(_chart(counts.sort_index())).message
    assert "no title" in c03.q2.check(_chart(counts, title="")).message
    assert "request_type is the column's name" in c03.q2.check(_chart(counts, xlabel="request_type")).message
    assert "take them for percentages" in c03.q2.check(_chart(counts, ylabel="% of requests")).message
    fig, ax = plt.subplots()
    counts.plot(ax=ax)
    assert "line chart" in c03.q2.check(ax).message
    plt.close("all")


# ------------------------------------------------------------------- c04, rates per ward


def _asb(incidents, years=("2024-25",)):
    return incidents[(incidents["incident_type"] == "Anti-social behaviour")
                     & incidents["financial_year"].isin(years)]


def _rates(incidents, wards, years=("2024-25",), per="population"):
    counts = _asb(incidents, years)["ward_code"].value_counts()
    table = wards.assign(n=wards["ward_code"].map(counts).fillna(0))
    return table.assign(asb_per_1000=table["n"] / len(years) / table[per] * 1000)


def test_c04_either_period_is_a_right_choice(c04):
    incidents, wards = c04.table("incidents"), c04.table("wards")
    names = dict(zip(wards["ward_code"], wards["ward_name"]))
    counts = _asb(incidents)["ward_code"].value_counts()
    assert c04.q1.check(counts.set_axis(counts.index.map(names))).passed  # labelled by ward name
    latest = _rates(incidents, wards).nlargest(10, "asb_per_1000")
    assert c04.q2.check(latest[["asb_per_1000", "ward_name", "n"]].round({"asb_per_1000": 2})).passed
    steadier = _rates(incidents, wards, ("2022-23", "2023-24", "2024-25")).nlargest(10, "asb_per_1000")
    assert c04.q2.check(steadier[["ward_name", "asb_per_1000"]]).passed


def test_c04_rate_slips_are_named(c04):
    incidents, wards = c04.table("incidents"), c04.table("wards")
    assert "calendar year 2024" in c04.q1.check(
        incidents[(incidents["incident_type"] == "Anti-social behaviour")
                  & (incidents["reported_at"].dt.year == 2024)].groupby("ward_code").size()).message
    households = _rates(incidents, wards, per="households").nlargest(10, "asb_per_1000")
    assert "per 1,000 households" in c04.q2.check(households[["ward_name", "asb_per_1000"]]).message
    three = _rates(incidents, wards, ("2022-23", "2023-24", "2024-25"))
    three = three.assign(asb_per_1000=three["asb_per_1000"] * 3).nlargest(10, "asb_per_1000")
    assert "divide by 3" in c04.q2.check(three[["ward_name", "asb_per_1000"]]).message
    lowest = _rates(incidents, wards).nsmallest(10, "asb_per_1000").sort_values("asb_per_1000")
    assert "ten LOWEST" in c04.q2.check(lowest[["ward_name", "asb_per_1000"]]).message


def test_c04_wards_in_both_top_tens(c04):
    incidents, wards = c04.table("incidents"), c04.table("wards")
    new = _rates(incidents, wards).nlargest(10, "asb_per_1000")
    old = _rates(incidents, wards, ("2023-24",)).nlargest(10, "asb_per_1000")
    both = new[new["ward_code"].isin(old["ward_code"])]
    assert c04.q3.check(list(both["ward_name"])[::-1]).passed  # any order, a plain list
    assert c04.q3.check(set(both["ward_code"])).passed  # codes instead of names
    assert "not how many" in c04.q3.check(len(both)).message
    assert "True or False for each ward" in c04.q3.check(new["ward_code"].isin(old["ward_code"])).message


# ------------------------------------------------------------------- the pack


def test_each_challenge_is_taught_before_tested_and_its_sheet_fits_the_session():
    import nbformat

    from academy.checks.teaching import untaught
    from academy.curriculum import load
    from academy.organiser_sheet import problems

    cur = load(COURSE)
    mine = [c for c in cur.challenges if c.id in ("c01", "c02", "c03", "c04")]
    assert [c.id for c in mine] == ["c01", "c02", "c03", "c04"]
    assert problems(COURSE, mine) == []
    for c in mine:
        nb = nbformat.read(str(COURSE / "source" / c.id / f"{c.id}.ipynb"), as_version=4)
        assert untaught(nb.cells) == [], c.id
        assert c.level in (1, 2) and 20 <= c.minutes <= 30
