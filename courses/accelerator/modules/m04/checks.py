"""Module 4, visualising and communicating: deprivation across Greater Manchester.

Charts are graded on what they say (which bars, lines or points, in which
order, how long, with which title, axis labels and colour key), read from the
learner's matplotlib axes, never on their pixels. The numbers behind the charts
come from the learner's own variant of the LSOA table, and the trend from the
anti-social behaviour reports in the same places (the incidents family built
on the same geography, handed over as ``ex.given("incidents")``).

A chart that draws an earlier answer (question 2 draws question 1, question 4
draws question 3) is judged against the learner's own earlier answer when it
is known, so one slip costs once.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from academy import datasets
from academy.exercises import compare
from academy.exercises.chart_reader import ChartData
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

#: A committee rounds to one decimal place: a per cent within this of the exact one is right.
ONE_DECIMAL = 0.051
#: The anti-social behaviour reports are the incidents family's default size, on the same geography.
INCIDENT_ROWS = 20_000
ASB = "Anti-social behaviour"
FIRST_MONTH, LAST_MONTH = "2022-04", "2025-03"

# ------------------------------------------------------------ reference answers


def most_deprived_share(lsoas: pd.DataFrame, councils: pd.DataFrame) -> pd.Series:
    """Per cent of each council's residents living in the most deprived 10% of areas, largest first."""
    deprived = lsoas["population"].where(lsoas["imd_decile"] == 1, 0).groupby(lsoas["council_code"]).sum()
    total = lsoas.groupby("council_code")["population"].sum()
    share = (deprived / total * 100).rename("per_cent_in_most_deprived_decile")
    names = councils.set_index("council_code")["council_name"]
    share.index = share.index.map(names)
    share.index.name = "council_name"
    return share.sort_values(ascending=False, kind="stable")


def lsoas_per_decile(lsoas: pd.DataFrame) -> pd.Series:
    return lsoas["imd_decile"].value_counts().reindex(range(1, 11), fill_value=0).rename("lsoas")


def asb_per_month(incidents: pd.DataFrame) -> pd.Series:
    """Anti-social behaviour reports in each month, April 2022 to March 2025, in time order."""
    asb = incidents[incidents["incident_type"] == ASB]
    months = pd.period_range(FIRST_MONTH, LAST_MONTH, freq="M")
    return asb["reported_at"].dt.to_period("M").value_counts().reindex(months, fill_value=0).rename("reports")


def ward_shares(lsoas: pd.DataFrame, wards: pd.DataFrame, council_code: str) -> pd.Series:
    """Per cent of each ward's residents in decile-1 areas, for one council's wards, by ward name."""
    own = lsoas[lsoas["council_code"] == council_code]
    deprived = own["population"].where(own["imd_decile"] == 1, 0).groupby(own["ward_code"]).sum()
    share = deprived / own.groupby("ward_code")["population"].sum() * 100
    names = wards.set_index("ward_code")["ward_name"]
    return share.set_axis(share.index.map(names)).sort_values(ascending=False, kind="stable")


# --------------------------------------------------------------------- the given


@lru_cache(maxsize=32)
def _incidents_for(seed: int) -> pd.DataFrame:
    data = datasets.make("incidents", INCIDENT_ROWS, seed)
    return data.tables["incidents"][["incident_id", "reported_at", "incident_type", "category", "lsoa_code"]]


def _givens(ctx: Context) -> dict[str, Any]:
    """The community safety team's incident reports in the learner's areas: the trend's raw material."""
    return {"incidents": _incidents_for(ctx.seed).copy()}


# ------------------------------------------------------------------------ helpers


def _as_series(answer: Any) -> pd.Series | None:
    """A Series, or a one-number-column table as one; None for anything else."""
    if isinstance(answer, pd.DataFrame):
        numeric = answer.select_dtypes("number")
        return numeric.iloc[:, 0] if numeric.shape[1] == 1 else None
    return answer if isinstance(answer, pd.Series) else None


def _by_label(answer: Any, labels: pd.Index) -> np.ndarray | None:
    """The answer's numbers in the order of ``labels`` (matched as text), or None if they do not line up."""
    got = _as_series(answer)
    if got is None or len(got) != len(labels):
        return None
    try:
        got = got.set_axis(got.index.map(lambda x: str(x).strip()))
        if got.index.duplicated().any() or set(got.index) != {str(x) for x in labels}:
            return None
        return got.reindex([str(x) for x in labels]).to_numpy(dtype=float)
    except (TypeError, ValueError):
        return None


