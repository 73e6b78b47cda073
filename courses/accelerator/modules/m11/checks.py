"""Module 11, collecting and sharing well: a housing-repairs form's extract, an information-sharing agreement and a
personal data store.

The learner reads dates of birth typed in three formats, writes the form's validation rules as a function (judged
on data they never saw), counts what fails each rule, builds one partner's minimised extract from the agreement's
schedule, answers the agreement checklist (marked on submission, so it cannot be found by trying each answer), works
out from the data store who may be shared with today for one organisation and purpose, what revocations since the
last share remove, and applies the national data opt-out to the planning share (not to individual care). A note on
what the form should check at source is marked by an instructor (rubrics.md).

Later questions are judged on the learner's own earlier answers where they build on them, so one slip costs once.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from academy.datasets.data_sharing import (
    AGE_RANGE,
    BEDROOM_RANGE,
    DOB_FORMATS,
    ICB,
    LAST_SHARE,
    OAKFIELD,
    RULES,
    SCHEDULE,
    TODAY,
)
from academy.exercises import compare
from academy.exercises.capture import Replayed, Unrecorded
from academy.exercises.core import Context, ExerciseSpec, ModuleSpec

CARE, PLANNING = "Individual care", "Population health planning"
SPECIAL = {"health_condition": "health", "ethnicity": "ethnic origin"}

#: The agreement checklist: statement -> (true?, why). Each is taught in the module before the question.
CHECKLIST: dict[str, tuple[bool, str]] = {
    "public_task_can_be_the_article_6_basis_for_sharing_with_the_icb": (
        True, "the council shares to carry out its own functions (care and discharge duties): public task"),
    "health_condition_needs_an_article_9_condition_as_well": (
        True, "health data is special category data: a lawful basis from Article 6 is not enough on its own"),
    "the_agreement_is_itself_a_lawful_basis": (
        False, "an information-sharing agreement records the basis, purpose and rules; the basis comes from "
               "Article 6 (and Article 9)"),
    "the_housing_association_may_have_every_column_in_case_it_helps": (
        False, "data minimisation: only the columns necessary for its purpose"),
    "data_shared_for_housing_support_may_be_reused_to_chase_rent_arrears": (
        False, "purpose limitation: the partner may use the data only for the purpose agreed"),
    "the_agreement_says_how_long_each_partner_keeps_the_data": (
        True, "storage limitation: each partner's retention is in the agreement, and it deletes the data after"),
    "the_national_data_opt_out_applies_to_sharing_for_individual_care": (
        False, "the national data opt-out covers uses beyond individual care (research and planning)"),
    "revoking_a_grant_stops_future_shares_but_does_not_make_earlier_ones_unlawful": (
        True, "withdrawing consent applies from then on (UK GDPR Article 7(3)): what was shared before stays lawful, "
              "but nothing more is shared for that purpose"),
}

# ------------------------------------------------------------ reference answers


def _d(when: pd.Timestamp) -> str:
    return f"{when.day} {when:%B %Y}"


def read_dob(typed: pd.Series) -> pd.Series:
    """Dates of birth typed in any of the three formats the form accepts; NaT when none reads them."""
    out = pd.to_datetime(typed, format=DOB_FORMATS[0], errors="coerce")
    for fmt in DOB_FORMATS[1:]:
        out = out.fillna(pd.to_datetime(typed, format=fmt, errors="coerce"))
    return out


def check_form(forms: pd.DataFrame) -> pd.DataFrame:
    """One row per submission, one True/False column per rule: True where the submission breaks the rule."""
    dob = read_dob(forms["date_of_birth"])
    day = forms["submitted_at"].dt.normalize()
    return pd.DataFrame({
        "dob_unreadable": dob.isna(),
        "dob_in_future": dob > day,
        "age_impossible": ~forms["age"].between(*AGE_RANGE),
        "bedrooms_impossible": ~forms["bedrooms"].between(*BEDROOM_RANGE),
        "resubmitted": forms.assign(day=day).duplicated(["tenant_ref", "repair_type", "day"], keep="first"),
    })


def extract(cases: pd.DataFrame, partner: str = OAKFIELD) -> pd.DataFrame:
    return cases.loc[cases["landlord"] == partner, list(SCHEDULE[partner])].reset_index(drop=True)


def in_force(grants: pd.DataFrame, organisation: str, purpose: str, day: pd.Timestamp = TODAY) -> set[str]:
    ok = ((grants["organisation"] == organisation) & (grants["purpose"] == purpose) & (grants["granted_on"] <= day)
          & ~(grants["revoked_on"] <= day))
    return set(grants.loc[ok, "resident_id"].astype(str))


def opted_out(opt_outs: pd.DataFrame, day: pd.Timestamp = TODAY) -> set[str]:
    return set(opt_outs.loc[opt_outs["opted_out_on"] <= day, "resident_id"].astype(str))


# ------------------------------------------------------------------------ helpers


def _ids(answer: Any) -> list[str] | None:
    """The resident IDs in a list, set, Series, Index, array or a table with resident_id; None if it is none."""
    if isinstance(answer, pd.DataFrame):
        return list(answer["resident_id"].astype(str)) if "resident_id" in answer.columns else None
    if isinstance(answer, (pd.Series, pd.Index, np.ndarray, pd.api.extensions.ExtensionArray, list, tuple, set,
                           frozenset)):
        values = list(answer)
        if all(isinstance(x, str) for x in values):
            return values
    return None


def _not_ids(answer: Any, what: str) -> list[str]:
    if isinstance(answer, (Unrecorded, set, frozenset, pd.api.extensions.ExtensionArray)):
        kind = "a set" if isinstance(answer, (set, frozenset)) else "an array from .unique()" if isinstance(
            answer, pd.api.extensions.ExtensionArray) else repr(answer)
        return [f"Your answer is {kind}, which the grader cannot keep: give {what} as a list (sorted(...) or "
                "list(...) turns a set or the result of .unique() into one) or as a column (.drop_duplicates())."]
    return [f"I expected {what}: a list, a column (Series) or a table with a resident_id column; you gave "
            f"{compare.describe(answer)}."]


def _either(judge: Callable[[Any, Any], list[str]], answer: Any, mine: Any, reference: Any) -> list[str]:
    """Right when the answer is right from the learner's own earlier answer, or from the reference."""
    if mine is None:
        return judge(answer, reference)
    try:
        problems = judge(answer, mine)
    except Exception:  # an earlier answer odd in a way we did not foresee: the reference decides
        return judge(answer, reference)
    return [] if not problems or not judge(answer, reference) else problems


