"""m02, pandas foundations: what a learner answering these questions would notice in the feedback."""

from __future__ import annotations

import pytest

from academy.notebook import module


@pytest.fixture(scope="module")
def ex():
    return module("m02", learner="hannah")


def test_months_without_their_year_are_named_not_shown_as_year_one(ex):
    """Issue 17: month names came back as '0001-01' labels in the feedback."""
    opened = ex.table("requests")["opened_at"]
    for answer in (opened.dt.month_name().value_counts(), opened.dt.month.value_counts().sort_index()):
        message = ex.q4.check(answer).message
        assert "April 2023 and April 2024 are counted together" in message
        assert "0001" not in message
    assert "Your labels are years" in ex.q4.check(opened.dt.year.value_counts()).message
    assert "count per month" in ex.q4.check(opened.groupby(opened.dt.date).size()).message


def test_months_counted_by_closing_or_with_count_are_named(ex):
    r = ex.table("requests")
    closed = r.groupby(r["closed_at"].dt.to_period("M")).size()
    assert "by the month they were opened" in ex.q4.check(closed).message
    counted = r.groupby(r["opened_at"].dt.to_period("M"))["closed_at"].count()
    assert "Count rows with .size()" in ex.q4.check(counted).message


@pytest.mark.parametrize("form", ["%Y-%m", "%b %Y", "%B %Y", "%m/%Y"])
def test_the_learner_chooses_how_the_month_labels_look(ex, form):
    r = ex.table("requests")
    assert ex.q4.check(r["opened_at"].dt.strftime(form).value_counts()).passed
    assert ex.q4.check(r.resample("ME", on="opened_at").size()).passed


def test_open_requests_given_a_number_are_told_in_words_not_nan(ex):
    """Issue 17: filling the open requests in showed 'expected about nan' in the feedback."""
    def filled(requests):
        return ((requests["closed_at"] - requests["opened_at"]).dt.total_seconds() / 86400).fillna(0)

    message = ex.q5.check(filled).message
    assert "Requests still open should have no days to close (NaN); yours give them 0" in message
    assert "about nan" not in message


def test_a_function_that_reads_the_notebooks_table_not_its_input_is_named(ex):
    everything = ex.table("requests")

    def global_table(table):
        return (everything["closed_at"] - everything["opened_at"]).dt.total_seconds() / 86400

    assert "use the table it is given" in ex.q5.check(global_table).message


def test_durations_dropped_rows_or_rounded_days_are_named(ex):
    def durations(requests):
        return requests["closed_at"] - requests["opened_at"]

    def dropped(requests):
        return (durations(requests).dt.total_seconds() / 86400).dropna()

    def rounded(requests):
        return (durations(requests).dt.total_seconds() / 86400).round(1)

    assert "not numbers of days" in ex.q5.check(durations).message
    assert "leaves out the" in ex.q5.check(dropped).message
    assert "Your days are rounded" in ex.q5.check(rounded).message


def test_the_top_wards_may_show_other_columns_alongside(ex):
    from academy.checks import registry

    r, wards = ex.table("requests"), ex.table("wards")
    top = registry.module("m02").checks.top_missed_bin_wards(r, wards)
    households = wards.set_index("ward_name")["households"]
    fuller = top.assign(households=top["ward_name"].map(households))[["households", "ward_name",
                                                                      "missed_bins_per_1000"]]
    assert ex.q3.check(fuller).passed
    assert ex.q3.check(top.assign(missed_bins_per_1000=top["missed_bins_per_1000"].round(2))).passed


def test_each_question_of_m01_and_m02_is_preceded_by_an_example():
    from pathlib import Path

    import nbformat

    from academy.checks.teaching import untaught

    course = Path(__file__).resolve().parents[2] / "courses" / "accelerator"
    for module_id in ("m01", "m02"):
        nb = nbformat.read(str(course / "source" / module_id / f"{module_id}.ipynb"), as_version=4)
        assert untaught(nb.cells) == [], module_id