def _close(got: Any, want: Any) -> bool:
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    return got.shape == want.shape and bool(np.allclose(got, want, rtol=1e-3, atol=ONE_DECIMAL))


def _largest_first(values: Any) -> bool:
    return bool(np.all(np.diff(np.asarray(values, dtype=float)) <= 1e-9))


def _shares(ctx: Context) -> pd.Series:
    return most_deprived_share(ctx.table("lsoas"), ctx.table("councils"))


def _unweighted(ctx: Context) -> pd.Series:
    lsoas = ctx.table("lsoas")
    share = (lsoas["imd_decile"] == 1).groupby(lsoas["council_code"]).mean() * 100
    share.index = share.index.map(ctx.table("councils").set_index("council_code")["council_name"])
    return share


def _same_values(answer: object, expected: pd.Series, rel: float = 1e-3) -> bool:
    got = _by_label(answer, expected.index)
    return got is not None and bool(np.allclose(got, expected.to_numpy(dtype=float), rtol=rel, equal_nan=True))


def _labelled(text: str, *words: str) -> bool:
    return any(re.search(w, text, flags=re.IGNORECASE) for w in words)


def _common_chart_problems(chart: ChartData, value_words: tuple[str, ...], value_label: str) -> list[str]:
    problems = []
    if not chart.title.strip():
        problems.append("Give the chart a title that says what it shows (ax.set_title(...)); "
                        "a committee reads the title first.")
    axis = chart.xlabel if chart.horizontal else chart.ylabel
    if not _labelled(axis, *value_words):
        which = "horizontal" if chart.horizontal else "vertical"
        problems.append(f"Label the {which} axis with what the numbers are, including the unit "
                        f"(for example '{value_label}'); it says {axis!r}.")
    return problems


# ------------------------------------------------------------------------ checks


def _check_q1(answer, ctx: Context) -> list[str]:
    expected = _shares(ctx)
    got = _by_label(answer, expected.index)
    if got is not None and _close(got, expected.to_numpy(dtype=float)):
        if not _largest_first(_as_series(answer).to_numpy(dtype=float)):
            return ["The values are right; now sort them largest first (.sort_values(ascending=False))."]
        return []
    problems = compare.series(
        answer, expected, what="the per cent of residents in the most deprived 10% of areas",
        index_meaning="council names", rel=1e-3,
        mistakes=[
            (lambda a: _same_values(a, expected / 100), "These look like fractions (0.25); give per cents (25)."),
            (lambda a: _same_values(a, _unweighted(ctx)),
             "That is the share of *areas* in decile 1, not of *residents*: weight each LSOA by its population."),
            (lambda a: set(map(str, a.index)) == set(ctx.table("councils")["council_code"]),
             "The per cents are labelled by council code: swap the codes for the councils' names with "
             ".map(...), as in the worked example."),
        ])
    if not problems and got is not None:
        problems = ["Some per cents are off by more than rounding to one decimal place allows."]
    return problems or ["Give one per cent per council, labelled by the council's name."]


def _earlier_shares(ctx: Context) -> pd.Series | None:
    """The learner's own question 1 answer, as numbers by council name, when it is usable."""
    names = _shares(ctx).index
    got = _by_label(ctx.earlier("q1"), names)
    if got is None or not np.isfinite(got).all():
        return None
    return pd.Series(got, index=names)


def _check_q2(answer, ctx: Context) -> list[str]:
    chart, problems = compare.chart(answer)
    if chart is None:
        return problems
    expected = _shares(ctx)
    if len(chart.bars) != len(expected):
        return [f"Your chart has {len(chart.bars)} bars; expected one per council ({len(expected)})."]
    if not chart.horizontal:
        return ["Use horizontal bars (ax.barh): council names are long, and they read better down the side."]
    labels, values = chart.bar_values()
    if sorted(labels) != sorted(expected.index):
        return [f"Label each bar with its council's name; the labels are {labels[:3]}..."]
    problems = []
    drawn = pd.Series(values, index=labels)
    own = _earlier_shares(ctx)
    wanted = [s for s in (own, expected) if s is not None]
    if not any(_close(drawn.reindex(s.index), s) for s in wanted):
        source = "your answer to question 1" if own is not None else "question 1"
        problems.append(f"The bar lengths are not the per cents from {source}.")
    elif not _largest_first(values):
        problems.append("Put the council with the largest share at the top, so the chart reads like a ranking. "
                        "(barh draws the first bar at the bottom: sort smallest first before plotting, "
                        "or turn the axis over with ax.invert_yaxis().)")
    return problems + _common_chart_problems(chart, (r"%", "per ?cent", "percent"), "% of residents")


