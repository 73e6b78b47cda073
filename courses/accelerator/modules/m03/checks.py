"""Module 3, joining data from several councils: fly-tipping in three dialects.

Bolton, Salford and Wigan publish the same thing differently and each
publication carries defects (impossible dates, wrong ward codes, duplicates,
totals rows, garbled text, missing-value markers). Learners open the three
files as published (a UTF-8 CSV, a Windows-1252 CSV and an Excel sheet with
title rows above its headings), clean each council into the same eight
columns, put them together, log every kind of defect they found, and decide
what may be published. The dataset lists every defect and the one clean
table its cleaning rules lead to, so each council's table is graded against
that, and the defect log against the planted defects.

Later questions start from the learner's own earlier answers (``builds_on``):
Salford's clean table is judged on the rows they kept in question 3, and the
combined table on their own Salford and Wigan tables, so one slip costs once.
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
BOLTON, SALFORD, WIGAN = (p.council_code for p in PUBLISHERS)
FILES = {p.key: p.file_name for p in PUBLISHERS}
KINDS = ("bad_date", "wrong_code", "duplicate", "totals_row", "encoding", "missing_marker")
#: Where to look again for each kind of defect, in a learner's words.
LOOK_AGAIN = {"bad_date": "dates", "wrong_code": "ward codes or names", "duplicate": "rows that appear twice",
              "totals_row": "the bottom of the table", "encoding": "odd characters in the text",
              "missing_marker": "how an unknown cost is written"}
#: Defects of a whole file or of a row that is not an incident: any text will do as the example.
ANY_EXAMPLE = {("Salford", "encoding"), ("Salford", "totals_row"), ("Wigan", "totals_row")}
LOG_COLUMNS = ["council", "kind", "incident_ref", "fix"]

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


def tidy_salford(s: pd.DataFrame, wards: pd.DataFrame) -> pd.DataFrame:
    """Salford's rows (as kept in question 3) in the eight clean columns."""
    cost = s["cost_gbp"].astype("str").str.replace("£", "").str.replace(",", "")
    return pd.DataFrame({
        "incident_ref": s["ref"], "council_code": SALFORD,
        "ward_code": names_to_codes(s["ward_name"], wards, SALFORD),
        "date_reported": in_year(pd.to_datetime(s["date"], format="%d-%b-%y", errors="coerce")),
        "waste_type": s["waste"].str.capitalize(), "size": s["size_category"], "land_type": s["land"],
        "clearance_cost_gbp": pd.to_numeric(cost, errors="coerce")})


def _givens(ctx: Context) -> dict[str, Any]:
    """Every ward of the ten councils, as the ONS lookup would give: matching must pick the right council."""
    return {"wards": geography_tables(ctx.seed, "wards")["wards"][["ward_code", "ward_name", "council_code"]]}


def _wards(ctx: Context) -> pd.DataFrame:
    return _givens(ctx)["wards"]


def _files(ctx: Context) -> dict[str, bytes]:
    """The three files exactly as each council published them, in this learner's variant."""
    return dict(ctx.data.raw_files)


def combined(ctx: Context) -> pd.DataFrame:
    return ctx.data.truth["clean"]


def _council_part(ctx: Context, code: str) -> pd.DataFrame:
    clean = combined(ctx)
    return clean[clean["council_code"] == code].reset_index(drop=True)


def _earlier(ctx: Context, name: str) -> Any:
    """The learner's own answer to an earlier question, or None when it is not known."""
    try:
        return ctx.earlier(name)
    except Exception:
        return None


# ------------------------------------------------------------------------ checks


def _day_strings(dates: pd.Series) -> np.ndarray:
    return dates.dt.strftime("%Y-%m-%d").fillna("empty").to_numpy()


def _texts(values: pd.Series) -> np.ndarray:
    """Values as text with one word for empty, so NaN, None, pd.NA and "" all compare equal."""
    out = values.astype(object).where(values.notna(), "empty").astype(str)
    return out.where(out.str.strip() != "", "empty").to_numpy()


