"""Every generated table matches the card an instructor reads, and keys join."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import EXPECTED_FAMILIES, build, small_rows

import academy.datasets as ds

KIND_CHECKS = {
    "int": pd.api.types.is_integer_dtype,
    "float": pd.api.types.is_float_dtype,
    "bool": pd.api.types.is_bool_dtype,
    "str": lambda s: pd.api.types.is_string_dtype(s) and not isinstance(s.dtype, pd.CategoricalDtype),
    "category": lambda s: isinstance(s.dtype, pd.CategoricalDtype),
    "date": pd.api.types.is_datetime64_any_dtype,
    "datetime": pd.api.types.is_datetime64_any_dtype,
}


def test_every_expected_family_is_registered():
    assert set(EXPECTED_FAMILIES) <= set(ds.REGISTRY)


def test_generated_tables_match_the_card(family):
    d = build(family, small_rows(family))
    card = d.card
    assert sorted(d.tables) == sorted(t.name for t in card.tables)
    for spec in card.tables:
        df = d.tables[spec.name]
        assert list(df.columns) == [c.name for c in spec.columns], spec.name
        assert len(df) > 0, spec.name
        for col in spec.columns:
            s = df[col.name]
            assert KIND_CHECKS[col.kind](s), f"{spec.name}.{col.name}: {s.dtype} is not {col.kind}"
            if not col.nullable:
                assert s.notna().all(), f"{spec.name}.{col.name} has empty values but the card says it never does"
            if col.kind == "date":
                present = s.dropna()
                assert (present == present.dt.normalize()).all(), f"{spec.name}.{col.name} has times of day"
        if spec.key:
            assert not df.duplicated(list(spec.key)).any(), f"{spec.name} key {spec.key} is not unique"


def test_keys_join_within_a_dataset(family):
    """A join the card promises works on the shipped tables, with no orphans."""
    d = build(family, small_rows(family))
    geography_tables = {t.name for t in ds.get_family("geography").card.tables}
    for spec in d.card.tables:
        own_table = family == "geography" or spec.name not in geography_tables
        for column, other, other_col in spec.joins:
            if not own_table and other not in d.tables:
                continue  # e.g. lsoas -> councils when only lsoas is shipped
            assert other in d.tables, f"{spec.name}.{column} joins {other}, which {family} does not ship"
            values = d.tables[spec.name][column].dropna()
            unknown = set(values.astype(str)) - set(d.tables[other][other_col].astype(str))
            assert not unknown, (f"{spec.name}.{column} has values missing from {other}.{other_col}: "
                                 f"{sorted(unknown)[:5]}")


@pytest.mark.parametrize("name", [f for f in EXPECTED_FAMILIES if f not in ("geography", "multi_council")])
def test_every_family_sits_on_the_shared_geography(name):
    geo = build("geography", seed=7)
    d = build(name, small_rows(name), seed=7)
    lsoas = set(geo["lsoas"]["lsoa_code"])
    wards = set(geo["wards"]["ward_code"])
    seen = 0
    for df in d.tables.values():
        if "lsoa_code" in df:
            assert set(df["lsoa_code"]) <= lsoas
            seen += 1
        if "ward_code" in df:
            assert set(df["ward_code"]) <= wards
            seen += 1
    assert seen, f"{name} has no geography key to join on"


def test_card_describes_truths_and_licence_in_words(family):
    card = ds.get_family(family).card
    assert card.licence and card.description and card.truths
    text = card.to_markdown()
    for spec in card.tables:
        assert f"`{spec.name}`" in text
        for col in spec.columns:
            assert col.name in text
    as_dict = card.to_dict()
    assert as_dict["planted_truths"] and as_dict["tables"]


def test_dataset_repr_names_tables_and_sizes():
    d = build("claimants", 100)
    assert "claimants=100 rows" in repr(d)


def test_unknown_family_and_bad_rows_are_clear_errors():
    with pytest.raises(ds.DatasetError, match="unknown dataset 'potholes'.*known datasets:.*service_requests"):
        ds.make("potholes")
    with pytest.raises(ds.DatasetError, match="at least 30"):
        ds.make("claimants", -1)
    with pytest.raises(ds.DatasetError, match="more than"):
        ds.make("claimants", 10**12)
    with pytest.raises(ds.DatasetError, match="whole number"):
        ds.make("claimants", 12.5)  # type: ignore[arg-type]
    with pytest.raises(ds.DatasetError, match="seed"):
        ds.make("claimants", 100, seed=-4)
    with pytest.raises(ds.DatasetError, match="seed"):
        ds.make("claimants", 100, seed="  ")
