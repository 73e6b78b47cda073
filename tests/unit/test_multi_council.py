"""The multi-council family: the published files really carry every listed
defect, and cleaning them by the card's rules gives exactly the planted answer."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from conftest import build

YEAR = (pd.Timestamp("2024-04-01"), pd.Timestamp("2025-03-31"))


@pytest.fixture(scope="module", params=[3, 19])
def mc(request):
    return build("multi_council", 2400, seed=request.param)


def _raw(mc, council: str) -> bytes:
    (name,) = [k for k in mc.raw_files if k.startswith(council)]
    return mc.raw_files[name]


def _in_year(dates: pd.Series) -> pd.Series:
    return dates.where(dates.between(*YEAR))


def clean_from_published_files(mc) -> pd.DataFrame:
    """An analyst's cleaning of the three files, written without the generator's code."""
    wards = build("geography", seed=mc.card.params["seed"])["wards"]

    def ward_lookup(council):
        own = wards[wards.council_code == council]
        return set(own.ward_code), dict(zip(own.ward_name.str.lower(), own.ward_code))

    # Bolton: UTF-8 CSV, codes, dd/mm/yyyy, N/A, some mojibake.
    b = pd.read_csv(io.BytesIO(_raw(mc, "bolton")), dtype=str, keep_default_na=False, encoding="utf-8")
    b = b.drop_duplicates()
    codes, _ = ward_lookup("E08000001")
    code = b["Ward Code"].str.strip().str.upper()
    land = b["Land Type"].map(lambda s: s.encode("cp1252").decode("utf-8") if "â€" in s else s)
    bolton = pd.DataFrame({
        "incident_ref": b["Incident Ref"], "council_code": "E08000001",
        "ward_code": code.where(code.isin(codes)),
        "date_reported": _in_year(pd.to_datetime(b["Date Reported"], format="%d/%m/%Y", errors="coerce")),
        "waste_type": b["Waste Type"], "size": b["Size"], "land_type": land,
        "clearance_cost_gbp": pd.to_numeric(b["Clearance Cost (£)"].replace("N/A", np.nan)),
    })

    # Salford: Windows-1252 CSV, ward names, 31-Mar-24, "-", £1,234.50, a totals row.
    raw = _raw(mc, "salford")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    s = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, encoding="cp1252")
    s = s[s.ref != "Total"].drop_duplicates()
    _, names = ward_lookup("E08000006")
    salford = pd.DataFrame({
        "incident_ref": s.ref, "council_code": "E08000006",
        "ward_code": s.ward_name.str.strip().str.lower().map(names),
        "date_reported": _in_year(pd.to_datetime(s.date, format="%d-%b-%y", errors="coerce")),
        "waste_type": s.waste, "size": s.size_category, "land_type": s.land,
        "clearance_cost_gbp": pd.to_numeric(s.cost_gbp.replace("-", np.nan).str.replace("[£,]", "", regex=True)),
    })

    # Wigan: Excel with two title rows, serial dates, codes that slip, blank or 0 cost.
    w = pd.read_excel(io.BytesIO(_raw(mc, "wigan")), header=2, dtype=object)
    w = w[w.WD22CD != "Grand total"].drop_duplicates()
    _, names = ward_lookup("E08000010")
    cost = pd.to_numeric(w.Cost)
    wigan = pd.DataFrame({
        "incident_ref": w["Incident No"].astype(int).astype(str), "council_code": "E08000010",
        "ward_code": w.WD22NM.str.lower().map(names),
        "date_reported": pd.to_datetime(w.Date.astype(int), unit="D", origin="1899-12-30"),
        "waste_type": w["Waste Type"], "size": w.Size, "land_type": w["Land Type"],
        "clearance_cost_gbp": cost.where(cost != 0),
    })
    out = pd.concat([bolton, salford, wigan], ignore_index=True)
    out["waste_type"] = out.waste_type.str.capitalize()
    return out


def test_cleaning_the_published_files_by_the_card_rules_gives_the_planted_answer(mc):
    ours = clean_from_published_files(mc).reset_index(drop=True)
    truth = mc.truth["clean"].reset_index(drop=True)
    assert len(ours) == len(truth)
    for col in truth.columns:
        a, b = ours[col], truth[col]
        if col == "date_reported":
            a, b = pd.to_datetime(a).dt.normalize(), pd.to_datetime(b)
            assert (a.isna() == b.isna()).all(), col
            assert (a[a.notna()].to_numpy() == b[b.notna()].to_numpy()).all(), col
        elif col == "clearance_cost_gbp":
            assert np.allclose(a.astype(float), b.astype(float), equal_nan=True), col
        else:
            mismatch = ~((a.astype(str) == b.astype(str)) | (a.isna() & b.isna()))
            assert not mismatch.any(), (f"{col}: {ours.loc[mismatch, col].head(3).tolist()} "
                                        f"vs {truth.loc[mismatch, col].head(3).tolist()}")


def test_every_listed_defect_is_really_in_the_publication(mc):
    defects = mc.truth["defects"]
    assert set(defects.kind) == {"bad_date", "wrong_code", "duplicate", "totals_row", "encoding", "missing_marker"}
    wards = build("geography", seed=mc.card.params["seed"])["wards"]
    key_col = {"publication_bolton": "Incident Ref", "publication_salford": "ref", "publication_wigan": "Incident No"}
    date_format = {"publication_bolton": "%d/%m/%Y", "publication_salford": "%d-%b-%y"}
    council = {"publication_bolton": "E08000001", "publication_salford": "E08000006", "publication_wigan": "E08000010"}
    for d in defects.itertuples():
        table = mc.tables[d.publication]
        own = wards[wards.council_code == council[d.publication]]
        if d.kind == "totals_row":
            assert (table.iloc[-1] == d.row_key).any()
            continue
        if d.kind == "encoding" and d.row_key == "*":
            with pytest.raises(UnicodeDecodeError):
                _raw(mc, d.publication.split("_")[1]).decode("utf-8")
            continue
        rows = table[table[key_col[d.publication]] == d.row_key]
        assert len(rows) >= 1, d
        if d.kind == "duplicate":
            assert len(rows) == 2 and rows.iloc[0].equals(rows.iloc[1])
            continue
        cell = rows.iloc[0][d.column]
        if d.kind == "bad_date":
            parsed = pd.to_datetime(pd.Series([cell]), format=date_format[d.publication], errors="coerce")[0]
            assert pd.isna(parsed) or not (YEAR[0] <= parsed <= YEAR[1]), d
        elif d.kind == "wrong_code":
            if d.publication == "publication_salford":
                assert cell not in set(own.ward_name), d
            elif d.publication == "publication_wigan":
                assert own.set_index("ward_name").ward_code.get(rows.iloc[0]["WD22NM"]) != cell, d
            else:
                assert cell not in set(own.ward_code), d
        elif d.kind == "encoding":
            assert "â€" in cell, d
        elif d.kind == "missing_marker":
            assert pd.isna(cell) or cell in ("N/A", "-", "0", ""), d


def test_no_defect_goes_unlisted(mc):
    """Counting the damage independently gives the ledger's counts."""
    defects = mc.truth["defects"]
    count = defects.groupby(["publication", "kind"]).size()
    b = mc.tables["publication_bolton"]
    bad = pd.to_datetime(b["Date Reported"], format="%d/%m/%Y", errors="coerce")
    bad_rows = b[bad.isna() | ~bad.between(*YEAR)]["Incident Ref"].nunique()
    assert bad_rows == count["publication_bolton", "bad_date"]
    assert b.duplicated().sum() == count["publication_bolton", "duplicate"]
    assert b.drop_duplicates()["Land Type"].str.contains("â€").sum() == count["publication_bolton", "encoding"]
    assert b.drop_duplicates()["Clearance Cost (£)"].eq("N/A").sum() == count["publication_bolton", "missing_marker"]
    s = mc.tables["publication_salford"]
    assert s.ref.eq("Total").sum() == 1 and s.ref.iloc[-1] == "Total"
    assert (s[s.ref != "Total"].drop_duplicates().cost_gbp.eq("-").sum()
            == count["publication_salford", "missing_marker"])


