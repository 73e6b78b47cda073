"""The shapes every dataset family shares: a card, a generated dataset, a registry.

Each family declares its schema on a :class:`Card` *before* generating anything,
so the card is a promise the tests can hold the generated tables to, and so an
instructor can read what a dataset holds without generating it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from ..errors import AcademyError

#: Column kinds a card may name, each checked against the generated dtype.
KINDS = ("int", "float", "bool", "str", "category", "date", "datetime")

#: Licences the synthetic publications carry, as councils publish them.
OGL = "Open Government Licence v3.0"
CC_BY = "CC BY 4.0"
DSA = "Data-sharing agreement (no onward publication)"

#: Upper bound on rows for one table: well past what a course needs, and a
#: guard against a typo asking for more memory than the machine has.
MAX_ROWS = 20_000_000


class DatasetError(AcademyError, ValueError):
    """A request a learner or instructor can fix (bad size, seed, name)."""


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    meaning: str
    nullable: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"column {self.name!r}: unknown kind {self.kind!r}")


@dataclass(frozen=True)
class TableSpec:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    #: (column, other_table, other_column): a key learners can join on.
    joins: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Card:
    """What a dataset is, in words an instructor can hand to learners."""

    name: str
    title: str
    description: str
    licence: str
    primary_table: str
    rows_meaning: str
    tables: tuple[TableSpec, ...]
    truths: tuple[str, ...]
    default_rows: int
    min_rows: int = 1
    params: Mapping[str, Any] = field(default_factory=dict)

    def table(self, name: str) -> TableSpec:
        for spec in self.tables:
            if spec.name == name:
                return spec
        raise KeyError(name)

    def with_params(self, **params: Any) -> Card:
        return Card(**{**self.__dict__, "params": dict(params)})

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "licence": self.licence,
            "primary_table": self.primary_table,
            "rows_meaning": self.rows_meaning,
            "generation_parameters": dict(self.params),
            "planted_truths": list(self.truths),
            "tables": [
                {
                    "name": t.name,
                    "description": t.description,
                    "key": list(t.key),
                    "joins": [
                        {"column": c, "table": ot, "other_column": oc} for c, ot, oc in t.joins
                    ],
                    "columns": [
                        {"name": c.name, "type": c.kind, "meaning": c.meaning, "nullable": c.nullable}
                        for c in t.columns
                    ],
                }
                for t in self.tables
            ],
        }

    def to_markdown(self) -> str:
        lines = [f"# {self.title} (`{self.name}`)", "", self.description, ""]
        lines += [f"**Licence:** {self.licence}", ""]
        lines += [f"**Rows:** `--rows` sets {self.rows_meaning}.", ""]
        if self.params:
            lines += ["**Generated with:** " + ", ".join(f"{k}={v}" for k, v in self.params.items()), ""]
        for t in self.tables:
            lines += [f"## Table `{t.name}`", "", t.description, ""]
            if t.key:
                lines += [f"Key: {', '.join(t.key)}", ""]
            for c, ot, oc in t.joins:
                lines += [f"Joins: `{c}` → `{ot}.{oc}`"]
            if t.joins:
                lines.append("")
            lines += ["| column | type | meaning |", "|---|---|---|"]
            lines += [f"| {c.name} | {c.kind}{'?' if c.nullable else ''} | {c.meaning} |" for c in t.columns]
            lines.append("")
        lines += ["## Planted truths", ""] + [f"- {t}" for t in self.truths] + [""]
        return "\n".join(lines)


@dataclass
class Dataset:
    """Tables learners work on, the truth graders check against, and the card."""

    tables: dict[str, pd.DataFrame]
    truth: dict[str, Any]
    card: Card
    #: Builds the files exactly as councils would publish them (name -> bytes),
    #: for families whose point is the mess of the published form. Built on
    #: first use: rendering Excel is slow and most callers only want tables.
    build_raw_files: Callable[[], dict[str, bytes]] | None = None

    @cached_property
    def raw_files(self) -> dict[str, bytes]:
        return self.build_raw_files() if self.build_raw_files else {}

    def __getitem__(self, table: str) -> pd.DataFrame:
        return self.tables[table]

    def __repr__(self) -> str:
        shapes = ", ".join(f"{k}={len(v):,} rows" for k, v in self.tables.items())
        return f"<Dataset {self.card.name}: {shapes}>"


# --------------------------------------------------------------------------- seeds

Seed = int | str


def seed_to_int(seed: Seed) -> int:
    """Accept a number or any text (e.g. a learner's user name) as a seed.

    Text is hashed so that a learner's variant is stable across machines and
    Python versions (``hash()`` is salted per process, so it would not be).
    """
    if isinstance(seed, bool):
        raise DatasetError("seed must be a whole number or text, not true/false")
    if isinstance(seed, (int, np.integer)):
        if seed < 0:
            raise DatasetError(f"seed must be 0 or more, got {seed}")
        return int(seed)
    if isinstance(seed, str):
        text = seed.strip()
        if text.isdigit():
            return int(text)
        if not text:
            raise DatasetError("seed must not be empty")
        return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")
    raise DatasetError(f"seed must be a whole number or text, got {type(seed).__name__}")


def rng_for(seed: Seed, *stream: str) -> np.random.Generator:
    """An independent random stream per (seed, purpose).

    Naming streams keeps tables stable when another part of a family changes:
    adding a column to one table does not shift the random numbers of another.
    """
    key = [int.from_bytes(hashlib.sha256(s.encode()).digest()[:4], "big") for s in stream]
    return np.random.default_rng(np.random.SeedSequence(seed_to_int(seed), spawn_key=key))


def check_rows(card: Card, n: Any) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise DatasetError(f"rows must be a whole number, got {n!r}")
    n = int(n)
    if n < card.min_rows:
        raise DatasetError(
            f"{card.name} needs at least {card.min_rows:,} rows ({card.rows_meaning}), got {n:,}"
        )
    if n > MAX_ROWS:
        raise DatasetError(f"{n:,} rows is more than the {MAX_ROWS:,} this tool makes at once")
    return n


# ------------------------------------------------------------------------ registry


@dataclass(frozen=True)
class Family:
    name: str
    make: Callable[..., Dataset]
    card: Card


REGISTRY: dict[str, Family] = {}


def register(card: Card) -> Callable[[Callable[..., Dataset]], Callable[..., Dataset]]:
    def decorate(make: Callable[..., Dataset]) -> Callable[..., Dataset]:
        if card.name in REGISTRY:
            raise RuntimeError(f"dataset family {card.name!r} registered twice")
        REGISTRY[card.name] = Family(card.name, make, card)
        make.card = card  # type: ignore[attr-defined]
        return make

    return decorate
