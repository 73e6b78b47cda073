"""Module 2, pandas foundations: street-scene service requests.

The reference answers below are what each check compares with, computed on the
learner's own variant. A determined learner can read them (instant checks are
for learning); summative grading calls the learner's function on data they
never saw.
"""

from __future__ import annotations

import calendar
import datetime
import re

import numpy as np
import pandas as pd

from academy.exercises import compare
from academy.exercises.capture import Replayed
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


YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
MONTH_NAMES = {m.lower() for m in calendar.month_name[1:]} | {m.lower() for m in calendar.month_abbr[1:]}


def _month_labels(index: pd.Index) -> pd.Index:
    """Month labels as 2024-01, whatever form a learner gave them in; an error for labels without a year."""
    if isinstance(index, (pd.PeriodIndex, pd.DatetimeIndex)):
        return pd.Index(index.strftime("%Y-%m"))
    labels = []
    for x in index:
        if isinstance(x, (pd.Period, pd.Timestamp, datetime.date)):
            labels.append(pd.Period(x, freq="M").strftime("%Y-%m"))
            continue
        text = str(x).strip()
        # a label needs a year and something more (a month): 2024 alone, 4 or 'April' are not months
        if not YEAR.search(text) or not YEAR.sub("", text).strip(" -/."):
            raise ValueError(f"{x!r} is not a month of a year")
        labels.append(pd.Period(text, freq="M").strftime("%Y-%m"))
    return pd.Index(labels)


def _labels_without_year(index: pd.Index) -> str:
    """What a learner's month labels are when they are not months of a year: 'months' (1-12 or names),
    'years', or ''."""
    if isinstance(index, (pd.PeriodIndex, pd.DatetimeIndex)) or len(index) == 0:
        return ""
    text = [str(x).strip().lower() for x in index]
    if all(t.isdigit() and 1 <= int(t) <= 12 for t in text) or all(t in MONTH_NAMES for t in text):
        return "months"
    if all(t.isdigit() and YEAR.fullmatch(t) for t in text):
        return "years"
    return ""


def _check_q4(answer, ctx: Context) -> list[str]:
    r = ctx.table("requests")
    if isinstance(answer, pd.Series):
        kind = _labels_without_year(answer.index)
        if kind == "months":
            return ["Your labels are months of the year without the year (1 to 12, or month names), so April 2023 "
                    "and April 2024 are counted together. Keep the year with the month: .dt.to_period('M') or "
                    ".dt.strftime('%Y-%m')."]
        if kind == "years":
            return ["Your labels are years: count per month, keeping the year with it, e.g. "
                    ".dt.to_period('M') or .dt.strftime('%Y-%m')."]
        try:
            months = _month_labels(answer.index)
        except Exception:
            months = None
        if months is not None and months.duplicated().any() and not answer.index.duplicated().any():
            return [f"Several of your labels fall in the same month (for example {months[months.duplicated()][0]}): "
                    "you counted per day or per week; count per month."]
    opened_month = r["opened_at"].dt.strftime("%Y-%m")

    def same_as(a, want: pd.Series) -> bool:
        got = a.set_axis(_month_labels(a.index))
        return got.index.sort_values().equals(want.index.sort_values()) and bool(
            np.allclose(got.reindex(want.index).to_numpy(dtype=float), want.to_numpy(dtype=float)))

    closed = r["closed_at"].dropna()
    by_closing = closed.groupby(closed.dt.strftime("%Y-%m")).size()
    closed_only = r["closed_at"].notna().groupby(opened_month).sum()
    return compare.series(
        answer, requests_by_month(r), what="requests per month", index_meaning="months (e.g. 2024-01)",
        normalise_index=_month_labels, rel=0,
        mistakes=[(lambda a: same_as(a, by_closing),
                   "Those are the requests closed each month: count them by the month they were opened (opened_at)."),
                  (lambda a: same_as(a, closed_only),
                   "Your counts leave out the requests still open: .count() on a column counts only the filled-in "
                   "cells, and open requests have no closed_at. Count rows with .size() instead.")],
    )


