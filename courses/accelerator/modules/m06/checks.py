"""Module 6, data sharing, privacy and ethics: a consent register, the national data opt-out and a release to NHS
partners.

The learner applies the consent register on the date of sharing (consents start, expire and are withdrawn; the
register's status column describes today; a consent applies from the day it starts and stops on the day it expires
or is withdrawn), removes the residents who had registered a national data opt-out by that day (the day itself
included), pseudonymises the rest with HMAC-SHA256 and the council's secret key, measures k-anonymity, chooses how
to generalise until every group has at least five people, and answers a release checklist on UK GDPR, the Digital
Economy Act 2017, the national data opt-out and pseudonymisation (marked on submission, so it cannot be found by
trying each answer). A Data Ethics Framework self-assessment is marked by an instructor (rubrics.md).

Later questions are judged on the learner's own earlier answers where they build on them, so one slip costs once.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from academy.datasets.multi_council import CONSENT_REFERENCE_DATE
from academy.exercises import compare
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

DAY = CONSENT_REFERENCE_DATE
NHS = "Sharing with NHS partners"
RELEASE_COLUMNS = ["pseudo_id", "birth_year", "postcode_district", "council_code", "ward_code"]
QUASI_IDENTIFIERS = ["birth_year", "postcode_district", "ward_code"]
#: q4: the columns a learner may keep beside pseudo_id, one about age and one about place. birth_band is the first
#: year of a band of the learner's chosen width; birth_decade (10 years) and birth_year (1 year) are read as bands.
AGE_COLUMNS = ("birth_band", "birth_decade", "birth_year")
MAX_BANDS = tuple(range(1, 31))
PLACE_COLUMNS = ("council_code", "postcode_district", "ward_code")
K = 5
DIRECT = {"person_id", "name", "date_of_birth", "postcode"}
HEX = 64

#: The release checklist: statement -> (true?, why). Each is taught in the module before the question.
CHECKLIST: dict[str, tuple[bool, str]] = {
    "consent_is_the_only_lawful_basis_for_sharing": (
        False, "UK GDPR Article 6 has six lawful bases (consent, contract, legal obligation, vital interests, "
               "public task, legitimate interests); councils sharing with the NHS usually rely on public task"),
    "health_data_needs_an_article_9_condition_too": (
        True, "health data is special category data: it needs an Article 9 condition as well as a lawful basis"),
    "the_digital_economy_act_lets_councils_share_for_any_purpose": (
        False, "Part 5 of the Digital Economy Act 2017 gives powers to share for public service delivery, but only "
               "for the objectives set out in regulations, under its code of practice"),
    "the_national_data_opt_out_stops_data_being_used_for_a_persons_own_care": (
        False, "the national data opt-out covers confidential patient information used for research and planning, "
               "not the person's own care"),
    "pseudonymised_data_is_still_personal_data": (
        True, "whoever holds the key can turn pseudonyms back into people, so UK GDPR still applies"),
    "an_unkeyed_hash_of_person_id_is_anonymous": (
        False, "IDs like RES0000001 are guessable: hash every possible ID and match the results"),
    "k_of_5_means_nobody_can_be_reidentified": (
        False, "k-anonymity limits matching on the columns grouped by only; "
               "other columns, or other data, can still single people out"),
    "status_withdrawn_means_no_consent_on_any_date": (
        False, "the status describes the register today; before withdrawn_on the consent was in force"),
}

# ------------------------------------------------------------ reference answers


def _d(when: pd.Timestamp) -> str:
    """A date as a person writes it: 1 April 2025."""
    return f"{when.day} {when:%B %Y}"


def in_force(consent: pd.DataFrame, on: pd.Timestamp = DAY) -> pd.DataFrame:
    """In force from the day it starts, up to but not on the day it expires or is withdrawn."""
    ok = (consent["given_on"] <= on) & (consent["expires_on"] > on) & ~(consent["withdrawn_on"] <= on)
    return consent.loc[ok, ["person_id", "purpose"]]


def opted_out(opt_outs: pd.DataFrame, on: pd.Timestamp = DAY) -> set[str]:
    """Everyone who had registered an opt-out by the day, the day itself included."""
    return set(opt_outs.loc[opt_outs["opted_out_on"] <= on, "person_id"].astype(str))


def nhs_consenters(consents: pd.DataFrame) -> set[str]:
    return set(consents.loc[consents["purpose"].astype(str) == NHS, "person_id"].astype(str))


def to_share(consents: pd.DataFrame, opt_outs: pd.DataFrame) -> set[str]:
    return nhs_consenters(consents) - opted_out(opt_outs)


def pseudonym(key: str, person_id: str) -> str:
    return hmac.new(key.encode(), str(person_id).encode(), hashlib.sha256).hexdigest()


def release(residents: pd.DataFrame, people_ids: set[str], key: str) -> pd.DataFrame:
    people = residents[residents["person_id"].astype(str).isin(people_ids)]
    return pd.DataFrame({
        "pseudo_id": people["person_id"].map(lambda i: pseudonym(key, i)),
        "birth_year": people["date_of_birth"].dt.year,
        "postcode_district": people["postcode"].str.split().str[0],
        "council_code": people["council_code"],
        "ward_code": people["ward_code"],
    }).reset_index(drop=True)


def group_sizes(table: pd.DataFrame, columns: list[str]) -> pd.Series:
    """For each person, how many people in the table share their values of ``columns`` (themselves included)."""
    return table.groupby(columns, dropna=False)[table.columns[0]].transform("size")


def _key(ctx: Context) -> str:
    """Each learner's own secret key: the pseudonyms differ per learner, as they would per release."""
    return hashlib.sha256(f"m06-key-{ctx.seed}".encode()).hexdigest()[:20]