def _grant_rows(grants: pd.DataFrame, rid: str, organisation: str, purpose: str) -> pd.DataFrame:
    return grants[(grants["resident_id"].astype(str) == rid) & (grants["organisation"] == organisation)
                  & (grants["purpose"] == purpose)]


def _why_not(grants: pd.DataFrame, rid: str, organisation: str, purpose: str, day: pd.Timestamp) -> str:
    """Why a resident's grant is not in force on ``day``, in words."""
    rows = _grant_rows(grants, rid, organisation, purpose)
    if rows.empty:
        return f"{rid} never granted {organisation} access for {purpose}"
    if (rows["revoked_on"] == day).any():
        return (f"{rid} revoked their grant on {_d(day)} itself, and a revocation applies from the day it is made "
                "(revoked_on is the first day it no longer applies)")
    if (rows["granted_on"] > day).all():
        return f"{rid}'s grant only starts on {_d(rows['granted_on'].min())}"
    last = rows["revoked_on"].max()
    return f"{rid} revoked their grant on {_d(last)}, before {_d(day)}"


def _judge_share(answer: Any, want: set[str], ctx: Context, organisation: str, purpose: str, what: str,
                 opt_out_applies: bool) -> list[str]:
    """A list of residents to share with ``organisation`` for ``purpose`` today, judged against ``want``."""
    got_list = _ids(answer)
    if got_list is None or isinstance(answer, (set, frozenset, pd.api.extensions.ExtensionArray)):
        return _not_ids(answer, "the resident_id of each resident to share")
    got = set(got_list)
    if len(got_list) != len(got):
        return ["Some residents appear more than once: a resident who granted, revoked and granted again has two rows. "
                "List each resident once (.unique() or .drop_duplicates())."]
    if got == want:
        return []
    if not got:
        return [f"Your answer lists nobody; {len(want):,} residents may be shared {what}."]
    grants = ctx.table("pds_grants")
    outs = ctx.table("data_opt_outs").assign(resident_id=lambda t: t["resident_id"].astype(str))
    first_out = outs.groupby("resident_id")["opted_out_on"].min()
    granted = in_force(grants, organisation, purpose)
    extra, absent = sorted(got - want), sorted(want - got)
    today = _d(TODAY)
    not_granted = [r for r in extra if r not in granted]
    if not_granted:
        r = not_granted[0]
        return [f"{_why_not(grants, r, organisation, purpose, TODAY)}: on {today} there is nothing to share {what} "
                f"({len(not_granted):,} like this are in your answer)."]
    if opt_out_applies:
        by_today = [r for r in extra if first_out.get(r, TODAY + pd.Timedelta(days=1)) <= TODAY]
        if by_today:
            r = by_today[0]
            when = first_out[r]
            day_note = " (on the day itself: an opt-out counts from the day it is registered)" if when == TODAY else ""
            return [f"{r} registered a national data opt-out on {_d(when)}{day_note}. Planning is a use beyond their "
                    f"individual care, so the opt-out applies: leave out everyone who opted out by {today} "
                    f"({len(by_today):,} like this are in your answer)."]
    missing_out = [r for r in absent if r in first_out.index]
    if opt_out_applies:
        later = [r for r in missing_out if first_out[r] > TODAY]
        if later:
            r = later[0]
            return [f"{r} opted out only on {_d(first_out[r])}, after today's share ({len(later):,} like this): the "
                    "list was downloaded a week later, so it holds opt-outs that apply only to the next share."]
    elif missing_out and not got & want & set(first_out.index):
        r = missing_out[0]
        return [f"{r} is missing from your answer, perhaps because they registered a national data opt-out "
                f"({len(missing_out):,} like this). The opt-out is about uses beyond a person's own care "
                "(research and planning); it does not apply to sharing for individual care."]
    starting = [r for r in absent if (_grant_rows(grants, r, organisation, purpose)["granted_on"] == TODAY).any()]
    if starting:
        return [f"{starting[0]} granted access on {today} itself: a grant applies from the day it is made, so share "
                f"with them today ({len(starting):,} like this are missing)."]
    regranted = [r for r in absent if _grant_rows(grants, r, organisation, purpose)["revoked_on"].notna().any()]
    if regranted:
        r = regranted[0]
        rows = _grant_rows(grants, r, organisation, purpose)
        return [f"{r} revoked on {_d(rows['revoked_on'].dropna().min())} but granted access again later, and that "
                f"grant is in force today ({len(regranted):,} like this are missing). Judge each grant (row) on its "
                "own dates, then keep the residents with at least one grant in force."]
    return [f"{absent[0]} has a grant in force {what} on {today} but is missing from your answer "
            f"({len(absent):,} are missing)."]


