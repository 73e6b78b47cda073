"""One dataset, three councils, three dialects — and a consent register.

Bolton, Salford and Wigan each publish their fly-tipping incidents for 2024-25
their own way (column names, date formats, codes or names, missing-value
markers, CSV in UTF-8 or Windows-1252, Excel with title rows), under different
licences. Known defects are injected and every one is listed in
``truth['defects']``; ``truth['clean']`` is the single table a careful analyst
should end with, built by the rules in the card, so cleaning can be graded
exactly. A consent register (personal-data-store style) says who agreed to
their data being used for what, from when and until when.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import _names
from . import _vector as v
from ._core import CC_BY, DSA, OGL, Card, Column, Dataset, Seed, TableSpec, check_rows, register, rng_for
from .geography import _split, geography_tables
from .io import xlsx_bytes

YEAR_START, YEAR_END = "2024-04-01", "2025-03-31"
CONSENT_REFERENCE_DATE = pd.Timestamp("2025-04-01")
WASTE = ("Household black bags", "Commercial waste", "Green waste", "Construction and demolition",
         "White goods", "Tyres", "Other household waste")
WASTE_P = (0.42, 0.12, 0.10, 0.12, 0.07, 0.05, 0.12)
SIZES = ("Single black bag", "Car boot or less", "Small van load", "Transit van load",
         "Tipper lorry load", "Significant or multiple loads")
SIZE_P = (0.10, 0.30, 0.28, 0.22, 0.07, 0.03)
SIZE_COST = (45.0, 90.0, 180.0, 320.0, 650.0, 1400.0)
PARKS = "Council land – parks and open spaces"
LAND = ("Highway", "Footpath or bridleway", "Back alley", PARKS, "Private residential")
LAND_P = (0.38, 0.14, 0.20, 0.18, 0.10)
PURPOSES = ("Service improvement", "Research", "Sharing with NHS partners", "Council newsletters")
MONTHS = np.array(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])


@dataclass(frozen=True)
class Publisher:
    key: str
    council_code: str
    council_name: str
    licence: str
    file_name: str
    columns: tuple[str, ...]
    missing_marker: str


PUBLISHERS = (
    Publisher("bolton", "E08000001", "Bolton", OGL, "bolton_fly_tipping_2024-25.csv",
              ("Incident Ref", "Date Reported", "Ward Code", "Waste Type", "Size", "Land Type", "Clearance Cost (£)"),
              "N/A"),
    Publisher("salford", "E08000006", "Salford", CC_BY, "salford_fly_tipping_2024-25.csv",
              ("ref", "date", "ward_name", "waste", "size_category", "land", "cost_gbp"), "-"),
    Publisher("wigan", "E08000010", "Wigan", DSA, "wigan_fly_tipping_2024-25.xlsx",
              ("WD22CD", "WD22NM", "Incident No", "Date", "Waste Type", "Size", "Land Type", "Cost"),
              "blank, or 0 for cost"),
)
PUBLISHER_SHARES = (0.36, 0.34, 0.30)

CLEAN_COLUMNS = (
    Column("incident_ref", "str", "The publishing council's own incident reference, as text"),
    Column("council_code", "str", "GSS code of the publishing council"),
    Column("ward_code", "str", "GSS ward code (empty where the published ward cannot be trusted)", nullable=True),
    Column("date_reported", "date", "Date reported (empty where the published date is not a real date)", nullable=True),
    Column("waste_type", "str", "Waste type, in sentence case"),
    Column("size", "str", "Size of the tip"),
    Column("land_type", "str", "Type of land"),
    Column("clearance_cost_gbp", "float", "Cost of clearance, pounds (empty where unknown)", nullable=True),
)


def _text_columns(p: Publisher) -> tuple[Column, ...]:
    return tuple(Column(c, "str", f"As published by {p.council_name}", nullable=True) for c in p.columns)


CARD = Card(
    name="multi_council",
    title="Fly-tipping published by three councils, with a consent register",
    description=(
        "Bolton, Salford and Wigan publish their 2024-25 fly-tipping incidents in their own dialects: "
        "different column names, date formats (31/03/2024, 31-Mar-24, Excel serial numbers), ward codes "
        "or ward names, missing-value markers (N/A, -, blank, 0), text encodings (UTF-8, Windows-1252) "
        "and an Excel sheet with title rows. Each table here holds one publication's cells as text; "
        "the files exactly as published are written to published/. Also: the licence of each "
        "publication, and a register of residents' consent to uses of their data.\n\n"
        "Cleaning rules the answer follows: one row per incident (duplicates and totals rows removed); "
        "ward codes trimmed and upper-cased, ward names matched to codes within the council, and a ward "
        "that belongs to another council treated as unknown; dates that are not real dates, or fall "
        "outside 2024-25, left empty; "
        "every missing marker (N/A, -, blank, Wigan's cost of 0) left empty; text repaired where it "
        "was garbled by a wrong encoding; waste types in sentence case."
    ),
    licence="Mixed: see the licences table",
    primary_table="clean incidents (before duplicates and totals rows are added)",
    rows_meaning="the number of fly-tipping incidents across the three councils",
    default_rows=3_000,
    min_rows=60,
    tables=(
        *(TableSpec(f"publication_{p.key}", f"{p.council_name}'s publication, cell by cell as text.",
                    _text_columns(p)) for p in PUBLISHERS),
        TableSpec(
            "licences",
            "The licence each council publishes under.",
            (
                Column("publication", "str", "Publication table"),
                Column("council_code", "str", "Publishing council"),
                Column("licence", "str", "Licence"),
                Column("attribution_required", "bool", "Re-users must credit the council"),
                Column("onward_publication_allowed", "bool", "The data may be republished by others"),
                Column("attribution", "str", "The credit line the council asks for"),
            ),
            key=("publication",),
        ),
        TableSpec(
            "residents",
            "Residents in the consent register (invented people; postcodes start QM or QS, "
            "which no real postcode does).",
            (
                Column("person_id", "str", "Person identifier"),
                Column("name", "str", "Name (invented)"),
                Column("date_of_birth", "date", "Date of birth"),
                Column("postcode", "str", "Postcode (synthetic)"),
                Column("council_code", "str", "Council of residence"),
                Column("ward_code", "str", "Ward of residence"),
            ),
            key=("person_id",),
        ),
        TableSpec(
            "consent_register",
            "One row per person and purpose: whether they agreed to their data being used for it.",
            (
                Column("person_id", "str", "Person"),
                Column("purpose", "category", "What the data would be used for"),
                Column("status", "category", "Given or Withdrawn"),
                Column("given_on", "date", "Date consent starts (may be in the future)"),
                Column("expires_on", "date", "Date consent ends"),
                Column("withdrawn_on", "date", "Date consent was withdrawn (empty if not withdrawn)", nullable=True),
            ),
            key=("person_id", "purpose"),
            joins=(("person_id", "residents", "person_id"),),
        ),
        TableSpec(
            "data_opt_outs",
            "Residents who registered a national data opt-out (their confidential patient information not to be "
            "used for research and planning), as the list stands today: one row per registration.",
            (
                Column("person_id", "str", "Person"),
                Column("opted_out_on", "date", "Date the opt-out was registered (some after the date of sharing)"),
            ),
            joins=(("person_id", "residents", "person_id"),),
        ),
    ),
    truths=(
        "Every injected defect with its publication, row key, column, kind (bad_date, wrong_code, duplicate, "
        "totals_row, encoding, missing_marker) and detail (truth['defects']).",
        "The clean combined table the cleaning rules lead to (truth['clean']).",
        f"Which consents are in force on {CONSENT_REFERENCE_DATE:%d %B %Y} (truth['consent_in_force']); a few "
        "consents start, expire or are withdrawn on that very day.",
        f"Who had opted out by {CONSENT_REFERENCE_DATE:%d %B %Y}, the day itself included (truth['opted_out']).",
        "Whether the combined table may be published, and under what licence (truth['licensing']).",
    ),
)


def fmt_dates(dates: pd.Series, style: str) -> pd.Series:
    """Format dates column-wise (strftime row by row is far too slow at 1M rows)."""
    d = pd.DatetimeIndex(dates)
    day = v.codes("", d.day, 2)
    if style == "dmy":
        return v.join(day, "/", v.codes("", d.month, 2), "/", v.codes("", d.year, 4))
    if style == "d-mon-yy":
        return v.join(day, "-", v.take(pd.Series(MONTHS, dtype=v.STR), d.month - 1), "-", v.codes("", d.year % 100, 2))
    if style == "excel":
        return v.codes("", (d - pd.Timestamp("1899-12-30")).days, 1)
    raise ValueError(style)


def _money(x: np.ndarray, pound: bool = False) -> pd.Series:
    """Pounds as text, "123.45", or "£1,234.50" the way Salford writes them."""
    cents = np.round(np.asarray(x, dtype=float) * 100).astype(np.int64)
    whole, pence = cents // 100, cents % 100
    if pound:
        thousands = whole >= 1000
        grouped = v.join(v.codes("", whole // 1000, 1), ",", v.codes("", whole % 1000, 3))
        whole_text = grouped.where(thousands, v.codes("", whole, 1))
        return v.join("£", whole_text, ".", v.codes("", pence, 2))
    return v.join(v.codes("", whole, 1), ".", v.codes("", pence, 2))


class _Ledger:
    """Collects defects as they are injected, one row per defect."""

    def __init__(self) -> None:
        self.rows: list[pd.DataFrame] = []

    def add(self, publication: str, keys: pd.Series | list[str], column: str, kind: str,
            detail: str | pd.Series) -> None:
        keys = pd.Series(keys, dtype="str").reset_index(drop=True)
        det = (detail.reset_index(drop=True) if isinstance(detail, pd.Series)
               else pd.Series([detail] * len(keys), dtype="str"))
        self.rows.append(pd.DataFrame({"publication": publication, "row_key": keys, "column": column, "kind": kind,
                                       "detail": det.astype("str")}))

    def frame(self) -> pd.DataFrame:
        out = pd.concat(self.rows, ignore_index=True)
        for col in ("publication", "row_key", "column", "kind", "detail"):
            out[col] = out[col].astype("str")
        return out


@register(CARD)
def make_multi_council(n: int = CARD.default_rows, seed: Seed = 0) -> Dataset:
    """``n`` incidents across three publications; truth lists every injected defect."""
    n = check_rows(CARD, n)
    rng = rng_for(seed, "multi_council")
    wards = geography_tables(seed, "wards")["wards"]
    counts = _split(n, np.asarray(PUBLISHER_SHARES))
    ledger = _Ledger()
    tables: dict[str, pd.DataFrame] = {}
    clean_parts: list[pd.DataFrame] = []
    renderers: list[Callable[[], tuple[str, bytes]]] = []
    foreign_codes = wards.loc[~wards.council_code.isin([p.council_code for p in PUBLISHERS]),
                              ["ward_code", "ward_name"]]

    for pub, m in zip(PUBLISHERS, counts):
        own = wards[wards.council_code == pub.council_code].reset_index(drop=True)
        ward_idx = rng.integers(0, len(own), m)
        dates = pd.Series(v.days_between(rng, YEAR_START, YEAR_END, m)).sort_values(ignore_index=True)
        size = rng.choice(len(SIZES), size=m, p=SIZE_P)
        cost = np.round(np.asarray(SIZE_COST)[size] * np.exp(0.3 * rng.standard_normal(m)), 2)
        cost_known = rng.random(m) >= 0.04
        rec = pd.DataFrame(
            {
                "incident_ref": _refs(pub, m),
                "council_code": v.constant(pub.council_code, m),
                "ward_code": v.take(own["ward_code"], ward_idx),
                "ward_name": v.take(own["ward_name"], ward_idx),
                "date_reported": dates,
                "waste_type": v.take(pd.Series(WASTE, dtype=v.STR), rng.choice(len(WASTE), size=m, p=WASTE_P)),
                "size": v.take(pd.Series(SIZES, dtype=v.STR), size),
                "land_type": v.take(pd.Series(LAND, dtype=v.STR), rng.choice(len(LAND), size=m, p=LAND_P)),
                "clearance_cost_gbp": pd.Series(cost).where(cost_known),
            }
        )
        clean = rec.drop(columns="ward_name").copy()
        # Disjoint rows for each kind of defect, so each is listed exactly once.
        order = rng.permutation(m)
        k = max(1, m // 100)
        bad_date_rows, bad_code_rows, dup_rows = (order[:k], order[k : 2 * k],
                                                  order[2 * k : 2 * k + max(1, m * 3 // 200)])
        rest = order[2 * k + max(1, m * 3 // 200) :]

        published, clean = _PUBLISH[pub.key](pub, rec, clean, rng, ledger, bad_date_rows, bad_code_rows, rest,
                                             foreign_codes)
        missing_rows = np.flatnonzero(~cost_known)
        ledger.add(f"publication_{pub.key}", rec["incident_ref"].iloc[missing_rows], pub.columns[-1],
                   "missing_marker", f"cost unknown, published as {pub.missing_marker}")

        # Duplicates sit straight after the row they copy, as double submissions do.
        rows = np.sort(np.concatenate([np.arange(m), dup_rows]), kind="stable")
        published = published.iloc[rows].reset_index(drop=True)
        ledger.add(f"publication_{pub.key}", rec["incident_ref"].iloc[np.sort(dup_rows)], "*", "duplicate",
                   "the whole row appears twice")
        published = _add_totals(pub, published, rec, ledger)
        tables[f"publication_{pub.key}"] = published
        clean_parts.append(clean)
        renderers.append(_renderer(pub, published))

    clean = pd.concat(clean_parts, ignore_index=True)
    clean["waste_type"] = clean["waste_type"].str.capitalize()
    for col in ("incident_ref", "council_code", "ward_code", "waste_type", "size", "land_type"):
        clean[col] = clean[col].astype("str")

    tables["licences"] = _licences()
    residents, consent = _consent(rng, wards[wards.council_code.isin([p.council_code for p in PUBLISHERS])],
                                  max(50, n // 2))
    ref = CONSENT_REFERENCE_DATE
    extra = rng_for(seed, "multi_council", "consent_days_and_opt_outs")  # own stream: other tables unchanged
    consent = _on_the_day(extra, consent, ref)
    tables["residents"], tables["consent_register"] = residents, consent
    tables["data_opt_outs"] = opt_outs = _opt_outs(extra, residents, consent, ref)
    in_force = (consent.given_on <= ref) & (consent.expires_on > ref) & ~(consent.withdrawn_on <= ref)
    truth = {
        "defects": ledger.frame(),
        "clean": clean,
        "consent_reference_date": ref,
        "consent_in_force": consent.loc[in_force, ["person_id", "purpose"]].reset_index(drop=True),
        "opted_out": sorted(set(opt_outs.loc[opt_outs.opted_out_on <= ref, "person_id"])),
        "licensing": {
            "most_restrictive": DSA,
            "may_publish_combined": False,
            "reason": "Wigan's data-sharing agreement forbids onward publication, and a combined table is only "
                      "as open as its most restrictive source.",
            "may_publish_without_wigan": True,
            "licence_without_wigan": CC_BY,
            "attribution_without_wigan": [p.council_name for p in PUBLISHERS if p.licence != DSA],
        },
    }

    def build_raw() -> dict[str, bytes]:
        return dict(r() for r in renderers)

    return Dataset(tables, truth, CARD.with_params(n=n, seed=seed), build_raw_files=build_raw)


def _refs(pub: Publisher, m: int) -> pd.Series:
    if pub.key == "bolton":
        return v.ids("BOL-FT-", m, 6)
    if pub.key == "salford":
        return v.ids("SAL/", m, 6)
    return pd.Series(np.arange(2024000001, 2024000001 + m)).astype(str)


def _impossible_dates(rng: np.random.Generator, k: int, style: str) -> pd.Series:
    """Dates that look right but do not exist, or typos of the year (always at least one of those, so a
    cleaning that never empties the dates outside 2024-25 shows in every learner's data)."""
    choices = {
        "dmy": ["31/02/2025", "30/02/2025", "31/04/2024", "31/06/2024", "00/11/2024", "12/13/2024", "15/07/2204"],
        "d-mon-yy": ["29-Feb-25", "31-Apr-24", "31-Jun-24", "31-Sep-24", "30-Feb-25", "00-Jan-25", "15-Jul-42"],
    }[style]
    picked = np.asarray(choices)[rng.integers(0, len(choices), k)]
    picked[0] = choices[-1]  # a real date, but in the wrong year
    return pd.Series(picked, dtype="str")


def _inject_bad_dates(out, clean, rng, ledger, table, keys, rows, column, style) -> None:
    """Replace dates with ones that cannot be real; the clean answer has none."""
    out.loc[rows, column] = bad = _impossible_dates(rng, len(rows), style).to_numpy()
    clean.loc[rows, "date_reported"] = pd.NaT
    ledger.add(table, keys.iloc[rows], column, "bad_date", pd.Series(bad).radd("not a real date: "))


def _inject_foreign_wards(out, clean, rng, ledger, table, keys, rows, column, foreign_values, detail) -> None:
    """Point rows at another council's ward: nothing in the row can say which ward was meant."""
    out.loc[rows, column] = foreign_values.to_numpy()[rng.integers(0, len(foreign_values), len(rows))]
    clean.loc[rows, "ward_code"] = np.nan
    ledger.add(table, keys.iloc[rows], column, "wrong_code", detail)


def _publish_bolton(pub, rec, clean, rng, ledger, bad_dates, bad_codes, rest, foreign):
    t = f"publication_{pub.key}"
    out = pd.DataFrame(
        {
            pub.columns[0]: rec["incident_ref"],
            pub.columns[1]: fmt_dates(rec["date_reported"], "dmy"),
            pub.columns[2]: rec["ward_code"],
            pub.columns[3]: rec["waste_type"],
            pub.columns[4]: rec["size"],
            pub.columns[5]: rec["land_type"],
            pub.columns[6]: _money(rec["clearance_cost_gbp"].fillna(0).to_numpy()).where(
                rec["clearance_cost_gbp"].notna(), "N/A"),
        }
    ).astype("str")
    keys = rec["incident_ref"]
    _inject_bad_dates(out, clean, rng, ledger, t, keys, bad_dates, pub.columns[1], "dmy")
    # Half the wrong codes are typing slips that can be repaired; half point
    # at a ward of another council, which cannot be trusted.
    half = len(bad_codes) // 2
    slips, foreign_rows = bad_codes[:half], bad_codes[half:]
    out.loc[slips, pub.columns[2]] = rec["ward_code"].iloc[slips].str.lower().to_numpy() + " "
    ledger.add(t, keys.iloc[slips], pub.columns[2], "wrong_code", "lower case with a trailing space; repairable")
    _inject_foreign_wards(out, clean, rng, ledger, t, keys, foreign_rows, pub.columns[2], foreign["ward_code"],
                          "a ward of another council; treat as unknown")
    # Mojibake: UTF-8 text that went through Windows-1252 once too often.
    parks = rest[rec["land_type"].to_numpy()[rest] == PARKS]
    garbled = parks[: max(1, len(parks) // 8)]
    out.loc[garbled, pub.columns[5]] = PARKS.encode("utf-8").decode("cp1252")
    ledger.add(t, keys.iloc[garbled], pub.columns[5], "encoding", "en dash garbled to â€“ (UTF-8 read as Windows-1252)")
    return out, clean


def _publish_salford(pub, rec, clean, rng, ledger, bad_dates, bad_codes, rest, foreign):
    t = f"publication_{pub.key}"
    cost = rec["clearance_cost_gbp"]
    out = pd.DataFrame(
        {
            pub.columns[0]: rec["incident_ref"],
            pub.columns[1]: fmt_dates(rec["date_reported"], "d-mon-yy"),
            pub.columns[2]: rec["ward_name"],
            pub.columns[3]: rec["waste_type"].str.lower(),
            pub.columns[4]: rec["size"],
            pub.columns[5]: rec["land_type"],
            pub.columns[6]: _money(cost.fillna(0).to_numpy(), pound=True).where(cost.notna(), "-"),
        }
    ).astype("str")
    keys = rec["incident_ref"]
    _inject_bad_dates(out, clean, rng, ledger, t, keys, bad_dates, pub.columns[1], "d-mon-yy")
    half = len(bad_codes) // 2
    slips, foreign_rows = bad_codes[:half], bad_codes[half:]
    out.loc[slips, pub.columns[2]] = "  " + rec["ward_name"].iloc[slips].str.upper().to_numpy()
    ledger.add(t, keys.iloc[slips], pub.columns[2], "wrong_code",
               "ward name in capitals with leading spaces; repairable")
    _inject_foreign_wards(out, clean, rng, ledger, t, keys, foreign_rows, pub.columns[2], foreign["ward_name"],
                          "a ward name from another council; treat as unknown")
    ledger.add(t, ["*"], "*", "encoding", "the file is Windows-1252 (£ is byte A3, – is byte 96), not UTF-8")
    return out, clean


def _publish_wigan(pub, rec, clean, rng, ledger, bad_dates, bad_codes, rest, foreign):
    t = f"publication_{pub.key}"
    cost = rec["clearance_cost_gbp"]
    missing = cost.isna().to_numpy()
    as_zero = missing & (rng.random(len(rec)) < 0.5)
    cost_text = _money(cost.fillna(0).to_numpy()).where(~missing)
    cost_text[as_zero] = "0"
    out = pd.DataFrame(
        {
            "WD22CD": rec["ward_code"],
            "WD22NM": rec["ward_name"],
            "Incident No": rec["incident_ref"],
            "Date": fmt_dates(rec["date_reported"], "excel"),
            "Waste Type": rec["waste_type"],
            "Size": rec["size"],
            "Land Type": rec["land_type"],
            "Cost": cost_text,
        }
    ).astype("str")
    keys = rec["incident_ref"]
    # Wigan's dates are Excel numbers, so none is impossible (bad_dates is
    # unused); its slips are in the codes, which the ward name can repair.
    half = len(bad_codes) // 2
    short, foreign_rows = bad_codes[:half], bad_codes[half:]
    out.loc[short, "WD22CD"] = rec["ward_code"].iloc[short].str.slice(0, 8).to_numpy()
    ledger.add(t, keys.iloc[short], "WD22CD", "wrong_code", "code is 8 characters, a digit lost; WD22NM is right")
    out.loc[foreign_rows, "WD22CD"] = foreign["ward_code"].to_numpy()[rng.integers(0, len(foreign), len(foreign_rows))]
    ledger.add(t, keys.iloc[foreign_rows], "WD22CD", "wrong_code", "code of another council's ward; WD22NM is right")
    return out, clean


_PUBLISH = {"bolton": _publish_bolton, "salford": _publish_salford, "wigan": _publish_wigan}


def _add_totals(pub: Publisher, published: pd.DataFrame, rec: pd.DataFrame, ledger: _Ledger) -> pd.DataFrame:
    if pub.key == "bolton":
        return published  # Bolton publishes clean rows only.
    total = rec["clearance_cost_gbp"].sum()
    row = {c: pd.NA for c in published.columns}
    if pub.key == "salford":
        row.update({"ref": "Total", "cost_gbp": f"£{total:,.2f}"})
        key = "Total"
    else:
        row.update({"WD22CD": "Grand total", "Cost": f"{total:.2f}"})
        key = "Grand total"
    ledger.add(f"publication_{pub.key}", [key], "*", "totals_row", "a totals row below the data")
    return pd.concat([published, pd.DataFrame([row]).astype("str")], ignore_index=True)


def _renderer(pub: Publisher, published: pd.DataFrame) -> Callable[[], tuple[str, bytes]]:
    def render() -> tuple[str, bytes]:
        if pub.key == "wigan":
            return pub.file_name, _wigan_xlsx(published)
        text = published.to_csv(index=False, lineterminator="\r\n" if pub.key == "salford" else "\n",
                                na_rep="")
        return pub.file_name, text.encode("cp1252" if pub.key == "salford" else "utf-8")
    return render


def _wigan_xlsx(published: pd.DataFrame) -> bytes:
    numeric = {"Incident No", "Date", "Cost"}
    rows = [list(published.columns)]
    cols = {c: published[c].tolist() for c in published.columns}
    for i in range(len(published)):
        row: list[object] = []
        for c in published.columns:
            x = cols[c][i]
            if x is None or (isinstance(x, float) and np.isnan(x)) or x is pd.NA:
                row.append(None)
            elif c in numeric and _is_number(x):
                row.append(float(x) if "." in x else int(x))
            else:
                row.append(x)
        rows.append(row)
    titles = ["Wigan Council – fly-tipping incidents 2024-25",
              "Shared under a data-sharing agreement: not for onward publication."]
    return xlsx_bytes(rows, title_rows=titles, sheet="Fly-tipping")


def _is_number(x: str) -> bool:
    try:
        float(x)
    except ValueError:
        return False
    return True


def _licences() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "publication": pd.Series([f"publication_{p.key}" for p in PUBLISHERS], dtype="str"),
            "council_code": pd.Series([p.council_code for p in PUBLISHERS], dtype="str"),
            "licence": pd.Series([p.licence for p in PUBLISHERS], dtype="str"),
            "attribution_required": [p.licence in (OGL, CC_BY) for p in PUBLISHERS],
            "onward_publication_allowed": [p.licence != DSA for p in PUBLISHERS],
            "attribution": pd.Series(
                [f"Contains public sector information licensed under the {OGL} ({p.council_name} Council)"
                 if p.licence == OGL
                 else f"© {p.council_name} City Council, {CC_BY}" if p.licence == CC_BY
                 else f"{p.council_name} Council, shared under agreement" for p in PUBLISHERS], dtype="str"),
        }
    )


def _consent(rng: np.random.Generator, wards: pd.DataFrame, people: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    ward_idx = rng.integers(0, len(wards), people)
    person_id = v.ids("RES", people, 7)
    residents = pd.DataFrame(
        {
            "person_id": person_id,
            "name": _names.person_names(rng, people),
            "date_of_birth": v.days_between(rng, "1938-01-01", "2007-03-31", people),
            "postcode": _names.postcodes(rng, ward_idx, people),
            "council_code": v.take(wards["council_code"], ward_idx),
            "ward_code": v.take(wards["ward_code"], ward_idx),
        }
    )

    asked = rng.random((people, len(PURPOSES))) < np.array([0.85, 0.45, 0.5, 0.35])
    asked[np.arange(people), rng.integers(0, len(PURPOSES), people)] = True
    person, purpose = np.nonzero(asked)
    m = len(person)
    given = v.days_between(rng, "2019-01-01", "2026-03-31", m)  # some start after the reference date
    years = rng.choice([1, 2, 3, 5], size=m, p=[0.2, 0.3, 0.3, 0.2])
    expires = pd.DatetimeIndex(given) + pd.to_timedelta(years * 365, unit="D")
    withdrawn = rng.random(m) < 0.12
    latest = np.minimum(np.asarray(expires), np.datetime64("2026-03-31"))
    span = (latest - np.asarray(given)).astype("timedelta64[D]").astype(np.int64)
    withdrawn &= span > 1
    offset = (rng.random(m) * np.maximum(span - 1, 1)).astype(np.int64) + 1
    withdrawn_on = pd.Series(pd.DatetimeIndex(given) + pd.to_timedelta(offset, unit="D")).where(withdrawn)
    consent = pd.DataFrame(
        {
            "person_id": v.take(person_id, person),
            "purpose": v.labels(purpose, PURPOSES),
            "status": v.labels(withdrawn.astype(np.int8), ["Given", "Withdrawn"]),
            "given_on": given,
            "expires_on": expires,
            "withdrawn_on": withdrawn_on,
        }
    )
    return residents, consent


def _on_the_day(rng: np.random.Generator, consent: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """Move a few consents so they start, expire or are withdrawn on ``day`` itself: the boundary an analyst must
    decide (in force from given_on, up to but not on expires_on or withdrawn_on)."""
    consent = consent.copy()
    before = consent.index[(consent.given_on < day - pd.Timedelta(days=400)) & (consent.expires_on > day)
                           & consent.withdrawn_on.isna()].to_numpy()
    pick = rng.permutation(before)[:6]
    starts, expires, withdrawn = pick[:2], pick[2:4], pick[4:6]
    length = consent.loc[starts, "expires_on"] - consent.loc[starts, "given_on"]
    consent.loc[starts, "given_on"] = day
    consent.loc[starts, "expires_on"] = day + length
    consent.loc[expires, "expires_on"] = day
    consent.loc[withdrawn, "withdrawn_on"] = day
    consent["status"] = pd.Categorical(np.where(consent.withdrawn_on.notna(), "Withdrawn", "Given"),
                                       categories=consent["status"].cat.categories)
    return consent


def _opt_outs(rng: np.random.Generator, residents: pd.DataFrame, consent: pd.DataFrame,
              day: pd.Timestamp) -> pd.DataFrame:
    """About one resident in twelve has registered a national data opt-out, on a date from 2018 to 2026: a few of
    those whose NHS-sharing consent is in force on ``day`` registered on ``day`` itself and a few only after it, and a
    few registered twice (online and by phone)."""
    nhs = consent[(consent.purpose == "Sharing with NHS partners") & (consent.given_on <= day)
                  & (consent.expires_on > day) & ~(consent.withdrawn_on <= day)]
    k = max(1, len(residents) // 300)
    on_day, later = np.split(rng.permutation(nhs["person_id"].to_numpy())[: 2 * k], [k])
    others = residents.loc[~residents["person_id"].isin(np.concatenate([on_day, later])), "person_id"].to_numpy()
    chosen = np.concatenate([on_day, later, rng.permutation(others)[: max(3, len(residents) // 12)]])
    on = pd.Series(v.days_between(rng, "2018-05-25", "2026-03-31", len(chosen)))
    on.iloc[: len(on_day)] = day
    on.iloc[len(on_day): len(on_day) + len(later)] = np.asarray(v.days_between(rng, "2025-04-02", "2026-03-31",
                                                                               len(later)))
    twice = rng.permutation(len(chosen))[: max(1, len(chosen) // 30)]
    again = on.iloc[twice] + pd.to_timedelta(rng.integers(30, 700, len(twice)), unit="D")
    out = pd.DataFrame({"person_id": np.concatenate([chosen, chosen[twice]]),
                        "opted_out_on": pd.concat([on, again], ignore_index=True).astype("datetime64[s]")})
    out = out.iloc[rng.permutation(len(out))].reset_index(drop=True)
    out["person_id"] = out["person_id"].astype(residents["person_id"].dtype)
    return out
