"""Module 6, data sharing, privacy and ethics: a consent register and a release to NHS partners.

The learner applies the consent register on a date (consents start, expire
and are withdrawn, and the register's status column describes today, not the
date asked about), pseudonymises the people who agreed to sharing with a
keyed hash, measures k-anonymity, generalises until every group has at least
five people, and answers a release checklist. Each check knows the learner's
own register, so the answers differ from a neighbour's.
"""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np
import pandas as pd

from academy.datasets.multi_council import CONSENT_REFERENCE_DATE
from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

NHS = "Sharing with NHS partners"
RELEASE_COLUMNS = ["pseudo_id", "birth_year", "postcode_district", "council_code", "ward_code"]
QUASI_IDENTIFIERS = ["birth_year", "postcode_district", "ward_code"]
SAFE_COLUMNS = ["pseudo_id", "birth_decade", "council_code"]
K = 5
IDENTIFYING = {"person_id", "name", "date_of_birth", "postcode", "birth_year", "postcode_district", "ward_code"}

#: The release checklist: statement -> (true?, why), after the UK Data Ethics Framework and UK GDPR.
CHECKLIST: dict[str, tuple[bool, str]] = {
    "pseudonymised_data_is_still_personal_data": (
        True, "whoever holds the key can turn pseudonyms back into people, so UK GDPR still applies"),
    "an_unkeyed_hash_of_person_id_is_anonymous": (
        False, "IDs like RES0000001 are guessable: hash every possible ID and match the results"),
    "k_of_5_means_nobody_can_be_reidentified": (
        False, "k-anonymity limits matching on the listed columns only; "
               "other columns, or other data, can still single people out"),
    "status_withdrawn_means_no_consent_on_any_date": (
        False, "the status describes the register today; before withdrawn_on the consent was in force"),
    "ogl_and_cc_by_sources_may_be_published_together_with_attribution": (
        True, "both licences allow onward publication as long as each source is credited"),
    "a_data_sharing_agreement_source_may_go_on_the_open_data_portal": (
        False, "the agreement forbids onward publication, whatever else is combined with it"),
}

# ------------------------------------------------------------ reference answers


def in_force(consent: pd.DataFrame, on: pd.Timestamp = CONSENT_REFERENCE_DATE) -> pd.DataFrame:
    """Started on or before the date, not yet expired, and not withdrawn on or before it."""
    ok = (consent["given_on"] <= on) & (consent["expires_on"] > on) & ~(consent["withdrawn_on"] <= on)
    return consent.loc[ok, ["person_id", "purpose"]]


def pseudonym(key: str, ids: pd.Series) -> pd.Series:
    return ids.map(lambda i: hashlib.sha256((key + i).encode()).hexdigest()[:16])


def release(residents: pd.DataFrame, consent: pd.DataFrame, key: str) -> pd.DataFrame:
    agreed = in_force(consent)
    people = residents[residents["person_id"].isin(agreed.loc[agreed["purpose"] == NHS, "person_id"])]
    return pd.DataFrame({
        "pseudo_id": pseudonym(key, people["person_id"]),
        "birth_year": people["date_of_birth"].dt.year,
        "postcode_district": people["postcode"].str.split().str[0],
        "council_code": people["council_code"],
        "ward_code": people["ward_code"],
    }).reset_index(drop=True)


def group_sizes(table: pd.DataFrame, columns: list[str]) -> pd.Series:
    """For each person, how many people in the table share their values of ``columns`` (themselves included)."""
    return table.groupby(columns)[table.columns[0]].transform("size")