# ------------------------------------------------------------------------ checks


def _check_q1(answer, ctx: Context) -> list[str]:
    forms = ctx.table("repair_forms")
    typed = forms["date_of_birth"]
    want = read_dob(typed)
    if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
        answer = answer.iloc[:, 0]
    if isinstance(answer, (pd.DatetimeIndex, np.ndarray, list)):
        answer = pd.Series(answer)
    if not isinstance(answer, pd.Series):
        return [f"I expected a column (Series) of dates, one per submission; you gave {compare.describe(answer)}."]
    if len(answer) != len(forms):
        return [f"Your column has {len(answer):,} values; expected {len(forms):,}, one per submission, in the table's "
                "order (keep the unreadable ones as NaT rather than dropping them)."]
    if answer.dtype == object and answer.map(lambda x: x is None or pd.isna(x) or isinstance(x, datetime.date)).all():
        answer = pd.to_datetime(answer, errors="coerce")  # dates without times (.dt.date) are dates too
    if not pd.api.types.is_datetime64_any_dtype(answer):
        return ["Your values are not dates yet (they are still text or numbers): turn the text into dates with "
                "pd.to_datetime(..., format=..., errors='coerce'), once per format."]
    got = pd.Series(answer.to_numpy(), dtype="datetime64[ns]").dt.normalize()
    want = pd.Series(want.to_numpy(), dtype="datetime64[ns]")
    same = (got == want) | (got.isna() & want.isna())
    if same.all():
        return []
    both = got.notna() & want.notna() & ~same
    swapped = both & (got.dt.day == want.dt.month) & (got.dt.month == want.dt.day)
    if swapped.any():
        i = int(np.flatnonzero(swapped)[0])
        return [f"Day and month are swapped for {int(swapped.sum()):,} dates, e.g. {typed.iloc[i]!r} became "
                f"{got.iloc[i]:%d %B %Y}. Read each format with its own pattern (format='%d/%m/%Y', and so on) "
                "rather than letting pandas guess."]
    read_some = got.notna() & want.isna()
    if read_some.any():
        i = int(np.flatnonzero(read_some)[0])
        return [f"{typed.iloc[i]!r} is not one of the three formats the form accepts (or not a real date), so it "
                f"should be NaT; yours gave {got.iloc[i]:%d %B %Y} ({int(read_some.sum()):,} like this)."]
    missed = got.isna() & want.notna()
    if missed.any():
        i = int(np.flatnonzero(missed)[0])
        fmts = [f for f in DOB_FORMATS if pd.notna(pd.to_datetime(typed.iloc[i], format=f, errors="coerce"))]
        shown = pd.Timestamp(2024, 3, 5).strftime(fmts[0]) if fmts else "another format"
        return [f"{int(missed.sum()):,} dates of birth that can be read are NaT in your column, e.g. "
                f"{typed.iloc[i]!r}, written like {shown!r}. Read all three formats and combine them with "
                ".fillna(...), as in the worked example."]
    i = int(np.flatnonzero(~same)[0])
    return [f"The date of birth typed {typed.iloc[i]!r} should read as {want.iloc[i]:%d %B %Y}; yours is "
            f"{got.iloc[i]} ({int((~same).sum()):,} differ)."]