def _refs(values: pd.Series) -> pd.Series:
    """Incident references as text; Wigan's numbers as whole numbers, however Excel handed them over."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        try:
            return pd.to_numeric(values, errors="coerce").astype("Int64").astype(str)
        except (TypeError, ValueError):  # numbers with fractions are no references: compared as they are
            pass
    return values.astype(str).str.strip()


def _check_q1(answer, ctx: Context) -> list[str]:
    if isinstance(answer, (list, np.ndarray)) and len(answer):
        answer = pd.Series(list(answer))  # one value per row, in the table's order
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
    if want[i] == "empty" and not YEAR_START <= got[i] <= YEAR_END:
        return [f"{ref} was published as {published!r}: a real date, but not one in April 2024 – March 2025, "
                f"and you have {got[i]}. It is a typing slip: leave dates outside the financial year empty."]
    if want[i] == "empty":
        return [f"{ref} was published as {published!r}, which is not a real date in April 2024 – March 2025, "
                f"but you have {got[i]}. Leave such dates empty (NaT) rather than guessing."]
    if got[i] == "empty":
        year_note = (" The financial year runs from April 2024 to March 2025, into the next calendar year."
                     if want[i] >= "2025-01-01" and not (got[got != "empty"] >= "2025-01-01").any() else "")
        return [f"{ref}'s date {published!r} is real, but yours is empty. Bolton writes the day first, "
                "then the month, then the year with four figures." + year_note]
    more = f" {int(off.sum()) - 1:,} more differ." if off.sum() > 1 else ""
    year, month, day = want[i].split("-")
    if got[i] == f"{year}-{day}-{month}":
        return [f"{ref} was published as {published!r}: that is {want[i]}, but you have {got[i]}. "
                "Bolton writes the day first (format='%d/%m/%Y')." + more]
    if got[i][:4] != year and got[i][5:] == want[i][5:]:
        return [f"{ref} was published as {published!r}: that is {want[i]}, but you have {got[i]}. "
                "Keep each date's own year: the financial year April 2024 – March 2025 runs over two calendar "
                "years." + more]
    return [f"{ref} was published as {published!r}: that is {want[i]}, but you have {got[i]}. "
            "Convert this table's own 'Date Reported' column." + more]


def _check_q2(answer, ctx: Context) -> list[str]:
    if isinstance(answer, (list, np.ndarray)) and len(answer):
        answer = pd.Series(list(answer))  # one value per row, in the table's order
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
                    "tidy them the way the lookup writes them before matching."]
        return [f"The published ward {name!r} should be {expected.iloc[i]}, not {got.iloc[i]}."]
    return []


def _garbled(values: pd.Series) -> bool:
    text = values.dropna().astype(str)
    return bool(text.str.contains("\x96|â€", regex=True).any())


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
                "keep one copy of each."]
    if len(answer) != len(expected):
        return [f"Your table has {len(answer):,} rows; Salford reported {len(expected):,} different incidents. "
                "Remove only the totals row and exact duplicates."]
    if "land" in answer and _garbled(answer["land"]):
        return ["Some land types read 'Council land \\x96 parks…' or with 'â€“' where Salford wrote a dash: the file "
                "was read with the wrong encoding. Salford saved it from Excel on Windows: encoding='cp1252'."]
    if not all((_texts(answer[c].reset_index(drop=True)) == _texts(expected[c].reset_index(drop=True))).all()
               for c in salford.columns):
        return ["These rows differ from your Salford publication's: start from the table you read from "
                f"{FILES['salford']} and only remove rows."]
    return []


def _comparable(table: pd.DataFrame) -> pd.DataFrame:
    out = table[CLEAN_COLUMNS].copy()
    out["incident_ref"] = _refs(out["incident_ref"]).to_numpy()
    out["date_reported"] = pd.Series(_day_strings(pd.to_datetime(out["date_reported"])), index=out.index)
    for col in CLEAN_COLUMNS:
        if col not in ("incident_ref", "date_reported", "clearance_cost_gbp"):
            out[col] = _texts(out[col])
    out["clearance_cost_gbp"] = pd.to_numeric(out["clearance_cost_gbp"], errors="coerce").astype(float)
    return out.sort_values("incident_ref", ignore_index=True)


def _shown(value: Any) -> str:
    if isinstance(value, (float, np.floating)):
        return "empty" if np.isnan(value) else f"{value:,.2f}"
    return repr(str(value))


COLUMN_ADVICE = {
    "ward_code": "ward codes come from the ward names, matched within the council only",
    "date_reported": "check the date format, and leave dates that are not real dates in 2024-25 empty",
    "waste_type": "waste types are in sentence case ('Household black bags')",
    "land_type": "land types as published, with no garbled characters",
    "clearance_cost_gbp": "costs are numbers of pounds, with every way of writing 'unknown' left empty",
}


def _numbers_only(values: pd.Series) -> bool:
    """Numbers, or empty: a float column, or one that .replace(0, None) left as objects (None among numbers)."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return True
    present = values[values.notna()]
    return all(isinstance(x, (int, float, np.integer, np.floating)) and not isinstance(x, (bool, np.bool_))
               for x in present)