def generalised(table: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({"pseudo_id": table["pseudo_id"], "birth_decade": table["birth_year"] // 10 * 10,
                        "council_code": table["council_code"]})
    return out[group_sizes(out, ["birth_decade", "council_code"]) >= K].reset_index(drop=True)


def _key(ctx: Context) -> str:
    """Each learner's own secret key: the pseudonyms differ per learner, as they would per release."""
    return hashlib.sha256(f"m06-key-{ctx.seed}".encode()).hexdigest()[:20]


def _givens(ctx: Context) -> dict[str, Any]:
    return {"pseudonym_key": _key(ctx)}


def _release(ctx: Context) -> pd.DataFrame:
    return release(ctx.table("residents"), ctx.table("consent_register"), _key(ctx))


# ------------------------------------------------------------------------ checks


def _pairs(table: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(table["person_id"].astype(str), table["purpose"].astype(str)))


def _check_q1(answer, ctx: Context) -> list[str]:
    consent = ctx.table("consent_register")
    if not isinstance(answer, pd.DataFrame):
        return [f"I expected a table of consents (rows of the register); you gave {compare.describe(answer)}."]
    missing = [c for c in ("person_id", "purpose") if c not in answer.columns]
    if missing:
        return [f"Keep the register's columns; yours has no {', '.join(map(repr, missing))}."]
    got, want = _pairs(answer), _pairs(in_force(consent))
    if got == want and len(answer) == len(want):
        return []
    if len(answer) != len(got):
        return ["Some consents appear more than once: keep each row of the register at most once."]
    extra = consent[[p in got - want for p in zip(consent["person_id"].astype(str), consent["purpose"].astype(str))]]
    on = CONSENT_REFERENCE_DATE
    if len(extra):
        row = extra.iloc[0]
        if row["given_on"] > on:
            why = f"it only starts on {row['given_on']:%d %B %Y}"
        elif row["expires_on"] <= on:
            why = f"it expired on {row['expires_on']:%d %B %Y}"
        else:
            why = f"it was withdrawn on {row['withdrawn_on']:%d %B %Y}"
        return [f"{row['person_id']}'s consent for {row['purpose']} is not in force on {on:%d %B %Y}: {why}. "
                f"({len(extra):,} consents like this are in your answer.)"]
    absent = consent[[p in want - got for p in zip(consent["person_id"].astype(str), consent["purpose"].astype(str))]]
    row = absent.iloc[0]
    if row["status"] == "Withdrawn":
        return [f"{row['person_id']}'s consent for {row['purpose']} has status Withdrawn, but it was withdrawn only on "
                f"{row['withdrawn_on']:%d %B %Y}: on {on:%d %B %Y} it was still in force. "
                "Use the dates, not the status."]
    return [f"{row['person_id']}'s consent for {row['purpose']} is in force on {on:%d %B %Y} but missing from your "
            f"answer ({len(absent):,} are missing). Does 'not yet expired' include a consent expiring later that day?"]


def _rows(table: pd.DataFrame, columns: list[str]) -> list[tuple]:
    return sorted(map(tuple, table[columns].astype(str).to_numpy().tolist()))


def _check_q2(answer, ctx: Context) -> list[str]:
    want = _release(ctx)
    if not isinstance(answer, pd.DataFrame):
        return [f"I expected a table (DataFrame) with the columns {RELEASE_COLUMNS}; "
                f"you gave {compare.describe(answer)}."]
    leaks = sorted(IDENTIFYING & set(answer.columns) - set(RELEASE_COLUMNS))
    if leaks:
        return [f"Your release still holds {leaks}: direct identifiers must not leave the council."]
    missing = [c for c in RELEASE_COLUMNS if c not in answer.columns]
    if missing:
        return [f"Your release has no column {', '.join(map(repr, missing))}; "
                f"it should have exactly {RELEASE_COLUMNS}."]
    if len(answer) != len(want):
        return [f"Your release has {len(answer):,} people; {len(want):,} have consent to sharing with NHS partners "
                f"in force on {CONSENT_REFERENCE_DATE:%d %B %Y}. Start from your question 1 answer."]
    ids = ctx.table("residents")["person_id"]
    pseudo = set(answer["pseudo_id"].astype(str))
    if pseudo & set(ids):
        return ["Some pseudo_id values are the person_id itself: that is no pseudonym at all."]
    width = max((len(p) for p in pseudo), default=0)
    unkeyed = {h(i.encode()).hexdigest()[:width] for i in ids for h in (hashlib.sha256, hashlib.sha1, hashlib.md5)}
    if pseudo & unkeyed:
        return ["These pseudonyms are a hash of person_id without the key. Anyone can hash RES0000001, RES0000002, "
                "... and match them back to people: put the key in front of each ID before hashing."]
    if _rows(answer, RELEASE_COLUMNS[1:]) != _rows(want, RELEASE_COLUMNS[1:]):
        return ["birth_year, postcode_district, council_code and ward_code do not match the people in the release: "
                "birth_year is the year of date_of_birth; "
                "postcode_district is the part of the postcode before the space."]
    if _rows(answer, RELEASE_COLUMNS) != _rows(want, RELEASE_COLUMNS):
        return ["The pseudonyms differ from the recipe: hashlib.sha256((pseudonym_key + person_id).encode())"
                ".hexdigest()[:16] for each person."]
    return []


def _check_q3(answer, ctx: Context) -> list[str]:
    sizes = group_sizes(_release(ctx), QUASI_IDENTIFIERS)
    expected = int((sizes == 1).sum())
    value = compare.as_number(answer)
    if value is not None and value != expected:
        if value == int((sizes < K).sum()):
            return [f"That counts everyone in groups smaller than {K}; count only those alone in their group (size 1)."]
        if value in {int((group_sizes(_release(ctx), [c]) == 1).sum()) for c in QUASI_IDENTIFIERS}:
            return ["Group by all three quasi-identifiers together (birth_year, postcode_district and ward_code): "
                    "someone is only hidden if others share *all three* with them."]
    return compare.number(answer, expected, what="the number of people alone in their group")


def _check_q4(answer, ctx: Context) -> list[str]:
    want = generalised(_release(ctx))
    if not isinstance(answer, pd.DataFrame):
        return [f"I expected a table (DataFrame) with the columns {SAFE_COLUMNS}; you gave {compare.describe(answer)}."]
    leaks = sorted(IDENTIFYING & set(answer.columns))
    if leaks:
        return [f"Your table still holds {leaks}: replace them by birth_decade and council_code."]
    if sorted(answer.columns) != sorted(SAFE_COLUMNS):
        return [f"The table should have exactly the columns {SAFE_COLUMNS}; yours has {list(answer.columns)}."]
    if len(answer) == 0:
        return ["Your table is empty: suppress only the groups smaller than 5."]
    sizes = answer.groupby(["birth_decade", "council_code"]).size()
    if sizes.min() < K:
        small = sizes[sizes < K]
        return [f"{len(small)} groups still have fewer than {K} people (e.g. born in the {small.index[0][0]}s in "
                f"{small.index[0][1]}: {small.iloc[0]}). Drop the rows of those groups."]
    decade = pd.to_numeric(answer["birth_decade"], errors="coerce")
    if decade.isna().any() or (decade % 10 != 0).any():
        return ["birth_decade should be the decade as a number: 1967 becomes 1960 (birth_year // 10 * 10)."]
    got, expected = set(answer["pseudo_id"].astype(str)), set(want["pseudo_id"])
    if got - set(_release(ctx)["pseudo_id"]):
        return ["Some pseudo_id values are not in your question 2 release: start from answer_q2."]
    if got != expected:
        return [f"You kept {len(got):,} people; suppressing only the groups smaller than {K} keeps {len(expected):,}. "
                "Every person you drop is information lost for the NHS partners."]
    return []


def _check_q5(answer, ctx: Context) -> list[str]:
    if not isinstance(answer, dict):
        return [f"I expected a dictionary of True/False answers; you gave {compare.describe(answer)}."]
    missing = [k for k in CHECKLIST if k not in answer]
    if missing:
        return [f"Answer every statement; missing: {missing[:2]}" + (" and more." if len(missing) > 2 else ".")]
    not_bool = [k for k in CHECKLIST if not isinstance(answer[k], (bool, np.bool_))]
    if not_bool:
        return [f"Answer with True or False; {not_bool[0]!r} is {compare.describe(answer[not_bool[0]])}."]
    wrong = [k for k, (truth, _) in CHECKLIST.items() if bool(answer[k]) != truth]
    if wrong:
        return [f"Think again about {wrong[0]!r}" + (f" (and {len(wrong) - 1} more)." if len(wrong) > 1 else ".")]
    return []


MODULE = ModuleSpec(
    id="m06",
    title="Data sharing, privacy and ethics: a release to NHS partners",
    dataset="multi_council",
    rows=2_000,
    tables_for_learner=("residents", "consent_register", "licences"),
    givens=_givens,
    exercises=(
        ExerciseSpec(
            "q1", "Consents in force on a date", _check_q1,
            hints=("A consent is in force on a date when it has started (given_on on or before it), has not expired "
                   "(expires_on after it) and had not been withdrawn by then.",
                   "The status column says Withdrawn even for consents withdrawn *after* the date: use withdrawn_on. "
                   "A comparison with an empty withdrawn_on is False, so ~(consent['withdrawn_on'] <= day) keeps them.",
                   "day = pd.Timestamp('2025-04-01')\n"
                   "answer_q1 = consent[(consent['given_on'] <= day) & (consent['expires_on'] > day) "
                   "& ~(consent['withdrawn_on'] <= day)]"),
            praise="Applying the register on the date of use is what makes a consent-based share lawful.",
        ),
        ExerciseSpec(
            "q2", "Pseudonymise the release", _check_q2,
            hints=("Keep the residents whose 'Sharing with NHS partners' consent is in your question 1 answer; "
                   f"then build a table with the columns {RELEASE_COLUMNS}.",
                   "pseudo_id: hashlib.sha256((pseudonym_key + person_id).encode()).hexdigest()[:16] for each person "
                   "(people['person_id'].map(lambda i: ...)); birth_year: people['date_of_birth'].dt.year; "
                   "postcode_district: people['postcode'].str.split().str[0].",
                   "agreed = answer_q1.loc[answer_q1['purpose'] == 'Sharing with NHS partners', 'person_id']\n"
                   "people = residents[residents['person_id'].isin(agreed)]"),
            praise="Names, full dates of birth and postcodes stay with the council; "
                   "the key never travels with the data.",
        ),
        ExerciseSpec(
            "q3", "Who is alone in their group?", _check_q3,
            hints=("Group the release by the quasi-identifiers (birth_year, postcode_district, ward_code): "
                   "columns someone could know about a neighbour.",
                   "The size of each person's group: .groupby([...])['pseudo_id'].transform('size'); "
                   "people alone in their group have size 1.",
                   "sizes = answer_q2.groupby(['birth_year', 'postcode_district', 'ward_code'])['pseudo_id']"
                   ".transform('size')\nanswer_q3 = (sizes == 1).sum()"),
            praise="Each of them can be found by anyone who knows their birth year, district and ward: "
                   "the release is only 1-anonymous.",
        ),
        ExerciseSpec(
            "q4", f"Generalise until k ≥ {K}", _check_q4,
            hints=("Coarsen, then suppress: decade of birth instead of year, council instead of ward and district; "
                   f"then drop the people in groups still smaller than {K}.",
                   "birth_decade = answer_q2['birth_year'] // 10 * 10; the size of each person's group: "
                   ".groupby([...])['pseudo_id'].transform('size').",
                   "safe = pd.DataFrame({'pseudo_id': ..., 'birth_decade': ..., 'council_code': ...})\n"
                   "sizes = safe.groupby(['birth_decade', 'council_code'])['pseudo_id'].transform('size')\n"
                   "answer_q4 = safe[sizes >= 5]"),
            praise="Every row now hides among at least four others on these columns, and most people are still in.",
        ),
        ExerciseSpec(
            "q5", "The release checklist", _check_q5,
            hints=("Pseudonymised is not anonymous: ask who could re-identify the data, and with what.",
                   "k-anonymity only protects the columns you grouped by; a licence's limits travel with the data "
                   "into anything combined with it.",
                   "Six True/False answers, one per statement in the question."),
            praise="These are the questions an information governance board will ask before anything is shared.",
        ),
    ),
)
