"""Code-club challenge c04, which wards need the anti-social behaviour team most: what only the grader knows
(checks, hints, typical mistakes). The situation, set-up, examples and solutions are in source/c04/c04.ipynb."""

from __future__ import annotations

import numpy as np
import pandas as pd

from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

ASB = "Anti-social behaviour"
LATEST, BEFORE, FIRST = "2024-25", "2023-24", "2022-23"
RATE_TOL = 0.0051  # a rate rounded to two decimal places still passes

# ------------------------------------------------------------ reference answers


def counts_per_ward(incidents: pd.DataFrame, wards: pd.DataFrame, years=(LATEST,), kinds=(ASB,)) -> pd.Series:
    """Incidents of ``kinds`` in financial ``years``, per ward code, every ward (0 where there were none)."""
    keep = incidents["incident_type"].astype(str).isin(kinds) & incidents["financial_year"].astype(str).isin(years)
    counts = incidents.loc[keep].groupby("ward_code").size()
    return counts.reindex(wards["ward_code"], fill_value=0).astype(float)


def yearly_rate(counts: pd.Series, wards: pd.DataFrame, years: int = 1, per: str = "population") -> pd.Series:
    """Incidents per 1,000 of ``per`` per year, labelled by ward name."""
    size = wards.set_index("ward_code")[per].reindex(counts.index)
    rate = counts / years / size * 1000
    return rate.set_axis(wards.set_index("ward_code")["ward_name"].reindex(counts.index).to_numpy())


def top_ten(rate: pd.Series, shuffle: np.random.Generator | None = None) -> list:
    """The labels of the ten highest rates; ties broken by label, or at random when given a generator."""
    order = rate.sort_index() if shuffle is None else rate.iloc[shuffle.permutation(len(rate))]
    return list(order.sort_values(ascending=False, kind="stable").index[:10])


def report(incidents: pd.DataFrame, wards: pd.DataFrame) -> pd.DataFrame:
    """The published choice: the latest year's ten highest wards."""
    rate = yearly_rate(counts_per_ward(incidents, wards), wards)
    top = rate.sort_values(ascending=False).head(10)
    return pd.DataFrame({"ward_name": top.index, "asb_per_1000": top.to_numpy()})


def in_both(incidents: pd.DataFrame, wards: pd.DataFrame, year_a: str = LATEST, year_b: str = BEFORE,
            kinds=(ASB,), rates: bool = True) -> set[frozenset]:
    """The ward codes in both years' top tens: every answer a tie at tenth place allows."""
    def measure(year):
        counts = counts_per_ward(incidents, wards, (year,), kinds)
        return yearly_rate(counts, wards).set_axis(counts.index) if rates else counts
    a, b = measure(year_a), measure(year_b)
    found = {frozenset(top_ten(a)) & frozenset(top_ten(b))}
    if _tied_at_tenth(a) or _tied_at_tenth(b):  # counts often tie: every way of breaking the tie is an answer
        shuffle = np.random.default_rng(0)
        found |= {frozenset(top_ten(a, shuffle)) & frozenset(top_ten(b, shuffle)) for _ in range(60)}
    return found


def _tied_at_tenth(values: pd.Series) -> bool:
    ordered = values.sort_values(ascending=False).to_numpy()
    return len(ordered) > 10 and bool(np.isclose(ordered[9], ordered[10]))


# ------------------------------------------------------------------------ helpers


def _by_ward_code(answer: pd.Series, wards: pd.DataFrame) -> pd.Series | None:
    """A learner's per-ward numbers labelled by ward code (from codes or names), every ward, 0 where absent."""
    labels = answer.index.map(str)
    codes, names = set(wards["ward_code"]), dict(zip(wards["ward_name"], wards["ward_code"]))
    if set(labels) <= codes:
        got = answer.set_axis(labels)
    elif set(labels) <= set(names):
        got = answer.set_axis(labels.map(names))
    else:
        return None
    if got.index.duplicated().any():
        return None
    return pd.to_numeric(got, errors="coerce").reindex(wards["ward_code"], fill_value=0).astype(float)


def _same(a: pd.Series, b: pd.Series) -> bool:
    return bool(np.allclose(a.to_numpy(dtype=float), b.reindex(a.index).to_numpy(dtype=float)))


# ------------------------------------------------------------------------ checks


