"""Challenge c06 (level 2), fly-tipping across two councils: two publications that name their columns differently.

Bolton and Salford both publish their 2024-25 fly-tipping incidents, with their own column names ("Incident
Ref" and "ref", "Waste Type" and "waste"), Salford's waste types in lower case, a few rows published twice
and, in Salford's, a totals row under the data. Learners put the two together in the same three columns, one
row per incident (q1), and count the incidents per council and waste type (q2). The dataset's clean table
(its cleaning rules) is the reference; q2 is judged on the learner's own q1 table when that was wrong.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from academy.datasets.multi_council import PUBLISHERS
from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

COUNCILS = {p.council_code: p.council_name for p in PUBLISHERS}
BOLTON, SALFORD = (p.council_code for p in PUBLISHERS[:2])
NAMES = {code: COUNCILS[code] for code in (BOLTON, SALFORD)}
COLUMNS = ["council", "incident_ref", "waste_type"]

# ------------------------------------------------------------ reference answers


def combined(ctx: Context) -> pd.DataFrame:
    """Bolton's and Salford's incidents, one row each, as the dataset's cleaning rules leave them."""
    clean = ctx.data.truth["clean"]
    both = clean[clean["council_code"].isin(NAMES)]
    return pd.DataFrame({"council": both["council_code"].map(NAMES), "incident_ref": both["incident_ref"].astype(str),
                         "waste_type": both["waste_type"]}).reset_index(drop=True)


def counts(table: pd.DataFrame) -> dict[tuple[str, str], int]:
    """Incidents per (council, waste type), waste types in sentence case."""
    table = table[table["waste_type"].notna()]
    waste = table["waste_type"].astype(str).str.strip().str.capitalize()
    sizes = table.groupby([table["council"].to_numpy(), waste.to_numpy()]).size()
    return {(str(c), str(w)): int(n) for (c, w), n in sizes.items() if n}


# ------------------------------------------------------------------------ helpers


def _council(label: Any) -> str | None:
    """'Bolton', 'bolton ', 'E08000001' -> 'Bolton'; anything else -> None."""
    text = str(label).strip()
    for code, name in NAMES.items():
        if text.lower() in (name.lower(), code.lower()):
            return name
    return None


def _their_table(answer: Any) -> tuple[pd.DataFrame | None, list[str]]:
    """The learner's combined table with council names tidied, or the problem of shape in words."""
    if not isinstance(answer, pd.DataFrame):
        return None, [f"I expected a table (DataFrame) with the columns {COLUMNS}; you gave "
                      f"{compare.describe(answer)}."]
    missing = [c for c in COLUMNS if c not in answer.columns]
    if missing:
        theirs = ", ".join(map(str, answer.columns[:10]))
        more = (" Rename each council's columns to the same names before you put the tables together, so "
                "pd.concat lines them up (it puts columns with different names side by side)."
                if {"Incident Ref", "ref", "waste", "Waste Type"} & set(map(str, answer.columns)) else "")
        return None, [f"Your table has no column named {', '.join(repr(c) for c in missing)} (it has: {theirs})."
                      + more]
    labels = answer["council"].map(_council)
    unknown = answer.loc[labels.isna(), "council"].astype(str).unique().tolist()
    if unknown:
        return None, [f"The council column should say Bolton or Salford; yours also holds {unknown[:3]}."]
    return answer.assign(council=labels.to_numpy(), incident_ref=answer["incident_ref"].astype(str).str.strip()), []


