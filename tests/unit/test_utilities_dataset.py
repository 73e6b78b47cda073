"""The utilities family: the truths module 10 (energy and fuel poverty) relies on, at the size the module uses.

The extract's aggregation and suppression themselves are held in test_planted_truths.py; here: the prepayment
gradient by deprivation (truth['prepayment']), typical use falling with deprivation for both fuels, and the
arithmetic of disclosure by differencing that question 3 of module 10 teaches.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import build
from sklearn.linear_model import LogisticRegression

from academy.datasets.utilities import PREPAYMENT_LOGIT, SUPPRESS_BELOW

ROWS = 40_000  # module 10's size


@pytest.fixture(scope="module")
def data():
    return build("utilities", ROWS, seed=11)


def _with_decile(d) -> pd.DataFrame:
    return d["meters"].merge(d["lsoas"][["lsoa_code", "imd_decile", "ward_code"]], on="lsoa_code")


def test_the_prepayment_truth_is_the_one_the_meters_were_drawn_with(data):
    assert data.truth["prepayment"] == {"intercept": PREPAYMENT_LOGIT[0],
                                        "deprivation_effect_per_sd": PREPAYMENT_LOGIT[1]}


def test_prepayment_is_several_times_as_common_in_the_most_deprived_decile(data):
    share = _with_decile(data).groupby("imd_decile")["prepayment"].mean()
    assert 0.25 < share[1] < 0.45 and share[10] < 0.08
    assert share[1] > 4 * share[10]
    # Falls across the deciles: each fifth of the deciles below the one before.
    fifths = [share.loc[[a, a + 1]].mean() for a in (1, 3, 5, 7, 9)]
    assert all(x > y for x, y in zip(fifths, fifths[1:]))


def test_the_planted_log_odds_are_recovered_from_the_meters():
    d = build("utilities", 100_000, seed=3)
    from academy.datasets.geography import lsoa_frame

    dep = lsoa_frame(3).set_index("lsoa_code")["deprivation"]
    z = (dep - dep.mean()) / dep.std(ddof=0)
    x = d["meters"]["lsoa_code"].map(z).to_numpy().reshape(-1, 1)
    fit = LogisticRegression(C=1e6).fit(x, d["meters"]["prepayment"])
    assert fit.intercept_[0] == pytest.approx(PREPAYMENT_LOGIT[0], abs=0.05)
    assert fit.coef_[0][0] == pytest.approx(PREPAYMENT_LOGIT[1], abs=0.05)


def test_typical_use_falls_with_deprivation_for_both_fuels(data):
    medians = _with_decile(data).groupby(["imd_decile", "fuel"], observed=True)["annual_kwh"].median().unstack()
    for fuel in ("Electricity", "Gas"):
        assert medians.loc[1, fuel] < 0.9 * medians.loc[10, fuel]
    assert (medians["Gas"] > 3 * medians["Electricity"]).all()


def test_a_ward_total_minus_its_published_areas_is_exactly_what_suppression_hid(data):
    """Disclosure by differencing: the left-over is the suppressed areas' own total, to the rounding of the extract."""
    meters, extract, lsoas = data["meters"], data["lsoa_consumption"], data["lsoas"]
    fuel_code = meters["fuel"].astype(str).map({"Electricity": "ELEC", "Gas": "GAS"})
    ward = meters["lsoa_code"].map(lsoas.set_index("lsoa_code")["ward_code"])
    true_total = meters["annual_kwh"].groupby([ward, fuel_code]).sum()
    joined = extract.merge(lsoas[["lsoa_code", "ward_code"]], left_on="LSOA_CD", right_on="lsoa_code")
    published = joined.groupby(["ward_code", "FUEL"])["TOTAL_KWH"].sum()
    hidden = joined[joined["TOTAL_KWH"].isna()]
    hidden_meters = hidden.groupby(["ward_code", "FUEL"])["METERS"].sum()
    hidden_codes = set(hidden["LSOA_CD"] + "|" + hidden["FUEL"])
    key = meters["lsoa_code"] + "|" + fuel_code
    hidden_kwh = meters.loc[key.isin(hidden_codes), "annual_kwh"].groupby([ward, fuel_code]).sum()
    left_over = (true_total - published).reindex(hidden_kwh.index)
    assert np.allclose(left_over, hidden_kwh, atol=0.1 * 40)  # each published total is rounded to 0.1 kWh
    at_risk = hidden_meters[hidden_meters < SUPPRESS_BELOW]
    assert len(at_risk) >= 20  # plenty of wards where the left-over is about fewer than 5 meters


@pytest.mark.parametrize("seed", range(6))
def test_at_the_modules_size_a_fifth_or_so_of_the_areas_are_suppressed(seed):
    extract = build("utilities", ROWS, seed=seed)["lsoa_consumption"]
    suppressed = extract["TOTAL_KWH"].isna()
    assert 0.1 < suppressed.mean() < 0.35
    assert (extract.loc[suppressed, "METERS"] < SUPPRESS_BELOW).all()
    assert extract.loc[~suppressed, "METERS"].min() >= SUPPRESS_BELOW