def _check_q1(answer, ctx: Context) -> list[str]:
    i, w = ctx.table("incidents"), ctx.table("wards")
    want = counts_per_ward(i, w)
    if isinstance(answer, pd.DataFrame):
        numeric = answer.select_dtypes("number")
        if numeric.shape[1] != 1:
            return [f"I expected one count per ward (a Series); you gave {compare.describe(answer)}. "
                    "groupby(...).size() gives one count per group."]
        answer = numeric.iloc[:, 0]
    if not isinstance(answer, pd.Series):
        return [f"I expected a Series of counts labelled by ward; you gave {compare.describe(answer)}."]
    got = _by_ward_code(answer, w)
    if got is None:
        return [f"The labels of your answer should be ward codes (E059...) or ward names; yours look like "
                f"{list(answer.index[:3])}. Group by the ward_code column."]
    slips = [
        (counts_per_ward(i, w, (FIRST, BEFORE, LATEST)),
         "These count all three financial years: keep only 2024-25 (financial_year == '2024-25')."),
        (counts_per_ward(i, w, kinds=(ASB, "Youth offence")),
         "These count youth offences too: keep only the anti-social behaviour incidents (incident_type)."),
        (counts_per_ward(i, w, kinds=("Youth offence",)),
         "These are the youth offences: the question is about anti-social behaviour."),
        (counts_per_ward(i, w, (BEFORE,)), "These are for 2023-24: the question asks for 2024-25."),
    ]
    if not _same(got, want):
        calendar = i[(i["incident_type"].astype(str) == ASB) & (i["reported_at"].dt.year == 2024)]
        slips.append((calendar.groupby("ward_code").size().reindex(w["ward_code"], fill_value=0).astype(float),
                      "These count the calendar year 2024 (January to December): a financial year runs April to "
                      "March, so use the financial_year column, '2024-25'."))
        for variant, message in slips:
            if _same(got, variant):
                return [message]
    return compare.series(got, want, what="the anti-social behaviour incidents per ward in 2024-25",
                          index_meaning="ward codes", rel=0, label_word="ward")


def _q2_candidates(ctx: Context) -> dict[str, pd.Series]:
    """The yearly rates a right answer may report, labelled by ward name: the latest year, the three-year
    average, and the learner's own question 1 counts when they were off."""
    i, w = ctx.table("incidents"), ctx.table("wards")
    latest = counts_per_ward(i, w)
    found = {"2024-25": yearly_rate(latest, w),
             "the yearly average over three years": yearly_rate(counts_per_ward(i, w, (FIRST, BEFORE, LATEST)), w, 3)}
    earlier = ctx.earlier("q1")
    if isinstance(earlier, pd.Series):
        try:
            own = _by_ward_code(earlier, w)
        except Exception:
            own = None
        if own is not None and not own.isna().any() and not _same(own, latest):
            found["your question 1 counts"] = yearly_rate(own, w)
    return found


