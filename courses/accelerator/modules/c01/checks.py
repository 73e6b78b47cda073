"""Code-club challenge c01, which council-tax band has the most homes: what only the grader knows (checks,
hints, typical mistakes). The situation, set-up, examples and solutions are in source/c01/c01.ipynb."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

BANDS = tuple("ABCDEFGH")

# ------------------------------------------------------------ reference answers


def homes_per_band(properties: pd.DataFrame) -> pd.Series:
    """Homes in each band that has any, in band order, labelled by the band's letter."""
    counts = properties["band"].astype(str).value_counts()
    return counts.reindex([b for b in BANDS if b in counts.index]).astype(int)


def most_common_bands(counts: pd.Series) -> set[str]:
    """The band(s) with the most homes (more than one only on a tie)."""
    return {str(b) for b in counts.index[counts == counts.max()]}


# ------------------------------------------------------------------------ helpers


def _band_of(text) -> str | None:
    """'C', 'c', ' Band C ' -> 'C'; anything else -> None."""
    if not isinstance(text, str):
        return None
    m = re.fullmatch(r"\s*(?:band\s*)?([a-h])\s*", text, flags=re.IGNORECASE)
    return m.group(1).upper() if m else None


def _as_band_counts(answer) -> pd.Series | None:
    """A learner's counts per band labelled by letters A-H (blank bands left out), or None if it is not that."""
    if not isinstance(answer, pd.Series) or answer.empty or not pd.api.types.is_numeric_dtype(answer):
        return None
    labels = [_band_of(str(x)) for x in answer.index]
    if any(b is None for b in labels) or len(set(labels)) != len(labels):
        return None
    counts = answer.set_axis(labels).astype(float)
    return counts[counts > 0]


# ------------------------------------------------------------------------ checks


def _check_q1(answer, ctx: Context) -> list[str]:
    p = ctx.table("properties")
    rows = len(p)
    if isinstance(answer, tuple) and len(answer) == 2 and answer[0] == rows:
        return [f"properties.shape gives two numbers, (rows, columns): {answer}. Take the first one, "
                "properties.shape[0], or count the rows with len(properties)."]
    return compare.number(answer, rows, what="the number of homes", rel=0, mistakes=[
        (lambda a: a == p.shape[1], "That is the number of columns (the headings), not rows: len(...) of the "
                                    "table counts its rows."),
        (lambda a: a == len(ctx.table("band_charges")),
         "That is the number of rows of band_charges (one per band): count the rows of properties, the homes."),
        (lambda a: a == rows - 1, "That is one short: len(...) counts every row, the first one too."),
        (lambda a: a == p["lsoa_code"].nunique(), "That is the number of neighbourhoods (LSOAs), not homes."),
    ])


def _check_q2(answer, ctx: Context) -> list[str]:
    p = ctx.table("properties")
    want = homes_per_band(p)
    if isinstance(answer, pd.Series) and set(map(str, answer.index)) <= {"True", "False"}:
        return ["Those are the counts of the single-person discount column (True/False): count the band "
                "column, properties['band']."]
    if isinstance(answer, pd.Series) and answer.index.astype(str).str.startswith("E01").all():
        return ["Those are counts per neighbourhood (lsoa_code): count the band column, properties['band']."]
    got = _as_band_counts(answer)
    if got is not None and np.allclose(got.sum(), 1) and len(got) == len(want):
        return ["These are shares of all homes (they add up to 1): the question asks for the number of homes "
                "in each band. Leave out normalize=True."]
    if got is not None and np.isclose(got.sum(), 100) and len(got) == len(want):
        return ["These are percentages of all homes: the question asks for the number of homes in each band."]
    answer = got if got is not None else answer
    return compare.series(answer, want.astype(float), what="the homes in each band",
                          index_meaning="bands A to H", rel=0, label_word="band")


def _check_q3(answer, ctx: Context) -> list[str]:
    counts = homes_per_band(ctx.table("properties"))
    right = most_common_bands(counts)
    own = _as_band_counts(ctx.earlier("q2"))
    if own is not None and not (own.index.equals(counts.index) and np.allclose(own.to_numpy(), counts.to_numpy())):
        right |= most_common_bands(own)  # their own counts were off: the most common band in them is right too
    if isinstance(answer, (pd.Series, pd.DataFrame)):
        return ["Give one band's letter, not a column of counts: .idxmax() gives the label with the largest count "
                "(or .index[0] of a value_counts())."]
    if isinstance(answer, (int, float, np.number)) and not isinstance(answer, bool):
        if answer == counts.max():
            return [f"{answer:,} is how many homes the most common band has: give the band's letter instead, "
                    "as text, e.g. 'C'."]
        return [f"Give the band's letter as text (e.g. 'C', with the quotes), not the number {answer}."]
    band = _band_of(answer)
    if band is None and isinstance(answer, str) and re.search(r"[.()\[\]]", answer):
        return [f"You gave the text {answer!r}: in quotes, code is only text and is never run. Take the quotes "
                "off so Python works it out (quotes are for the letter itself, e.g. 'C')."]
    if band is None:
        return [f"Give one band letter from A to H, as text (e.g. 'C', with the quotes); "
                f"you gave {compare.describe(answer)}."]
    if band in right:
        return []
    if band in {str(b) for b in counts.index[counts == counts.min()]}:
        return [f"Band {band} has the FEWEST homes: value_counts() lists the most common first, so look at the "
                "top of the list, or use .idxmax()."]
    if band == counts.index[0]:
        return [f"Band {band} comes first in band order, not in number of homes: after .sort_index() the first "
                "label is band A's. Use .idxmax(), or .index[0] of value_counts() without sorting."]
    return [f"Band {band} has {counts.get(band, 0):,} homes, but another band has more: compare the counts from "
            "question 2 again."]


MODULE = ModuleSpec(
    id="c01",
    title="Which council-tax band has the most homes?",
    dataset="council_tax",
    rows=3_000,
    tables_for_learner=("properties", "band_charges"),
    exercises=(
        ExerciseSpec(
            "q1", "How many homes does the council bill?", _check_q1,
            hints=("Each row of properties is one home, so the number of homes is the number of rows.",
                   "The example counted the rows of band_charges with len(...): do the same for properties.",
                   "answer_q1 = len(___)"),
            praise="len() counts the rows of any table you will meet.",
        ),
        ExerciseSpec(
            "q2", "How many homes in each band?", _check_q2,
            hints=("Pick the band column out of properties, then count how often each band appears in it.",
                   "properties['band'] picks the column; .value_counts() counts each value, as the discount "
                   "example did.",
                   "answer_q2 = properties[___].___()"),
            praise="value_counts() is the pivot-table count of pandas: one line for every band at once.",
        ),
        ExerciseSpec(
            "q3", "Which band is the most common?", _check_q3,
            hints=("The most common band is the one with the largest count in your answer to question 2.",
                   "The neighbourhood example used .idxmax(): it gives the label (here, the band) with the "
                   "largest count. Typing the letter you read off is fine too, in quotes.",
                   "answer_q3 = answer_q2.___()"),
            praise="Now the same two lines answer the question for any council's list.",
            builds_on=("q2",),
        ),
    ),
)