def _q1_problems(table: pd.DataFrame, ctx: Context) -> list[str]:
    want = combined(ctx)
    problems = []
    for name in NAMES.values():
        got_refs = table.loc[table["council"] == name, "incident_ref"]
        want_refs = set(want.loc[want["council"] == name, "incident_ref"])
        if got_refs.empty:
            return [f"There are no {name} rows in your table: put both councils' incidents together with "
                    "pd.concat([...]), each with its council."]
        extra = sorted(set(got_refs) - want_refs)
        totals = [r for r in extra if "total" in r.lower() or r in ("nan", "None", "<NA>", "")]
        if totals:
            problems.append(f"{name}'s rows include one that is not an incident ({totals[0]!r}): that is the "
                            "totals row under the data. Look at the last rows with .tail() and filter it out.")
        elif extra:
            problems.append(f"Your {name} rows hold references that are not {name}'s incidents, e.g. {extra[0]!r}.")
        absent = sorted(want_refs - set(got_refs))
        if absent:
            problems.append(f"{len(absent):,} of {name}'s incidents are missing from your table (e.g. {absent[0]!r}); "
                            "keep every incident, leaving out only repeated rows and the totals row.")
        twice = got_refs[got_refs.duplicated()]
        if len(twice):
            problems.append(f"Some of {name}'s incidents appear more than once (e.g. {twice.iloc[0]!r}): the council "
                            "published those rows twice. Drop the repeats with .drop_duplicates().")
    if problems:
        return problems
    empty = table.groupby("council")["waste_type"].apply(lambda s: s.isna().mean())
    if (empty > 0.5).any():
        name = empty.idxmax()
        return [f"{name}'s rows have no waste_type: rename its waste column to waste_type too, so the two "
                "tables' columns line up when you put them together."]
    return []


# ------------------------------------------------------------------------ checks


def _check_q1(answer, ctx: Context) -> list[str]:
    table, problems = _their_table(answer)
    return problems or _q1_problems(table, ctx)


def _their_counts(answer: Any) -> tuple[dict[tuple[str, str], float] | None, list[str]]:
    """A count per (council, waste type) from a Series with two levels, a cross-table or a long table."""
    shape = ["I expected a count of incidents for each council and waste type: a Series from "
             ".groupby(['council', 'waste_type']).size(), or a table from pd.crosstab(...); you gave "
             f"{compare.describe(answer)}."]
    if isinstance(answer, pd.DataFrame):
        if {"council", "waste_type"} <= set(answer.columns):
            numeric = answer.drop(columns=["council", "waste_type"]).select_dtypes("number")
            if numeric.shape[1] != 1:
                return None, ["Your table should have one column of counts beside council and waste_type."]
            answer = answer.set_index(["council", "waste_type"])[numeric.columns[0]]
        else:
            if answer.index.nlevels != 1:
                return None, shape
            cols = [_council(c) for c in answer.columns if str(c).lower() not in ("all", "total")]
            rows = [_council(i) for i in answer.index if str(i).lower() not in ("all", "total")]
            if cols and all(cols):
                answer = answer.stack()
                answer.index = answer.index.swaplevel()
            elif rows and all(rows):
                answer = answer.stack()
            else:
                return None, ["Name your table's rows or columns by council (Bolton, Salford), so each count "
                              "says whose it is."]
    if isinstance(answer, pd.Series) and answer.index.nlevels == 1 and len(answer) and not any(
            _council(i) for i in answer.index):
        return None, ["These are counts per waste type with the two councils added together: count per council "
                      "and waste type, grouping by both columns (or a crosstab of the two)."]
    if not isinstance(answer, pd.Series) or answer.index.nlevels != 2:
        return None, shape
    out: dict[tuple[str, str], float] = {}
    for (a, b), n in answer.items():
        if str(a).lower() in ("all", "total") or str(b).lower() in ("all", "total"):
            continue
        council, waste = (_council(a), b) if _council(a) else (_council(b), a)
        if council is None:
            return None, ["One level of your labels should be the council (Bolton or Salford), the other the "
                          f"waste type; I found {a!r} and {b!r}."]
        if pd.isna(n) or n == 0:
            continue
        key = (council, str(waste).strip())
        out[key] = out.get(key, 0) + float(n)
    return out, []


def _against(got: dict[tuple[str, str], float], want: dict[tuple[str, str], int]) -> list[str]:
    if got == want:
        return []
    spellings = {c: {w for k, w in got if k == c} for c in NAMES.values()}
    bolton, salford = spellings.values()
    if bolton != salford and {w.lower() for w in bolton} == {w.lower() for w in salford}:
        return ["Bolton's and Salford's waste types are still spelled differently (Salford writes 'white goods', "
                "Bolton 'White goods'), so a grid of the two would split each kind in two. Tidy them into one "
                "spelling first, e.g. .str.capitalize()."]
    lowered = {(c, w.lower()) for c, w in got}
    if len(lowered) < len(got):
        return ["Some waste types are counted twice under two spellings (Salford writes 'white goods', Bolton "
                "'White goods'): tidy them into the same case first, e.g. .str.capitalize()."]
    want_lower = {(c, w.lower()): n for (c, w), n in want.items()}
    got_lower = {(c, w.lower()): n for (c, w), n in got.items()}
    if got_lower == want_lower:
        return []  # the learner chose another case, consistently: the counts are right
    for key in sorted(want_lower):
        if key not in got_lower:
            return [f"Your counts have nothing for {key[0]}'s '{key[1]}'."]
    for key in sorted(got_lower):
        if key not in want_lower:
            return [f"Your counts have a waste type {key[1]!r} for {key[0]} that is not in the data."]
    key = next(k for k in sorted(want_lower) if not np.isclose(got_lower[k], want_lower[k]))
    return [f"Your count for {key[0]}'s '{key[1]}' is {got_lower[key]:,g}; expected {want_lower[key]:,}."]


