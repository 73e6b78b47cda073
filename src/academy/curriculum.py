"""The curriculum manifest: modules, prerequisites, skills, pass marks and exercise ids.

One TOML file per course (``courses/<course>/curriculum.toml``) is the single
source for what a module needs first, what counts as passing it and which
instant checks it has; the progress service unlocks modules and accepts
attempts from it without importing the checks (or the data behind them).
Reading it checks everything a typo could break, so a bad manifest fails
loudly when loaded, not when a learner is wrongly locked out.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import AcademyError


class CurriculumError(AcademyError, ValueError):
    """The manifest says something impossible (a missing prerequisite, a cycle, a bad pass mark)."""


@dataclass(frozen=True)
class ModuleInfo:
    id: str
    title: str
    level: int
    hours: float
    prerequisites: tuple[str, ...]
    skills: tuple[str, ...]
    pass_mark: float
    dataset: str
    outcomes: tuple[str, ...]
    available: bool
    #: The ids of the module's instant checks, in teaching order (``q1``, ``q2``...).
    exercises: tuple[str, ...]
    #: Outcome -> what assesses it: exercise ids, or the grade ids of written answers marked by hand.
    assessed_by: dict[str, tuple[str, ...]] = field(default_factory=dict)


#: A challenge's level: how much a club member needs to know before they start it.
LEVELS = {1: "First notebook", 2: "Cleaning and joining", 3: "Analysis and statistics", 4: "Modelling"}
#: A challenge fits one club session, with time to start and to talk about it.
MINUTES = (20, 30)


@dataclass(frozen=True)
class ChallengeInfo:
    """A code-club challenge: a small stand-alone module (same folders, same checks) an organiser puts on a
    session's board; it unlocks nothing and needs nothing first, so it is kept apart from ``modules``."""

    id: str
    title: str
    level: int
    minutes: int
    dataset: str
    skills: tuple[str, ...]
    teaches: str
    exercises: tuple[str, ...]
    available: bool

    @property
    def level_name(self) -> str:
        return LEVELS[self.level]


@dataclass(frozen=True)
class Curriculum:
    id: str
    title: str
    skills: dict[str, str]
    modules: tuple[ModuleInfo, ...]
    challenges: tuple[ChallengeInfo, ...] = ()

    def challenge(self, challenge_id: str) -> ChallengeInfo:
        for c in self.challenges:
            if c.id == challenge_id:
                return c
        raise KeyError(f"no challenge {challenge_id!r} in {self.id}")

    def title_of(self, module_or_challenge: str) -> str:
        """What a board or a page calls a module or a challenge (its id when the manifest does not list it)."""
        titles = {m.id: m.title for m in self.modules} | {c.id: c.title for c in self.challenges}
        return titles.get(module_or_challenge, module_or_challenge)

    def module(self, module_id: str) -> ModuleInfo:
        for m in self.modules:
            if m.id == module_id:
                return m
        raise KeyError(f"no module {module_id!r} in {self.id}")

    @property
    def catalogue(self) -> dict[str, tuple[str, ...]]:
        """Module or challenge id -> its exercise ids: every attempt the progress service records names one."""
        return {**{m.id: m.exercises for m in self.modules}, **{c.id: c.exercises for c in self.challenges}}

    def unlocked(self, passed: set[str]) -> list[str]:
        """Modules whose prerequisites are all passed (and which are not passed yet)."""
        return [m.id for m in self.modules if m.id not in passed and set(m.prerequisites) <= passed]


REQUIRED = ("id", "title", "level", "hours", "prerequisites", "skills", "pass_mark", "outcomes", "exercises")
CHALLENGE_REQUIRED = ("id", "title", "level", "minutes", "dataset", "skills", "teaches", "exercises")


def _exercise_ids(where: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(e, str) and e.strip() for e in value):
        raise CurriculumError(f'{where}: exercises must be a list of exercise ids, e.g. ["q1", "q2"]')
    twice = sorted({e for e in value if value.count(e) > 1})
    if twice:
        raise CurriculumError(f"{where} lists exercise {', '.join(map(repr, twice))} twice")
    return tuple(value)


def _outcomes(where: str, value: object) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """The outcomes' texts, and what assesses each: ``{outcome = "...", by = ["q1", "limits"]}`` (a plain text
    says nothing of how it is assessed)."""
    example = '{outcome = "Filter rows on a condition", by = ["q1"]}'
    if not isinstance(value, list) or not value:
        raise CurriculumError(f"{where}: outcomes must be a list, each like {example}")
    texts, assessed = [], {}
    for item in value:
        if isinstance(item, str) and item.strip():
            texts.append(item)
            continue
        if not isinstance(item, dict) or not isinstance(item.get("outcome"), str) or not item["outcome"].strip():
            raise CurriculumError(f"{where}: each outcome is a text or a table like {example}, not {item!r}")
        by = item.get("by", [])
        if not isinstance(by, list) or not by or not all(isinstance(b, str) and b.strip() for b in by):
            raise CurriculumError(f"{where}: outcome {item['outcome']!r} needs by = [...], the exercises or "
                                  f"written answers that assess it")
        texts.append(item["outcome"])
        assessed[item["outcome"]] = tuple(by)
    return tuple(texts), assessed