def _deciles(index: pd.Index) -> pd.Index:
    return pd.Index(pd.to_numeric(index), name=index.name)


def _check_q3(answer, ctx: Context) -> list[str]:
    lsoas = ctx.table("lsoas")
    problems = compare.series(
        answer, lsoas_per_decile(lsoas), what="the number of LSOAs in each decile",
        index_meaning="deciles 1 to 10", rel=0, label_word="decile", normalise_index=_deciles,
        mistakes=[(lambda a: isinstance(a, pd.Series) and len(a) == 10 and a.sum() == lsoas["population"].sum(),
                   "Those add up to the population: count areas (rows), not residents.")])
    if problems:
        return problems
    if list(_deciles(_as_series(answer).index)) != list(range(1, 11)):
        return ["The counts are right; now put them in decile order, 1 to 10, as the question asks "
                "(.value_counts() puts the biggest count first; .sort_index() puts the labels in order)."]
    return []


def _earlier_counts(ctx: Context) -> np.ndarray | None:
    """The learner's own question 3 counts, for deciles 1 to 10 in order, when they are usable."""
    got = _as_series(ctx.earlier("q3"))
    if got is None or len(got) != 10:
        return None
    try:
        got = got.set_axis(_deciles(got.index))
        if sorted(got.index) != list(range(1, 11)):
            return None
        values = got.reindex(range(1, 11)).to_numpy(dtype=float)
    except (TypeError, ValueError):
        return None
    return values if np.isfinite(values).all() else None


def _check_q4(answer, ctx: Context) -> list[str]:
    chart, problems = compare.chart(answer)
    if chart is None:
        return problems
    expected = lsoas_per_decile(ctx.table("lsoas")).to_numpy(dtype=float)
    if len(chart.bars) != 10:
        return [f"Your chart has {len(chart.bars)} bars; expected one per decile (10)."]
    if chart.horizontal:
        return ["Use upright bars (ax.bar) with deciles 1 to 10 from left to right."]
    _, values = chart.bar_values()
    own = _earlier_counts(ctx)
    problems = []
    if not any(np.allclose(values, w) for w in (own, expected) if w is not None):
        source = "your answer to question 3" if own is not None else "question 3"
        problems.append(f"The bar heights are not the counts from {source}, in decile order 1 to 10.")
    if not _labelled(chart.xlabel, "decile"):
        problems.append("Label the horizontal axis so a reader knows 1 is the most deprived, "
                        "e.g. 'IMD decile (1 = most deprived)'.")
    return problems + _common_chart_problems(chart, ("lsoa", "area", "neighbourhood", "number", "count"),
                                             "Number of LSOAs")


def _check_q5(answer, ctx: Context) -> list[str]:
    got, problems = compare.call_function(answer, "most_deprived_share", ctx.table("lsoas"), ctx.table("councils"))
    return problems or _check_q1(got, ctx)


# ---------------------------------------------------------------- the trend (q6)


def _monthly(ctx: Context, kind: str | None = ASB, freq: str = "M") -> pd.Series:
    incidents = _incidents_for(ctx.seed)
    if kind is not None:
        incidents = incidents[incidents["incident_type"] == kind]
    return incidents["reported_at"].dt.to_period(freq).value_counts().sort_index()


def _drawn_series(chart: ChartData) -> list[np.ndarray]:
    """Each line's values in left-to-right order, and upright bars' heights as one more."""
    found = []
    for _, xs, ys in chart.lines:
        xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
        keep = np.isfinite(xs) & np.isfinite(ys)
        if keep.sum() >= 2:
            found.append(ys[keep][np.argsort(xs[keep], kind="stable")])
    if chart.bars and not chart.horizontal:
        found.append(np.asarray(chart.bar_values()[1], dtype=float))
    return found


def _same(got: np.ndarray, want: pd.Series) -> bool:
    return len(got) == len(want) and bool(np.allclose(got, want.to_numpy(dtype=float), atol=0.5))


