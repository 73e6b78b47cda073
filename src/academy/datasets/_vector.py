"""Vectorised building blocks: whole columns at once, never a Python loop per row.

A million rows must take seconds, so every helper here works on arrays and
returns pandas objects whose dtypes match what the cards promise.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

#: pandas' own "str" dtype (Arrow-backed), so columns built here match columns
#: pandas builds itself and compare equal after a round trip through a file.
STR = pd.StringDtype("pyarrow", na_value=np.nan)


def ids(prefix: str, n: int, width: int, start: int = 1) -> pd.Series:
    """Sequential zero-padded identifiers such as ``CL0000042``."""
    return codes(prefix, np.arange(start, start + n, dtype=np.int64), width)


def codes(prefix: str, numbers: np.ndarray, width: int) -> pd.Series:
    """``prefix`` + zero-padded ``numbers``, built in Arrow rather than per row."""
    text = pc.utf8_lpad(pc.cast(pa.array(np.asarray(numbers, dtype=np.int64)), pa.string()), width, padding="0")
    return join(prefix, text) if prefix else _series(text)


def join(*parts: str | pd.Series | pa.Array) -> pd.Series:
    """Element-wise concatenation of text columns and literal strings."""
    big = pa.large_string()
    arrays = [pa.scalar(p, big) if isinstance(p, str) else pa.array(p).cast(big) for p in parts]
    return _series(pc.binary_join_element_wise(*arrays, pa.scalar("", big)))


def _series(arr: pa.Array) -> pd.Series:
    return pd.Series(arr.to_pandas(types_mapper={pa.string(): STR, pa.large_string(): STR}.get), dtype=STR)


def take(values: pd.Series, index: np.ndarray) -> pd.Series:
    """``values`` picked by position, e.g. a family's id repeated per member.

    Taking from the Arrow-backed array avoids a round trip through Python
    string objects, which is the slow part of repeating millions of keys.
    """
    return pd.Series(values.array.take(np.asarray(index, dtype=np.int64)))


def constant(text: str, n: int) -> pd.Series:
    return take(pd.Series([text], dtype=STR), np.zeros(n, dtype=np.int64))


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
