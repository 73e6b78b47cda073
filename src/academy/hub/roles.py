"""Who may do what on the hub, as JupyterHub groups and RBAC roles.

Learners keep JupyterHub's default ``user`` role (``self``: their own server,
nothing else). Instructors get each course's formgrader service and may read
(not control) users; an organiser may read the members of the clubs they run,
which is what the progress views need. Nobody but a hub admin can reach
another person's server, so a learner's notebooks stay theirs.
"""

from __future__ import annotations

from ..services.names import CHECKS_SERVICE, EXCHANGE_SERVICE, GRADER_SERVICE, PROGRESS_SERVICE, formgrader_service

__all__ = ["CHECKS_SERVICE", "EXCHANGE_SERVICE", "GRADER_SERVICE", "PROGRESS_SERVICE", "formgrader_service"]
#: What a learner's server token may do: JupyterHub's own "server" scopes, plus posting check attempts and
#: fetching and submitting through the exchange (which shows each learner only their own work).
SERVER_TOKEN_SCOPES = ["users:activity!user", "access:servers!server", f"access:services!service={PROGRESS_SERVICE}",
                       f"access:services!service={CHECKS_SERVICE}", f"access:services!service={EXCHANGE_SERVICE}"]


def groups(members: dict[str, list[str]] | None = None, clubs: dict[str, list[str]] | None = None,
           organisers: dict[str, list[str]] | None = None, intakes: dict[str, list[str]] | None = None) -> dict:
    """``JupyterHub.load_groups``: the three standing groups, two per code club (members, organisers)
    and one per intake (a council's cohort: its learners and the instructors who teach it).

    JupyterHub only ever adds these members; people an admin puts in a group stay there."""
    members = members or {}
    out = {name: {"users": list(members.get(name, []))} for name in ("learners", "instructors", "organisers")}
    for club, people in (clubs or {}).items():
        out[club] = {"users": list(people)}
        # Holds the club's organiser role (see roles()); the progress service reads it too.
        out[f"{club}-organisers"] = {"users": list((organisers or {}).get(club, []))}
    for intake, people in (intakes or {}).items():
        out[intake] = {"users": list(people)}
    return out


def roles(courses: list[str], organisers: dict[str, list[str]] | None = None) -> list[dict]:
    """``JupyterHub.load_roles``. ``organisers`` maps a club group to the organisers who run it."""
    out = [
        {
            "name": "instructor",
            "description": "Grade and release with the formgrader; see who is on the hub",
            "groups": ["instructors"],
            "scopes": [*(f"access:services!service={formgrader_service(c)}" for c in courses),
                       "list:users", "read:users", "read:groups", "read:users:activity", "list:services"],
        },
    ]
    for club, people in (organisers or {}).items():
        out.append({
            "name": f"{club}-organiser",
            "description": f"Run {club} sessions: see its members and their activity",
            "users": list(people),
            "groups": [f"{club}-organisers"],  # production: admins add organisers to this group
            "scopes": [f"list:users!group={club}", f"read:users!group={club}",
                       f"read:users:activity!group={club}", f"read:groups!group={club}"],
        })
    return out


def exchange_roles(courses: list[str]) -> list[dict]:
    """The exchange reads who is in which group (who teaches, who is on a course); each course's formgrader
    may call it, to release, collect and return feedback for that course (the exchange checks which)."""
    return [
        {"name": "exchange-service", "description": "Read who teaches and who learns each course",
         "services": [EXCHANGE_SERVICE], "scopes": ["list:users", "read:users", "list:groups", "read:groups"]},
        {"name": "formgrader-exchange", "description": "Release, collect, grade and return feedback through the "
         "exchange", "services": [formgrader_service(c) for c in courses] + [GRADER_SERVICE],
         "scopes": [f"access:services!service={EXCHANGE_SERVICE}"]},
    ]


def progress_roles() -> list[dict]:
    """Everyone may open the progress service (it decides what each person sees); the service may
    read users and groups, which is how it knows cohorts, clubs and organisers, and ask the exchange for a
    learner's due dates, to show them on the learner's own page."""
    return [
        {"name": "user", "description": "Their own server, the progress, checks and exchange services",
         "scopes": ["self", f"access:services!service={PROGRESS_SERVICE}",
                    f"access:services!service={CHECKS_SERVICE}", f"access:services!service={EXCHANGE_SERVICE}"]},
        {"name": "progress-service", "description": "Read who is in which cohort and club",
         "services": [PROGRESS_SERVICE], "scopes": ["list:users", "read:users", "list:groups", "read:groups",
                                                    f"access:services!service={EXCHANGE_SERVICE}"]},
    ]


def idle_culler_role() -> dict:
    return {
        "name": "idle-culler",
        "description": "Stop learners' servers nobody has used for a while",
        "services": ["idle-culler"],
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    }