def _check_q5(answer, ctx: Context) -> list[str]:
    r = ctx.table("requests")
    got, problems = compare.call_function(answer, "days_to_close", r)
    if problems:
        return problems
    if got is None:
        return ["Your function gives back nothing: end it with return ..., not print(...)."]
    if isinstance(got, pd.Series):
        got = got.reset_index(drop=True)
        if pd.api.types.is_timedelta64_dtype(got):
            return ["Your function gives durations (like 9 days 21:34:23), not numbers of days: turn them into days "
                    "with .dt.total_seconds() / 86400."]
    # A function called here (not replayed from the learner's kernel, which ran it on their table only) is also
    # given half the table: one that reads the notebook's own requests gives as many values as before.
    half = r.iloc[::2]
    on_half = None if isinstance(answer, Replayed) else compare.call_function(answer, "days_to_close", half)[0]
    if isinstance(on_half, pd.Series) and len(on_half) == len(r) != len(half):
        return [f"Given a table of {len(half):,} requests, your function gave {len(on_half):,} values: inside the "
                "function, use the table it is given (its input), not the notebook's requests."]
    want = days_to_close(r)
    open_requests = r["closed_at"].isna().to_numpy()
    if isinstance(got, pd.Series) and len(got) == (~open_requests).sum() and open_requests.any():
        return [f"Your function gives {len(got):,} values for {len(r):,} requests: it leaves out the "
                f"{open_requests.sum():,} still open. Give one value per request, NaN for those still open."]
    if isinstance(got, pd.Series) and len(got) == len(r) and pd.api.types.is_numeric_dtype(got):
        values = got.to_numpy(dtype=float)
        if open_requests.any() and np.isfinite(values[open_requests]).any():
            filled = sorted({float(v) for v in values[open_requests] if np.isfinite(v)})[:3]
            return [f"Requests still open should have no days to close (NaN); yours give them "
                    f"{', '.join(f'{v:g}' for v in filled)}. Leave the blank as it is: do not fill it in."]
        if np.isnan(values[~open_requests]).any():
            return ["Some requests that were closed have no days to close in your answer: "
                    "only requests still open should be NaN."]

    def whole_days(a: pd.Series) -> bool:
        return bool(np.allclose(a.to_numpy(dtype=float), np.floor(want.to_numpy()), equal_nan=True))

    def rounded(a: pd.Series) -> bool:
        return bool(np.allclose(a.to_numpy(dtype=float), want.round().to_numpy(), equal_nan=True)
                    or np.allclose(a.to_numpy(dtype=float), want.round(1).to_numpy(), equal_nan=True))

    return compare.series(
        got, want, what="days to close for each request", index_meaning="one per request", rel=1e-6,
        label_word="request",
        mistakes=[(whole_days, "Your days are whole numbers: .dt.days drops the hours, so a request closed in "
                               "36 hours counts as 1 day. Use .dt.total_seconds() / 86400 for fractions of a day."),
                  (rounded, "Your days are rounded: return them unrounded, with all their fractions; round only "
                            "when you show them to someone."),
                  (lambda a: bool(np.allclose(a.to_numpy(dtype=float), -want.to_numpy(), equal_nan=True)),
                   "Your days are negative: subtract the other way round, closed_at - opened_at (the later date "
                   "first).")],
    )


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
                   "As in the open-requests example: a condition on the request_type column gives True or False "
                   "for every row, requests[condition] keeps the True rows and len(...) counts them.",
                   "answer_q1 = len(requests[requests[___] == ___])"),
            praise="Filtering rows on a condition is the most used move in pandas.",
        ),
        ExerciseSpec(
            "q2", "Median days to close, by request type", _check_q2,
            hints=("Work out how long each request took in days, then summarise per request type with the measure "
                   "a few very slow requests cannot drag up (the durations example printed two).",
                   "closed_at - opened_at gives durations; .dt.total_seconds() turns them into seconds, and a day "
                   "has 86,400 of them. Group by request_type, as the example grouped by channel, and take the "
                   "middle value, .median(), not the mean.",
                   "days = (requests[___] - requests[___]).dt.total_seconds() / ___\n"
                   "answer_q2 = days.groupby(requests[___], observed=True).___()"),
            praise="Medians resist the few requests that take months, which is why services report them.",
        ),
        ExerciseSpec(
            "q3", "Top five wards for missed bins per 1,000 households", _check_q3,
            hints=("Count missed bins per ward, then compare wards fairly by their size: missed bins divided by "
                   "households, times 1,000.",
                   "Filter to 'Missed bin' (as in question 1) and count per ward_code with .groupby(...).size(); "
                   "merge that with the wards table to get each ward's name and households (the merge example); "
                   "add the rate as a new column, then sort largest first and keep five (the people-per-household "
                   "example).",
                   "bins = requests[requests['request_type'] == ___].groupby(___).size().rename('missed_bins')\n"
                   "table = wards.merge(bins, left_on=___, right_index=True, how='left').fillna({'missed_bins': 0})\n"
                   "table['missed_bins_per_1000'] = ___\n"
                   "answer_q3 = table.sort_values(___, ascending=False).head(___)[['ward_name', ___]]"),
            praise="Rates per 1,000 households let a committee compare big and small wards fairly.",
        ),
        ExerciseSpec(
            "q4", "Requests opened each month", _check_q4,
            hints=("Label each request with the month and year it was opened, then count the requests per label.",
                   "The days-and-months example shows two labels that keep the year: .dt.to_period('M') and "
                   ".dt.strftime('%Y-%m'); .dt.month alone puts April 2023 with April 2024. Count per label with "
                   ".groupby(...).size(), as for the days of the week.",
                   "answer_q4 = requests.groupby(requests[___].dt.___).size()"),
        ),
        ExerciseSpec(
            "q5", "A function for days to close", _check_q5,
            hints=("Write a function that takes a requests table and returns how many days each request took, "
                   "as you worked out in question 2, one value per request.",
                   "def starts a function and return hands its result back, as in share_still_open; use the table "
                   "the function is given. Open requests have no closed_at, so their days are NaN by themselves: "
                   "leave them so.",
                   "def days_to_close(requests):\n    return (requests[___] - requests[___]).dt.___() / ___"),
            praise="A function works on next month's data too, not just this extract.",
            reference=days_to_close, inputs=("requests",),
        ),
    ),
)
