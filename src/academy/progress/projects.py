"""The project track: a learner's own project on their own service's question, from proposal to show-and-tell.

A learner proposes a project (what the programme asks: the question, who will use the answer, the data and
where it lives, how personal data will be protected); a mentor (an instructor of one of the learner's
cohorts, or a hub admin) approves it or asks for changes. The learner then posts a short update at each
checkpoint and the mentor answers it; after the last checkpoint the learner shows their work, and the mentor
marks the show-and-tell against the rubric and signs the project off::

    proposed ⇄ changes requested
    proposed → approved → (update → feedback) at each checkpoint → ready to show → shown → complete

Every change is an event (who, when, what) appended to ``project_events`` and never changed; the
``projects`` row is only their summary (state and title), kept in the same transaction. The checkpoints come
from ``[project]`` in the course's ``curriculum.toml`` and the marking criteria from the course folder's
``modules/project/rubrics.md``, both read when asked, so an instructor's edit is used at once.
"""

from __future__ import annotations

import json
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from .. import rubrics
from .events import ProgressError, utcnow
from .models import Cohort, Enrolment, Learner, Project, ProjectEvent

#: Used when the course's curriculum.toml has no [project] table.
DEFAULT_CHECKPOINTS = ("Data in hand", "First findings", "Ready to show")
DEFAULT_RUBRIC = "show_and_tell"
#: The course folder's module folder holding the project's template notebook's rubric.
PROJECT_FOLDER = "project"

#: What a proposal holds, in the order the form asks: (field, label, what to write).
FIELDS = (
    ("title", "Title", "A short name for the project, e.g. “Which streets get missed bin complaints twice?”"),
    ("question", "Your service's question",
     "The question your service wants answered, in one or two sentences, and who asked it."),
    ("users", "Who will use the answer",
     "The people or team who will act on what you find, and what they will decide with it."),
    ("data", "The data and where it lives",
     "Which data you will use, which system it comes from, who owns it, and the lawful basis for using it."),
    ("protection", "How personal data will be protected",
     "Where you will work on it (your council's own secure environment, never this academy), and how you will "
     "remove or hide names, addresses and other identifiers and keep small numbers out of anything you share."),
)
TITLE_MAX = 120
TEXT_MAX = 4000
UPDATE_MAX = 4000

STATES = ("proposed", "changes requested", "approved", "update posted", "ready to show", "shown", "complete")
#: Each state in plain words, as the pages show it.
STATE_WORDS = {
    "proposed": "Proposed: waiting for a mentor to approve it",
    "changes requested": "Changes requested by a mentor",
    "approved": "Approved: working towards a checkpoint",
    "update posted": "Checkpoint update posted: waiting for a mentor's feedback",
    "ready to show": "Ready for the show-and-tell",
    "shown": "Show-and-tell marked",
    "complete": "Complete",
}
#: Who acts next in each state.
LEARNER_ACTS = {"changes requested", "approved"}
MENTOR_ACTS = {"proposed", "update posted", "ready to show", "shown"}


@dataclass(frozen=True)
class Plan:
    """What the course asks of a project: its checkpoints in order, and the show-and-tell's rubric."""

    checkpoints: tuple[str, ...]
    rubric_id: str
    #: (criterion, points) of the show-and-tell; empty when the course folder has no rubric for it.
    criteria: tuple[tuple[str, float], ...]
    title: str = "Your own project"

    @property
    def points(self) -> float:
        return sum(p for _, p in self.criteria)


def read_plan(course_root: Path | str | None) -> Plan:
    """The plan from ``[project]`` in ``curriculum.toml`` and ``modules/project/rubrics.md`` (defaults without)."""
    title, checkpoints, rubric_id = "Your own project", DEFAULT_CHECKPOINTS, DEFAULT_RUBRIC
    criteria: tuple[tuple[str, float], ...] = ()
    if course_root is None:
        return Plan(checkpoints, rubric_id, criteria, title)
    root = Path(course_root)
    try:
        raw = tomllib.loads((root / "curriculum.toml").read_text(encoding="utf-8")).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        raw = {}
    if isinstance(raw, dict):
        title = str(raw.get("title", title))
        listed = raw.get("checkpoints")
        if isinstance(listed, list) and listed and all(isinstance(c, str) and c.strip() for c in listed):
            checkpoints = tuple(c.strip() for c in listed)
        rubric_id = str(raw.get("rubric", rubric_id))
    criteria = rubric_criteria(root / "modules" / PROJECT_FOLDER, rubric_id)
    return Plan(checkpoints, rubric_id, criteria, title)