def _judge_clean(answer: Any, expected: pd.DataFrame, what: str) -> list[str]:
    """``answer`` against ``expected`` (the eight clean columns), council by council and column by column."""
    if not isinstance(answer, pd.DataFrame):
        return [f"I expected {what} as one table (DataFrame); you gave {compare.describe(answer)}."]
    missing = [c for c in CLEAN_COLUMNS if c not in answer.columns]
    if missing:
        return [f"Your table has no column {', '.join(map(repr, missing))}. Name the columns {CLEAN_COLUMNS}."]
    if answer.columns.duplicated().any():
        return ["Your table has some columns more than once: stack the tables one under another "
                "(pd.concat([...]) without axis=1), so each column appears once."]
    answer = answer.reset_index(drop=True)
    counts = answer["council_code"].astype(str).value_counts()
    for code, want in expected["council_code"].astype(str).value_counts().items():
        got = int(counts.get(code, 0))
        if got != want:
            more = (" Did the duplicates and the totals row go?" if got > want
                    else " A row with an empty cell is still an incident: remove only the totals row and repeats.")
            return [f"{COUNCIL_NAMES.get(code, code)} ({code}) has {got:,} rows in your table; "
                    f"it should have {want:,} incidents.{more}"]
    others = sorted(set(counts.index) - set(expected["council_code"].astype(str)))
    if others:
        return [f"council_code should be the council's GSS code; your table also has {others[:3]}."]
    if not pd.api.types.is_datetime64_any_dtype(answer["date_reported"]):
        return ["date_reported should hold dates (pd.to_datetime), not text or numbers."]
    if not _numbers_only(answer["clearance_cost_gbp"]):
        return ["clearance_cost_gbp should hold numbers of pounds: "
                "take out '£' and ',' and make missing markers empty."]
    refs = answer["incident_ref"]
    decimals = refs[refs.astype(str).str.endswith(".0")].astype(str)
    if len(decimals):
        return [f"Incident references such as {decimals.iloc[0]!r} have gained '.0': Excel's numbers came "
                "in as decimals because the totals row had none. Make them whole numbers before turning them "
                "into text (.astype(int).astype(str))."]
    if _refs(refs).duplicated().any() and not _refs(expected["incident_ref"]).duplicated().any():
        return ["Some incident references appear twice: each incident should be one row."]
    want, got = _comparable(expected), _comparable(answer)
    if not got["incident_ref"].equals(want["incident_ref"]):
        extra = sorted(set(got["incident_ref"]) - set(want["incident_ref"]))
        return [f"These are not incident references of the publications: {extra[:3]}."]
    for col in CLEAN_COLUMNS[1:]:
        if col == "clearance_cost_gbp":
            off = ~np.isclose(got[col], want[col], rtol=1e-6, equal_nan=True)
        else:
            off = (got[col] != want[col]).to_numpy()
        if off.any():
            i = int(np.flatnonzero(off)[0])
            council = COUNCIL_NAMES.get(want["council_code"].iloc[i], want["council_code"].iloc[i])
            advice = COLUMN_ADVICE.get(col, "")
            if col == "date_reported" and council == "Wigan":
                advice = "Wigan's dates are Excel day numbers, counted from origin='1899-12-30'"
            advice = f" ({advice})" if advice else ""
            return [f"{col} of {council}'s incident {want['incident_ref'].iloc[i]} is {_shown(got[col].iloc[i])}; "
                    f"expected {_shown(want[col].iloc[i])}{advice}."
                    + (f" {int(off.sum()) - 1:,} more differ." if off.sum() > 1 else "")]
    return []