RULE_WORDS = {
    "dob_unreadable": "the date of birth is empty or not a real date in one of the three formats",
    "dob_in_future": "the date of birth can be read and is after the day the form was submitted",
    "age_impossible": f"the age is below {AGE_RANGE[0]} or above {AGE_RANGE[1]}",
    "bedrooms_impossible": f"the number of bedrooms is below {BEDROOM_RANGE[0]} or above {BEDROOM_RANGE[1]}",
    "resubmitted": "the same tenant sent the same repair type earlier the same day",
}


def _as_flags(column: pd.Series) -> pd.Series | None:
    if pd.api.types.is_bool_dtype(column):
        return column.astype(bool)
    values = set(pd.unique(column.dropna()))
    if values <= {0, 1} and column.notna().all():
        return column.astype(bool)
    return None


def _rule_problem(rule: str, got: pd.Series, want: pd.Series, forms: pd.DataFrame) -> str | None:
    off = got.to_numpy() != want.to_numpy()
    if not off.any():
        return None
    extra, missed = got & ~want, want & ~got
    row = forms.iloc[int(np.flatnonzero(off)[0])]
    if rule == "bedrooms_impossible" and (extra & (forms["bedrooms"] == 0)).any():
        return ("bedrooms_impossible flags homes with 0 bedrooms: a studio flat has none, so 0 is possible. "
                f"The possible range is {BEDROOM_RANGE[0]} to {BEDROOM_RANGE[1]}, ends included.")
    if rule == "resubmitted":
        day = forms["submitted_at"].dt.normalize()
        same_day = forms.assign(day=day).duplicated(["tenant_ref", "repair_type", "day"], keep=False)
        if (extra & ~same_day).any():
            r = forms[extra & ~same_day].iloc[0]
            return (f"resubmitted flags {r['submission_id']}, but {r['tenant_ref']} sent no {r['repair_type']} "
                    "repair earlier that same day: a repeat on another day is a new repair. Compare the day of "
                    "submission too, not only the tenant and the repair type.")
        if extra.any() and not missed.any():
            return ("resubmitted flags the first submission as well as the later copies: only the copies are "
                    "resubmissions (keep='first', the default, marks all but the first).")
        if missed.any():
            r = forms[missed].iloc[0]
            return (f"resubmitted misses {r['submission_id']}: {r['tenant_ref']} had sent a {r['repair_type']} repair "
                    f"earlier on {_d(r['submitted_at'])}, and this copy may differ in how the date of birth was typed. "
                    "Look for repeats of the tenant, the repair type and the day only, not of every column "
                    f"({int(missed.sum()):,} missed).")
    if rule in ("dob_unreadable", "dob_in_future"):
        detail = f"(typed {row['date_of_birth']!r}, submitted {_d(row['submitted_at'])})"
    elif rule == "age_impossible":
        detail = f"(age {row['age']})"
    elif rule == "bedrooms_impossible":
        detail = f"({row['bedrooms']} bedrooms)"
    else:
        detail = f"({row['tenant_ref']}, {row['repair_type']}, {row['submitted_at']})"
    should = "should be True" if want.iloc[int(np.flatnonzero(off)[0])] else "should be False"
    return (f"{rule} {should} for {row['submission_id']} {detail}: the rule is True when {RULE_WORDS[rule]} "
            f"({int(off.sum()):,} submissions differ on this rule).")