def test_licences_decide_what_may_be_published(mc):
    lic = mc.tables["licences"].set_index("publication")
    assert not lic.loc["publication_wigan", "onward_publication_allowed"]
    assert lic.loc[["publication_bolton", "publication_salford"], "onward_publication_allowed"].all()
    assert mc.truth["licensing"]["may_publish_combined"] is False
    assert mc.truth["licensing"]["may_publish_without_wigan"] is True


def test_consent_register_has_every_case_an_analyst_must_handle(mc):
    c = mc.tables["consent_register"]
    ref = mc.truth["consent_reference_date"]
    assert (c.expires_on > c.given_on).all()
    w = c[c.withdrawn_on.notna()]
    assert ((w.withdrawn_on > w.given_on) & (w.withdrawn_on < w.expires_on)).all()
    assert (c.status == "Withdrawn").eq(c.withdrawn_on.notna()).all()
    assert (c.expires_on <= ref).any(), "some consents have expired"
    assert (c.given_on > ref).any(), "some consents start in the future"
    assert (c.withdrawn_on <= ref).any(), "some were withdrawn before the date"
    assert (c.withdrawn_on > ref).any(), "some were withdrawn later, so still count on the date"
    in_force = c[(c.given_on <= ref) & (c.expires_on > ref) & ~(c.withdrawn_on <= ref)]
    expected = set(zip(in_force.person_id, in_force.purpose.astype(str)))
    planted = set(zip(mc.truth["consent_in_force"].person_id, mc.truth["consent_in_force"].purpose.astype(str)))
    assert expected == planted and 0 < len(planted) < len(c)
    assert set(c.person_id) <= set(mc.tables["residents"].person_id)


