"""Code-club challenges c05-c08 as a club member meets them: a right answer written another way passes, and the
slips people really make get their own sentence, on more than one member's data."""

from __future__ import annotations

import pandas as pd
import pytest

from academy.notebook import module

LEARNERS = ["hannah", "tariq"]


# ---------------------------------------------------------------- c05: business rates published as text


@pytest.fixture(scope="module", params=LEARNERS)
def c05(request):
    ex = module("c05", learner=request.param)
    rates = pd.read_csv(ex.file("business_rates_list.csv"))
    return ex, rates, ex.table("wards")


def test_c05_the_published_file_holds_text_with_pound_signs_and_commas(c05):
    ex, rates, _ = c05
    assert not pd.api.types.is_numeric_dtype(rates["rateable_value"])
    assert rates["rateable_value"].str.startswith("£").all()
    assert rates["rateable_value"].str.contains(",").any()
    assert len(rates) == len(ex.context.table("business_rates"))


def test_c05_values_cleaned_any_way_pass_and_half_cleaned_ones_are_named(c05):
    ex, rates, _ = c05
    text = rates["rateable_value"]
    assert ex.q1.check(text.str.replace("[£,]", "", regex=True).astype(int)).passed
    assert ex.q1.check(text.str.lstrip("£").str.replace(",", "").astype(float)).passed
    assert "still text" in ex.q1.check(text.str.replace("£", "")).message
    coerced = pd.to_numeric(text.str.replace("£", ""), errors="coerce")
    assert "errors='coerce'" in ex.q1.check(coerced).message
    total = pd.to_numeric(text.str.replace("[£,]", "", regex=True)).sum()
    assert "the values themselves" in ex.q1.check(total).message


def test_c05_totals_per_category_and_ward_name_slips_averages_counts_codes_and_order(c05):
    ex, rates, wards = c05
    rates = rates.assign(rv=pd.to_numeric(rates["rateable_value"].str.replace("[£,]", "", regex=True)))
    assert ex.q2.check(rates.groupby("category")["rv"].sum().sort_values()).passed
    assert ex.q2.check(rates.pivot_table(index="category", values="rv", aggfunc="sum")).passed
    assert "averages (means)" in ex.q2.check(rates.groupby("category")["rv"].mean()).message
    assert "text glued together" in ex.q2.check(rates.groupby("category")["rateable_value"].sum()).message
    named = rates.merge(wards, on="ward_code")
    totals = named.groupby("ward_name")["rv"].sum().reset_index(name="total_rateable_value")
    assert ex.q3.check(totals.nlargest(5, "total_rateable_value")).passed
    assert ex.q3.check(totals.nlargest(5, "total_rateable_value")[["total_rateable_value", "ward_name"]]).passed
    assert "LEAST" in ex.q3.check(totals.sort_values("total_rateable_value").head(5)).message
    by_code = rates.groupby("ward_code")["rv"].sum().reset_index(name="total_rateable_value")
    assert "by code" in ex.q3.check(by_code.nlargest(5, "total_rateable_value")).message
    counts = named.groupby("ward_name").size().reset_index(name="total_rateable_value")
    assert "numbers of properties" in ex.q3.check(counts.nlargest(5, "total_rateable_value")).message


# ---------------------------------------------------------------- c06: two councils, two sets of column names


def _combined(bolton, salford, *, drop_repeats=True, drop_total=True):
    b = bolton.rename(columns={"Incident Ref": "incident_ref", "Waste Type": "waste_type"})
    s = salford.rename(columns={"ref": "incident_ref", "waste": "waste_type"})
    if drop_total:
        s = s[s["incident_ref"] != "Total"]
    both = pd.concat([b.assign(council="Bolton"), s.assign(council="Salford")], ignore_index=True)
    both = both[["council", "incident_ref", "waste_type"]]
    return both.drop_duplicates() if drop_repeats else both


@pytest.fixture(scope="module", params=LEARNERS)
def c06(request):
    ex = module("c06", learner=request.param)
    return ex, ex.table("publication_bolton"), ex.table("publication_salford")