def _raw_counts(ctx: Context) -> dict[tuple[str, str], int]:
    """Counts with the repeated rows kept: every row of both publications that has a waste type."""
    b, s = ctx.table("publication_bolton"), ctx.table("publication_salford")
    rows = pd.concat([pd.DataFrame({"council": "Bolton", "waste_type": b["Waste Type"]}),
                      pd.DataFrame({"council": "Salford", "waste_type": s["waste"]})]).dropna()
    return counts(rows)


def _check_q2(answer, ctx: Context) -> list[str]:
    got, problems = _their_counts(answer)
    if problems:
        return problems
    want = counts(combined(ctx))
    result = _against(got, want)
    if not result:
        return []
    earlier = _earlier(ctx, "q1")
    if earlier is not None:
        table, shape = _their_table(earlier)
        if not shape and _q1_problems(table, ctx):
            try:
                theirs = counts(table.dropna(subset=["waste_type"]))
            except Exception:  # an odd earlier table: judge against the reference
                theirs = None
            if theirs is not None and not _against(got, theirs):
                return []  # the right counting of their own question 1 table
    if {c for c, _ in got} == {"Bolton"} or {c for c, _ in got} == {"Salford"}:
        return ["Your counts cover one council only: count the combined table, so both Bolton and Salford are in."]
    if not _against(got, _raw_counts(ctx)):
        return ["Some incidents are counted twice: a few rows were published twice. Count the table with the "
                "repeats dropped (.drop_duplicates()), as in question 1."]
    return result


def _earlier(ctx: Context, name: str) -> Any:
    try:
        return ctx.earlier(name)
    except Exception:
        return None


MODULE = ModuleSpec(
    id="c06",
    title="Fly-tipping across two councils",
    dataset="multi_council",
    rows=900,
    tables_for_learner=("publication_bolton", "publication_salford", "publication_wigan"),
    exercises=(
        ExerciseSpec(
            "q1", "Bolton and Salford in one table", _check_q1,
            hints=("Give each council's table the same three column names, add a council column, put them one "
                   "under the other, then leave out the rows that are not incidents.",
                   "As in the worked example: .rename(columns={...}) on each table, .assign(council='Bolton'), "
                   "pd.concat([...], ignore_index=True). Look at .tail() of Salford's table for its totals row, "
                   "and drop the rows published twice with .drop_duplicates().",
                   "b = bolton.rename(columns={'Incident Ref': ___, 'Waste Type': ___})[[___, ___]]\n"
                   "s = salford.rename(columns={___: 'incident_ref', ___: 'waste_type'})[[___, ___]]\n"
                   "s = s[s['incident_ref'] != ___]\n"
                   "answer_q1 = pd.concat([b.assign(council=___), s.assign(council=___)], ignore_index=True)"
                   ".___()"),
            praise="Two councils' tables, one set of column names: the start of every cross-council comparison.",
        ),
        ExerciseSpec(
            "q2", "Incidents per council and waste type", _check_q2,
            hints=("Tidy the waste types into one spelling, then count the rows for each council and waste type.",
                   "Salford writes 'white goods' and Bolton 'White goods': .str.capitalize() makes them match. "
                   "Then count with .groupby([...]).size() on two columns, or pd.crosstab(rows, columns).",
                   "tidy = answer_q1.assign(waste_type=answer_q1[___].str.___())\n"
                   "answer_q2 = pd.crosstab(tidy[___], tidy[___])"),
            praise="A count per council and waste type that compares like with like.",
            builds_on=("q1",),
        ),
    ),
)
