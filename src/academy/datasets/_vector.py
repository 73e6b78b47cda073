"""Vectorised building blocks: whole columns at once, never a Python loop per row.

A million rows must take seconds, so every helper here works on arrays and
returns pandas objects whose dtypes match what the cards promise.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd


def ids(prefix: str, n: int, width: int, start: int = 1) -> pd.Series:
    """Zero-padded identifiers such as ``CL0000042``."""
    numbers = pd.Series(np.arange(start, start + n, dtype=np.int64))
    return prefix + numbers.astype(str).str.zfill(width)


def choice(
    rng: np.random.Generator, categories: Sequence[str], size: int, p: Sequence[float] | None = None
) -> pd.Categorical:
    """Draw labels with given shares; categorical storage keeps 1M rows cheap."""
    codes = rng.choice(len(categories), size=size, p=None if p is None else _normalise(p))
    return pd.Categorical.from_codes(codes, categories=list(categories))


def choice_per_row(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One draw per row from that row's own probabilities (rows of ``probs``)."""
    cum = np.cumsum(probs / probs.sum(axis=1, keepdims=True), axis=1)
    u = rng.random(len(probs))[:, None]
    return np.minimum((u > cum).sum(axis=1), probs.shape[1] - 1)


def labels(codes: np.ndarray, categories: Sequence[str]) -> pd.Categorical:
    return pd.Categorical.from_codes(np.asarray(codes), categories=list(categories))


def days_between(rng: np.random.Generator, start: str, end: str, size: int) -> pd.DatetimeIndex:
    """Uniform calendar dates in [start, end], at midnight."""
    lo = np.datetime64(start, "D").astype(np.int64)
    hi = np.datetime64(end, "D").astype(np.int64)
    days = rng.integers(lo, hi + 1, size=size)
    return pd.DatetimeIndex(days.astype("datetime64[D]").astype("datetime64[s]"))


def seasonal_days(
    rng: np.random.Generator, start: str, end: str, size: int, monthly_weight: Sequence[float]
) -> pd.DatetimeIndex:
    """Dates whose month follows ``monthly_weight`` (Jan..Dec), e.g. a summer peak."""
    lo = np.datetime64(start, "D")
    all_days = np.arange(lo, np.datetime64(end, "D") + 1)
    months = all_days.astype("datetime64[M]").astype(int) % 12
    weight = np.asarray(monthly_weight, dtype=float)[months]
    picked = rng.choice(len(all_days), size=size, p=weight / weight.sum())
    return pd.DatetimeIndex(all_days[picked].astype("datetime64[s]"))


def clipped_normal(
    rng: np.random.Generator, mean: np.ndarray | float, sd: np.ndarray | float, lo: float, hi: float, size: int
) -> np.ndarray:
    return np.clip(rng.normal(mean, sd, size), lo, hi)


def financial_year(dates: pd.DatetimeIndex | pd.Series) -> pd.Categorical:
    """UK financial years run April to March and are written ``2024-25``."""
    d = pd.DatetimeIndex(dates)
    start = np.where(d.month >= 4, d.year, d.year - 1)
    years = np.unique(start)
    names = [f"{y}-{(y + 1) % 100:02d}" for y in years]
    return pd.Categorical.from_codes(np.searchsorted(years, start), categories=names)


def _normalise(p: Sequence[float]) -> np.ndarray:
    arr = np.asarray(p, dtype=float)
    return arr / arr.sum()