def _check_q2(answer, ctx: Context) -> list[str]:
    i, w = ctx.table("incidents"), ctx.table("wards")
    if isinstance(answer, pd.Series):
        return [f"You gave {compare.describe(answer)}, but the report is a table with the columns 'ward_name' and "
                "'asb_per_1000'. If the ward names are the labels, .reset_index() turns them into a column."]
    if not isinstance(answer, pd.DataFrame):
        return [f"I expected a table (DataFrame); you gave {compare.describe(answer)}."]
    if "ward_name" not in answer.columns and answer.index.name == "ward_name":
        return ["'ward_name' is the index of your table, not a column: add .reset_index()."]
    missing = [c for c in ("ward_name", "asb_per_1000") if c not in answer.columns]
    if missing:
        return [f"Your table has no column named {', '.join(repr(c) for c in missing)} "
                f"(it has: {', '.join(map(str, answer.columns)) or 'no columns'})."]
    if len(answer) != 10:
        return [f"Your table has {len(answer):,} rows; the report needs the ten wards with the highest rates "
                "(.head(10) after sorting)."]
    names = answer["ward_name"].astype(str)
    unknown = sorted(set(names) - set(w["ward_name"]))
    if unknown:
        return [f"Not a ward name: {unknown[0]!r}. The ward_name column should hold the wards' names from the "
                "wards table."]
    if names.duplicated().any():
        return ["Some wards appear more than once in your table: count per ward before merging."]
    values = pd.to_numeric(answer["asb_per_1000"], errors="coerce").astype(float)
    if values.isna().any():
        return ["Some of your asb_per_1000 values are blank or not numbers."]
    values = pd.Series(values.to_numpy(), index=names.to_numpy())
    candidates = _q2_candidates(ctx)
    for period, rate in candidates.items():
        if not np.allclose(values.to_numpy(), rate.reindex(values.index).to_numpy(), rtol=1e-6, atol=RATE_TOL):
            continue
        tenth = rate.sort_values(ascending=False).iloc[9]
        if set(values.index) == set(rate.sort_values().index[:10]):
            return [f"These are the ten LOWEST rates ({period}): sort with ascending=False before taking ten."]
        if rate.reindex(values.index).min() < tenth - RATE_TOL:  # rates rounded before ranking may swap a tie
            return [f"Your rates are right ({period}), but these are not the ten highest wards: sort by "
                    "asb_per_1000, largest first, then take the first ten."]
        if not np.all(np.diff(values.to_numpy()) <= 1e-12):
            return ["The rows are not in order: sort by asb_per_1000, largest first."]
        return []
    latest_counts = counts_per_ward(i, w)
    all_years = counts_per_ward(i, w, (FIRST, BEFORE, LATEST))
    slips = [
        (yearly_rate(latest_counts, w, per="households"),
         "These are per 1,000 households: the report compares wards per 1,000 residents (population)."),
        (yearly_rate(all_years, w, 3, per="households"),
         "These are per 1,000 households: the report compares wards per 1,000 residents (population)."),
        (latest_counts.set_axis(w["ward_name"].to_numpy()),
         "These are counts, not rates: divide by the ward's population and multiply by 1,000, so big wards do "
         "not top the list just for being big."),
        (yearly_rate(latest_counts, w) / 1000,
         "These are per resident: multiply by 1,000 for a rate per 1,000 residents."),
        (yearly_rate(all_years, w),
         "These are rates over all three years together: divide by 3 for a yearly rate (or keep only 2024-25)."),
        (yearly_rate(counts_per_ward(i, w, kinds=(ASB, "Youth offence")), w),
         "These count youth offences too: the report is about anti-social behaviour only."),
        (yearly_rate(counts_per_ward(i, w, (FIRST, BEFORE, LATEST), (ASB, "Youth offence")), w, 3),
         "These count youth offences too: the report is about anti-social behaviour only."),
        (yearly_rate(counts_per_ward(i, w, (BEFORE,)), w),
         "These are 2023-24's rates: use 2024-25 (the latest year), or all three years divided by 3."),
    ]
    for variant, message in slips:
        if np.allclose(values.to_numpy(), variant.reindex(values.index).to_numpy(), rtol=1e-6, atol=RATE_TOL):
            return [message]
    name = values.index[0]
    shown = ", ".join(f"{r.get(name, float('nan')):.3g} ({period})" for period, r in candidates.items())
    return [f"The asb_per_1000 for {name} is {values.iloc[0]:.3g}; a yearly rate of anti-social behaviour per 1,000 "
            f"residents would be {shown}."]


def _wards_given(answer, wards: pd.DataFrame) -> tuple[frozenset | None, str]:
    """The ward codes a learner named (by name or code, in a list, a column or a table), or a problem."""
    if isinstance(answer, pd.DataFrame):
        column = next((c for c in ("ward_name", "ward_code") if c in answer.columns), None)
        if column is None:
            return None, ("Your table has no ward_name or ward_code column: give the names of the wards in both "
                          "lists (a list, or the ward_name column of the rows you kept).")
        answer = answer[column]
    if isinstance(answer, pd.Series) and pd.api.types.is_bool_dtype(answer):
        return None, ("That is True or False for each ward: keep the wards where it is True, e.g. "
                      "top_2024[in_both]['ward_name'].")
    if isinstance(answer, (bool, int, float, np.number)):
        return None, (f"Give the wards themselves (their names), not how many there are: a list like "
                      f"['{wards['ward_name'].iloc[0]}', ...], or the ward_name column of the rows you kept.")
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, (list, tuple, set, frozenset, pd.Series, pd.Index, np.ndarray)):
        return None, f"Give a list of ward names; you gave {compare.describe(answer)}."
    given = [str(x).strip() for x in (answer.tolist() if hasattr(answer, "tolist") else list(answer))]
    codes = dict(zip(wards["ward_name"], wards["ward_code"]))
    codes.update({c: c for c in wards["ward_code"]})
    unknown = [g for g in given if g not in codes]
    if unknown:
        return None, f"Not a ward name or code: {unknown[0]!r}."
    return frozenset(codes[g] for g in given), ""