def rubric_criteria(module_folder: Path, grade_id: str) -> tuple[tuple[str, float], ...]:
    """(criterion, points) of one rubric in a module's ``rubrics.md``, read as ``academy validate`` reads it:
    empty when the file or the rubric is missing, or cannot be read (validate names what is wrong)."""
    try:
        found = rubrics.read(module_folder).get(grade_id)
    except (OSError, rubrics.RubricError):
        return ()
    return found.criteria if found else ()


@dataclass(frozen=True)
class Event:
    kind: str
    by: str
    at: datetime
    checkpoint: str | None
    body: dict


@dataclass(frozen=True)
class CheckpointView:
    name: str
    update: Event | None
    feedback: Event | None


@dataclass(frozen=True)
class ProjectView:
    learner: str
    state: str
    proposal: dict[str, str]
    events: tuple[Event, ...]
    checkpoints: tuple[CheckpointView, ...]
    #: The latest marking: {"marks": [...], "total": n, "out_of": n, "comment": "..."} or None.
    marks: dict | None
    #: The latest mentor's comment on the proposal (approval or changes asked for).
    review: Event | None = None
    plan: Plan = field(default_factory=lambda: Plan(DEFAULT_CHECKPOINTS, DEFAULT_RUBRIC, ()))

    @property
    def state_words(self) -> str:
        return STATE_WORDS[self.state]

    @property
    def next_checkpoint(self) -> str | None:
        """The checkpoint the learner's next update is for (None once every one has an update)."""
        return next((c.name for c in self.checkpoints if c.update is None), None)

    @property
    def mentor_step(self) -> str:
        """What happens next, in the mentor's words."""
        return {
            "proposed": "Read the proposal, then approve it or ask for changes.",
            "changes requested": "Waiting for the learner to change the proposal.",
            "approved": f"Waiting for the learner's update at “{self.next_checkpoint}”.",
            "update posted": "Read the update and send your feedback.",
            "ready to show": "After the show-and-tell, mark it against the rubric.",
            "shown": "Sign the project off (or mark it again: every marking is kept).",
            "complete": "Nothing more to do.",
        }[self.state]

    @property
    def next_step(self) -> str:
        """What happens next, in the learner's words."""
        if self.state == "proposed":
            return "Wait for a mentor to read your proposal. You can still change it until it is approved."
        if self.state == "changes requested":
            return "Read your mentor's comment, change your proposal and send it again."
        if self.state == "approved":
            return f"Post your update for the checkpoint “{self.next_checkpoint}” when you reach it."
        if self.state == "update posted":
            return "Wait for your mentor's feedback on your update."
        if self.state == "ready to show":
            return "Present your project at the show-and-tell; your mentor marks it against the rubric."
        if self.state == "shown":
            return "Your show-and-tell is marked; your mentor signs the project off."
        return "Your project is complete. Well done."


def _text(value: object, label: str, limit: int) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise ProgressError(f"{label} is empty: write a sentence or two")
    if len(text) > limit:
        raise ProgressError(f"{label} is {len(text)} characters long; keep it under {limit}")
    return text


def proposal_from(fields: Mapping[str, object]) -> dict[str, str]:
    """The proposal's fields checked: each written, none too long. Raises ``ProgressError`` naming the first gap."""
    out = {}
    for name, label, _ in FIELDS:
        out[name] = _text(fields.get(name), label, TITLE_MAX if name == "title" else TEXT_MAX)
    return out