def _usable_clean(table: Any) -> bool:
    return isinstance(table, pd.DataFrame) and all(c in table.columns for c in CLEAN_COLUMNS) and len(table) > 0


def _expected_salford(ctx: Context) -> pd.DataFrame:
    """Salford's clean rows, from the rows the learner kept in question 3 when those were not right."""
    reference = _council_part(ctx, SALFORD)
    kept = _earlier(ctx, "q3")
    if kept is None:
        return reference
    try:
        if _check_q3(kept, ctx):
            own = tidy_salford(kept, _wards(ctx)).reset_index(drop=True)
            if not own.empty:
                return own
    except Exception:  # an odd earlier answer: judge against the reference
        pass
    return reference


def _check_q4(answer, ctx: Context) -> list[str]:
    if isinstance(answer, pd.DataFrame) and "council_code" in answer and \
            (answer["council_code"].astype(str) != SALFORD).any():
        return [f"Only Salford's incidents here: council_code {SALFORD} on every row (the three councils go "
                "together in a later question)."]
    return _judge_clean(answer, _expected_salford(ctx), "Salford's incidents in the eight clean columns")


def _check_q6(answer, ctx: Context) -> list[str]:
    if isinstance(answer, pd.DataFrame) and "council_code" in answer and \
            (answer["council_code"].astype(str) != WIGAN).any():
        return [f"Only Wigan's incidents here: council_code {WIGAN} on every row."]
    if isinstance(answer, pd.DataFrame) and "incident_ref" in answer and \
            answer["incident_ref"].astype(str).isin(["WD22CD", "Incident No"]).any():
        return ["Some rows are headings or title rows, not incidents: look at the first rows of the sheet "
                "(pd.read_excel(path).head()) and tell pandas which row holds the headings."]
    return _judge_clean(answer, _council_part(ctx, WIGAN), "Wigan's incidents in the eight clean columns")


def _check_q7(answer, ctx: Context) -> list[str]:
    """All three councils; Salford's and Wigan's parts as the learner built them in questions 4 and 6."""
    parts = [_council_part(ctx, BOLTON)]
    for name, code in (("q4", SALFORD), ("q6", WIGAN)):
        own, reference = _earlier(ctx, name), _council_part(ctx, code)
        try:
            usable = _usable_clean(own) and (own["council_code"].astype(str) == code).all() \
                and bool((_check_q4 if name == "q4" else _check_q6)(own, ctx))
        except Exception:
            usable = False
        parts.append(own[CLEAN_COLUMNS].reset_index(drop=True) if usable else reference)
    try:
        expected = pd.concat(parts, ignore_index=True)
        _comparable(expected)
    except Exception:
        expected = combined(ctx)
    return _judge_clean(answer, expected, "all three councils' incidents")


def _licensing(ctx: Context) -> dict[str, Any]:
    licences = ctx.table("licences")
    open_ = licences[licences["onward_publication_allowed"]]
    return {"may_publish_combined": bool(licences["onward_publication_allowed"].all()),
            "publishable": set(open_["council_code"]),
            "attribution": set(open_.loc[open_["attribution_required"], "attribution"])}


Q5_KEYS = ["may_publish_combined", "publishable", "attribution"]


