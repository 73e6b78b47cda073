"""Module 3, joining data from several councils: fly-tipping in three dialects.

Bolton, Salford and Wigan publish the same thing differently and each
publication carries defects (impossible dates, wrong ward codes, duplicates,
totals rows, garbled text, missing-value markers). The dataset lists every
defect and the one clean table its cleaning rules lead to, so the combined
table is graded against that, column by column and council by council, and
the feedback can name the council and the incident that is still wrong.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from academy.datasets.geography import geography_tables
from academy.datasets.multi_council import PUBLISHERS, YEAR_END, YEAR_START
from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

CLEAN_COLUMNS = ["incident_ref", "council_code", "ward_code", "date_reported", "waste_type", "size", "land_type",
                 "clearance_cost_gbp"]
COUNCIL_NAMES = {p.council_code: p.council_name for p in PUBLISHERS}
SALFORD = "E08000006"

# ------------------------------------------------------------ reference answers


def in_year(dates: pd.Series) -> pd.Series:
    """Dates outside 2024-25 are typing slips (2204 for 2024), so they are left empty."""
    return dates.where(dates.between(pd.Timestamp(YEAR_START), pd.Timestamp(YEAR_END)))


def bolton_dates(bolton: pd.DataFrame) -> pd.Series:
    return in_year(pd.to_datetime(bolton["Date Reported"], format="%d/%m/%Y", errors="coerce"))


def council_wards(wards: pd.DataFrame, council_code: str) -> pd.DataFrame:
    return wards[wards["council_code"] == council_code]


def names_to_codes(names: pd.Series, wards: pd.DataFrame, council_code: str) -> pd.Series:
    """Match within the council only: a ward name from elsewhere cannot say which ward was meant."""
    own = council_wards(wards, council_code)
    return names.str.strip().str.title().map(dict(zip(own["ward_name"], own["ward_code"])))


def only_incidents(publication: pd.DataFrame, key: str, totals_label: str) -> pd.DataFrame:
    return publication[publication[key] != totals_label].drop_duplicates()


def _givens(ctx: Context) -> dict[str, Any]:
    """Every ward of the ten councils, as the ONS lookup would give: matching must pick the right council."""
    return {"wards": geography_tables(ctx.seed, "wards")["wards"][["ward_code", "ward_name", "council_code"]]}


def _wards(ctx: Context) -> pd.DataFrame:
    return _givens(ctx)["wards"]


# ------------------------------------------------------------------------ checks


def _day_strings(dates: pd.Series) -> np.ndarray:
    return dates.dt.strftime("%Y-%m-%d").fillna("empty").to_numpy()


def _texts(values: pd.Series) -> np.ndarray:
    """Values as text with one word for empty, so NaN, None and pd.NA all compare equal."""
    return values.astype(object).where(values.notna(), "empty").astype(str).to_numpy()


def _check_q1(answer, ctx: Context) -> list[str]:
    bolton = ctx.table("publication_bolton")
    expected = bolton_dates(bolton)
    if not isinstance(answer, pd.Series):
        return [f"I expected a Series of dates, one per row of Bolton's table; you gave {compare.describe(answer)}."]
    if len(answer) != len(expected):
        return [f"Your answer has {len(answer):,} dates; Bolton's table has {len(expected):,} rows. "
                "Convert the whole 'Date Reported' column (duplicates go later)."]
    if not pd.api.types.is_datetime64_any_dtype(answer):
        return ["These are still text: convert them to dates with pd.to_datetime(...)."]
    got, want = _day_strings(answer.reset_index(drop=True)), _day_strings(expected)
    off = got != want
    if not off.any():
        return []
    i = int(np.flatnonzero(off)[0])
    ref, published = bolton["Incident Ref"].iloc[i], bolton["Date Reported"].iloc[i]
    if want[i] == "empty":
        return [f"{ref} was published as {published!r}, which is not a real date in April 2024 – March 2025, "
                f"but you have {got[i]}. Leave such dates empty: errors='coerce', then keep only dates in the year."]
    if got[i] == "empty":
        return [f"{ref}'s date {published!r} is real, but yours is empty. Bolton writes day/month/year: "
                "format='%d/%m/%Y'."]
    more = f" {int(off.sum()) - 1:,} more differ." if off.sum() > 1 else ""
    year, month, day = want[i].split("-")
    if got[i] == f"{year}-{day}-{month}":
        return [f"{ref} was published as {published!r}: that is {want[i]}, but you have {got[i]}. "
                "Bolton writes the day first (format='%d/%m/%Y')." + more]
    return [f"{ref} was published as {published!r}: that is {want[i]}, but you have {got[i]}. "
            "Convert this table's own 'Date Reported' column." + more]


def _check_q2(answer, ctx: Context) -> list[str]:
    salford = ctx.table("publication_salford")
    wards = _wards(ctx)
    expected = names_to_codes(salford["ward_name"], wards, SALFORD)
    if not isinstance(answer, pd.Series):
        return ["I expected a Series of ward codes, one per row of Salford's table; "
                f"you gave {compare.describe(answer)}."]
    if len(answer) != len(expected):
        return [f"Your answer has {len(answer):,} codes; Salford's table has {len(expected):,} rows."]
    got = answer.reset_index(drop=True)
    for i in np.flatnonzero(_texts(got) != _texts(expected)):
        name = salford["ward_name"].iloc[i]
        if pd.isna(name):
            continue  # the totals row has no ward: any empty marker will do
        if pd.isna(expected.iloc[i]):
            return [f"The published ward {name!r} is not a Salford ward, yet you gave it the code {got.iloc[i]}. "
                    "Match names only against Salford's wards (council_code "
                    f"{SALFORD}); a ward of another council cannot tell you which Salford ward was meant."]
        if pd.isna(got.iloc[i]):
            return [f"The published ward {name!r} got no code. Names come with stray spaces and capitals: "
                    ".str.strip().str.title() before matching."]
        return [f"The published ward {name!r} should be {expected.iloc[i]}, not {got.iloc[i]}."]
    return []


def _check_q3(answer, ctx: Context) -> list[str]:
    salford = ctx.table("publication_salford")
    expected = only_incidents(salford, "ref", "Total")
    if not isinstance(answer, pd.DataFrame):
        return [f"I expected Salford's table with some rows removed; you gave {compare.describe(answer)}."]
    if list(answer.columns) != list(salford.columns):
        return [f"Keep Salford's own columns ({list(salford.columns)}) and remove rows only."]
    refs = answer["ref"].astype(str)
    if (refs == "Total").any():
        return ["The 'Total' row is still there: it sums the incidents, it is not one."]
    if refs.duplicated().any():
        return [f"{int(refs.duplicated().sum())} rows are still doubled (e.g. {refs[refs.duplicated()].iloc[0]}): "
                ".drop_duplicates() keeps the first of each."]
    if len(answer) != len(expected):
        return [f"Your table has {len(answer):,} rows; Salford reported {len(expected):,} different incidents. "
                "Remove only the totals row and exact duplicates."]
    if not all((_texts(answer[c].reset_index(drop=True)) == _texts(expected[c].reset_index(drop=True))).all()
               for c in salford.columns):
        return ["These rows differ from your Salford publication's: start from this notebook's salford table "
                "and only remove rows."]
    return []


def combined(ctx: Context) -> pd.DataFrame:
    return ctx.data.truth["clean"]


def _comparable(table: pd.DataFrame) -> pd.DataFrame:
    out = table[CLEAN_COLUMNS].copy()
    out["date_reported"] = pd.Series(_day_strings(out["date_reported"]), index=out.index)
    for col in CLEAN_COLUMNS:
        if col not in ("date_reported", "clearance_cost_gbp"):
            out[col] = _texts(out[col])
    out["clearance_cost_gbp"] = out["clearance_cost_gbp"].astype(float)
    return out.sort_values("incident_ref", ignore_index=True)


def _shown(value: Any) -> str:
    if isinstance(value, (float, np.floating)):
        return "empty" if np.isnan(value) else f"{value:,.2f}"
    return repr(str(value))


def _check_q4(answer, ctx: Context) -> list[str]:
    expected = combined(ctx)
    if not isinstance(answer, pd.DataFrame):
        return ["I expected one table (DataFrame) of all three councils' incidents; "
                f"you gave {compare.describe(answer)}."]
    missing = [c for c in CLEAN_COLUMNS if c not in answer.columns]
    if missing:
        return [f"Your table has no column {', '.join(map(repr, missing))}. Name the columns {CLEAN_COLUMNS}."]
    answer = answer.reset_index(drop=True)
    counts = answer["council_code"].astype(str).value_counts()
    for code, want in expected["council_code"].value_counts().items():
        got = int(counts.get(code, 0))
        if got != want:
            more = " Did the duplicates and the totals row go?" if got > want else ""
            return [f"{COUNCIL_NAMES[code]} ({code}) has {got:,} rows in your table; "
                    f"it reported {want:,} incidents.{more}"]
    if answer["incident_ref"].astype(str).duplicated().any():
        return ["Some incident references appear twice: each incident should be one row."]
    if not pd.api.types.is_datetime64_any_dtype(answer["date_reported"]):
        return ["date_reported should hold dates (pd.to_datetime), not text or numbers."]
    if not pd.api.types.is_numeric_dtype(answer["clearance_cost_gbp"]):
        return ["clearance_cost_gbp should hold numbers of pounds: "
                "take out '£' and ',' and make missing markers empty."]
    answer = answer.assign(incident_ref=answer["incident_ref"].astype(str))
    want, got = _comparable(expected), _comparable(answer)
    if not got["incident_ref"].equals(want["incident_ref"]):
        extra = sorted(set(got["incident_ref"]) - set(want["incident_ref"]))
        return [f"These are not incident references of the three publications: {extra[:3]}."]
    for col in CLEAN_COLUMNS[1:]:
        if col == "clearance_cost_gbp":
            off = ~np.isclose(got[col], want[col], rtol=1e-6, equal_nan=True)
        else:
            off = (got[col] != want[col]).to_numpy()
        if off.any():
            i = int(np.flatnonzero(off)[0])
            council = COUNCIL_NAMES.get(want["council_code"].iloc[i], want["council_code"].iloc[i])
            return [f"{col} of {council}'s incident {want['incident_ref'].iloc[i]} is {_shown(got[col].iloc[i])}; "
                    f"expected {_shown(want[col].iloc[i])}."
                    + (f" {int(off.sum()) - 1:,} more differ." if off.sum() > 1 else "")]
    return []


def _licensing(ctx: Context) -> dict[str, Any]:
    licences = ctx.table("licences")
    open_ = licences[licences["onward_publication_allowed"]]
    return {"may_publish_combined": bool(licences["onward_publication_allowed"].all()),
            "publishable": set(open_["council_code"]),
            "attribution": set(open_.loc[open_["attribution_required"], "attribution"])}


def _check_q5(answer, ctx: Context) -> list[str]:
    want = _licensing(ctx)
    keys = ["may_publish_combined", "publishable", "attribution"]
    if not isinstance(answer, dict):
        return [f"I expected a dictionary with the keys {keys}; you gave {compare.describe(answer)}."]
    missing = [k for k in keys if k not in answer]
    if missing:
        return [f"Your dictionary has no {', '.join(map(repr, missing))}."]
    if not isinstance(answer["may_publish_combined"], (bool, np.bool_)):
        return ["may_publish_combined should be True or False."]
    if bool(answer["may_publish_combined"]) != want["may_publish_combined"]:
        return ["Look at onward_publication_allowed again: a combined table is only as open as its most "
                "restrictive source."]
    try:
        publishable, attribution = set(answer["publishable"]), set(answer["attribution"])
    except TypeError:
        return ["publishable and attribution should each be a list."]
    if publishable != want["publishable"]:
        names = {COUNCIL_NAMES.get(c, c) for c in publishable}
        return [f"publishable should list the council codes whose data others may republish; you have {sorted(names)}."]
    if attribution != want["attribution"]:
        return ["attribution should hold the credit line of every publishable source that requires one, "
                "exactly as the licences table gives it."]
    return []


_TIDY_HINT = ("Follow tidy_bolton: one pd.DataFrame({...}) per council with the eight clean columns, "
              "then pd.concat([...], ignore_index=True).")

MODULE = ModuleSpec(
    id="m03",
    title="Joining data from several councils: fly-tipping",
    dataset="multi_council",
    rows=2_000,
    tables_for_learner=("publication_bolton", "publication_salford", "publication_wigan", "licences"),
    givens=_givens,
    exercises=(
        ExerciseSpec(
            "q1", "Real dates only", _check_q1,
            hints=("Bolton writes dates as day/month/year text. Some are impossible (31 June) or mistyped (2204).",
                   "pd.to_datetime(text, format='%d/%m/%Y', errors='coerce') turns the impossible ones into NaT "
                   "(empty); dates.where(dates.between('2024-04-01', '2025-03-31')) empties those outside the year.",
                   "dates = pd.to_datetime(bolton['Date Reported'], format='%d/%m/%Y', errors='coerce')\n"
                   "answer_q1 = dates.where(dates.between('2024-04-01', '2025-03-31'))"),
            praise="An empty date is honest; a guessed one would quietly move incidents between months.",
        ),
        ExerciseSpec(
            "q2", "Ward names to GSS codes", _check_q2,
            hints=("Salford publishes ward names, not codes. The wards table has each ward's name and GSS code; "
                   "use only Salford's wards.",
                   "salford_wards = wards[wards['council_code'] == 'E08000006']; a dict from name to code "
                   "(dict(zip(names, codes))) and .map() does the lookup. "
                   "Tidy the names first: .str.strip().str.title().",
                   "lookup = dict(zip(salford_wards['ward_name'], salford_wards['ward_code']))\n"
                   "answer_q2 = salford['ward_name'].str.strip().str.title().map(lookup)"),
            praise="GSS codes are what let you join to population, deprivation and every other council's data.",
        ),
        ExerciseSpec(
            "q3", "Rows that are not incidents", _check_q3,
            hints=("Two kinds of row are not incidents: the 'Total' line at the bottom, and rows submitted twice.",
                   "salford[salford['ref'] != 'Total'] drops the totals row; .drop_duplicates() drops exact repeats.",
                   "answer_q3 = salford[salford['ref'] != 'Total'].drop_duplicates()"),
            praise="Left in, the totals row alone would double Salford's clearance costs.",
        ),
        ExerciseSpec(
            "q4", "One table keyed on GSS codes", _check_q4,
            hints=(_TIDY_HINT,
                   "Salford: dates format='%d-%b-%y'; waste types .str.capitalize(); costs: "
                   "pd.to_numeric(text.str.replace('£', '').str.replace(',', ''), errors='coerce'). "
                   "Wigan: drop 'Grand total'; dates are Excel day numbers: "
                   "pd.to_datetime(pd.to_numeric(w['Date']), unit='D', origin='1899-12-30'); "
                   "its codes (WD22CD) have slips, but its names (WD22NM) are right; a cost of 0 means unknown.",
                   "Check each council on its own first: answer_q4[answer_q4['council_code'] == 'E08000010'].head()"),
            praise="One table, one key: this is what lets three councils compare themselves fairly.",
        ),
        ExerciseSpec(
            "q5", "May the combined table be published?", _check_q5,
            hints=("Read the licences table: onward_publication_allowed says whether others may republish a source.",
                   "A combination may be published only if every source allows it. The sources that allow it, and "
                   "the credit lines of those that require attribution, are what you could publish without the rest.",
                   "open_ = licences[licences['onward_publication_allowed']]; "
                   "open_['council_code'].tolist(); open_.loc[open_['attribution_required'], 'attribution'].tolist()"),
            praise="Publishing Wigan's rows would break its data-sharing agreement, however useful the map.",
        ),
    ),
)