def _judge_flags(got: Any, forms: pd.DataFrame, what: str = "Your function") -> list[str]:
    if not isinstance(got, pd.DataFrame):
        return [f"{what} should give back a table (DataFrame) with one True/False column per rule; it gave "
                f"{compare.describe(got)}."]
    missing = [r for r in RULES if r not in got.columns]
    if missing:
        return [f"{what}'s table has no column {', '.join(map(repr, missing))}: name the columns exactly "
                f"{', '.join(RULES)}."]
    if len(got) != len(forms):
        return [f"{what} gives {len(got):,} rows for {len(forms):,} submissions: one row per submission, none "
                "dropped."]
    want = check_form(forms)
    if got.index.equals(forms.index):
        got = got.loc[forms.index]
    got = got.reset_index(drop=True)
    want = want.reset_index(drop=True)
    problems = []
    for rule in RULES:
        flags = _as_flags(got[rule])
        if flags is None:
            problems.append(f"The {rule} column should hold True or False for each submission.")
            continue
        problem = _rule_problem(rule, flags, want[rule], forms.reset_index(drop=True))
        if problem:
            problems.append(problem)
    return problems[:2]


def _check_q2(answer, ctx: Context) -> list[str]:
    forms = ctx.table("repair_forms")
    got, problems = compare.call_function(answer, "check_form", forms)
    if problems:
        return problems
    if got is None:
        return ["Your function gives back nothing: end it with return ..., not print(...)."]
    half = forms.iloc[::2]
    on_half = None if isinstance(answer, Replayed) else compare.call_function(answer, "check_form", half)[0]
    if isinstance(on_half, pd.DataFrame) and len(on_half) == len(forms) != len(half):
        return [f"Given a table of {len(half):,} submissions, your function gave {len(on_half):,} rows: inside the "
                "function, use the table it is given (forms), not the notebook's repair_forms."]
    return _judge_flags(got, forms)


def _counts(forms: pd.DataFrame) -> pd.Series:
    return check_form(forms).sum().astype(int)


def _check_q3(answer, ctx: Context) -> list[str]:
    forms = ctx.table("repair_forms")
    want = _counts(forms)
    if isinstance(answer, dict):
        answer = pd.Series(answer)
    if isinstance(answer, pd.Series) and len(answer) == len(forms):
        return ["Your answer has one number per submission: add up each rule's column (down the table), "
                ".sum() on the whole table of True/False, not along each row."]
    n = len(forms)
    problems = compare.series(
        answer, want, what="the number of submissions failing each rule", index_meaning="rules",
        rel=0,
        mistakes=[(lambda a: bool(np.allclose(a.reindex(want.index).to_numpy(dtype=float), n - want.to_numpy())),
                   "Those are the submissions that pass each rule: count the ones that fail (True)."),
                  (lambda a: bool(np.allclose(a.reindex(want.index).to_numpy(dtype=float), want.to_numpy() / n)),
                   "Those are shares (from .mean()); the question asks for counts (.sum()).")],
    )
    if problems and problems[0].startswith("The value for "):
        problems[0] += (" Each count comes from your check_form: if it has not passed question 2 yet, fix that rule "
                        "there first.")
    return problems