def _givens(ctx: Context) -> dict[str, Any]:
    return {"pseudonym_key": _key(ctx)}


def _reference_ids(ctx: Context) -> set[str]:
    return to_share(in_force(ctx.table("consent_register")), ctx.table("data_opt_outs"))


def _release(ctx: Context) -> pd.DataFrame:
    return release(ctx.table("residents"), _reference_ids(ctx), _key(ctx))


# ------------------------------------------------------- the learner's own earlier answers


def _ids(answer: Any) -> set[str] | None:
    """The person IDs in an answer given as a list, set, Series, Index, array or a table with person_id."""
    if isinstance(answer, pd.DataFrame):
        return set(answer["person_id"].astype(str)) if "person_id" in answer.columns else None
    if isinstance(answer, (pd.Series, pd.Index, np.ndarray, list, tuple, set, frozenset)):
        values = list(answer)
        if all(isinstance(v, str) for v in values):
            return set(values)
    return None


def _earlier_consents(ctx: Context) -> pd.DataFrame | None:
    q1 = ctx.earlier("q1")
    if isinstance(q1, pd.DataFrame) and {"person_id", "purpose"} <= set(q1.columns) and len(q1):
        return q1
    return None


def _earlier_ids(ctx: Context) -> set[str] | None:
    ids = _ids(ctx.earlier("q6"))
    known = set(ctx.table("residents")["person_id"].astype(str))
    return ids if ids and ids <= known else None


def _earlier_release(ctx: Context) -> pd.DataFrame | None:
    q2 = ctx.earlier("q2")
    if (isinstance(q2, pd.DataFrame) and set(RELEASE_COLUMNS) <= set(q2.columns) and len(q2)
            and q2["pseudo_id"].is_unique and pd.api.types.is_numeric_dtype(q2["birth_year"])):
        return q2[RELEASE_COLUMNS].reset_index(drop=True)
    return None