def _trend_problem(drawn: list[np.ndarray], ctx: Context) -> str:
    expected = asb_per_month(_incidents_for(ctx.seed))
    for got in drawn:
        if _same(got, _monthly(ctx, kind=None)):
            return "These count every incident, youth offences too: keep only the anti-social behaviour reports."
        if _same(got, _monthly(ctx, kind="Youth offence")):
            return "These are the youth offences: the question asks for the anti-social behaviour reports."
        if len(got) == len(expected) and np.allclose(np.sort(got), np.sort(expected.to_numpy(dtype=float))):
            return ("The counts are right but the months are out of order: sort by month (.sort_index()) "
                    "so time runs from left to right.")
        if _same(got, _monthly(ctx, freq="Q")):
            return "That is one point per quarter; the question asks for one per month (36 of them)."
        if len(got) == 12:
            return ("There are 12 points: each month's three years seem to be added together. Keep each month "
                    "of each year apart (.dt.to_period('M')), 36 months from April 2022 to March 2025.")
    if any(len(got) == len(expected) for got in drawn):
        return (f"Your chart has the {len(expected)} months, but not the number of anti-social behaviour "
                "reports in each: count the reports (rows) per month, without averaging or adding them up "
                "as you go.")
    lengths = sorted({len(g) for g in drawn})
    return (f"Your chart's {'line has' if len(drawn) == 1 else 'lines have'} {' or '.join(map(str, lengths))} "
            f"points; expected the number of anti-social behaviour reports in each of the "
            f"{len(expected)} months from April 2022 to March 2025, in time order.")


def _check_q6(answer, ctx: Context) -> list[str]:
    chart, problems = compare.chart(answer)
    if chart is None:
        return problems
    if chart.bars and chart.horizontal and not chart.lines:
        return ["Time runs from left to right: draw a line (ax.plot) or upright columns (ax.bar), not barh."]
    drawn = _drawn_series(chart)
    if not drawn:
        return ["Draw the monthly counts as a line (ax.plot) or as upright columns (ax.bar)."]
    expected = asb_per_month(_incidents_for(ctx.seed))
    if not any(_same(got, expected) for got in drawn):
        return [_trend_problem(drawn, ctx)]
    problems = []
    if len(drawn) > 1 and len(chart.legend) < len(drawn):
        problems.append("With more than one line, add a legend (label=... on each, then ax.legend()) "
                        "so a reader knows which is which.")
    if not chart.title.strip():
        problems.append("Give the chart a title that says what it shows (ax.set_title(...)).")
    if not _labelled(chart.xlabel, "month", "date", "year", "time", "period"):
        problems.append(f"Label the horizontal axis with what it runs over, e.g. 'Month'; it says {chart.xlabel!r}.")
    if not _labelled(chart.ylabel, "report", "incident", "anti", "asb", "number", "count"):
        problems.append("Label the vertical axis with what is counted and its unit, e.g. "
                        f"'Reports per month'; it says {chart.ylabel!r}.")
    return problems


# ------------------------------------------------------------------ the map (q7)


def _key(x: float, y: float) -> tuple[float, float]:
    return round(float(x), 5), round(float(y), 5)


def _rows_at(lsoas: pd.DataFrame) -> dict[tuple[float, float], int]:
    """Each centroid's row; -1 where two areas share a centroid (it then says nothing about colour)."""
    found: dict[tuple[float, float], int] = {}
    for i, (x, y) in enumerate(zip(lsoas["longitude"], lsoas["latitude"])):
        found[_key(x, y)] = -1 if _key(x, y) in found else i
    return found


def _one_colour_per_value(values: np.ndarray, colours: np.ndarray) -> bool:
    """Whether the colours tell the values apart exactly: one colour per value and one value per colour
    (a reversed scale, or a colour name per decile, colours by decile as well as c=imd_decile does)."""
    if len(values) != len(colours) or not len(values):
        return False
    pairs = pd.DataFrame({"value": values, "colour": colours}).drop_duplicates()
    return bool(pairs["value"].is_unique and pairs["colour"].is_unique)