def _check_q4(answer, ctx: Context) -> list[str]:
    cases = ctx.table("cases")
    want = extract(cases)
    if not isinstance(answer, pd.DataFrame):
        return [f"I expected a table (DataFrame) of cases for {OAKFIELD}; you gave {compare.describe(answer)}."]
    allowed = set(SCHEDULE[OAKFIELD])
    extra = [c for c in answer.columns if c not in allowed]
    if extra:
        special = [c for c in extra if c in SPECIAL]
        note = (f" {special[0]} is special category data ({SPECIAL[special[0]]}) and the agreement does not let "
                f"{OAKFIELD} have it." if special else "")
        return [f"Your extract holds {len(extra)} column(s) the agreement's schedule does not let {OAKFIELD} "
                f"receive: {', '.join(extra[:4])}.{note} Keep only the columns whose shared is True for this "
                "partner (data minimisation)."]
    missing = [c for c in SCHEDULE[OAKFIELD] if c not in answer.columns]
    if missing:
        return [f"Your extract has no {', '.join(map(repr, missing[:4]))}: the schedule says {OAKFIELD} needs it "
                "for its purpose, so leave none of its columns out."]
    if "case_id" in answer.columns:
        got_ids = answer["case_id"].astype(str)
        ids = set(got_ids)
        want_ids = set(want["case_id"].astype(str))
        if got_ids.duplicated().any():
            return ["Some cases appear more than once: each case once."]
        if ids - want_ids:
            other = cases[cases["case_id"].astype(str).isin(ids - want_ids)]
            if len(ids) == len(cases):
                return [f"Your extract holds every case ({len(cases):,}); {OAKFIELD} may only have the cases of its "
                        f"own tenants, where landlord is {OAKFIELD!r} ({len(want_ids):,})."]
            return [f"Case {other['case_id'].iloc[0]}'s landlord is {other['landlord'].iloc[0]!r}: only cases where "
                    f"the landlord is {OAKFIELD!r} go to it ({len(ids - want_ids):,} other cases are in yours)."]
        if want_ids - ids:
            return [f"{len(want_ids - ids):,} of {OAKFIELD}'s own cases are missing, e.g. "
                    f"{sorted(want_ids - ids)[0]}."]
    merged = want.astype(str).merge(answer[list(SCHEDULE[OAKFIELD])].astype(str), on="case_id", how="left",
                                    suffixes=("", "_yours"))
    for c in SCHEDULE[OAKFIELD][1:]:
        off = merged[c] != merged[f"{c}_yours"]
        if off.any():
            return [f"The {c} of case {merged.loc[off, 'case_id'].iloc[0]} is not the case list's: keep each case's "
                    "own values (sorting or copying one column on its own scrambles the rows)."]
    return []


def _form_q5(answer, ctx: Context) -> list[str]:
    return compare.statements_form(answer, CHECKLIST)


def _check_q5(answer, ctx: Context) -> list[str]:
    return compare.statements(answer, {k: truth for k, (truth, _) in CHECKLIST.items()})


def _check_q6(answer, ctx: Context) -> list[str]:
    want = in_force(ctx.table("pds_grants"), ICB, CARE)
    return _judge_share(answer, want, ctx, ICB, CARE, f"with {ICB} for {CARE}", opt_out_applies=False)


def _earlier_today(ctx: Context) -> set[str] | None:
    ids = _ids(ctx.earlier("q6"))
    known = set(ctx.table("pds_residents")["resident_id"].astype(str))
    return set(ids) if ids and set(ids) <= known else None