class Projects:
    """The projects in the progress store (the same database, tables made by its migrations)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # ------------------------------------------------------------ reading
    @staticmethod
    def _learner_id(s: Session, name: str, create: bool) -> int | None:
        lid = s.scalar(select(Learner.id).where(Learner.name == name))
        if lid is None and create:
            row = Learner(name=name, created_at=utcnow())
            s.add(row)
            s.flush()
            lid = row.id
        return lid

    @staticmethod
    def _project(s: Session, learner_id: int | None) -> Project | None:
        if learner_id is None:
            return None
        return s.scalar(select(Project).where(Project.learner_id == learner_id))

    @staticmethod
    def _events(s: Session, project_id: int) -> list[Event]:
        return [Event(e.kind, e.by, e.at, e.checkpoint, json.loads(e.body))
                for e in s.scalars(select(ProjectEvent).where(ProjectEvent.project_id == project_id)
                                   .order_by(ProjectEvent.id))]

    def view(self, learner: str, plan: Plan) -> ProjectView | None:
        """The learner's project as the pages show it, or None before they propose one."""
        with Session(self.engine) as s:
            project = self._project(s, self._learner_id(s, learner, create=False))
            if project is None:
                return None
            events = self._events(s, project.id)
            state = project.state
        return build_view(learner, state, events, plan)

    def states(self, learners: list[str]) -> dict[str, tuple[str, str, datetime]]:
        """Learner -> (state, title, last change) for those who have a project."""
        if not learners:
            return {}
        with Session(self.engine) as s:
            rows = s.execute(select(Learner.name, Project.state, Project.title, Project.updated_at)
                             .join(Project, Project.learner_id == Learner.id).where(Learner.name.in_(learners)))
            return {n: (st, t, at) for n, st, t, at in rows}

    def cohort_learners(self, cohort: str) -> list[str]:
        with Session(self.engine) as s:
            return sorted(s.scalars(select(Learner.name).join(Enrolment, Enrolment.learner_id == Learner.id)
                                    .join(Cohort, Cohort.id == Enrolment.cohort_id)
                                    .where(Cohort.name == cohort, Enrolment.role == "learner")))

    # ------------------------------------------------------------ changes
    def _change(self, learner: str, by: str, kind: str, allowed: set[str] | None, new_state: str,
                body: dict, checkpoint: str | None = None, title: str | None = None, create: bool = False) -> None:
        """Append one event and move the summary to ``new_state``, if the project is in an ``allowed`` state
        (``None``: only when there is no project yet, or ``create`` also allows that)."""
        now = utcnow()
        with Session(self.engine) as s, s.begin():
            lid = self._learner_id(s, learner, create=True)
            # Locked for the change where the database can (PostgreSQL): two mentors pressing at once change it once.
            project = s.scalar(select(Project).where(Project.learner_id == lid).with_for_update())
            if project is None:
                if not create:
                    raise ProgressError(f"{learner} has not proposed a project yet")
                project = Project(learner_id=lid, state=new_state, title=title or "", created_at=now, updated_at=now)
                s.add(project)
                s.flush()
            elif allowed is None or project.state not in allowed:
                raise ProgressError(refusal(kind, project.state))
            project.state = new_state
            project.updated_at = now
            if title is not None:
                project.title = title
            s.add(ProjectEvent(project_id=project.id, kind=kind, checkpoint=checkpoint, by=by, at=now,
                               body=json.dumps(body, ensure_ascii=False)))

    def propose(self, learner: str, fields: Mapping[str, object]) -> None:
        """A new proposal, or a changed one (allowed until it is approved). Only the learner proposes."""
        proposal = proposal_from(fields)
        with Session(self.engine) as s:
            exists = self._project(s, self._learner_id(s, learner, create=False)) is not None
        self._change(learner, learner, "edited" if exists else "proposed", {"proposed", "changes requested"},
                     "proposed", proposal, title=proposal["title"], create=not exists)

    def review(self, learner: str, by: str, approve: bool, comment: str) -> None:
        """A mentor approves the proposal or asks for changes (then the comment says which)."""
        _not_own(learner, by, "approve" if approve else "review")
        if approve:
            text = comment.strip()
            if len(text) > TEXT_MAX:
                raise ProgressError(f"the comment is {len(text)} characters long; keep it under {TEXT_MAX}")
        else:
            text = _text(comment, "The comment saying what to change", TEXT_MAX)
        self._change(learner, by, "approved" if approve else "changes requested", {"proposed"},
                     "approved" if approve else "changes requested", {"comment": text})

    def post_update(self, learner: str, text: str, plan: Plan) -> None:
        """The learner's update at their next checkpoint."""
        update = _text(text, "Your update", UPDATE_MAX)
        view = self.view(learner, plan)
        if view is None:
            raise ProgressError("propose your project first")
        checkpoint = view.next_checkpoint if view.state == "approved" else None
        self._change(learner, learner, "update", {"approved"} if checkpoint else set(), "update posted",
                     {"update": update}, checkpoint=checkpoint)

    def feedback(self, learner: str, by: str, text: str, plan: Plan) -> None:
        """A mentor's feedback on the update just posted; after the last checkpoint the project is ready to show."""
        _not_own(learner, by, "give feedback on")
        words = _text(text, "The feedback", TEXT_MAX)
        view = self.view(learner, plan)
        if view is None:
            raise ProgressError(f"{learner} has not proposed a project yet")
        waiting = [c for c in view.checkpoints if c.update is not None and c.feedback is None]
        checkpoint = waiting[0].name if waiting and view.state == "update posted" else None
        last = bool(checkpoint) and checkpoint == plan.checkpoints[-1]
        self._change(learner, by, "feedback", {"update posted"} if checkpoint else set(),
                     "ready to show" if last else "approved", {"feedback": words}, checkpoint=checkpoint)

    def mark(self, learner: str, by: str, marks: list[object], comment: str, plan: Plan) -> None:
        """A mentor's marks for the show-and-tell: one number per rubric criterion, from 0 to its points."""
        _not_own(learner, by, "mark")
        if not plan.criteria:
            raise ProgressError(f"the course has no rubric for '{plan.rubric_id}' in modules/{PROJECT_FOLDER}/"
                                f"{rubrics.FILE}, so there is nothing to mark against")
        if len(marks) != len(plan.criteria):
            raise ProgressError(f"give a mark for each of the {len(plan.criteria)} criteria of the rubric")
        got = []
        for n, ((criterion, points), raw) in enumerate(zip(plan.criteria, marks, strict=True), start=1):
            try:
                value = float(raw) if isinstance(raw, (int, float, str)) and not isinstance(raw, bool) else math.nan
            except (TypeError, ValueError):
                value = math.nan
            if not math.isfinite(value):
                raise ProgressError(f"the mark for criterion {n} is not a number: write a number from 0 to "
                                    f"{points:g}")
            if value < 0 or value > points:
                raise ProgressError(f"criterion {n} is worth at most {points:g} point{'' if points == 1 else 's'}; "
                                    f"a mark of {value:g} is {'more' if value > points else 'less'} than it can have")
            got.append({"criterion": criterion, "points": points, "mark": value})
        text = comment.strip()
        if len(text) > TEXT_MAX:
            raise ProgressError(f"the comment is {len(text)} characters long; keep it under {TEXT_MAX}")
        self._change(learner, by, "marked", {"ready to show", "shown"}, "shown",
                     {"marks": got, "total": sum(g["mark"] for g in got), "out_of": plan.points, "comment": text})

    def complete(self, learner: str, by: str, comment: str = "") -> None:
        """A mentor signs the project off once its show-and-tell is marked."""
        _not_own(learner, by, "sign off")
        self._change(learner, by, "completed", {"shown"}, "complete", {"comment": comment.strip()[:TEXT_MAX]})