def _either(judge: Callable[[Any, Any], list[str]], answer: Any, mine: Any, reference: Any) -> list[str]:
    """Right when the answer is right from the learner's own earlier answer, or from the reference."""
    if mine is None:
        return judge(answer, reference)
    try:
        problems = judge(answer, mine)
    except Exception:  # an earlier answer odd in a way we did not foresee: the reference decides
        return judge(answer, reference)
    return [] if not problems or not judge(answer, reference) else problems


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
    keys = list(zip(consent["person_id"].astype(str), consent["purpose"].astype(str)))
    extra = consent[[p in got - want for p in keys]]
    absent = consent[[p in want - got for p in keys]]
    on = f"{_d(DAY)}"
    if len(extra):
        for rule, why in (
            (extra["given_on"] > DAY, lambda r: f"it only starts on {_d(r['given_on'])}"),
            (extra["expires_on"] < DAY, lambda r: f"it expired on {_d(r['expires_on'])}"),
            (extra["withdrawn_on"] < DAY, lambda r: f"it was withdrawn on {_d(r['withdrawn_on'])}"),
            (extra["expires_on"] == DAY, lambda r: f"it expires on {on} itself, and expires_on is the first day a "
                                                   "consent no longer applies"),
            (extra["withdrawn_on"] == DAY, lambda r: f"it was withdrawn on {on} itself, and a withdrawal applies "
                                                     "from the day it is made"),
        ):
            if rule.any():
                row = extra[rule].iloc[0]
                return [f"{row['person_id']}'s consent for {row['purpose']} is not in force on {on}: {why(row)}. "
                        f"({len(extra):,} consents not in force are in your answer.)"]
        row = extra.iloc[0]
        return [f"{row['person_id']}'s consent for {row['purpose']} is not in force on {on}. "
                f"({len(extra):,} consents like this are in your answer.)"]
    if (absent["status"] == "Withdrawn").any() and (absent["withdrawn_on"] > DAY).any():
        row = absent[absent["withdrawn_on"] > DAY].iloc[0]
        return [f"{row['person_id']}'s consent for {row['purpose']} has status Withdrawn, but it was withdrawn only on "
                f"{_d(row['withdrawn_on'])}: on {on} it was still in force. Use the dates, not the status."]
    if (absent["given_on"] == DAY).all():
        row = absent.iloc[0]
        return [f"{row['person_id']}'s consent for {row['purpose']} starts on {on} itself: a consent applies from "
                f"the day it starts, so it is in force that day. ({len(absent):,} like this are missing.)"]
    row = absent.iloc[0]
    if absent["withdrawn_on"].isna().any():
        row = absent[absent["withdrawn_on"].isna()].iloc[0]
        return [f"{row['person_id']}'s consent for {row['purpose']} is in force on {on} but missing from your "
                f"answer ({len(absent):,} are missing). It was never withdrawn, so its withdrawn_on is empty: "
                "an empty date compared with a day gives False, so keep those rows another way."]
    return [f"{row['person_id']}'s consent for {row['purpose']} is in force on {on} but missing from your "
            f"answer ({len(absent):,} are missing)."]


def _judge_q6(answer: Any, consents: pd.DataFrame, ctx: Context) -> list[str]:
    got = _ids(answer)
    if got is None:
        return ["I expected the person_id of each resident to share: a list, a column (Series) or a table with a "
                f"person_id column; you gave {compare.describe(answer)}."]
    want = to_share(consents, ctx.table("data_opt_outs"))
    if got == want:
        return []
    if not got:
        return [f"Your answer lists nobody; {len(want):,} residents can be shared."]
    opt = ctx.table("data_opt_outs").assign(person_id=lambda t: t["person_id"].astype(str))
    first_opt = opt.groupby("person_id")["opted_out_on"].min()
    extra, absent = sorted(got - want), sorted(want - got)
    on = f"{_d(DAY)}"
    no_consent = [p for p in extra if p not in nhs_consenters(consents)]
    if no_consent:
        return [f"{no_consent[0]} has no consent to {NHS} in force on {on} ({len(no_consent):,} like this): start "
                "from your question 1 answer, keeping only that purpose."]
    on_day = [p for p in extra if first_opt.get(p) == DAY]
    earlier = [p for p in extra if p not in on_day]
    if earlier:
        return [f"{earlier[0]} had registered an opt-out on {_d(first_opt[earlier[0]])}, before the share "
                f"({len(extra):,} people who opted out are in your answer). Leave out everyone in data_opt_outs "
                f"who opted out by {on}."]
    if on_day:
        return [f"{on_day[0]} registered an opt-out on {on} itself, the day of sharing ({len(on_day):,} like this): "
                "an opt-out registered on the day counts, so leave them out."]
    later = [p for p in absent if p in first_opt.index and first_opt[p] > DAY]
    if later:
        return [f"{later[0]} opted out only on {_d(first_opt[later[0]])}, after the share ({len(later):,} like "
                f"this): on {on} they had not opted out, so they belong in this release. Their opt-out applies to "
                "later releases."]
    return [f"{absent[0]} has consent to {NHS} in force on {on} and no opt-out by then, but is missing from your "
            f"answer ({len(absent):,} are missing)."]