def _form_q5(answer, ctx: Context) -> list[str]:
    """What may be said at once: the answer's shape, never whether a choice is right."""
    if not isinstance(answer, dict):
        return [f"I expected a dictionary with the keys {Q5_KEYS}; you gave {compare.describe(answer)}."]
    missing = [k for k in Q5_KEYS if k not in answer]
    if missing:
        return [f"Your dictionary has no {', '.join(map(repr, missing))}."]
    if not isinstance(answer["may_publish_combined"], (bool, np.bool_)):
        return ["may_publish_combined should be True or False."]
    for key in ("publishable", "attribution"):
        if isinstance(answer[key], str) or not hasattr(answer[key], "__iter__"):
            return [f"{key} should be a list."]
    codes = set(ctx.table("licences")["council_code"])
    strays = [c for c in answer["publishable"] if c not in codes]
    if strays:
        return [f"publishable should list council codes from the licences table; {strays[0]!r} is not one."]
    return []


def _check_q5(answer, ctx: Context) -> list[str]:
    shape = _form_q5(answer, ctx)
    if shape:
        return shape
    want = _licensing(ctx)
    if bool(answer["may_publish_combined"]) != want["may_publish_combined"]:
        return ["Look at onward_publication_allowed again: a combined table is only as open as its most "
                "restrictive source."]
    publishable, attribution = set(answer["publishable"]), set(answer["attribution"])
    if publishable != want["publishable"]:
        names = {COUNCIL_NAMES.get(c, c) for c in publishable}
        return [f"publishable should list the council codes whose data others may republish; you have {sorted(names)}."]
    if attribution != want["attribution"]:
        return ["attribution should hold the credit line of every publishable source that requires one, "
                "exactly as the licences table gives it."]
    return []


# ------------------------------------------------------------------ the defect log


def planted(ctx: Context) -> dict[tuple[str, str], set[str]]:
    """(council name, kind) -> the incident references that carry that defect in this learner's files."""
    defects = ctx.data.truth["defects"]
    names = {f"publication_{p.key}": p.council_name for p in PUBLISHERS}
    out: dict[tuple[str, str], set[str]] = {}
    for (publication, kind), rows in defects.groupby(["publication", "kind"]):
        out[(names[publication], kind)] = set(rows["row_key"].astype(str))
    return out


def _council_of(value: Any) -> str | None:
    text = str(value).strip().lower()
    for code, name in COUNCIL_NAMES.items():
        if text in (code.lower(), name.lower()) or text.startswith(name.lower()):
            return name
    return None


def _kind_of(value: Any) -> str | None:
    text = str(value).strip().lower().replace(" ", "_").replace("-", "_")
    return text if text in KINDS else None


def _ref_text(value: Any) -> str:
    if isinstance(value, (int, np.integer)) or (isinstance(value, (float, np.floating)) and float(value).is_integer()):
        return str(int(value))
    return str(value).strip()


def _log_frame(answer: Any) -> pd.DataFrame | None:
    if isinstance(answer, pd.DataFrame):
        return answer
    if isinstance(answer, list) and answer and all(isinstance(r, dict) for r in answer):
        return pd.DataFrame(answer)
    return None


def _check_q8(answer, ctx: Context) -> list[str]:
    if type(answer).__name__ == "Unrecorded":
        return ["Your log could not be sent to the checker: a column mixes numbers and text. Write every "
                "incident_ref as text, Wigan's numbers too (str(int(number)))."]
    log = _log_frame(answer)
    if log is None:
        return [f"I expected your defect log as a table (DataFrame) with the columns {LOG_COLUMNS}, one row for "
                f"each kind of defect you found in each council's file; you gave {compare.describe(answer)}."]
    missing = [c for c in LOG_COLUMNS if c not in log.columns]
    if missing:
        return [f"Your log has no column {', '.join(map(repr, missing))}: it needs {LOG_COLUMNS}."]
    truth = planted(ctx)
    found: set[tuple[str, str]] = set()
    for n, row in enumerate(log[LOG_COLUMNS].itertuples(index=False), start=1):
        council, kind = _council_of(row.council), _kind_of(row.kind)
        if council is None:
            return [f"Row {n} of your log: council {row.council!r} is not Bolton, Salford or Wigan."]
        if kind is None:
            return [f"Row {n} of your log: kind {row.kind!r} is not one of the six: {', '.join(KINDS)}."]
        if pd.isna(row.fix) or not str(row.fix).strip():
            return [f"Row {n} of your log ({council}, {kind}) says nothing under 'fix': write in a few words what "
                    "you did about it, so the next person can repeat it."]
        refs = truth.get((council, kind))
        ref = "" if pd.isna(row.incident_ref) else _ref_text(row.incident_ref)
        if refs is None or ((council, kind) not in ANY_EXAMPLE and ref not in refs):
            return [f"Row {n} of your log says {council}'s incident {ref!r} shows the defect {kind!r}, but in your "
                    f"copy of {council}'s file it does not. Look at that row again, or give another example."]
        found.add((council, kind))
    left = sorted(set(truth) - found, key=lambda ck: (list(COUNCIL_NAMES.values()).index(ck[0]), KINDS.index(ck[1])))
    if left:
        councils = dict.fromkeys(council for council, _ in left)
        where = "; ".join(f"{council}'s file ({', '.join(LOOK_AGAIN[k] for c, k in left if c == council)})"
                          for council in councils)
        return [f"Your log has {len(found)} of the {len(truth)} defects in your three files (a council and a kind "
                f"of defect each). Look again at {where}."]
    return []


