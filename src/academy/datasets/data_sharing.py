"""A service's form extract, a sharing agreement and a personal data store, for "Collecting and sharing well".

Three parts of one council's day:

- **repair_forms**: what tenants typed into the online housing-repairs form, as typed: dates of birth in three
  formats (and blank, words or dates that do not exist), impossible ages and bedroom counts, and tenants who sent
  the same form again within the hour because no confirmation came. Every defect is listed in ``truth``.
- **cases**, **sharing_schedule** and **isa_partners**: a multi-agency hospital-discharge case list and the
  information-sharing agreement that says, partner by partner, the purpose, lawful basis, Article 9 condition,
  retention and which columns may go to each.
- **pds_residents**, **pds_grants** and **data_opt_outs**: residents of a personal data store who grant and revoke
  access per organisation and purpose, and the national data opt-out list as downloaded a week after the share.

Everything is invented; postcodes start QM or QS, which no real postcode does.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _names
from . import _vector as v
from ._core import DSA, Card, Column, Dataset, Seed, TableSpec, check_rows, register, rng_for
from .geography import lsoa_frame

FORM_START, FORM_END = "2025-01-06", "2025-03-28"
#: The three formats the form's date-of-birth box accepts, as strftime patterns.
DOB_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d %B %Y")
DOB_FORMAT_P = (0.5, 0.28, 0.22)
UNREADABLE_WORDS = ("unknown", "not sure", "prefer not to say", "N/A")
REPAIR_TYPES = ("Heating or hot water", "Damp or mould", "Leak", "Electrics", "Doors or windows",
                "Kitchen or bathroom")
REPAIR_P = (0.22, 0.2, 0.18, 0.12, 0.14, 0.14)
#: The form's rules, as the module states them.
AGE_RANGE = (16, 110)
BEDROOM_RANGE = (0, 6)
RULES = ("dob_unreadable", "dob_in_future", "age_impossible", "bedrooms_impossible", "resubmitted")
BAD_AGES = (0, -1, 7, 6, 170, 200, 999, 111)
BAD_BEDROOMS = (-1, -2, 22, 33, 11, 7)

#: The personal data store: "today" is the day of the share; the last share went out on LAST_SHARE.
TODAY = pd.Timestamp("2025-06-30")
LAST_SHARE = pd.Timestamp("2025-03-31")
#: The national data opt-out list was downloaded a week after the share: it holds a few later opt-outs.
OPT_OUT_LIST_ON = pd.Timestamp("2025-07-07")
ICB = "Northshire Integrated Care Board"
OAKFIELD = "Oakfield Housing Association"
ADVICE = "Citizens Advice Northshire"
UNIVERSITY = "University of Northshire"
#: organisation -> the purposes residents can grant it, with the share of residents granting each.
GRANTABLE = {
    ICB: {"Individual care": 0.55, "Population health planning": 0.4},
    OAKFIELD: {"Housing support": 0.3},
    ADVICE: {"Money advice": 0.25},
    UNIVERSITY: {"Research": 0.2},
}

#: The information-sharing agreement's partners (fixed: the agreement is the same for every learner). Plain
#: columns, made a table only when the data are built: a table of text made at import starts Arrow's memory pool,
#: a gigabyte of address space in every process that imports the datasets (the grader's warm kernels included).
PARTNERS = {
    "partner": [ICB, OAKFIELD, ADVICE],
    "purpose": ["Plan safe discharge from hospital and the care that follows (individual care)",
                "Find and adapt a suitable home before discharge",
                "Help with benefits, debts and rent arrears before discharge"],
    "lawful_basis": ["Public task (UK GDPR Article 6(1)(e))"] * 2 + ["Consent (UK GDPR Article 6(1)(a))"],
    "article_9_condition": ["Health or social care (Article 9(2)(h), DPA 2018 Schedule 1 paragraph 2)",
                            "Health or social care (Article 9(2)(h), DPA 2018 Schedule 1 paragraph 2)", None],
    "retention_days": [365 * 8, 365, 180],
}
CASE_COLUMNS = ("case_id", "name", "date_of_birth", "address", "postcode", "ward_code", "nhs_number",
                "gp_practice", "health_condition", "ethnicity", "landlord", "tenancy_ref", "housing_need",
                "rent_arrears_gbp", "discharge_date", "risk_level", "social_worker")
#: partner -> the case columns the agreement lets it receive (every other column stays with the council).
SCHEDULE = {
    ICB: ("case_id", "name", "date_of_birth", "nhs_number", "gp_practice", "health_condition", "discharge_date",
          "risk_level", "social_worker"),
    OAKFIELD: ("case_id", "name", "address", "postcode", "tenancy_ref", "housing_need", "discharge_date",
               "risk_level", "social_worker"),
    ADVICE: ("case_id", "name", "address", "postcode", "rent_arrears_gbp", "social_worker"),
}
LANDLORDS = ("Northshire Council", OAKFIELD, "Other housing association", "Private landlord", "Owner-occupier")
LANDLORD_P = (0.34, 0.3, 0.1, 0.16, 0.1)
CONDITIONS = ("Hip fracture", "Stroke", "COPD", "Dementia", "Heart failure", "Fall at home")
ETHNICITY = ("White British", "White other", "Asian or Asian British", "Black or Black British", "Mixed",
             "Other ethnic group", "Not stated")
NEEDS = ("Ground-floor home", "Adaptations (rails, ramp)", "Stair lift", "Level-access shower",
         "No change needed")

CARD = Card(
    name="data_sharing",
    title="A service's form extract, a sharing agreement and a personal data store",
    description=(
        "Three parts of collecting and sharing data well. (1) repair_forms: a housing-repairs online form's "
        f"submissions, {FORM_START} to {FORM_END}, exactly as tenants typed them: dates of birth in three formats "
        "(31/03/1958, 1958-03-31, 31 March 1958) and sometimes blank, in words or not a real date; impossible "
        "ages and bedroom counts; and the same form sent again the same day. (2) A multi-agency hospital-discharge "
        "case list with the information-sharing agreement that governs it: each partner's purpose, lawful basis, "
        "Article 9 condition, retention, and the columns it may receive. (3) A personal data store: residents grant "
        "and revoke access per organisation and purpose; and the national data opt-out list as downloaded on "
        f"{OPT_OUT_LIST_ON:%d %B %Y}.\n\n"
        "Rules: a date of birth is readable only in one of the three formats; it is in the future when it is after "
        f"the day the form was submitted; an age is possible from {AGE_RANGE[0]} to {AGE_RANGE[1]} and a bedroom "
        f"count from {BEDROOM_RANGE[0]} to {BEDROOM_RANGE[1]} (ends included); a submission is a resubmission when "
        "the same tenant sent the same repair type earlier the same day. A grant is in force from granted_on "
        "(that day included) until revoked_on (that day excluded); an opt-out counts from the day it is registered."
    ),
    licence=DSA,
    primary_table="repair_forms",
    rows_meaning="the number of repair-form submissions; the case list is a tenth as long and the data store has "
                 "half as many residents",
    default_rows=2_000,
    min_rows=200,
    tables=(
        TableSpec(
            "repair_forms",
            "One row per submission of the online housing-repairs form, in the order they arrived, as typed.",
            (
                Column("submission_id", "str", "The form's reference for this submission"),
                Column("submitted_at", "datetime", "When the form was submitted"),
                Column("tenant_ref", "str", "The tenancy reference the tenant typed (checked against the rent "
                                            "account, so it is right)"),
                Column("name", "str", "Tenant's name as typed (a few give only a first name or leave it empty)"),
                Column("date_of_birth", "str", "Date of birth as typed in a free-text box (empty if left blank)",
                       nullable=True),
                Column("age", "int", "Age as typed in a number box"),
                Column("bedrooms", "int", "Number of bedrooms in the home, as typed in a number box"),
                Column("repair_type", "category", "What needs repairing"),
                Column("ward_code", "str", "Ward of the tenancy"),
            ),
            key=("submission_id",),
            joins=(("ward_code", "wards", "ward_code"),),
        ),
        TableSpec(
            "cases",
            "A multi-agency case list: residents in hospital whose discharge home needs several agencies.",
            (
                Column("case_id", "str", "Case reference"),
                Column("name", "str", "Resident's name"),
                Column("date_of_birth", "date", "Date of birth"),
                Column("address", "str", "First line of the home address"),
                Column("postcode", "str", "Postcode (synthetic)"),
                Column("ward_code", "str", "Ward of the home"),
                Column("nhs_number", "str", "NHS number (synthetic, starts 999)"),
                Column("gp_practice", "str", "GP practice code"),
                Column("health_condition", "str", "Main reason for the hospital stay (special category data)"),
                Column("ethnicity", "str", "Ethnic group (special category data)"),
                Column("landlord", "str", "Who owns the home"),
                Column("tenancy_ref", "str", "Tenancy reference, for tenants", nullable=True),
                Column("housing_need", "str", "What the home needs before discharge"),
                Column("rent_arrears_gbp", "float", "Rent arrears, pounds (0 when none; empty for owners)",
                       nullable=True),
                Column("discharge_date", "date", "Planned discharge date"),
                Column("risk_level", "category", "Low, Medium or High"),
                Column("social_worker", "str", "The social worker who leads the case"),
            ),
            key=("case_id",),
        ),
        TableSpec(
            "isa_partners",
            "The information-sharing agreement: one row per partner.",
            (
                Column("partner", "str", "Partner organisation"),
                Column("purpose", "str", "The purpose the partner may use the data for, and no other"),
                Column("lawful_basis", "str", "UK GDPR Article 6 lawful basis"),
                Column("article_9_condition", "str", "Article 9 condition for special category data (empty "
                                                     "when the partner receives none)", nullable=True),
                Column("retention_days", "int", "How many days the partner keeps each record after it is shared"),
            ),
            key=("partner",),
        ),
        TableSpec(
            "sharing_schedule",
            "The agreement's schedule: for each partner and each column of the case list, whether it may be shared.",
            (
                Column("partner", "str", "Partner organisation"),
                Column("field", "str", "A column of the case list"),
                Column("shared", "bool", "True when the agreement lets this partner receive this column"),
            ),
            key=("partner", "field"),
        ),
        TableSpec(
            "pds_residents",
            "Residents who use the personal data store.",
            (
                Column("resident_id", "str", "Resident's data-store ID"),
                Column("name", "str", "Resident's name"),
                Column("ward_code", "str", "Ward of the home"),
                Column("joined_on", "date", "When they joined the data store"),
            ),
            key=("resident_id",),
            joins=(("ward_code", "wards", "ward_code"),),
        ),
        TableSpec(
            "pds_grants",
            f"Every grant residents made in the data store, as it stands on {TODAY:%d %B %Y}: a resident who "
            "revoked a grant and granted it again has two rows.",
            (
                Column("grant_id", "str", "Grant reference"),
                Column("resident_id", "str", "Who granted access"),
                Column("organisation", "str", "Who may see their data"),
                Column("purpose", "str", "What for"),
                Column("granted_on", "date", "First day the grant applies"),
                Column("revoked_on", "date", "The day it was revoked, the first day it no longer applies (empty "
                                             "if never revoked)", nullable=True),
            ),
            key=("grant_id",),
            joins=(("resident_id", "pds_residents", "resident_id"),),
        ),
        TableSpec(
            "data_opt_outs",
            f"Residents of the data store who registered a national data opt-out, as the list stood on "
            f"{OPT_OUT_LIST_ON:%d %B %Y}.",
            (
                Column("resident_id", "str", "Resident's data-store ID"),
                Column("opted_out_on", "date", "When they registered the opt-out"),
            ),
            joins=(("resident_id", "pds_residents", "resident_id"),),
        ),
        TableSpec(
            "wards",
            "Wards of the council (for the ward_code columns).",
            (
                Column("ward_code", "str", "GSS ward code"),
                Column("ward_name", "str", "Ward name"),
            ),
            key=("ward_code",),
        ),
    ),
    truths=(
        "Every defect of the repairs form, by rule (truth['form_defects']: rule -> submission IDs) and each "
        "submission's date of birth as the tenant meant it when it can be read (truth['dob']).",
        "Dates of birth are typed in three formats; a share are blank, in words or not real dates (30/02/1961); "
        "a share have the century wrong (2058 for 1958), so they fall after the form's date.",
        "About 6% of submissions are a tenant sending the same repair again within two hours, the date of birth "
        "mostly typed another way; a tenant's genuine repeat of a repair type is always on another day.",
        "The agreement's schedule (truth['schedule']: partner -> columns it may receive): ethnicity goes to no "
        "partner.",
        f"Grants in force on {TODAY:%d %B %Y} and on {LAST_SHARE:%d %B %Y} for each organisation and purpose "
        "(truth['in_force_today'], truth['in_force_last_share']); a few grants start or are revoked on each day "
        "itself, and a few residents revoked and granted again.",
        f"National data opt-outs: a few were registered on {TODAY:%d %B %Y} itself and a few after it, before the "
        "list was downloaded (truth['opted_out_by_today']).",
    ),
)


def _in_force(grants: pd.DataFrame, day: pd.Timestamp) -> pd.Series:
    return (grants["granted_on"] <= day) & ~(grants["revoked_on"] <= day)


def in_force_ids(grants: pd.DataFrame, organisation: str, purpose: str, day: pd.Timestamp) -> list[str]:
    ok = _in_force(grants, day) & (grants["organisation"] == organisation) & (grants["purpose"] == purpose)
    return sorted(set(grants.loc[ok, "resident_id"].astype(str)))


def _typed_dates(rng: np.random.Generator, dob: pd.Series, fmt: np.ndarray | None = None) -> tuple[list[str],
                                                                                                    np.ndarray]:
    if fmt is None:
        fmt = rng.choice(len(DOB_FORMATS), size=len(dob), p=DOB_FORMAT_P)
    return [d.strftime(DOB_FORMATS[f]) for d, f in zip(dob, fmt)], fmt


def _forms(rng: np.random.Generator, n: int, lsoas: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    n_dup = max(5, round(0.06 * n))
    n_base = n - n_dup
    n_tenants = max(20, round(0.75 * n_base))
    ward_codes = lsoas["ward_code"].drop_duplicates().to_numpy()
    t_ward = rng.choice(ward_codes, n_tenants)
    t_ref = [f"TEN{x:06d}" for x in rng.choice(np.arange(100_000, 999_999), n_tenants, replace=False)]
    t_name = _names.person_names(rng, n_tenants).tolist()
    t_dob = pd.DatetimeIndex(v.days_between(rng, "1930-01-01", "2006-12-31", n_tenants))
    t_bedrooms = rng.choice(5, n_tenants, p=[0.08, 0.3, 0.35, 0.22, 0.05])

    days = pd.date_range(FORM_START, FORM_END, freq="D")
    tenant = rng.integers(0, n_tenants, n_base)
    kind = rng.choice(len(REPAIR_TYPES), n_base, p=REPAIR_P)
    day = rng.integers(0, len(days), n_base)
    # A tenant's genuine repeat of a repair type is always on another day: move same-day repeats on.
    for _ in range(50):
        frame = pd.DataFrame({"t": tenant, "k": kind, "d": day})
        clash = frame.duplicated().to_numpy()
        if not clash.any():
            break
        day[clash] = (day[clash] + rng.integers(1, 9, clash.sum())) % len(days)
    seconds = rng.integers(8 * 3600, 19 * 3600, n_base)
    when = days[day] + pd.to_timedelta(seconds, unit="s")

    dob = t_dob[tenant]
    typed, typed_fmt = _typed_dates(rng, pd.Series(dob))
    age = np.array([(w.year - d.year) - ((w.month, w.day) < (d.month, d.day)) for w, d in zip(when, dob)])
    bedrooms = t_bedrooms[tenant].copy()

    # Defects, each on its own rows.
    order = rng.permutation(n_base)
    k = max(3, round(0.025 * n_base))
    blank, words, unreal, century, bad_age, bad_bed = (order[i * k:(i + 1) * k] for i in range(6))
    typed = pd.Series(typed, dtype=object)
    typed[blank] = None
    typed[words] = rng.choice(UNREADABLE_WORDS, len(words))
    for i in unreal:
        d = dob[i]
        typed[i] = rng.choice([f"30/02/{d.year}", f"31/04/{d.year}", f"{d.year}-02-30", f"31 June {d.year}",
                               f"31/11/{d.year}"])
    for i in century:
        d = dob[i] + pd.DateOffset(years=100)
        typed[i] = d.strftime(DOB_FORMATS[rng.integers(0, 3)])
    age[bad_age] = rng.choice(BAD_AGES, len(bad_age))
    bedrooms[bad_bed] = rng.choice(BAD_BEDROOMS, len(bad_bed))

    base = pd.DataFrame({
        "submitted_at": when, "tenant_ref": np.array(t_ref)[tenant], "name": np.array(t_name)[tenant],
        "date_of_birth": typed, "age": age.astype(np.int64), "bedrooms": bedrooms.astype(np.int64),
        "repair_type": kind, "ward_code": t_ward[tenant], "_dob": dob, "_resub": False, "_fmt": typed_fmt,
    })
    # Names as typed: a few give only a first name, a few leave the box empty.
    odd = rng.permutation(n_base)[: max(4, round(0.02 * n_base))]
    half = len(odd) // 3
    base.loc[odd[:half], "name"] = ""
    base.loc[odd[half:], "name"] = base.loc[odd[half:], "name"].str.split().str[0]
    base.loc[np.concatenate([blank, words, unreal]), "_dob"] = pd.NaT
    base.loc[century, "_dob"] = base.loc[century, "_dob"] + pd.DateOffset(years=100)

    # Resubmissions: the same form sent again 3 minutes to 2 hours later, the date sometimes typed another way.
    again = rng.choice(n_base, n_dup, replace=False)
    dup = base.iloc[again].copy()
    dup["submitted_at"] = dup["submitted_at"] + pd.to_timedelta(rng.integers(180, 7200, n_dup), unit="s")
    dup["_resub"] = True
    # Most tenants type their date of birth another way the second time.
    retype = (rng.random(n_dup) < 0.7) & dup["_dob"].notna().to_numpy() & ~np.isin(again, century)
    other = (dup.loc[dup.index[retype], "_fmt"].to_numpy() + rng.integers(1, len(DOB_FORMATS), retype.sum())) % len(
        DOB_FORMATS)
    dup.loc[dup.index[retype], "date_of_birth"] = _typed_dates(rng, dup.loc[dup.index[retype], "_dob"], other)[0]
    forms = pd.concat([base, dup], ignore_index=True)
    forms = forms.iloc[np.argsort(forms["submitted_at"].to_numpy(), kind="stable")].reset_index(drop=True)
    # A resubmission of a resubmission's original sent later still counts once per extra copy; the earliest is kept.
    first = ~forms.assign(day=forms["submitted_at"].dt.normalize()).duplicated(["tenant_ref", "repair_type", "day"])
    forms["_resub"] = ~first
    forms.insert(0, "submission_id", v.ids("HRF", len(forms), 6))

    dob_read = forms["_dob"]
    defects = {
        "dob_unreadable": forms.loc[dob_read.isna(), "submission_id"].tolist(),
        "dob_in_future": forms.loc[dob_read > forms["submitted_at"].dt.normalize(), "submission_id"].tolist(),
        "age_impossible": forms.loc[~forms["age"].between(*AGE_RANGE), "submission_id"].tolist(),
        "bedrooms_impossible": forms.loc[~forms["bedrooms"].between(*BEDROOM_RANGE), "submission_id"].tolist(),
        "resubmitted": forms.loc[forms["_resub"], "submission_id"].tolist(),
    }
    truth = {"form_defects": defects,
             "dob": pd.DataFrame({"submission_id": forms["submission_id"], "date_of_birth": dob_read})}
    table = pd.DataFrame({
        "submission_id": forms["submission_id"],
        "submitted_at": forms["submitted_at"].astype("datetime64[s]"),
        "tenant_ref": pd.Series(forms["tenant_ref"].to_numpy(), dtype=v.STR),
        "name": pd.Series(forms["name"].to_numpy(), dtype=v.STR),
        "date_of_birth": pd.Series(forms["date_of_birth"].to_numpy(), dtype=v.STR),
        "age": forms["age"].astype(np.int64),
        "bedrooms": forms["bedrooms"].astype(np.int64),
        "repair_type": v.labels(forms["repair_type"].to_numpy(), REPAIR_TYPES),
        "ward_code": pd.Series(forms["ward_code"].to_numpy(), dtype=v.STR),
    })
    return table, truth


def _cases(rng: np.random.Generator, n: int, lsoas: pd.DataFrame) -> pd.DataFrame:
    ward_idx = rng.integers(0, len(lsoas), n)
    landlord = rng.choice(len(LANDLORDS), n, p=LANDLORD_P)
    owner = landlord == LANDLORDS.index("Owner-occupier")
    tenancy = pd.Series([f"TEN{x:06d}" for x in rng.integers(100_000, 999_999, n)], dtype=v.STR).where(~owner)
    arrears = np.where(rng.random(n) < 0.35, np.round(rng.gamma(2.0, 300.0, n), 2), 0.0)
    streets = ("Mill Lane", "Church Street", "Station Road", "Park View", "Quarry Close", "Hollin Way")
    address = [f"{h} {s}" for h, s in zip(rng.integers(1, 200, n), rng.choice(streets, n))]
    discharge = pd.DatetimeIndex(v.days_between(rng, "2025-06-23", "2025-07-25", n))
    return pd.DataFrame({
        "case_id": v.ids("MDT", n, 5),
        "name": _names.person_names(rng, n),
        "date_of_birth": v.days_between(rng, "1930-01-01", "1975-12-31", n),
        "address": pd.Series(address, dtype=v.STR),
        "postcode": _names.postcodes(rng, ward_idx, n),
        "ward_code": v.take(lsoas["ward_code"], ward_idx),
        "nhs_number": v.codes("999", rng.integers(0, 10_000_000, n), 7),
        "gp_practice": v.codes("Q", rng.integers(81_001, 81_060, n), 5),
        "health_condition": pd.Series(rng.choice(CONDITIONS, n), dtype=v.STR),
        "ethnicity": pd.Series(rng.choice(ETHNICITY, n, p=[0.62, 0.06, 0.14, 0.06, 0.04, 0.03, 0.05]), dtype=v.STR),
        "landlord": pd.Series(np.array(LANDLORDS)[landlord], dtype=v.STR),
        "tenancy_ref": tenancy,
        "housing_need": pd.Series(rng.choice(NEEDS, n), dtype=v.STR),
        "rent_arrears_gbp": pd.Series(arrears).where(~owner),
        "discharge_date": discharge,
        "risk_level": v.choice(rng, ("Low", "Medium", "High"), n, [0.35, 0.45, 0.2]),
        "social_worker": _names.person_names(rng, n),
    })


def _grants(rng: np.random.Generator, residents: pd.DataFrame) -> pd.DataFrame:
    rows = []
    ids = residents["resident_id"].astype(str).to_numpy()
    joined = residents["joined_on"].to_numpy()
    for org, purposes in GRANTABLE.items():
        for purpose, share in purposes.items():
            who = np.flatnonzero(rng.random(len(ids)) < share)
            for i in who:
                start = pd.Timestamp(joined[i]) + pd.Timedelta(days=int(rng.integers(0, 120)))
                start = min(start, TODAY)
                revoked = None
                if rng.random() < 0.18:
                    span = (TODAY - start).days
                    if span > 1:
                        revoked = start + pd.Timedelta(days=int(rng.integers(1, span + 1)))
                rows.append([ids[i], org, purpose, start, revoked])
                if revoked is not None and revoked < TODAY and rng.random() < 0.25:
                    again = revoked + pd.Timedelta(days=int(rng.integers(0, max(1, (TODAY - revoked).days) + 1)))
                    rows.append([ids[i], org, purpose, min(again, TODAY), None])
    grants = pd.DataFrame(rows, columns=["resident_id", "organisation", "purpose", "granted_on", "revoked_on"])
    grants["granted_on"] = pd.to_datetime(grants["granted_on"])
    grants["revoked_on"] = pd.to_datetime(grants["revoked_on"])
    # Boundary days for every organisation and purpose: grants starting today, revoked today, revoked on the day
    # of the last share, and one revoked between the shares then granted again.
    for org, purposes in GRANTABLE.items():
        for purpose in purposes:
            mine = grants.index[(grants.organisation == org) & (grants.purpose == purpose) & grants.revoked_on.isna()
                                & (grants.granted_on < LAST_SHARE - pd.Timedelta(days=30))]
            if len(mine) < 8:
                continue
            mine = rng.permutation(mine.to_numpy())
            grants.loc[mine[:2], "granted_on"] = TODAY
            grants.loc[mine[2:4], "revoked_on"] = TODAY
            grants.loc[mine[4:5], "revoked_on"] = LAST_SHARE
            grants.loc[mine[5:7], "revoked_on"] = LAST_SHARE + pd.Timedelta(days=int(rng.integers(10, 60)))
            back = grants.loc[mine[6:7]].assign(granted_on=TODAY - pd.Timedelta(days=5), revoked_on=pd.NaT)
            grants = pd.concat([grants, back], ignore_index=True)
    grants = grants.sort_values(["granted_on", "resident_id"], kind="stable").reset_index(drop=True)
    grants.insert(0, "grant_id", v.ids("G", len(grants), 6))
    for c in ("resident_id", "organisation", "purpose"):
        grants[c] = grants[c].astype(v.STR)
    for c in ("granted_on", "revoked_on"):
        grants[c] = grants[c].astype("datetime64[s]")
    return grants


def _opt_outs(rng: np.random.Generator, residents: pd.DataFrame, grants: pd.DataFrame) -> pd.DataFrame:
    """About one resident in ten registered a national data opt-out: a few of those the planning share would
    include registered on TODAY itself and a few after it, before the list was downloaded."""
    planning = in_force_ids(grants, ICB, "Population health planning", TODAY)
    k = max(2, len(residents) // 150)
    picked = rng.permutation(np.array(planning, dtype=object))
    on_day, later = picked[:k], picked[k:2 * k]
    rest = np.setdiff1d(residents["resident_id"].astype(str).to_numpy(), picked[:2 * k].astype(str))
    others = rng.permutation(rest)[: max(5, len(residents) // 10)]
    on = list(v.days_between(rng, "2018-05-25", str((TODAY - pd.Timedelta(days=1)).date()), len(others)))
    out = pd.DataFrame({
        "resident_id": np.concatenate([on_day, later, others]).astype(str),
        "opted_out_on": [TODAY] * len(on_day)
        + list(v.days_between(rng, str((TODAY + pd.Timedelta(days=1)).date()), str(OPT_OUT_LIST_ON.date()),
                              len(later))) + on,
    })
    out = out.iloc[rng.permutation(len(out))].reset_index(drop=True)
    out["resident_id"] = out["resident_id"].astype(v.STR)
    out["opted_out_on"] = pd.to_datetime(out["opted_out_on"]).astype("datetime64[s]")
    return out


@register(CARD)
def make_data_sharing(n: int = CARD.default_rows, seed: Seed = 0) -> Dataset:
    """``n`` form submissions, a case list a tenth as long and a data store with half as many residents."""
    n = check_rows(CARD, n)
    lsoas = lsoa_frame(seed)
    forms, form_truth = _forms(rng_for(seed, "data_sharing", "forms"), n, lsoas)
    cases = _cases(rng_for(seed, "data_sharing", "cases"), max(40, n // 10), lsoas)

    rng = rng_for(seed, "data_sharing", "pds")
    people = max(100, n // 2)
    ward_idx = rng.integers(0, len(lsoas), people)
    residents = pd.DataFrame({
        "resident_id": v.ids("PDS", people, 6),
        "name": _names.person_names(rng, people),
        "ward_code": v.take(lsoas["ward_code"], ward_idx),
        "joined_on": v.days_between(rng, "2023-01-01", "2025-03-01", people),
    })
    grants = _grants(rng, residents)
    opt_outs = _opt_outs(rng, residents, grants)

    schedule = pd.DataFrame([(p, f, f in SCHEDULE[p]) for p in SCHEDULE for f in CASE_COLUMNS],
                            columns=["partner", "field", "shared"])
    schedule["partner"] = schedule["partner"].astype(v.STR)
    schedule["field"] = schedule["field"].astype(v.STR)
    partners = pd.DataFrame(PARTNERS)
    for c in ("partner", "purpose", "lawful_basis", "article_9_condition"):
        partners[c] = partners[c].astype(v.STR)
    partners["retention_days"] = partners["retention_days"].astype(np.int64)

    from .geography import geography_tables

    wards = geography_tables(seed, "wards")["wards"][["ward_code", "ward_name"]].copy()
    tables = {
        "repair_forms": forms, "cases": cases, "isa_partners": partners, "sharing_schedule": schedule,
        "pds_residents": residents, "pds_grants": grants, "data_opt_outs": opt_outs, "wards": wards,
    }
    opted = set(opt_outs.loc[opt_outs["opted_out_on"] <= TODAY, "resident_id"].astype(str))
    truth = {
        **form_truth,
        "rules": list(RULES),
        "schedule": {p: list(cols) for p, cols in SCHEDULE.items()},
        "today": TODAY, "last_share": LAST_SHARE,
        "in_force_today": {f"{o} | {p}": in_force_ids(grants, o, p, TODAY) for o in GRANTABLE for p in GRANTABLE[o]},
        "in_force_last_share": {f"{o} | {p}": in_force_ids(grants, o, p, LAST_SHARE)
                                for o in GRANTABLE for p in GRANTABLE[o]},
        "opted_out_by_today": sorted(opted),
    }
    return Dataset(tables, truth, CARD.with_params(n=n, seed=seed))
