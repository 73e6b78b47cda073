"""One seed gives identical data and identical files; another seed, a different variant."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import build, small_rows

import academy.datasets as ds
from academy.datasets import io as dio


def _fresh(name: str, seed) -> ds.Dataset:
    # Not the cached build: determinism must hold across independent calls.
    return ds.make(name, small_rows(name), seed)


def test_same_seed_gives_identical_tables_and_truth(family):
    a, b = _fresh(family, 11), _fresh(family, 11)
    assert a.tables.keys() == b.tables.keys()
    for name in a.tables:
        pd.testing.assert_frame_equal(a.tables[name], b.tables[name])
    assert dio.truth_files(a) == dio.truth_files(b)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", dio.FORMATS)
def test_same_seed_gives_byte_identical_files(family, fmt):
    a, b = _fresh(family, 5), _fresh(family, 5)
    files_a = {name: produce() for name, produce in dio.dataset_files(a, fmt)}
    files_b = {name: produce() for name, produce in dio.dataset_files(b, fmt)}
    assert files_a.keys() == files_b.keys()
    for name in files_a:
        assert files_a[name] == files_b[name], f"{name} differs between two runs with the same seed"


def test_different_seed_gives_different_data(family):
    a, b = _fresh(family, 1), _fresh(family, 2)
    primary = next(iter(a.tables))
    assert not a.tables[primary].equals(b.tables[primary])


def test_a_learner_name_is_a_seed_of_its_own():
    alice1 = ds.make("claimants", 300, seed="alice.smith")
    alice2 = ds.make("claimants", 300, seed="alice.smith")
    bob = ds.make("claimants", 300, seed="bob.jones")
    pd.testing.assert_frame_equal(alice1["claimants"], alice2["claimants"])
    assert not alice1["claimants"]["age"].equals(bob["claimants"]["age"])
    # Digits given as text mean the number, so "42" on the command line is seed 42.
    pd.testing.assert_frame_equal(ds.make("claimants", 300, seed="42")["claimants"],
                                  ds.make("claimants", 300, seed=42)["claimants"])


def test_variants_are_statistically_alike():
    ages, depressed, pa = [], [], []
    for seed in range(4):
        c = ds.make("claimants", 3000, seed=seed)["claimants"]
        ages.append(c["age"].mean())
        depressed.append(c["clinical_depression"].mean())
        att = ds.make("attendance", 3000, seed=seed).truth["pupils"]
        pa.append(att["persistently_absent"].mean())
    assert np.ptp(ages) < 3 and np.ptp(depressed) < 0.06 and np.ptp(pa) < 0.06
    assert len(set(np.round(ages, 6))) == 4  # ... and yet not the same numbers


def test_growing_one_family_does_not_change_the_shared_geography():
    small = ds.make("service_requests", 500, seed=3)
    large = ds.make("service_requests", 5000, seed=3)
    pd.testing.assert_frame_equal(small["wards"], large["wards"])
    pd.testing.assert_frame_equal(small["lsoas"], build("geography", seed=3)["lsoas"])
