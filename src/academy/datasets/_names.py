"""Invented names for places and people.

Places and surnames are built from made-up stems so no row can be mistaken for
a real person's record; postcodes use the area letters ``QM``/``QS``, which no
real UK postcode starts with (Q is never a first letter).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _vector as v

PLACE_STEMS = (
    "Ash", "Birch", "Bram", "Cold", "Crane", "Dun", "Elder", "Fern", "Gorse", "Hazel",
    "Holm", "Kes", "Lark", "Lin", "Marl", "Mill", "Moss", "Oak", "Pen", "Quarry",
    "Rook", "Rush", "Sedge", "Stan", "Thorn", "Wil", "Wren", "Yew", "Alder", "Brook",
)
PLACE_ENDS = (
    "ley", "ton", "field", "bury", "worth", "ford", "moor", "dale", "wick", "shaw",
    "hurst", "bank", "thwaite", "clough", "side", "well",
)
WARD_PREFIXES = ("", "", "", "North ", "South ", "East ", "West ", "Upper ", "Lower ", "Central ")

FIRST_NAMES = (
    "Aisha", "Alex", "Amir", "Bea", "Callum", "Chloe", "Dev", "Ella", "Femi", "Grace",
    "Harry", "Imran", "Isla", "Jack", "Jas", "Kai", "Lena", "Liam", "Maya", "Mo",
    "Nia", "Noah", "Olu", "Priya", "Rhys", "Rosa", "Sam", "Sana", "Tom", "Zara",
)
SURNAME_STEMS = ("Quill", "Marrow", "Tansy", "Bramble", "Pebble", "Thistle", "Corrin", "Fallow", "Nettle", "Spindle")
SURNAME_ENDS = ("by", "field", "worth", "cott", "wick", "ridge", "stone", "holt")


def place_names(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` distinct invented ward names."""
    pool = [p + s + e for p in WARD_PREFIXES[3:] for s in PLACE_STEMS for e in PLACE_ENDS]
    pool = [s + e for s in PLACE_STEMS for e in PLACE_ENDS] + pool
    if n > len(pool):
        raise ValueError(f"only {len(pool)} distinct place names available, asked for {n}")
    # Plain names first, compass prefixes only once plain names run out.
    plain = len(PLACE_STEMS) * len(PLACE_ENDS)
    order = np.concatenate([rng.permutation(plain), plain + rng.permutation(len(pool) - plain)])
    return [pool[i] for i in order[:n]]


def person_names(rng: np.random.Generator, n: int) -> pd.Series:
    def pick(words: tuple[str, ...]) -> pd.Series:
        return v.take(pd.Series(words, dtype=v.STR), rng.integers(0, len(words), n))

    return v.join(pick(FIRST_NAMES), " ", pick(SURNAME_STEMS), pick(SURNAME_ENDS))


def postcodes(rng: np.random.Generator, district: np.ndarray, n: int) -> pd.Series:
    """Postcodes ``QM<district> <sector><unit>``: district, sector and unit can be
    generalised step by step, as a k-anonymity exercise needs."""
    letters = pd.Series(list("ABDEFGHJLNPQRSTUWXYZ"), dtype=v.STR)
    area = v.take(pd.Series(["QM", "QS"], dtype=v.STR), district % 2)
    return v.join(
        area, v.codes("", district % 40 + 1, 1), " ", v.codes("", rng.integers(1, 10, n), 1),
        v.take(letters, rng.integers(0, len(letters), n)), v.take(letters, rng.integers(0, len(letters), n)),
    )