def _check_q7(answer, ctx: Context) -> list[str]:
    chart, problems = compare.chart(answer)
    if chart is None:
        return problems
    lsoas = ctx.table("lsoas")
    if not chart.scatters:
        return ["Draw each LSOA's centroid as a point with ax.scatter(longitude, latitude, c=...): "
                "a scatter is what can colour each point by a number."]
    n = sum(len(xs) for _, xs, _, _ in chart.scatters)
    if n != len(lsoas):
        return [f"Your map has {n:,} points; expected one per LSOA ({len(lsoas):,})."]
    row_of = _rows_at(lsoas)
    rows = [[row_of.get(_key(x, y)) for x, y in zip(xs, ys)] for _, xs, ys, _ in chart.scatters]
    if sum(r is not None for found in rows for r in found) < 0.99 * n:
        swapped = sum(_key(y, x) in row_of for _, xs, ys, _ in chart.scatters for x, y in zip(xs, ys))
        if swapped >= 0.99 * n:
            return ["The map is on its side: longitude (east-west) goes across, as x, and latitude (north-south) "
                    "up, as y."]
        return ["The points are not at the LSOA centroids: use the longitude column across (x) and the "
                "latitude column up (y)."]
    problems = []
    coloured = [(found, cs) for found, (_, _, _, cs) in zip(rows, chart.scatters) if len(cs)]
    if coloured:
        for found, cs in coloured:
            known = [(r, c) for r, c in zip(found, cs) if r is not None and r >= 0]
            got = np.array([c for _, c in known], dtype=float)
            at = [r for r, _ in known]
            if _one_colour_per_value(lsoas["imd_decile"].to_numpy()[at], got):
                continue
            others = [c for c in lsoas.columns if c != "imd_decile" and pd.api.types.is_numeric_dtype(lsoas[c])]
            named = [c for c in others if _one_colour_per_value(lsoas[c].to_numpy()[at], got)]
            problems.append(f"The points are coloured by {named[0]}, not imd_decile." if named else
                            "The colours are not each area's IMD decile (c= should be the imd_decile column).")
            break
        legend_says = _labelled(" ".join((chart.legend_title, *chart.legend)), "decile")
        if chart.colour_bars:
            if not any(_labelled(label, "decile") for label in chart.colour_bars):
                problems.append(f"Label the colour bar with what the colours mean, e.g. 'IMD decile (1 = most "
                                f"deprived)'; it says {chart.colour_bars[0]!r}.")
        elif not (len(chart.legend) >= 2 and legend_says):
            problems.append("Add a colour bar so a reader can decode the colours: "
                            "fig.colorbar(points, ax=ax, label='IMD decile (1 = most deprived)').")
    elif len(chart.scatters) == 1:
        return ["All the points are one colour: colour each area by its IMD decile (c=lsoas['imd_decile'])."]
    else:
        deciles = lsoas["imd_decile"].to_numpy()
        groups = [{int(deciles[r]) for r in found if r is not None and r >= 0} for found in rows]
        if any(len(g) != 1 for g in groups) or len({min(g) for g in groups}) != len(groups):
            problems.append("Each set of points should hold the areas of one IMD decile, so each colour is a decile.")
        if len(chart.legend) < len(chart.scatters):
            problems.append("Add a legend (label=... on each set of points, then ax.legend()) so a reader can "
                            "decode the colours.")
        elif not _labelled(" ".join((chart.legend_title, *chart.legend)), "decile"):
            problems.append("Say in the legend what the colours are, e.g. ax.legend(title='IMD decile "
                            "(1 = most deprived)').")
    if not chart.title.strip():
        problems.append("Give the map a title that says what it shows (ax.set_title(...)).")
    return problems


# ------------------------------------------------------------- the ward chart (q8)


