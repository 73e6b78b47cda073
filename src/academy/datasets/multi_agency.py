"""Four services' data about the same places, for the capstone's multi-agency question.

Early help (families eligible for the programme), schools (pupils and their
attendance), community safety (incidents) and welfare (sickness-benefit
claimants) each hold records about people. Without consent to link people,
agencies can still link *places*: every record carries an LSOA code, and one
seed gives every part the same geography. Each part is the family of its own
name built with that seed, so its planted truths hold here too.
"""

from __future__ import annotations

from dataclasses import replace

from ._core import DSA, Card, Column, Dataset, Seed, check_rows, register, rng_for
from .attendance import CARD as ATTENDANCE_CARD
from .attendance import make_attendance
from .claimants import CARD as CLAIMANTS_CARD
from .claimants import make_claimants
from .geography import CARD as GEO_CARD
from .geography import geography_tables
from .incidents import CARD as INCIDENTS_CARD
from .incidents import make_incidents
from .programme import CARD as PROGRAMME_CARD
from .programme import make_programme

#: Records of each service per family in the programme table: how big each part is.
SCALE = {"attendance": 1.0, "incidents": 2.0, "claimants": 0.5}

#: Share of claimants who agreed to be contacted, among those who agreed to research and those who did not:
#: the two consents are asked separately, so neither is a subset of the other.
CONTACT_CONSENT = {True: 0.45, False: 0.35}

_CLAIMANTS = CLAIMANTS_CARD.table("claimants")
CLAIMANTS_TABLE = replace(_CLAIMANTS, columns=(*_CLAIMANTS.columns, Column(
    "contact_consent", "bool",
    "Agreed to be contacted by the council (phone, letter or visit) about its services; asked separately "
    "from research_consent, which only allows their record to be used for research")))

CARD = Card(
    name="multi_agency",
    title="Families, schools, incidents and benefits in the same places",
    description=(
        "What four services hold about the same area: families eligible for the early-help programme, "
        "pupils with their attendance, anti-social behaviour and youth-offending incidents, and "
        "sickness-benefit claimants with their consent to research and, asked separately, to being contacted. "
        "Records are linked by place "
        "(lsoa_code → lsoas → ward_code → wards), never by person."
    ),
    licence=DSA,
    primary_table="families",
    rows_meaning=("the number of families; pupils are as many, incidents twice as many and claimants half as many"),
    default_rows=4_000,
    min_rows=200,
    tables=(
        PROGRAMME_CARD.table("families"),
        ATTENDANCE_CARD.table("pupils"),
        ATTENDANCE_CARD.table("attendance"),
        INCIDENTS_CARD.table("incidents"),
        CLAIMANTS_TABLE,
        GEO_CARD.table("lsoas"),
        GEO_CARD.table("wards"),
    ),
    truths=(
        "Each part's own planted truths, under the part's name: truth['programme'] (effects), "
        "truth['attendance'] (who is persistently absent), truth['incidents'] (hotspots), "
        "truth['claimants'] (segments).",
        "Consent to be contacted is asked apart from consent to research: about 45% of those who agreed to "
        "research and 35% of those who did not agreed to be contacted.",
    ),
)


@register(CARD)
def make_multi_agency(n: int = CARD.default_rows, seed: Seed = 0) -> Dataset:
    """``n`` families, and pupils, incidents and claimants in proportion, over one geography."""
    n = check_rows(CARD, n)
    programme = make_programme(n, seed)
    attendance = make_attendance(max(ATTENDANCE_CARD.min_rows, round(SCALE["attendance"] * n)), seed)
    incidents = make_incidents(max(INCIDENTS_CARD.min_rows, round(SCALE["incidents"] * n)), seed)
    claimants = make_claimants(max(CLAIMANTS_CARD.min_rows, round(SCALE["claimants"] * n)), seed)
    people = claimants.tables["claimants"]
    chance = people["research_consent"].map(CONTACT_CONSENT).to_numpy(dtype=float)
    draw = rng_for(seed, "multi_agency", "contact_consent").random(len(people))
    people = people.assign(contact_consent=draw < chance)
    tables = {
        "families": programme.tables["families"],
        "pupils": attendance.tables["pupils"],
        "attendance": attendance.tables["attendance"],
        "incidents": incidents.tables["incidents"],
        "claimants": people,
        **geography_tables(seed, "lsoas", "wards"),
    }
    truth = {"programme": programme.truth, "attendance": attendance.truth, "incidents": incidents.truth,
             "claimants": claimants.truth}
    return Dataset(tables, truth, CARD.with_params(n=n, seed=seed))