def test_c06_one_table_passes_and_stacking_repeats_and_the_totals_row_are_named(c06):
    ex, bolton, salford = c06
    assert ex.q1.check(_combined(bolton, salford)).passed
    codes = _combined(bolton, salford).replace({"Bolton": "E08000001", "Salford": "E08000006"})
    assert ex.q1.check(codes).passed  # council codes are as good as names
    unrenamed = pd.concat([bolton.assign(council="Bolton"), salford.assign(council="Salford")])
    assert "Rename each council's columns" in ex.q1.check(unrenamed).message
    assert ".drop_duplicates()" in ex.q1.check(_combined(bolton, salford, drop_repeats=False)).message
    assert "totals row" in ex.q1.check(_combined(bolton, salford, drop_total=False)).message


def test_c06_counts_in_any_layout_pass_and_two_spellings_are_named(c06):
    ex, bolton, salford = c06
    both = _combined(bolton, salford)
    tidy = both.assign(waste_type=both["waste_type"].str.capitalize())
    assert ex.q2.check(tidy.groupby(["council", "waste_type"]).size()).passed
    assert ex.q2.check(pd.crosstab(tidy["waste_type"], tidy["council"])).passed
    assert ex.q2.check(pd.crosstab(tidy["council"], tidy["waste_type"], margins=True)).passed
    assert ex.q2.check(tidy.groupby(["waste_type", "council"]).size().reset_index(name="n")).passed
    message = ex.q2.check(both.groupby(["council", "waste_type"]).size()).message
    assert "spelled differently" in message and ".str.capitalize()" in message
    assert "councils added together" in ex.q2.check(tidy["waste_type"].value_counts()).message


def test_c06_counting_their_own_question_1_table_passes_question_2(c06):
    ex, bolton, salford = c06
    kept_repeats = _combined(bolton, salford, drop_repeats=False)
    counted = kept_repeats.assign(waste_type=kept_repeats["waste_type"].str.capitalize()).groupby(
        ["council", "waste_type"]).size()
    assert not ex.q1.check(kept_repeats).passed
    assert ex.q2.judge(counted, {"q1": kept_repeats}).passed  # one slip costs once
    assert "counted twice" in ex.q2.judge(counted).message  # with no earlier answer known, the reference decides


# ---------------------------------------------------------------- c07: typical claim length, claims per quarter


@pytest.fixture(scope="module", params=LEARNERS)
def c07(request):
    ex = module("c07", learner=request.param)
    claimants = ex.table("claimants")
    start = (pd.Period("2025-03", freq="M") - claimants["months_claiming"]).astype("period[M]")
    return ex, claimants, start


def test_c07_medians_pass_and_means_or_one_number_for_everyone_are_named(c07):
    ex, claimants, _ = c07
    assert ex.q1.check(claimants.groupby("sex")["months_claiming"].median()).passed
    assert ex.q1.check(claimants.pivot_table(index="sex", values="months_claiming", aggfunc="median")).passed
    assert "averages (means)" in ex.q1.check(claimants.groupby("sex")["months_claiming"].mean()).message
    assert "every claimant together" in ex.q1.check(claimants["months_claiming"].median()).message


@pytest.mark.parametrize("label", ["period", "text", "year and quarter", "quarter starts"])
def test_c07_quarters_labelled_any_way_with_their_year_pass(c07, label):
    ex, claimants, start = c07
    recent = start[(start >= pd.Period("2023-04", freq="M")) & (start <= pd.Period("2025-03", freq="M"))]
    answer = {
        "period": lambda: recent.dt.asfreq("Q").value_counts().sort_index(),
        "text": lambda: ("Q" + recent.dt.quarter.astype(str) + " " + recent.dt.year.astype(str)).value_counts(),
        "year and quarter": lambda: recent.groupby([recent.dt.year, recent.dt.quarter]).size(),
        "quarter starts": lambda: recent.dt.to_timestamp().dt.to_period("Q").dt.to_timestamp().value_counts(),
    }[label]()
    assert ex.q2.check(answer).passed