def _check_q8(answer, ctx: Context) -> list[str]:
    chart, problems = compare.chart(answer)
    if chart is None:
        return problems
    lsoas, wards, councils = ctx.table("lsoas"), ctx.table("wards"), ctx.table("councils")
    if not chart.bars:
        return ["Draw one horizontal bar per ward (ax.barh)."]
    if not chart.horizontal and len(chart.bars) > 1:
        return ["Use horizontal bars (ax.barh): ward names are long, and they read better down the side."]
    labels, values = chart.bar_values()
    council_of = dict(zip(wards["ward_name"].astype(str), wards["council_code"]))
    if not labels or any(label not in council_of for label in labels):
        return ["Label each bar with its ward's name (ward_name from the wards table); the labels are "
                f"{labels[:3]}..."]
    chosen = {council_of[label] for label in labels}
    name_of = dict(zip(councils["council_code"], councils["council_name"]))
    if len(chosen) > 1:
        return ["Choose one council and chart all of its wards; your bars hold wards of "
                f"{', '.join(sorted(name_of[c] for c in chosen))}."]
    code = chosen.pop()
    expected = ward_shares(lsoas, wards, code)
    if len(labels) != len(expected) or set(labels) != set(expected.index):
        return [f"{name_of[code]} has {len(expected)} wards; your chart has {len(labels)} bars. "
                "Chart every ward of the council you chose."]
    drawn = pd.Series(values, index=labels).reindex(expected.index)
    if not _close(drawn, expected):
        own = lsoas[lsoas["council_code"] == code]
        by_area = ((own["imd_decile"] == 1).groupby(own["ward_code"]).mean() * 100)
        by_area.index = by_area.index.map(wards.set_index("ward_code")["ward_name"])
        if _close(drawn, by_area.reindex(expected.index)):
            problems.append("That is the share of each ward's *areas* in decile 1, not of its *residents*: "
                            "weight each LSOA by its population, as in question 1.")
        elif _close(drawn * 100, expected):
            problems.append("These look like fractions (0.25); give per cents (25).")
        else:
            problems.append("The bar lengths are not the per cent of each ward's residents living in "
                            "decile-1 areas.")
    elif not _largest_first(values):
        problems.append("Put the ward with the largest share at the top, so the chart reads like a ranking "
                        "(barh draws the first bar at the bottom: sort smallest first, or use ax.invert_yaxis()).")
    if not _labelled(chart.title, re.escape(name_of[code])):
        problems.append(f"Say which council the chart is about in its title (the wards are {name_of[code]}'s).")
    return problems + _common_chart_problems(chart, (r"%", "per ?cent", "percent"), "% of residents")


