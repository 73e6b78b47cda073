"""Who is in which cohort, and who runs it, as the hub's groups say.

JupyterHub's groups are the one place people are organised: a council's
intake or a code club is a group; ``<club>-organisers`` holds who runs the
club; members of the ``instructors`` group who are in a cohort's group teach
that cohort; ``<cohort>-mentors`` holds people who mentor its learners'
projects without teaching it (a service manager, an analyst from another
council). The service reads them with its own token (it may list users and
groups, nothing more) and mirrors them into the store.
"""

from __future__ import annotations

from dataclasses import dataclass

import requests

STANDING = {"learners", "instructors", "organisers"}
ORGANISERS_SUFFIX = "-organisers"
MENTORS_SUFFIX = "-mentors"


@dataclass(frozen=True)
class HubPeople:
    admins: frozenset[str]
    cohorts: dict[str, tuple[str, dict[str, list[str]]]]


def cohorts_from_groups(groups: dict[str, list[str]]) -> dict[str, tuple[str, dict[str, list[str]]]]:
    """Group name -> members, to cohort -> (kind, role -> people)."""
    instructors = set(groups.get("instructors", []))
    out = {}
    for name, users in groups.items():
        if name in STANDING or name.endswith((ORGANISERS_SUFFIX, MENTORS_SUFFIX)):
            continue
        organisers = groups.get(name + ORGANISERS_SUFFIX)
        kind = "club" if organisers is not None or name.startswith("club-") else "intake"
        out[name] = (kind, {
            "learner": [u for u in users if u not in instructors],
            "instructor": [u for u in users if u in instructors],
            "organiser": list(organisers or []),
            "mentor": list(groups.get(name + MENTORS_SUFFIX, [])),
        })
    return out


def read_groups(api_url: str, token: str, timeout: float = 10) -> tuple[frozenset[str], dict[str, list[str]]]:
    """(the hub's admins, group -> members), through its REST API (raises ``requests`` errors when the hub
    is away). The token needs ``list:users``, ``read:users``, ``list:groups`` and ``read:groups``."""
    headers = {"Authorization": f"token {token}"}
    groups = _paged(f"{api_url.rstrip('/')}/groups", headers, timeout)
    users = _paged(f"{api_url.rstrip('/')}/users", headers, timeout)
    return (frozenset(u["name"] for u in users if u.get("admin")),
            {g["name"]: list(g.get("users", [])) for g in groups})


def read_hub(api_url: str, token: str, timeout: float = 10) -> HubPeople:
    """The hub's admins and cohorts."""
    admins, groups = read_groups(api_url, token, timeout)
    return HubPeople(admins, cohorts_from_groups(groups))


def _paged(url: str, headers: dict, timeout: float) -> list[dict]:
    items: list[dict] = []
    offset = 0
    while True:
        r = requests.get(url, params={"offset": offset, "limit": 200}, timeout=timeout,
                         headers={**headers, "Accept": "application/jupyterhub-pagination+json"})
        r.raise_for_status()
        body = r.json()
        page = body["items"] if isinstance(body, dict) else body
        items += page
        nxt = body.get("_pagination", {}).get("next") if isinstance(body, dict) else None
        if not nxt or not page:
            return items
        offset = nxt["offset"]