def _check_q3(answer, ctx: Context) -> list[str]:
    i, w = ctx.table("incidents"), ctx.table("wards")
    got, problem = _wards_given(answer, w)
    if got is None:
        return [problem]
    right = in_both(i, w)
    if got in right:
        return []
    if len(got) == 10 and any(got == frozenset(top_ten(yearly_rate(counts_per_ward(i, w, (y,)), w)
                                                       .set_axis(w["ward_code"].to_numpy())))
                              for y in (LATEST, BEFORE)):
        return ["Those are one year's whole top ten: keep only the wards that are also in the other year's list "
                "(.isin)."]
    slips = [
        (in_both(i, w, rates=False),
         "Those wards come from ranking by the number of incidents: rank each year by the rate per 1,000 "
         "residents, as in question 2."),
        (in_both(i, w, LATEST, FIRST), "That compares 2024-25 with 2022-23: compare it with the year before, 2023-24."),
        (in_both(i, w, kinds=(ASB, "Youth offence")), "That counts youth offences too: rank by anti-social "
                                                      "behaviour only."),
    ]
    for sets, message in slips:
        if got in sets:
            return [message]
    names = dict(zip(w["ward_code"], w["ward_name"]))
    want = min(right, key=lambda r: len(r ^ got))
    extra, absent = sorted(names[c] for c in got - want), sorted(names[c] for c in want - got)
    problems = []
    if extra:
        problems.append(f"Not in both top tens: {', '.join(extra[:3])}{' and more' if len(extra) > 3 else ''}.")
    if absent:
        problems.append(f"{len(absent)} ward{'s' if len(absent) > 1 else ''} in both top tens "
                        f"{'are' if len(absent) > 1 else 'is'} missing from your answer.")
    return problems + ["Check each step: anti-social behaviour only; each year's top ten ranked by the rate per "
                       "1,000 residents, largest first."]


MODULE = ModuleSpec(
    id="c04",
    title="Which wards need the anti-social behaviour team most?",
    dataset="incidents",
    rows=8_000,
    tables_for_learner=("incidents", "wards"),
    exercises=(
        ExerciseSpec(
            "q1", "Anti-social behaviour per ward in 2024-25", _check_q1,
            hints=("Keep the rows that are anti-social behaviour AND in 2024-25, then count them per ward.",
                   "As in the youth-offence example: two conditions joined by &, each in round brackets, then "
                   ".groupby('ward_code').size().",
                   "asb_2024 = incidents[(incidents[___] == ___) & (incidents[___] == ___)]\n"
                   "answer_q1 = asb_2024.groupby(___).___()"),
            praise="Filter, then group and count: a pivot table in two lines.",
        ),
        ExerciseSpec(
            "q2", "The ten wards for the report", _check_q2,
            hints=("Join your counts to the wards table for each ward's name and population, work out the rate "
                   "per 1,000 residents, then sort largest first and keep ten.",
                   "The rates example shows both periods: merge with right_index=True and left_on='ward_code', "
                   "fill the blanks with 0, divide by population and multiply by 1,000 (and divide by 3 for the "
                   "three-year average). Then .sort_values(..., ascending=False).head(10).",
                   "report = wards.merge(answer_q1.rename('asb'), left_on=___, right_index=True, how='left')"
                   ".fillna({'asb': 0})\n"
                   "report['asb_per_1000'] = ___\n"
                   "answer_q2 = report.sort_values(___, ascending=___).head(___)[['ward_name', 'asb_per_1000']]"),
            praise="A rate per 1,000 residents compares big and small wards fairly; the period is a choice worth "
                   "saying out loud.",
            builds_on=("q1",),
        ),
        ExerciseSpec(
            "q3", "How much does a one-year top ten move?", _check_q3,
            hints=("Make the top ten wards by rate for 2023-24 and for 2024-25 (as in question 2, once per year), "
                   "then keep the 2024-25 wards that are also in the 2023-24 list.",
                   "The .isin example gives True for each ward of one list that is in the other; keep the rows "
                   "where it is True, then take their ward_name column.",
                   "asb = incidents[incidents[___] == ___]\n"
                   "tops = {}\n"
                   "for year in ['2023-24', '2024-25']:\n"
                   "    counts = asb[asb['financial_year'] == year].groupby(___).size().rename('n')\n"
                   "    table = wards.merge(counts, left_on=___, right_index=True, how='left').fillna({'n': 0})\n"
                   "    table['rate'] = ___\n"
                   "    tops[year] = table.sort_values(___, ascending=False).head(___)\n"
                   "newest = tops['2024-25']\n"
                   "answer_q3 = newest[newest['ward_code'].isin(___)]['ward_name']"),
            praise="Checking how steady a ranking is before acting on it is what good analysts do.",
        ),
    ),
)