MODULE = ModuleSpec(
    id="m04",
    title="Visualising and communicating: deprivation across Greater Manchester",
    dataset="geography",
    rows=1_600,
    tables_for_learner=("lsoas", "councils", "wards"),
    givens=_givens,
    exercises=(
        ExerciseSpec(
            "q1", "Residents in the most deprived areas, by council", _check_q1,
            hints=("Areas in IMD decile 1 are the most deprived 10% in England. For each council, add up the "
                   "residents of its decile-1 areas and divide by all its residents.",
                   "The worked example counted households in decile-1 areas with a True/False column and "
                   "groupby. Do the same with population, and divide by each council's total population "
                   "(two Series with the same council codes divide label by label).",
                   "Skeleton:\n"
                   "deprived = lsoas['population'].where(lsoas['imd_decile'] == ___, 0).groupby(___).sum()\n"
                   "total = lsoas.groupby(___)['population'].___()\n"
                   "answer_q1 = deprived / total * ___\n"
                   "answer_q1.index = answer_q1.index.map(___)   # codes to names, as in the example\n"
                   "answer_q1 = answer_q1.sort_values(___)"),
            praise="Weighting by population answers the question members ask: how many *people*, not how many areas.",
        ),
        ExerciseSpec(
            "q2", "A ranking chart a committee can read", _check_q2, builds_on=("q1",),
            hints=("One horizontal bar per council, longest at the top, with a title and a labelled value axis.",
                   "barh draws the first value at the bottom, as the population example showed. Either draw "
                   "answer_q1 sorted smallest first, or draw it as it is and turn the axis over with "
                   "ax.invert_yaxis().",
                   "Skeleton:\n"
                   "fig, ax = plt.subplots(figsize=(7, 4))\n"
                   "ax.barh(___.index, ___.values)\n"
                   "ax.___()          # or sort first\n"
                   "ax.set_title(___)\n"
                   "ax.set_xlabel(___)  # say the unit\n"
                   "answer_q2 = ax"),
            praise="Sorted bars, a plain title and units on the axis: the chart answers its question at a glance.",
        ),
        ExerciseSpec(
            "q3", "How many areas in each decile", _check_q3,
            hints=("Count the LSOAs (rows) in each IMD decile, and list the deciles 1 to 10 in order.",
                   "The example counted LSOAs per council with .value_counts(); the biggest count came first. "
                   "What put the labels in order there?",
                   "Skeleton: answer_q3 = lsoas[___].value_counts().___()"),
            praise="A skew towards decile 1 is the headline: this area is more deprived than England as a whole.",
        ),
        ExerciseSpec(
            "q4", "The distribution as a chart", _check_q4, builds_on=("q3",),
            hints=("Ten upright bars, deciles 1 to 10 from left to right, heights from question 3.",
                   "ax.bar(positions, heights) draws upright bars, as in the wards-per-council example; "
                   "your answer_q3 has the deciles as its index and the counts as its values.",
                   "Skeleton:\n"
                   "fig, ax = plt.subplots()\n"
                   "ax.bar(___, ___)\n"
                   "ax.set_xlabel(___)  # say which end is most deprived\n"
                   "ax.set_ylabel(___)\n"
                   "ax.set_title(___)\n"
                   "answer_q4 = ax"),
            praise="Saying which end is 'most deprived' on the axis saves every reader from guessing.",
        ),
        ExerciseSpec(
            "q5", "A function for next year's figures", _check_q5,
            hints=("Wrap your question 1 code in a function that takes the two tables.",
                   "Inside the function, use only its own arguments lsoas and councils (they will be other "
                   "tables when it is tested), and return the result instead of putting it in answer_q1.",
                   "Skeleton:\n"
                   "def most_deprived_share(lsoas, councils):\n"
                   "    deprived = ___\n"
                   "    total = ___\n"
                   "    share = ___\n"
                   "    return ___"),
            praise="When the new deprivation figures come out, the chart is one function call away.",
            reference=most_deprived_share, inputs=("lsoas", "councils"),
        ),
        ExerciseSpec(
            "q6", "Anti-social behaviour month by month", _check_q6,
            hints=("Keep the anti-social behaviour reports, count them in each month, and draw the counts in "
                   "time order with a title and both axes labelled.",
                   "The quarterly example used .dt.to_period('Q') and .value_counts().sort_index(); a month is "
                   "'M'. Keep only the rows whose incident_type is 'Anti-social behaviour' first.",
                   "Skeleton:\n"
                   "asb = incidents[incidents['incident_type'] == ___]\n"
                   "monthly = asb['reported_at'].dt.to_period(___).value_counts().___()\n"
                   "fig, ax = plt.subplots(figsize=(9, 4))\n"
                   "ax.plot(monthly.index.to_timestamp(), monthly.values)   # or ax.bar(...)\n"
                   "ax.set(title=___, xlabel=___, ylabel=___)\n"
                   "answer_q6 = ax"),
            praise="Three summers, three peaks: a line over time makes a seasonal pattern obvious at a glance.",
        ),
        ExerciseSpec(
            "q7", "A map of deprivation", _check_q7,
            hints=("One point per LSOA at its centroid (longitude across, latitude up), coloured by its IMD "
                   "decile, with a key a reader can decode and a title.",
                   "The household map used c= to colour points by a column and fig.colorbar(points, ax=ax, "
                   "label=...) for the key. The council map instead drew one set of points per group with "
                   "label=... and ax.legend(): either way works.",
                   "Skeleton:\n"
                   "fig, ax = plt.subplots(figsize=(7, 6))\n"
                   "points = ax.scatter(lsoas[___], lsoas[___], c=lsoas[___], cmap=___, s=8)\n"
                   "fig.colorbar(points, ax=ax, label=___)\n"
                   "ax.set_title(___)\n"
                   "answer_q7 = ax"),
            praise="A map with a key anyone can read: members can find their own wards and see the pattern.",
        ),
        ExerciseSpec(
            "q8", "Your council's wards", _check_q8,
            hints=("Pick one council. For each of its wards, work out the per cent of residents living in "
                   "decile-1 areas (question 1's method, by ward), then chart them as a ranking.",
                   "Keep the council's LSOAs with a True/False filter on council_code, group by ward_code "
                   "instead of council_code, and swap ward codes for names with the wards table, as the "
                   "ward-population example did.",
                   "Skeleton:\n"
                   "own = lsoas[lsoas['council_code'] == ___]\n"
                   "deprived = own['population'].where(own['imd_decile'] == 1, 0).groupby(own[___]).sum()\n"
                   "share = deprived / own.groupby(___)['population'].sum() * 100\n"
                   "share.index = share.index.map(wards.set_index(___)[___])\n"
                   "# then sort, barh, title naming the council, value-axis label with the unit\n"
                   "answer_q8 = ax"),
            praise="A ward ranking is what a ward councillor asks for first: where in *my* patch is it hardest?",
        ),
    ),
)