def _not_own(learner: str, by: str, what: str) -> None:
    if learner == by:
        raise ProgressError(f"you cannot {what} your own project: a mentor does that")


#: Each change, and the states it may be made in, for the refusal's words.
_WHEN = {
    "proposed": "before a project exists",
    "edited": "while it is proposed or changes are asked for (not once it is approved)",
    "approved": "while it is waiting for approval",
    "changes requested": "while it is waiting for approval",
    "update": "once it is approved and the last update has feedback",
    "feedback": "after the learner posts a checkpoint update",
    "marked": "once every checkpoint has feedback",
    "completed": "once the show-and-tell is marked",
}
_NAMES = {"proposed": "propose a project", "edited": "change the proposal", "approved": "approve the project",
          "changes requested": "ask for changes", "update": "post a checkpoint update",
          "feedback": "give checkpoint feedback", "marked": "mark the show-and-tell",
          "completed": "sign the project off"}


def refusal(kind: str, state: str) -> str:
    return (f"you cannot {_NAMES[kind]} now: the project is “{STATE_WORDS[state].split(':')[0].lower()}”, and "
            f"that can be done only {_WHEN[kind]}")


def build_view(learner: str, state: str, events: list[Event], plan: Plan) -> ProjectView:
    proposal: dict[str, str] = {}
    updates: dict[str, Event] = {}
    feedback: dict[str, Event] = {}
    marks, review = None, None
    for e in events:
        if e.kind in ("proposed", "edited"):
            proposal = dict(e.body)
        elif e.kind in ("approved", "changes requested"):
            review = e
        elif e.kind == "update" and e.checkpoint:
            updates[e.checkpoint] = e
        elif e.kind == "feedback" and e.checkpoint:
            feedback[e.checkpoint] = e
        elif e.kind == "marked":
            marks = {**e.body, "by": e.by, "at": e.at}
    names = list(plan.checkpoints) + [c for c in updates if c not in plan.checkpoints]
    checkpoints = tuple(CheckpointView(c, updates.get(c), feedback.get(c)) for c in names)
    return ProjectView(learner, state, proposal, tuple(events), checkpoints, marks, review, plan)