def test_c07_quarters_without_a_year_every_quarter_or_a_late_start_are_named(c07):
    ex, _, start = c07
    recent = start[start >= pd.Period("2023-04", freq="M")]
    assert "without the year" in ex.q2.check(recent.dt.quarter.value_counts()).message
    assert "keep only the claims" in ex.q2.check(start.dt.asfreq("Q").value_counts()).message
    assert "Your labels are months" in ex.q2.check(recent.value_counts()).message
    late = (start + 1)
    late = late[(late >= pd.Period("2023-04", freq="M")) & (late <= pd.Period("2025-03", freq="M"))]
    assert "one month late" in ex.q2.check(late.dt.asfreq("Q").value_counts()).message


# ---------------------------------------------------------------- c08: persistent absence and free school meals


@pytest.fixture(scope="module", params=LEARNERS)
def c08(request):
    ex = module("c08", learner=request.param)
    attendance, pupils = ex.table("attendance"), ex.table("pupils")
    year = attendance.groupby("pupil_id")[["attended_sessions", "possible_sessions"]].sum()
    rate = year["attended_sessions"] / year["possible_sessions"]
    return ex, attendance, pupils, rate


def _rates(pupils, labels, digits=1):
    labelled = pupils.assign(pa=pupils["pupil_id"].map(labels))
    return (labelled.groupby("free_school_meals")["pa"].mean() * 100).round(digits)


def test_c08_labels_pass_and_the_90_percent_line_and_term_averages_are_named(c08):
    ex, attendance, _, rate = c08
    assert ex.q1.check(rate <= 0.9).passed
    assert ex.q1.check((rate <= 0.9).astype(int).rename("persistently_absent").reset_index()).passed
    if (rate == 0.9).any():
        assert "use <= 0.9, not < 0.9" in ex.q1.check(rate < 0.9).message
    terms = (attendance["attended_sessions"] / attendance["possible_sessions"]).groupby(attendance["pupil_id"]).mean()
    if ((terms <= 0.9) != (rate <= 0.9)).any():
        assert "averaged the three terms" in ex.q1.check(terms <= 0.9).message
    per_term = attendance["attended_sessions"] / attendance["possible_sessions"] <= 0.9
    assert "one per pupil per term" in ex.q1.check(per_term).message
    assert "compare it with 0.9, not 90" in ex.q1.check(rate <= 90).message


def test_c08_rates_to_one_decimal_pass_in_words_too_and_shares_or_flips_are_named(c08):
    ex, _, pupils, rate = c08
    rates = _rates(pupils, rate <= 0.9)
    assert ex.q2.check(rates).passed
    assert ex.q2.check(pd.Series({"FSM": rates[True], "Not FSM": rates[False]})).passed
    assert "shares (like 0.25)" in ex.q2.check(_rates(pupils, rate <= 0.9, 3) / 100).message
    unrounded = _rates(pupils, rate <= 0.9, 8)
    assert ".round(1)" in ex.q2.check(unrounded).message
    labelled = pupils.assign(pa=pupils["pupil_id"].map(rate <= 0.9))
    flipped = (labelled[labelled["pa"]]["free_school_meals"].value_counts(normalize=True) * 100).round(1)
    assert "add up to 100" in ex.q2.check(flipped).message


def test_c08_later_questions_are_judged_on_the_members_own_earlier_answers(c08):
    ex, _, pupils, rate = c08
    strict = rate < 0.85  # a wrong line in question 1
    theirs = _rates(pupils, strict)
    assert not ex.q1.check(strict).passed
    assert ex.q2.judge(theirs, {"q1": strict}).passed
    assert ".round(1)" in ex.q2.judge(_rates(pupils, strict, 8), {"q1": strict}).message  # told what, not a number
    gap = round(theirs[True] - theirs[False], 1)
    assert ex.q3.judge(gap, {"q2": theirs}).passed


def test_c08_a_gap_in_percentage_points_passes_and_ratios_or_relative_gaps_are_named(c08):
    ex, _, pupils, rate = c08
    rates = _rates(pupils, rate <= 0.9)
    assert ex.q3.check(round(rates[True] - rates[False], 1)).passed
    assert ex.q3.check(float(rates.diff().iloc[-1])).passed
    assert "times as likely" in ex.q3.check(rates[True] / rates[False]).message
    assert "relative difference" in ex.q3.check((rates[True] - rates[False]) / rates[False] * 100).message
    assert "wrong way round" in ex.q3.check(rates[False] - rates[True]).message