def load(course_dir: Path) -> Curriculum:
    path = Path(course_dir) / "curriculum.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CurriculumError(f"{path}: no curriculum manifest") from None
    except tomllib.TOMLDecodeError as exc:
        raise CurriculumError(f"{path}: not valid TOML ({exc})") from None
    course = raw.get("course", {})
    skills = raw.get("skills", {})
    if not course.get("id") or not course.get("title"):
        raise CurriculumError(f"{path}: [course] needs an id and a title")
    modules: list[ModuleInfo] = []
    seen: set[str] = set()
    for i, m in enumerate(raw.get("modules", []), start=1):
        where = f"{path}: module {m.get('id', f'#{i}')}"
        missing = [k for k in REQUIRED if k not in m]
        if missing:
            raise CurriculumError(f"{where} is missing {', '.join(missing)}")
        if m["id"] in seen:
            raise CurriculumError(f"{where} appears twice")
        for pre in m["prerequisites"]:
            if pre == m["id"]:
                raise CurriculumError(f"{where} lists itself as a prerequisite")
            if pre not in seen:
                # Listing modules in teaching order makes cycles impossible.
                raise CurriculumError(f"{where} needs {pre!r}, which is not an earlier module")
        unknown = [s for s in m["skills"] if s not in skills]
        if unknown:
            raise CurriculumError(f"{where} builds unknown skills {unknown}; known: {sorted(skills)}")
        if not 0 < float(m["pass_mark"]) <= 1:
            raise CurriculumError(f"{where} has pass_mark {m['pass_mark']}; use a share between 0 and 1, e.g. 0.7")
        if int(m["level"]) not in (1, 2, 3) or float(m["hours"]) <= 0:
            raise CurriculumError(f"{where} needs a level of 1-3 and positive hours")
        seen.add(m["id"])
        outcomes, assessed_by = _outcomes(where, m["outcomes"])
        modules.append(ModuleInfo(
            id=m["id"], title=m["title"], level=int(m["level"]), hours=float(m["hours"]),
            prerequisites=tuple(m["prerequisites"]), skills=tuple(m["skills"]), pass_mark=float(m["pass_mark"]),
            dataset=str(m.get("dataset", "")), outcomes=outcomes,
            available=(Path(course_dir) / "source" / m["id"]).is_dir(), exercises=_exercise_ids(where, m["exercises"]),
            assessed_by=assessed_by,
        ))
    if not modules:
        raise CurriculumError(f"{path}: no modules")
    challenges = _challenges(path, raw.get("challenges", []), skills, seen)
    return Curriculum(course["id"], course["title"], dict(skills), tuple(modules), challenges)


def _challenges(path: Path, raw: object, skills: dict, module_ids: set[str]) -> tuple[ChallengeInfo, ...]:
    if not isinstance(raw, list):
        raise CurriculumError(f"{path}: challenges must be [[challenges]] tables, one per challenge")
    out: list[ChallengeInfo] = []
    seen: set[str] = set()
    low, high = MINUTES
    for i, c in enumerate(raw, start=1):
        where = f"{path}: challenge {c.get('id', f'#{i}')}"
        missing = [k for k in CHALLENGE_REQUIRED if k not in c]
        if missing:
            raise CurriculumError(f"{where} is missing {', '.join(missing)}")
        if c["id"] in seen or c["id"] in module_ids:
            raise CurriculumError(f"{where} appears twice (ids are shared by modules and challenges)")
        if c["level"] not in LEVELS:
            levels = "; ".join(f"{k} {v.lower()}" for k, v in LEVELS.items())
            raise CurriculumError(f"{where} has level {c['level']!r}; use one of {levels}")
        if not isinstance(c["minutes"], int) or not low <= c["minutes"] <= high:
            raise CurriculumError(f"{where} takes {c['minutes']!r} minutes; a club challenge takes {low} to {high}")
        unknown = [s for s in c["skills"] if s not in skills]
        if unknown:
            raise CurriculumError(f"{where} builds unknown skills {unknown}; known: {sorted(skills)}")
        if not isinstance(c["teaches"], str) or not c["teaches"].strip():
            raise CurriculumError(f"{where}: teaches is one line saying what a member learns")
        seen.add(c["id"])
        out.append(ChallengeInfo(
            id=c["id"], title=c["title"], level=c["level"], minutes=c["minutes"], dataset=str(c["dataset"]),
            skills=tuple(c["skills"]), teaches=c["teaches"].strip(), exercises=_exercise_ids(where, c["exercises"]),
            available=(path.parent / "source" / c["id"]).is_dir(),
        ))
    return tuple(out)
