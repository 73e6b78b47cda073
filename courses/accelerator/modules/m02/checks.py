"""Module 2, pandas foundations: street-scene service requests.

The reference answers below are what each check compares with, computed on the
learner's own variant. A determined learner can read them (instant checks are
for learning); summative grading calls the learner's function on data they
never saw.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

# ------------------------------------------------------------ reference answers


def fly_tipping_count(requests: pd.DataFrame) -> int:
    return int((requests["request_type"] == "Fly-tipping").sum())


def days_to_close(requests: pd.DataFrame) -> pd.Series:
    return (requests["closed_at"] - requests["opened_at"]).dt.total_seconds() / 86_400


def median_days_by_type(requests: pd.DataFrame) -> pd.Series:
    days = days_to_close(requests)
    return days.groupby(requests["request_type"], observed=True).median()


def top_missed_bin_wards(requests: pd.DataFrame, wards: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    bins = requests[requests["request_type"] == "Missed bin"].groupby("ward_code").size().rename("missed_bins")
    table = wards.merge(bins, left_on="ward_code", right_index=True, how="left").fillna({"missed_bins": 0})
    table["missed_bins_per_1000"] = table["missed_bins"] / table["households"] * 1000
    top = table.sort_values("missed_bins_per_1000", ascending=False).head(n)
    return top[["ward_name", "missed_bins_per_1000"]].reset_index(drop=True)


def requests_by_month(requests: pd.DataFrame) -> pd.Series:
    return requests.groupby(requests["opened_at"].dt.strftime("%Y-%m")).size()


# ------------------------------------------------------------------------ checks


def _check_q1(answer, ctx: Context) -> list[str]:
    r = ctx.table("requests")
    # The mistakes are only looked at for a wrong answer: nothing here copies the table for a right one.
    return compare.number(
        answer, fly_tipping_count(r), what="the number of fly-tipping requests",
        mistakes=[
            (lambda a: a == len(r), "That is every request, not only fly-tipping: filter on request_type first."),
            (lambda a: a == ((r["request_type"] == "Fly-tipping") & r["closed_at"].notna()).sum(),
             "That counts only closed requests; the question asks for all."),
            (lambda a: a == r["request_type"].nunique(),
             "That is how many kinds of request there are, not how many fly-tipping requests."),
        ],
    )


def _check_q2(answer, ctx: Context) -> list[str]:
    r = ctx.table("requests")
    by_type = r["request_type"]
    means = days_to_close(r).groupby(by_type, observed=True).mean()
    whole = (r["closed_at"] - r["opened_at"]).dt.days.groupby(by_type, observed=True).median()

    def like(a, want: pd.Series) -> bool:
        return (isinstance(a, pd.Series) and a.index.isin(want.index).all() and len(a) == len(want)
                and np.allclose(a.reindex(want.index).to_numpy(dtype=float), want.to_numpy(), rtol=1e-6))

    return compare.series(
        answer, median_days_by_type(r), what="the median days to close", index_meaning="request types",
        rel=1e-3,
        mistakes=[(lambda a: like(a, means), "These look like averages (means), not medians. "
                   "A few very slow requests pull the mean up; use .median()."),
                  (lambda a: like(a, whole), "These are whole days: .dt.days drops the hours, so a request "
                   "closed after 47 hours counts as 1 day and every median comes out low. Keep the fractions: "
                   ".dt.total_seconds() / 86400.")],
    )


def _check_q3(answer, ctx: Context) -> list[str]:
    r, wards = ctx.table("requests"), ctx.table("wards")
    expected = top_missed_bin_wards(r, wards)
    counts = r[r["request_type"] == "Missed bin"].groupby("ward_code").size()
    raw = wards.assign(n=wards["ward_code"].map(counts).fillna(0)).set_index("ward_name")["n"]

    def used_raw_counts(a: pd.DataFrame) -> bool:
        values = a.set_index("ward_name")["missed_bins_per_1000"]
        return bool(np.allclose(values.to_numpy(dtype=float), raw.reindex(values.index).to_numpy(dtype=float)))

    return compare.table(
        answer, expected, what="the top five wards", key="ward_name",
        rows_meaning="the five wards with the most missed bins per 1,000 households",
        sort_by="missed_bins_per_1000", rel=1e-3,
        mistakes=[(used_raw_counts, "These are counts of missed bins, not rates: divide by the ward's households "
                                    "and multiply by 1,000, so big wards do not top the list just for being big.")],
    )


def _month_labels(index: pd.Index) -> pd.Index:
    if isinstance(index, pd.PeriodIndex):
        return index.strftime("%Y-%m")
    if isinstance(index, pd.DatetimeIndex):
        return index.strftime("%Y-%m")
    return pd.Index([pd.Period(str(x), freq="M").strftime("%Y-%m") for x in index])


def _check_q4(answer, ctx: Context) -> list[str]:
    r = ctx.table("requests")
    return compare.series(answer, requests_by_month(r), what="requests per month",
                          index_meaning="months (e.g. 2024-01)", normalise_index=_month_labels, rel=0)


def _check_q5(answer, ctx: Context) -> list[str]:
    r = ctx.table("requests")
    got, problems = compare.call_function(answer, "days_to_close", r)
    if problems:
        return problems
    if isinstance(got, pd.Series):
        got = got.reset_index(drop=True)
    want = days_to_close(r)

    def whole_days(a: pd.Series) -> bool:
        return bool(np.allclose(a.to_numpy(dtype=float), np.floor(want.to_numpy()), equal_nan=True))

    problems = compare.series(
        got, want, what="days to close for each request", index_meaning="one per request", rel=1e-6,
        label_word="request",
        mistakes=[(whole_days, "Your days are whole numbers: .dt.days drops the hours, so a request closed in "
                               "36 hours counts as 1 day. Use .dt.total_seconds() / 86400 for fractions of a day.")],
    )
    if problems:
        return problems
    open_requests = r["closed_at"].isna()
    if open_requests.any() and got[open_requests.to_numpy()].notna().any():
        return ["Requests still open should have no days to close (NaN), not a number."]
    return []


MODULE = ModuleSpec(
    id="m02",
    title="pandas foundations: service requests",
    dataset="service_requests",
    rows=20_000,
    tables_for_learner=("requests", "wards"),
    exercises=(
        ExerciseSpec(
            "q1", "How many fly-tipping requests?", _check_q1,
            hints=("Keep only the rows whose request_type is 'Fly-tipping', then count them.",
                   "A comparison like requests['request_type'] == 'Fly-tipping' gives True/False per row; "
                   "filter with requests[...] and count with len(...), or .sum() the True values.",
                   "The answer is one whole number, e.g. answer_q1 = len(requests[...])."),
            praise="Filtering rows on a condition is the most used move in pandas.",
        ),
        ExerciseSpec(
            "q2", "Median days to close, by request type", _check_q2,
            hints=("Work out how long each request took, then summarise per request type.",
                   "closed_at - opened_at gives a duration; .dt.total_seconds() / 86400 turns it into days. "
                   "Then .groupby('request_type') and .median().",
                   "Your answer is a Series: one number per request type, labelled by the type."),
            praise="Medians resist the few requests that take months, which is why services report them.",
        ),
        ExerciseSpec(
            "q3", "Top five wards for missed bins per 1,000 households", _check_q3,
            hints=("Count missed bins per ward, then compare wards fairly by their size.",
                   "Filter to 'Missed bin', .groupby('ward_code').size(), then .merge() with the wards table "
                   "to get each ward's households and name.",
                   "A table with columns ward_name and missed_bins_per_1000 (= missed bins / households × 1,000), "
                   "five rows, largest first: .sort_values(..., ascending=False).head(5)."),
            praise="Rates per 1,000 households let a committee compare big and small wards fairly.",
        ),
        ExerciseSpec(
            "q4", "Requests opened each month", _check_q4,
            hints=("Label each request with the month it was opened, then count per month.",
                   "requests['opened_at'].dt.to_period('M') or .dt.strftime('%Y-%m') gives the month; "
                   "then .groupby(...).size() or .value_counts().sort_index().",
                   "A Series with one count per month, labelled by month (e.g. 2024-01)."),
        ),
        ExerciseSpec(
            "q5", "A function for days to close", _check_q5,
            hints=("Write a function that takes the requests table and returns how many days each request took.",
                   "Inside: (requests['closed_at'] - requests['opened_at']).dt.total_seconds() / 86400.",
                   "def days_to_close(requests):\n    return (...).dt.total_seconds() / 86400\n"
                   "Open requests have no closed_at, so their result is NaN by itself."),
            praise="A function works on next month's data too, not just this extract.",
            reference=days_to_close, inputs=("requests",),
        ),
    ),
)