def test_residents_are_obviously_synthetic(mc):
    r = mc.tables["residents"]
    assert r.postcode.str.match(r"^Q[MS]\d{1,2} \d[A-Z]{2}$").all()
    assert r.person_id.is_unique and r.name.str.contains(" ").all()


def test_some_consents_start_end_or_are_withdrawn_on_the_day_of_sharing_itself(mc):
    c, ref = mc.tables["consent_register"], mc.truth["consent_reference_date"]
    assert (c.given_on == ref).any() and (c.expires_on == ref).any() and (c.withdrawn_on == ref).any()
    assert (c.loc[c.withdrawn_on == ref, "status"] == "Withdrawn").all()


def test_opt_outs_include_the_day_itself_later_ones_and_people_listed_twice(mc):
    o, ref = mc.tables["data_opt_outs"], mc.truth["consent_reference_date"]
    assert set(o.person_id) <= set(mc.tables["residents"].person_id)
    assert (o.opted_out_on == ref).any() and (o.opted_out_on > ref).any() and o.person_id.duplicated().any()
    assert set(mc.truth["opted_out"]) == set(o.loc[o.opted_out_on <= ref, "person_id"])
    in_force = set(mc.truth["consent_in_force"].query("purpose == 'Sharing with NHS partners'").person_id)
    assert set(o.loc[o.opted_out_on == ref, "person_id"]) & in_force, "the day's opt-outs matter to the NHS release"


def test_some_residents_cleared_for_the_nhs_release_opted_out_only_after_the_day(mc):
    o, ref = mc.tables["data_opt_outs"], mc.truth["consent_reference_date"]
    first = o.groupby("person_id")["opted_out_on"].min()
    in_force = set(mc.truth["consent_in_force"].query("purpose == 'Sharing with NHS partners'").person_id)
    assert set(first[first > ref].index) & in_force, "removing everyone on today's list is a mistake to be seen"


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 5, 8, 13, 21])
def test_every_variant_has_a_mistyped_year_in_each_publication_with_text_dates(seed):
    """A cleaning that empties impossible dates but keeps a date in 2204 or 2042 is caught in every learner's data."""
    data = build("multi_council", 300, seed=seed)
    for table, column, fmt in (("publication_bolton", "Date Reported", "%d/%m/%Y"),
                               ("publication_salford", "date", "%d-%b-%y")):
        dates = pd.to_datetime(data.tables[table][column], format=fmt, errors="coerce")
        assert (dates > YEAR[1]).any(), table