def _judge_q7(answer: Any, today: set[str], ctx: Context) -> list[str]:
    grants = ctx.table("pds_grants")
    last = in_force(grants, ICB, CARE, LAST_SHARE)
    want = last - today
    got_list = _ids(answer)
    if got_list is None or isinstance(answer, (set, frozenset, pd.api.extensions.ExtensionArray)):
        return _not_ids(answer, "the resident_id of each resident no longer shared")
    got = set(got_list)
    if got == want and len(got_list) == len(got):
        return []
    if len(got_list) != len(got):
        return ["Some residents appear more than once: list each once."]
    if got and got == today - last:
        return [f"Those are the residents shared today who were not in the {_d(LAST_SHARE)} share: new grants. "
                "The question asks the other way round: in the last share, not in today's."]
    extra, absent = sorted(got - want), sorted(want - got)
    not_last = [r for r in extra if r not in last]
    if not_last:
        r = not_last[0]
        rows = _grant_rows(grants, r, ICB, CARE)
        if (rows["revoked_on"] == LAST_SHARE).any():
            return [f"{r} revoked on {_d(LAST_SHARE)} itself, so they were not in that share: there is nothing to take "
                    f"back ({len(not_last):,} residents in your answer were not in the last share)."]
        return [f"{r} was not in the {_d(LAST_SHARE)} share ({_why_not(grants, r, ICB, CARE, LAST_SHARE)}), so there "
                f"is nothing to take back ({len(not_last):,} like this)."]
    still = [r for r in extra if r in today]
    if still:
        return [f"{still[0]} is still shared today (a grant in force: some revoked and granted again): only those no "
                f"longer shared must be told to the Integrated Care Board ({len(still):,} like this)."]
    return [f"{absent[0]} was in the {_d(LAST_SHARE)} share and is not shared today, but is missing from your answer "
            f"({len(absent):,} are missing). Compare the two lists: last share's minus today's."]


def _check_q7(answer, ctx: Context) -> list[str]:
    reference = in_force(ctx.table("pds_grants"), ICB, CARE)
    return _either(lambda a, today: _judge_q7(a, today, ctx), answer, _earlier_today(ctx), reference)


def _check_q8(answer, ctx: Context) -> list[str]:
    grants, outs = ctx.table("pds_grants"), ctx.table("data_opt_outs")
    want = in_force(grants, ICB, PLANNING) - opted_out(outs)
    got = _ids(answer)
    if got is not None and set(got) == in_force(grants, ICB, CARE) - opted_out(outs):
        return [f"Those are residents with a grant for {CARE}: this share is for {PLANNING}."]
    return _judge_share(answer, want, ctx, ICB, PLANNING, f"with {ICB} for {PLANNING}", opt_out_applies=True)