def _check_q6(answer, ctx: Context) -> list[str]:
    return _either(lambda a, consents: _judge_q6(a, consents, ctx), answer, _earlier_consents(ctx),
                   in_force(ctx.table("consent_register")))


def _norm(table: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """The rows as sorted text, whole numbers written without '.0' (1967.0 and 1967 are the same year)."""
    out = {}
    for c in columns:
        col = table[c]
        if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
            num = pd.to_numeric(col, errors="coerce")
            if (num.dropna() % 1 == 0).all():
                col = num.astype("Int64")
        out[c] = col.astype(str).to_numpy()
    return sorted(zip(*(out[c] for c in columns)))


def _pseudonym_slip(pseudo: set[str], ids: pd.Series, key: str) -> str | None:
    """Names a pseudonym made another way than HMAC-SHA256 with the key, when it is one we recognise."""
    width = max((len(p) for p in pseudo), default=0)
    sample = ids.astype(str).tolist()
    unkeyed = {h(i.encode()).hexdigest()[:width] for i in sample for h in (hashlib.sha256, hashlib.sha1, hashlib.md5)}
    if pseudo & unkeyed:
        return ("These pseudonyms are a hash of person_id without the key. Anyone can hash RES0000001, RES0000002, "
                "... and match them back to people: make an HMAC with your pseudonym_key.")
    glued = {hashlib.sha256(s.encode()).hexdigest()[:width] for i in sample for s in (key + i, i + key)}
    if pseudo & glued:
        return ("These are a plain SHA-256 hash of the key and the ID stuck together, not an HMAC. HMAC is the "
                "standard way to mix a secret key into a hash: hmac.new(key, message, hashlib.sha256).")
    swapped = {hmac.new(i.encode(), key.encode(), hashlib.sha256).hexdigest()[:width] for i in sample}
    if pseudo & swapped:
        return ("The key and the message are the wrong way round: the key goes first in hmac.new(key, message, "
                "hashlib.sha256), and the message is the person_id.")
    right = {pseudonym(key, i) for i in sample}
    if width < HEX and pseudo & {r[:width] for r in right}:
        return (f"Your pseudonyms are cut to {width} characters: keep all {HEX} hexadecimal characters that "
                ".hexdigest() gives.")
    return None


def _judge_q2(answer: Any, ids: set[str], ctx: Context) -> list[str]:
    want = release(ctx.table("residents"), ids, _key(ctx))
    leaks = sorted(DIRECT & set(answer.columns))
    if leaks:
        return [f"Your release still holds {leaks}: direct identifiers must not leave the council."]
    missing = [c for c in RELEASE_COLUMNS if c not in answer.columns]
    if missing:
        return [f"Your release has no column {', '.join(map(repr, missing))}; "
                f"it should have exactly {RELEASE_COLUMNS}."]
    extra_cols = [c for c in answer.columns if c not in RELEASE_COLUMNS]
    if extra_cols:
        return [f"Your release has columns the NHS partners did not ask for: {extra_cols}. Share no more than needed."]
    if len(answer) != len(want):
        return [f"Your release has {len(answer):,} people; {len(want):,} are in your question 6 answer "
                "(the residents to share). Start from it."]
    people = ctx.table("residents")["person_id"]
    pseudo = set(answer["pseudo_id"].astype(str))
    if pseudo & set(people.astype(str)):
        return ["Some pseudo_id values are the person_id itself: that is no pseudonym at all."]
    if _norm(answer, RELEASE_COLUMNS[1:]) != _norm(want, RELEASE_COLUMNS[1:]):
        return ["birth_year, postcode_district, council_code and ward_code do not match the people in the release: "
                "birth_year is the year of date_of_birth; "
                "postcode_district is the part of the postcode before the space."]
    if _norm(answer, RELEASE_COLUMNS) != _norm(want, RELEASE_COLUMNS):
        slip = _pseudonym_slip(pseudo, people, _key(ctx))
        return [slip or "The pseudonyms are not each person's HMAC-SHA256 of their person_id with your "
                        "pseudonym_key, written as 64 hexadecimal characters (.hexdigest())."]
    return []


def _check_q2(answer, ctx: Context) -> list[str]:
    if not isinstance(answer, pd.DataFrame):
        return [f"I expected a table (DataFrame) with the columns {RELEASE_COLUMNS}; "
                f"you gave {compare.describe(answer)}."]
    return _either(lambda a, ids: _judge_q2(a, ids, ctx), answer, _earlier_ids(ctx), _reference_ids(ctx))


def _judge_q3(answer: Any, base: pd.DataFrame) -> list[str]:
    sizes = group_sizes(base, QUASI_IDENTIFIERS)
    expected = int((sizes == 1).sum())
    value = compare.as_number(answer)
    if value is not None and value != expected:
        if value == int((sizes < K).sum()):
            return [f"That counts everyone in groups smaller than {K}; count only those alone in their group (size 1)."]
        if value == int(sizes.groupby([base[c] for c in QUASI_IDENTIFIERS], dropna=False).ngroups):
            return ["That is the number of groups, not the number of people alone in theirs."]
        if value in {int((group_sizes(base, [c]) == 1).sum()) for c in QUASI_IDENTIFIERS}:
            return ["Group by all three quasi-identifiers together (birth_year, postcode_district and ward_code): "
                    "someone is only hidden if others share *all three* with them."]
    return compare.number(answer, expected, what="the number of people alone in their group")


def _check_q3(answer, ctx: Context) -> list[str]:
    return _either(_judge_q3, answer, _earlier_release(ctx), _release(ctx))


def _width(answer: pd.DataFrame, truth: pd.DataFrame, column: str) -> int | None:
    """The band width (in years) the learner's age column uses, when every row fits one; None when none does."""
    widths = {"birth_year": (1,), "birth_decade": (10,)}.get(column, MAX_BANDS)
    band = pd.to_numeric(answer[column], errors="coerce").to_numpy()
    year = truth["birth_year"].to_numpy()
    for w in widths:
        if np.array_equal(band, year // w * w):
            return w
    return None


def _judge_q4(answer: pd.DataFrame, base: pd.DataFrame) -> list[str]:
    kept = [c for c in answer.columns if c != "pseudo_id"]
    age, place = [c for c in kept if c in AGE_COLUMNS], [c for c in kept if c in PLACE_COLUMNS]
    if len(place) > 1 or len(age) > 1:
        many = place if len(place) > 1 else age
        return [f"Your table still holds {len(many)} columns about {'place' if many is place else 'age'} "
                f"({', '.join(many)}): keep one, or the groups are as small as the finest of them."]
    if len(age) != 1 or len(place) != 1:
        return [f"Keep exactly one column about age ({' or '.join(AGE_COLUMNS[:1])}) and one about place "
                f"({', '.join(PLACE_COLUMNS)}): the NHS partners need both to plan."]
    if answer["pseudo_id"].duplicated().any():
        return ["Some people appear more than once: keep each person at most once."]
    got = set(answer["pseudo_id"].astype(str))
    base = base.assign(pseudo_id=base["pseudo_id"].astype(str))
    if got - set(base["pseudo_id"]):
        return ["Some pseudo_id values are not in your question 2 release: start from answer_q2."]
    mine = answer.assign(pseudo_id=answer["pseudo_id"].astype(str)).set_index("pseudo_id")
    truth = base.set_index("pseudo_id").loc[mine.index]
    width = _width(mine, truth, age[0])
    if width is None and _width(mine.sort_values(age[0]), truth.sort_values("birth_year"), age[0]) is not None:
        return [f"The {age[0]} values are right but belong to other people: a column was sorted or copied on its "
                "own, which scrambles the rows. Keep each person's own values."]
    if width is None:
        return [f"{age[0]} should be the first year of each person's band: with 10-year bands 1967 becomes 1960, "
                "with 5-year bands 1965 (year // width * width; not rounding to the nearest)."]
    if _norm(mine.reset_index(), ["pseudo_id", place[0]]) != _norm(truth.reset_index(), ["pseudo_id", place[0]]):
        return [f"Some people's {place[0]} is not theirs in the release: keep each person's own values "
                "(sorting or copying one column on its own scrambles the rows)."]
    sizes = answer.groupby(kept, dropna=False).size()
    if len(sizes) and sizes.min() < K:
        small = sizes[sizes < K]
        example = ", ".join(f"{c} {v}" for c, v in zip(kept, np.atleast_1d(small.index[0])))
        return [f"{len(small)} groups still have fewer than {K} people (e.g. {example}: {small.iloc[0]}). "
                f"Drop the people in those groups, or choose coarser columns."]
    full = base.assign(band=base["birth_year"] // width * width)
    expected = set(full.loc[group_sizes(full[["pseudo_id", "band", place[0]]], ["band", place[0]]) >= K,
                            "pseudo_id"])
    if got != expected:
        return [f"You kept {len(got):,} people; with the columns you chose, suppressing only the groups smaller "
                f"than {K} keeps {len(expected):,}. Work out the group sizes after generalising: every person you "
                "drop is lost to the NHS partners."]
    if 2 * len(got) < len(base):
        return [f"Your choice keeps only {len(got):,} of the {len(base):,} people: too few for the NHS partners to "
                "plan with (keep at least half). Choose wider age bands or a larger area."]
    return []


def _check_q4(answer, ctx: Context) -> list[str]:
    if not isinstance(answer, pd.DataFrame):
        return [f"I expected a table (DataFrame): pseudo_id and the columns you chose; "
                f"you gave {compare.describe(answer)}."]
    leaks = sorted(DIRECT & set(answer.columns))
    if leaks:
        return [f"Your table holds {leaks}: direct identifiers must not leave the council."]
    if "pseudo_id" not in answer.columns:
        return ["Keep pseudo_id, so the NHS partners can tell people apart (and the council can answer questions)."]
    others = [c for c in answer.columns if c != "pseudo_id" and c not in AGE_COLUMNS + PLACE_COLUMNS]
    if others:
        return [f"Keep only pseudo_id, birth_band and one place column ({', '.join(PLACE_COLUMNS)}); "
                f"yours also has {others}."]
    if len(answer) == 0:
        return [f"Your table is empty: suppress only the groups smaller than {K}, and choose columns that keep "
                "at least half of the people."]
    return _either(_judge_q4, answer, _earlier_release(ctx), _release(ctx))


def _form_q5(answer, ctx: Context) -> list[str]:
    return compare.statements_form(answer, CHECKLIST)


def _check_q5(answer, ctx: Context) -> list[str]:
    return compare.statements(answer, {k: truth for k, (truth, _) in CHECKLIST.items()})


MODULE = ModuleSpec(
    id="m06",
    title="Data sharing, privacy and ethics: a release to NHS partners",
    dataset="multi_council",
    rows=2_000,
    tables_for_learner=("residents", "consent_register", "data_opt_outs"),
    givens=_givens,
    exercises=(
        ExerciseSpec(
            "q1", "Consents in force on a date", _check_q1,
            hints=("A consent is in force on a date when it has started, has not yet expired and had not been "
                   "withdrawn by then. Make one True/False column (a mask) for each of the three, as in the worked "
                   "example, and keep the rows where all three are True (combine masks with &).",
                   "The status column says Withdrawn even for consents withdrawn *after* the date: use withdrawn_on. "
                   "An empty withdrawn_on compared with a date gives False, so ~(... <= day) or .isna() | ... keeps "
                   "the consents never withdrawn. On the boundary: a consent applies ON the day it starts, and no "
                   "longer on the day it expires or is withdrawn.",
                   "day = pd.Timestamp('2025-04-01')\n"
                   "started = consent['given_on'] <= day\n"
                   "not_expired = consent[___] ___ day\n"
                   "not_withdrawn = ~(consent[___] ___ day)\n"
                   "answer_q1 = consent[___ & ___ & ___]"),
            praise="Applying the register on the date of use, boundary days included, is what keeps a consent-based "
                   "share within what people agreed to.",
        ),
        ExerciseSpec(
            "q6", "Respect the national data opt-out", _check_q6,
            hints=("Two steps: the people whose Sharing with NHS partners consent is in your question 1 answer; then "
                   "leave out everyone in data_opt_outs who had opted out by 1 April 2025.",
                   "An opt-out registered on 1 April 2025 itself counts; one registered later does not apply to this "
                   "release. .isin(...) tells whether each value is in a list, and ~ turns it round.",
                   "nhs = answer_q1.loc[answer_q1['purpose'] == ___, 'person_id']\n"
                   "out = data_opt_outs.loc[data_opt_outs['opted_out_on'] ___ day, 'person_id']\n"
                   "answer_q6 = nhs[~nhs.isin(___)]"),
            praise="People who said no to research and planning uses are left out before anything is built.",
            builds_on=("q1",),
        ),
        ExerciseSpec(
            "q2", "Pseudonymise the release", _check_q2,
            hints=("Keep the residents whose person_id is in your question 6 answer; then build a table with the "
                   f"columns {RELEASE_COLUMNS}, as in the worked example.",
                   "pseudo_id: the try-it cell's HMAC, applied to each person_id with .map(lambda i: ...); birth_year "
                   "with .dt.year; postcode_district with .str.split().str[0].",
                   "people = residents[residents['person_id'].isin(___)]\n"
                   "answer_q2 = pd.DataFrame({\n"
                   "    'pseudo_id': people['person_id'].map(\n"
                   "        lambda i: hmac.new(___, ___, hashlib.sha256).hexdigest()),\n"
                   "    'birth_year': ___,\n"
                   "    ...\n"
                   "})"),
            praise="Names, full dates of birth and postcodes stay with the council; "
                   "the key never travels with the data.",
            builds_on=("q6",),
        ),
        ExerciseSpec(
            "q3", "Who is alone in their group?", _check_q3,
            hints=("Group the release by the quasi-identifiers (birth_year, postcode_district, ward_code): "
                   "columns someone could know about a neighbour.",
                   "The worked example gives each person the size of their group with .transform('size'); "
                   "people alone in their group have size 1.",
                   "sizes = answer_q2.groupby([___, ___, ___])['pseudo_id'].transform(___)\n"
                   "answer_q3 = (sizes == ___).sum()"),
            praise="Each of them can be found by anyone who knows their birth year, district and ward: "
                   "the release is only 1-anonymous.",
            builds_on=("q2",),
        ),
        ExerciseSpec(
            "q4", f"Generalise until k ≥ {K}: your choice", _check_q4,
            hints=("Choose first: how wide the age bands are (5, 10, 15 or 20 years...) and which place column to "
                   f"keep. Then drop the people in groups smaller than {K}. Wider bands and larger areas make bigger "
                   "groups, so fewer people are dropped but the planners see less detail.",
                   "The first year of a band: year // width * width, as in the worked example. The size of each "
                   "person's group after generalising: .groupby([...])['pseudo_id'].transform('size'), "
                   "as in question 3.",
                   "width = ___\n"
                   "safe = pd.DataFrame({'pseudo_id': answer_q2['pseudo_id'],\n"
                   "                     'birth_band': answer_q2['birth_year'] // ___ * ___,\n"
                   "                     ___: answer_q2[___]})\n"
                   "sizes = safe.groupby([___, ___])['pseudo_id'].transform('size')\n"
                   "answer_q4 = safe[sizes >= ___]"),
            praise="Every row now hides among at least four others on the columns you kept, and you know what "
                   "your choice cost.",
            builds_on=("q2",),
        ),
        ExerciseSpec(
            "q5", "The release checklist", _check_q5,
            hints=("Go back to 'What makes sharing lawful' at the top of the notebook: how many lawful bases are "
                   "there, what else does health data need, and what is the national data opt-out for?",
                   "Pseudonymised is not anonymous: ask who could re-identify the data, and with what. k-anonymity "
                   "only protects the columns you grouped by.",
                   "answer_q5 = {'consent_is_the_only_lawful_basis_for_sharing': ___,\n"
                   "             'health_data_needs_an_article_9_condition_too': ___,\n"
                   "             ...}  # True or False for each of the eight; marked when you submit"),
            praise="These are the questions an information governance board will ask before anything is shared.",
            form=_form_q5,
        ),
    ),
)