_TIDY_HINT = ("Follow tidy_bolton in the worked example: one pd.DataFrame({...}) with the eight clean columns, "
              "each column built from one of the council's own columns.")

MODULE = ModuleSpec(
    id="m03",
    title="Joining data from several councils: fly-tipping",
    dataset="multi_council",
    rows=2_000,
    tables_for_learner=("licences",),
    givens=_givens,
    files=_files,
    exercises=(
        ExerciseSpec(
            "q1", "Real dates only", _check_q1,
            hints=("Bolton writes dates as day/month/year text. Some are impossible (31 June), and one year was "
                   "mistyped, so that date is real but not in 2024-25.",
                   "Convert as in the weekday example (errors='coerce' empties the impossible ones), then empty the "
                   "dates outside the year as the 'small jobs' example did for costs, with .between(...) and "
                   ".where(...).",
                   "dates = pd.to_datetime(bolton['Date Reported'], format=___, errors='coerce')\n"
                   "answer_q1 = dates.where(dates.between(___, ___))"),
            praise="An empty date is honest; a guessed one would quietly move incidents between months.",
        ),
        ExerciseSpec(
            "q2", "Ward names to GSS codes", _check_q2,
            hints=("Read Salford's file first (see the encoding example above). Salford publishes ward names, not "
                   "codes: the wards table has each ward's name and GSS code; use only Salford's wards.",
                   "As in the example that looked up Bolton's ward names: keep one council's wards with a mask, "
                   "make a dictionary with dict(zip(...)), then .map() it. Tidy Salford's names first, as the "
                   "value_counts example did.",
                   "salford_wards = wards[wards['council_code'] == ___]\n"
                   "lookup = dict(zip(salford_wards[___], salford_wards[___]))\n"
                   "answer_q2 = salford['ward_name'].___.___.map(lookup)"),
            praise="GSS codes are what let you join to population, deprivation and every other council's data.",
        ),
        ExerciseSpec(
            "q3", "Rows that are not incidents", _check_q3,
            hints=("Two kinds of row are not incidents: the 'Total' line at the bottom, and rows submitted twice.",
                   "A mask with != keeps every row except one kind; .drop_duplicates() keeps the first copy of "
                   "each repeated row.",
                   "answer_q3 = salford[salford[___] != ___].___()"),
            praise="Left in, the totals row alone would double Salford's clearance costs.",
        ),
        ExerciseSpec(
            "q4", "Salford in the clean columns", _check_q4,
            hints=(_TIDY_HINT + " Start from your question 3 table.",
                   "Dates like 02-Apr-24 are format '%d-%b-%y' (day, short month name, two-figure year). Waste "
                   "types: .str.capitalize(). Costs: take out '£' and ',' with .str.replace(...), then "
                   "pd.to_numeric(..., errors='coerce') makes '-' empty. Ward codes: names_to_codes.",
                   "s = answer_q3\n"
                   "answer_q4 = pd.DataFrame({\n"
                   "    'incident_ref': s['ref'], 'council_code': 'E08000006',\n"
                   "    'ward_code': names_to_codes(s[___], 'E08000006'),\n"
                   "    'date_reported': in_year(pd.to_datetime(s['date'], format=___, errors='coerce')),\n"
                   "    'waste_type': ___, 'size': s['size_category'], 'land_type': s['land'],\n"
                   "    'clearance_cost_gbp': pd.to_numeric(___, errors='coerce')})"),
            praise="Salford now speaks the same language as Bolton: same columns, same codes, same units.",
            builds_on=("q3",),
        ),
        ExerciseSpec(
            "q5", "May the combined table be published?", _check_q5,
            hints=("Read the licences table: onward_publication_allowed says whether others may republish a source.",
                   "A combination may be published only if every source allows it. The sources that allow it, and "
                   "the credit lines of those that require attribution, are what you could publish without the rest.",
                   "open_ = licences[licences[___]]\n"
                   "answer_q5 = {'may_publish_combined': ___, 'publishable': open_[___].tolist(),\n"
                   "             'attribution': open_.loc[open_[___], 'attribution'].tolist()}"),
            praise="Publishing Wigan's rows would break its data-sharing agreement, however useful the map.",
            form=_form_q5,
        ),
        ExerciseSpec(
            "q6", "Wigan's spreadsheet in the clean columns", _check_q6,
            hints=("Open the sheet and look at its first rows: two title rows sit above the headings. Then drop the "
                   "'Grand total' row and the repeated rows, as you did for Salford.",
                   "Dates are Excel day numbers: pd.to_datetime(numbers, unit='D', origin='1899-12-30'). Take the "
                   "ward code from the name (WD22NM) with names_to_codes. A cost of 0 means unknown: "
                   ".replace(0, np.nan). Incident numbers may arrive as decimals: .astype(int).astype(str).",
                   "w = pd.read_excel(wigan_path, skiprows=___)\n"
                   "w = w[w['WD22CD'] != ___].drop_duplicates()\n"
                   "answer_q6 = pd.DataFrame({\n"
                   "    'incident_ref': w['Incident No'].astype(int).astype(str), 'council_code': ___,\n"
                   "    'ward_code': names_to_codes(w[___], ___),\n"
                   "    'date_reported': in_year(pd.to_datetime(w['Date'], unit='D', origin=___)),\n"
                   "    'waste_type': w['Waste Type'], 'size': w['Size'], 'land_type': w['Land Type'],\n"
                   "    'clearance_cost_gbp': ___})"),
            praise="Reading the sheet yourself is the skill: next year's file will have its own title rows.",
        ),
        ExerciseSpec(
            "q7", "One table keyed on GSS codes", _check_q7,
            hints=("Three tables with the same eight columns stack on top of each other: pd.concat([...]).",
                   "Stack Bolton's (tidy_bolton(bolton)), your Salford and your Wigan tables, and number the rows "
                   "afresh with ignore_index=True.",
                   "answer_q7 = pd.concat([___, ___, ___], ignore_index=True)"),
            praise="One table, one key: this is what lets three councils compare themselves fairly.",
            builds_on=("q4", "q6"),
        ),
        ExerciseSpec(
            "q8", "The defect log", _check_q8,
            hints=("One row for each kind of defect in each council's file: Bolton's file has five kinds, Salford's "
                   "six, Wigan's four. Go back through questions 1 to 7: each fix you made was for one of them.",
                   "For an example row, look at what your cleaning changed, e.g. the incidents whose date you "
                   "emptied: bolton.loc[answer_q1.isna(), 'Incident Ref']; repeated rows: "
                   "salford[salford.duplicated()]. A whole-file or totals-row defect needs no real reference.",
                   "answer_q8 = pd.DataFrame([\n"
                   "    ['Bolton', 'bad_date', ___, 'emptied: not a real date in 2024-25'],\n"
                   "    ['Salford', ___, ___, ___],\n"
                   "    ...\n"
                   "], columns=['council', 'kind', 'incident_ref', 'fix'])"),
            praise="A defect log is how next year's analyst, or an auditor, can trust and repeat your cleaning.",
        ),
    ),
)
