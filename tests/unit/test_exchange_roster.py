"""Who teaches and who learns a course, from the hub's groups as the exchange reads them."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from academy.exchange import roster as roster_module
from academy.exchange.roster import Roster

COURSE, OTHER = "accelerator", "other-course"
ADMINS = frozenset({"organiser"})
GROUPS = {"instructors": ["instructor"], "learners": ["amira", "ben", "chloe"]}


def user(name: str) -> dict:
    return {"kind": "user", "name": name}


def service(name: str) -> dict:
    return {"kind": "service", "name": name}


def run(coro):
    # A thread of its own: in the full suite, in-process notebook clients leave this thread's asyncio state used.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def read_roster(groups: dict[str, list[str]], admins: frozenset[str] = ADMINS) -> Roster:
    roster = Roster(read=lambda: (admins, groups))
    assert run(roster.refresh()) is True
    return roster


def test_the_instructors_the_admins_and_the_courses_formgrader_teach():
    roster = read_roster(GROUPS)
    assert roster.teaches(user("instructor"), COURSE)
    assert roster.teaches(user("organiser"), COURSE)
    assert roster.teaches(service(f"formgrader-{COURSE}"), COURSE)
    assert not roster.teaches(user("amira"), COURSE)
    assert not roster.teaches(service(f"formgrader-{OTHER}"), COURSE)
    assert not roster.teaches(service("instructor"), COURSE)  # a service named like a person is not that person
    assert not roster.teaches(user(f"formgrader-{COURSE}"), COURSE)  # nor a person named like the service


def test_everyone_learns_a_course_with_no_group_of_its_own():
    roster = read_roster(GROUPS)
    for name in ("amira", "ben", "someone-new", "instructor"):
        assert roster.learns(user(name), COURSE)


def test_a_courses_group_limits_its_learners_to_its_members_and_the_instructors():
    roster = read_roster({**GROUPS, f"nbgrader-{COURSE}": ["amira"]})
    assert roster.learns(user("amira"), COURSE)
    assert not roster.learns(user("ben"), COURSE)
    assert roster.learns(user("instructor"), COURSE) and roster.learns(user("organiser"), COURSE)
    assert roster.learns(user("ben"), OTHER)  # another course, with no group of its own, is still open


def test_no_service_learns_but_the_courses_own_formgrader():
    """A service named like a learner is not that learner, even on a course open to everyone."""
    for groups in (GROUPS, {**GROUPS, f"nbgrader-{COURSE}": ["amira", f"formgrader-{OTHER}"]}):
        roster = read_roster(groups)
        assert not roster.learns(service("amira"), COURSE)
        assert not roster.learns(service(f"formgrader-{OTHER}"), COURSE)
        assert not roster.learns(service("exchange"), COURSE)
        assert roster.learns(service(f"formgrader-{COURSE}"), COURSE)  # it sees what its learners see


def test_a_hub_that_cannot_be_read_leaves_the_last_known_groups():
    answers = [(ADMINS, {**GROUPS, f"nbgrader-{COURSE}": ["amira"]})]

    def read():
        if not answers:
            raise ConnectionError("the hub is restarting")
        return answers.pop()

    roster = Roster(read=read)
    assert run(roster.refresh()) is True
    assert run(roster.refresh()) is False
    assert roster.teaches(user("instructor"), COURSE)
    assert roster.learns(user("amira"), COURSE) and not roster.learns(user("ben"), COURSE)


def test_groups_are_read_again_once_they_are_stale_and_a_refresh_sees_changes_at_once(monkeypatch):
    groups = {**GROUPS, f"nbgrader-{COURSE}": ["amira"]}
    reads = []

    def read():
        reads.append(1)
        return ADMINS, {name: list(members) for name, members in groups.items()}

    roster = Roster(read=read)
    run(roster.fresh())
    run(roster.fresh())
    assert len(reads) == 1  # read once, then kept
    groups[f"nbgrader-{COURSE}"].append("ben")
    assert not roster.learns(user("ben"), COURSE)
    assert run(roster.refresh()) is True
    assert roster.learns(user("ben"), COURSE)
    monkeypatch.setattr(roster_module, "FRESH_FOR_S", -1.0)
    run(roster.fresh())
    assert len(reads) == 3
