"""The planted truths module 11 relies on: every defect of the repairs form findable by the stated rules, the
agreement's schedule, the data store's boundary days and the national data opt-outs on and after the day of the
share. (Its card, schema and determinism are held by the tests every family meets, through EXPECTED_FAMILIES.)"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import build

import academy.datasets as ds
from academy.datasets.data_sharing import (
    DOB_FORMATS,
    GRANTABLE,
    ICB,
    LAST_SHARE,
    OAKFIELD,
    OPT_OUT_LIST_ON,
    RULES,
    SCHEDULE,
    TODAY,
    in_force_ids,
)

FAMILY = "data_sharing"


@pytest.fixture(scope="module")
def data() -> ds.Dataset:
    return build(FAMILY, 1_200, seed=7)


def test_data_sharing_builds_at_the_smallest_size_and_at_the_graders_unseen_size():
    for n in (ds.get_family(FAMILY).card.min_rows, 500):
        d = ds.make(FAMILY, n, seed="someone")
        assert len(d["repair_forms"]) == n
        assert all(d.truth["form_defects"][rule] for rule in RULES), "every rule has something to find"


def _read(typed: pd.Series) -> pd.Series:
    out = pd.to_datetime(typed, format=DOB_FORMATS[0], errors="coerce")
    for fmt in DOB_FORMATS[1:]:
        out = out.fillna(pd.to_datetime(typed, format=fmt, errors="coerce"))
    return out


def test_planted_form_defects_are_what_the_stated_rules_find(data):
    forms = data["repair_forms"]
    dob = _read(forms["date_of_birth"])
    day = forms["submitted_at"].dt.normalize()
    found = {
        "dob_unreadable": dob.isna(),
        "dob_in_future": dob > day,
        "age_impossible": ~forms["age"].between(16, 110),
        "bedrooms_impossible": ~forms["bedrooms"].between(0, 6),
        "resubmitted": forms.assign(day=day).duplicated(["tenant_ref", "repair_type", "day"]),
    }
    for rule in RULES:
        assert sorted(forms.loc[found[rule], "submission_id"]) == sorted(data.truth["form_defects"][rule]), rule
        assert 0 < found[rule].sum() < 0.1 * len(forms), rule
    # every format is used, and the date the tenant meant is recorded where it can be read
    for fmt in DOB_FORMATS:
        assert pd.to_datetime(forms["date_of_birth"], format=fmt, errors="coerce").notna().sum() > 0.1 * len(forms)
    meant = data.truth["dob"].set_index("submission_id")["date_of_birth"]
    assert meant.reindex(forms["submission_id"]).isna().to_numpy().tolist() == dob.isna().tolist()


def test_planted_resubmissions_come_within_two_hours_and_genuine_repeats_on_another_day(data):
    forms = data["repair_forms"]
    assert forms["submitted_at"].is_monotonic_increasing
    first = forms.groupby(["tenant_ref", "repair_type", forms["submitted_at"].dt.normalize()], observed=True)
    gaps = first["submitted_at"].transform(lambda t: t - t.min())
    again = forms["submission_id"].isin(data.truth["form_defects"]["resubmitted"])
    assert (gaps[again] <= pd.Timedelta(hours=4)).all() and (gaps[again] > pd.Timedelta(0)).all()
    # whole-row duplicates miss resubmissions typed another way; tenant and repair type alone catch other days too
    exact = forms.drop(columns=["submission_id", "submitted_at"]).duplicated()
    assert (again & ~exact).sum() > 0
    assert (forms.duplicated(["tenant_ref", "repair_type"]) & ~again).sum() > 0
    # a studio flat (0 bedrooms) is common and possible
    assert (forms["bedrooms"] == 0).sum() > 0.03 * len(forms)


def test_planted_swapped_day_and_month_trap_exists(data):
    typed = data["repair_forms"]["date_of_birth"]
    guessed = pd.to_datetime(typed, format="mixed", dayfirst=True, errors="coerce")
    right = _read(typed)
    assert ((guessed != right) & guessed.notna() & right.notna()).sum() > 0


def test_planted_schedule_minimises_and_keeps_special_category_data_close(data):
    schedule = data["sharing_schedule"]
    cases = data["cases"]
    assert set(schedule["field"]) == set(cases.columns)
    for partner, cols in SCHEDULE.items():
        shared = schedule[(schedule["partner"] == partner) & schedule["shared"]]["field"]
        assert sorted(shared) == sorted(cols) and len(cols) < cases.shape[1]
    assert not schedule.loc[schedule["field"] == "ethnicity", "shared"].any()
    assert (cases["landlord"] == OAKFIELD).sum() > 10
    assert data.truth["schedule"] == {p: list(c) for p, c in SCHEDULE.items()}
    partners = data["isa_partners"]
    assert set(partners["partner"]) == set(SCHEDULE)
    assert partners.loc[partners["partner"] == ICB, "article_9_condition"].notna().all()


def test_planted_grants_have_boundary_days_and_regrants(data):
    grants = data["pds_grants"]
    assert grants["granted_on"].max() <= TODAY and grants["revoked_on"].max() <= TODAY
    assert not (grants["revoked_on"] <= grants["granted_on"]).any()
    for org, purposes in GRANTABLE.items():
        for purpose in purposes:
            mine = grants[(grants["organisation"] == org) & (grants["purpose"] == purpose)]
            key = f"{org} | {purpose}"
            assert data.truth["in_force_today"][key] == in_force_ids(grants, org, purpose, TODAY)
            assert data.truth["in_force_last_share"][key] == in_force_ids(grants, org, purpose, LAST_SHARE)
            assert (mine["granted_on"] == TODAY).any() and (mine["revoked_on"] == TODAY).any(), key
            assert (mine["revoked_on"] == LAST_SHARE).any(), key
            regranted = mine.groupby("resident_id")["revoked_on"].agg(lambda r: r.notna().any() and r.isna().any())
            assert regranted.any(), key
    care = set(data.truth["in_force_last_share"][f"{ICB} | Individual care"])
    assert care - set(data.truth["in_force_today"][f"{ICB} | Individual care"]), "revocations remove someone"


def test_planted_opt_outs_on_the_day_and_after_it(data):
    outs = data["data_opt_outs"]
    planning = set(data.truth["in_force_today"][f"{ICB} | Population health planning"])
    mine = outs[outs["resident_id"].isin(planning)]
    assert (mine["opted_out_on"] == TODAY).any() and (mine["opted_out_on"] > TODAY).any()
    assert outs["opted_out_on"].max() <= OPT_OUT_LIST_ON
    assert data.truth["opted_out_by_today"] == sorted(set(outs.loc[outs["opted_out_on"] <= TODAY, "resident_id"]))
    assert set(outs["resident_id"]) <= set(data["pds_residents"]["resident_id"])
    care = set(data.truth["in_force_today"][f"{ICB} | Individual care"])
    assert care & set(outs["resident_id"]), "some people shared for their care have opted out (it does not apply)"


def test_variants_differ_but_keep_their_shape():
    a, b = build(FAMILY, 1_200, seed=1), build(FAMILY, 1_200, seed=2)
    assert not a["repair_forms"]["date_of_birth"].equals(b["repair_forms"]["date_of_birth"])
    counts = [np.array([len(d.truth["form_defects"][r]) for r in RULES]) for d in (a, b)]
    assert np.all(np.abs(counts[0] - counts[1]) <= 0.5 * np.maximum(counts[0], counts[1]) + 5)
