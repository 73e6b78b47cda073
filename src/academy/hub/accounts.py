"""The demo's accounts: who they are, which group each is in, their passwords.

Passwords are made on first start and kept in the state folder (readable by
the hub's user only), so a clone never ships a known password and a newcomer
can still read theirs back with ``academy hub accounts``. Only the local
default uses these; production accounts come from its authenticator.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

#: name → group. One instructor, one code-club organiser, a few learners (in one club).
DEMO_PEOPLE = {
    "instructor": "instructors",
    "organiser": "organisers",
    "amira": "learners",
    "ben": "learners",
    "chloe": "learners",
}
#: The demo learners' names, as an instructor would enter them in the formgrader's Manage Students.
DEMO_NAMES = {"amira": ("Amira", "Hussain"), "ben": ("Ben", "Okafor"), "chloe": ("Chloe", "Williams")}
#: The code club the demo organiser runs, and its members.
DEMO_CLUB = ("club-salford", ["amira", "ben", "chloe"])
#: The demo council's intake: the learners and the instructor who teaches them.
DEMO_INTAKE = ("intake-salford-2026", ["instructor", "amira", "ben", "chloe"])


def accounts_file(state: Path) -> Path:
    return state / "demo-accounts.json"


def load_or_create(state: Path) -> dict[str, str]:
    """name → password, creating any missing account; existing passwords never change."""
    path = accounts_file(state)
    accounts: dict[str, str] = {}
    if path.exists():
        try:
            accounts = {str(k): str(v) for k, v in json.loads(path.read_text()).items()}
        except (ValueError, AttributeError):
            raise ValueError(f"{path} is not a JSON object of name → password; "
                             "delete it to make new demo passwords") from None
    changed = False
    for name in DEMO_PEOPLE:
        if name not in accounts:
            accounts[name] = secrets.token_urlsafe(9)
            changed = True
    if changed:
        state.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            json.dump(accounts, fh, indent=1)
        os.replace(tmp, path)
    return accounts


def read(state: Path) -> dict[str, str]:
    """The accounts as they are (empty before the first start)."""
    path = accounts_file(state)
    return json.loads(path.read_text()) if path.exists() else {}


#: Where learners, instructors and organisers find their progress pages (the progress service, behind the hub).
PROGRESS_PAGE = "/services/progress/"


def login_text(url: str, accounts: dict[str, str]) -> str:
    lines = [f"Open {url} and log in as one of:"]
    for name, password in accounts.items():
        lines.append(f"  {DEMO_PEOPLE.get(name, 'learners')[:-1]:<11} {name:<11} password {password}")
    lines.append(f"Progress (learners, the {DEMO_INTAKE[0]} cohort, the {DEMO_CLUB[0]} board): "
                 f"{url}{PROGRESS_PAGE}")
    return "\n".join(lines)


def name_demo_learners(course_root: Path) -> None:
    """Put the demo learners in the course's gradebook with their names, so the formgrader lists people, not
    "None, None" (names an instructor has changed since are kept)."""
    from nbgrader.api import Gradebook
    from nbgrader.coursedir import CourseDirectory

    from ..course import Course, add_named_student, nbgrader_env

    os.environ["PATH"] = nbgrader_env()["PATH"]  # a new gradebook runs `alembic` by name
    course = Course.at(course_root)
    coursedir = CourseDirectory(config=course.nbgrader_config())
    coursedir.root = str(course.root)
    with Gradebook(coursedir.db_url, course.id) as gb:
        for login, (first, last) in DEMO_NAMES.items():
            add_named_student(gb, login, {"first_name": first, "last_name": last})