MODULE = ModuleSpec(
    id="m11",
    title="Collecting and sharing well",
    dataset="data_sharing",
    rows=1_200,
    tables_for_learner=("repair_forms", "cases", "isa_partners", "sharing_schedule", "pds_residents", "pds_grants",
                        "data_opt_outs"),
    exercises=(
        ExerciseSpec(
            "q1", "Read dates of birth typed three ways", _check_q1,
            hints=("Read the column once per format the form accepts, each time turning what does not fit into NaT "
                   "(errors='coerce'); then fill the gaps of the first reading from the second, then the third.",
                   "The three patterns are '%d/%m/%Y', '%Y-%m-%d' and '%d %B %Y' (%B is the month's full name). "
                   ".fillna(other) fills the NaT of one column from another, row by row.",
                   "typed = repair_forms['date_of_birth']\n"
                   "first = pd.to_datetime(typed, format=___, errors='coerce')\n"
                   "answer_q1 = first.fillna(pd.to_datetime(typed, format=___, errors=___)).fillna(___)"),
            praise="Dates typed three ways are now one column of real dates, and what cannot be read is marked, not "
                   "guessed.",
        ),
        ExerciseSpec(
            "q2", "The form's rules, as a function", _check_q2,
            hints=("One True/False column per rule, all built from the table the function is given: read the dates "
                   "as in question 1, compare them with the day of submission, check the two ranges, and look for "
                   "repeats of tenant, repair type and day.",
                   ".between(low, high) is True inside the range, ends included, and ~ turns it round. "
                   ".dt.normalize() keeps the day of a date and time. .duplicated([...columns...]) is True for every "
                   "row that repeats an earlier one on those columns (the first is False).",
                   "def check_form(forms):\n"
                   "    dob = ___  # as in question 1, from forms['date_of_birth']\n"
                   "    day = forms['submitted_at'].dt.normalize()\n"
                   "    return pd.DataFrame({\n"
                   "        'dob_unreadable': dob.___(),\n"
                   "        'dob_in_future': dob ___ day,\n"
                   "        'age_impossible': ~forms['age'].between(___, ___),\n"
                   "        'bedrooms_impossible': ___,\n"
                   "        'resubmitted': forms.assign(day=day).duplicated([___, ___, ___]),\n"
                   "    })"),
            praise="Rules written once as a function can run on every night's extract, and on the form itself.",
            reference=check_form, inputs=("repair_forms",),
        ),
        ExerciseSpec(
            "q3", "How many submissions fail each rule?", _check_q3,
            hints=("Run your check_form on repair_forms: True counts as 1, so adding up each column counts the "
                   "submissions that fail that rule.",
                   ".sum() on a table adds up each column and gives one number per column, labelled by its name.",
                   "answer_q3 = check_form(___).___()"),
            praise="Counts per rule tell the service which box of the form to fix first.",
        ),
        ExerciseSpec(
            "q4", f"{OAKFIELD}'s minimised extract", _check_q4,
            hints=(f"Two choices, both from the agreement: which rows (the cases whose landlord is {OAKFIELD}) and "
                   "which columns (those the schedule marks shared for this partner).",
                   "As in the worked example: the schedule's field column where partner matches and shared is True "
                   "gives the list of columns; .loc[rows, columns] picks both at once.",
                   f"partner = '{OAKFIELD}'\n"
                   "fields = sharing_schedule.loc[(sharing_schedule['partner'] == ___)\n"
                   "                              & sharing_schedule[___], 'field']\n"
                   "answer_q4 = cases.loc[cases[___] == partner, list(___)]"),
            praise="Only what the partner needs, for its own tenants: data minimisation you can show line by line.",
        ),
        ExerciseSpec(
            "q5", "The agreement checklist", _check_q5,
            hints=("Go back to 'What an information-sharing agreement says': what gives a lawful basis, what else "
                   "special category data needs, and the principles of minimisation, purpose limitation and storage "
                   "limitation.",
                   "The national data opt-out is about uses beyond a person's own care; a revocation works from the "
                   "day it is made, not backwards.",
                   "answer_q5 = {'public_task_can_be_the_article_6_basis_for_sharing_with_the_icb': ___,\n"
                   "             ...}  # True or False for each of the eight; marked when you submit"),
            praise="These are the questions a data protection officer asks before signing an agreement.",
            form=_form_q5,
        ),
        ExerciseSpec(
            "q6", "Who may be shared with today?", _check_q6,
            hints=(f"Keep the grants to {ICB} for {CARE} that are in force today: started on or before today, and "
                   "not revoked on or before today. Then list each resident once.",
                   "An empty revoked_on compared with a date gives False, so ~(grants['revoked_on'] <= today) keeps "
                   "the grants never revoked. Judge each row (grant) on its own: a resident who revoked and granted "
                   "again has a row in force. The national data opt-out is not for individual care.",
                   "ok = ((pds_grants['organisation'] == ___) & (pds_grants['purpose'] == ___)\n"
                   "      & (pds_grants['granted_on'] <= ___) & ~(pds_grants['revoked_on'] <= ___))\n"
                   "answer_q6 = pds_grants.loc[ok, 'resident_id'].___()"),
            praise="The store's dates, boundary days included, decide who is shared: not a status, not a guess.",
        ),
        ExerciseSpec(
            "q7", "What the revocations remove", _check_q7,
            hints=(f"Work out who was in force on {_d(LAST_SHARE)} for the same organisation and purpose, as in "
                   "question 6 with another day; then keep those who are not in today's list (your answer_q6).",
                   "set(a) - set(b) gives what is in a and not in b, as in the try-it cell.",
                   "last = pds_grants.loc[___, 'resident_id']\n"
                   "answer_q7 = sorted(set(last) - set(___))"),
            praise="The partner can now be told exactly whose data it must stop using for this purpose.",
            builds_on=("q6",),
        ),
        ExerciseSpec(
            "q8", "The national data opt-out, applied to planning", _check_q8,
            hints=(f"As in question 6, but for {PLANNING}; then leave out everyone in data_opt_outs who opted out by "
                   "today.",
                   "An opt-out registered today counts; one registered after today does not apply to today's share. "
                   ".isin(...) tells whether each value is in a list, and ~ turns it round.",
                   "planning = pds_grants.loc[___, 'resident_id'].unique()\n"
                   "out = data_opt_outs.loc[data_opt_outs['opted_out_on'] ___ today, 'resident_id']\n"
                   "answer_q8 = [r for r in planning if r not in set(___)]"),
            praise="Planning gets the residents who agreed and did not opt out; their own care was never in question.",
        ),
    ),
)
