"""Shared fixtures: small datasets built once per test session."""

from __future__ import annotations

from functools import lru_cache

import pytest

import academy.datasets as ds

#: The nine families the curriculum relies on (issue 2).
EXPECTED_FAMILIES = (
    "geography", "claimants", "programme", "attendance", "incidents",
    "service_requests", "business", "utilities", "multi_council", "council_tax",
)


@lru_cache(maxsize=64)
def build(name: str, n: int | None = None, seed: int | str = 7) -> ds.Dataset:
    """Datasets are deterministic, so tests may share one build."""
    return ds.make(name, n, seed)


def small_rows(name: str) -> int:
    card = ds.get_family(name).card
    return max(card.min_rows, min(card.default_rows, 2_000))


@pytest.fixture(params=EXPECTED_FAMILIES)
def family(request) -> str:
    return request.param
