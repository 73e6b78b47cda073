"""The progress store: attempts, grades, cohorts and club sessions in SQL.

SQLite by default (one file beside the hub's state, in WAL mode so the views
read while attempts are written); PostgreSQL by changing the URL. The schema
is created and upgraded by Alembic on open, so an old store is migrated
rather than recreated. Every write is one transaction: a batch with one bad
event records nothing, and says which event and why.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, and_, case, create_engine, event, func, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..curriculum import Curriculum
from . import rules
from .events import AttemptEvent, ProgressError, UnknownLearner, check_exercise, utcnow
from .models import (
    Attempt,
    Certificate,
    ClubSession,
    Cohort,
    Completion,
    Enrolment,
    ExerciseState,
    Grade,
    Learner,
    SessionMember,
    SkillEarned,
)

MIGRATIONS = Path(__file__).with_name("migrations")
ROLES = ("learner", "instructor", "organiser", "mentor")
#: The columns of a cohort's export, in order: the service's CSV and Excel downloads and ``academy progress export``.
EXPORT_COLUMNS = ("learner", "module", "exercise", "attempts", "first_try", "passed_at", "failed_tries_before_pass",
                  "module_score", "module_max_score")


def connect(url: str) -> Engine:
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _pragmas(conn, _record) -> None:  # noqa: ANN001 - DB-API connection
            cur = conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=10000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()
    return engine


def migrate(engine: Engine, migrations: Path = MIGRATIONS) -> None:
    """Bring the schema to the newest revision (creating it in an empty database); ``migrations``: another
    store's Alembic folder (the exchange's, which keeps its own version table)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


#: Summary rows read per query (three values a key, well inside every SQLite's limit on parameters).
KEYS_PER_QUERY = 300


def _insert_ignoring_duplicates(session: Session, model, rows: list[dict], key: str) -> None:
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    statement = (sqlite.insert(model) if dialect == "sqlite" else postgresql.insert(model))
    session.execute(statement.on_conflict_do_nothing(index_elements=[key]), rows)


@dataclass(frozen=True)
class RecordResult:
    recorded: int
    duplicates: int
    #: The event ids recorded by this call (the rest were duplicates).
    fresh: frozenset[str] = frozenset()


@dataclass(frozen=True)
class LearnerRecord:
    name: str
    modules: list[rules.ModuleStatus]
    next: rules.ModuleStatus | None
    next_exercise: str | None
    skills: dict[str, float]
    grades: dict[str, rules.GradeRecord]
    certificates: dict[int, datetime]
    attempts: int
    last_active: datetime | None


@dataclass(frozen=True)
class Heatmap:
    learners: list[str]
    exercises: list[tuple[str, str]]
    #: learner -> (module, exercise) -> "passed" | "trying" (attempted, not passed); absent = not tried.
    cells: dict[str, dict[tuple[str, str], str]]


class ProgressStore:
    def __init__(self, url: str, curriculum: Curriculum) -> None:
        self.engine = connect(url)
        migrate(self.engine)
        self.curriculum = curriculum
        #: Module id -> its exercise ids, from the curriculum manifest.
        self.catalogue = curriculum.catalogue

    # ------------------------------------------------------------ people
    def _learner_ids(self, session: Session, names: Iterable[str], create: bool) -> dict[str, int]:
        names = set(names)
        found = dict(session.execute(select(Learner.name, Learner.id).where(Learner.name.in_(names))).all())
        missing = names - set(found)
        if missing and not create:
            raise UnknownLearner(f"no learner named {', '.join(sorted(missing)[:3])} in the progress store")
        created = [Learner(name=name, created_at=utcnow()) for name in sorted(missing)]
        if created:
            session.add_all(created)
            session.flush()  # one insert for a class arriving together; the ids are known after it
            found.update((learner.name, learner.id) for learner in created)
        return found

    def sync_cohorts(self, cohorts: dict[str, tuple[str, dict[str, list[str]]]]) -> None:
        """Cohort name -> (kind, role -> members): membership becomes exactly this (as the hub's groups say)."""
        with Session(self.engine) as s, s.begin():
            everyone = {n for _, roles in cohorts.values() for people in roles.values() for n in people}
            ids = self._learner_ids(s, everyone, create=True)
            for name, (kind, roles) in cohorts.items():
                cohort = s.scalar(select(Cohort).where(Cohort.name == name))
                if cohort is None:
                    cohort = Cohort(name=name, kind=kind)
                    s.add(cohort)
                    s.flush()
                if cohort.kind != kind:
                    cohort.kind = kind
                # Only the changes are written (this runs every half minute; see _apply_rules on the write lock).
                have = {(e.learner_id, e.role): e for e in s.scalars(select(Enrolment)
                                                                     .where(Enrolment.cohort_id == cohort.id))}
                wanted = {(ids[n], role) for role, people in roles.items() if role in ROLES for n in people}
                for key, row in have.items():
                    if key not in wanted:
                        s.delete(row)
                s.add_all(Enrolment(cohort_id=cohort.id, learner_id=lid, role=role)
                          for lid, role in wanted - have.keys())

    def cohorts_of(self, name: str, role: str | None = None) -> list[str]:
        q = (select(Cohort.name).join(Enrolment, Enrolment.cohort_id == Cohort.id)
             .join(Learner, Learner.id == Enrolment.learner_id).where(Learner.name == name))
        if role:
            q = q.where(Enrolment.role == role)
        with Session(self.engine) as s:
            return sorted(set(s.scalars(q)))

    def all_cohorts(self) -> list[tuple[str, str]]:
        with Session(self.engine) as s:
            return [(c.name, c.kind) for c in s.scalars(select(Cohort).order_by(Cohort.name))]

    def members(self, cohort: str, role: str = "learner") -> list[str]:
        with Session(self.engine) as s:
            return sorted(s.scalars(select(Learner.name).join(Enrolment, Enrolment.learner_id == Learner.id)
                                    .join(Cohort, Cohort.id == Enrolment.cohort_id)
                                    .where(Cohort.name == cohort, Enrolment.role == role)))

    # ------------------------------------------------------------ attempts
    def record(self, events: list[AttemptEvent], create_learners: bool = False) -> RecordResult:
        """Store new attempts; an event id seen before is a duplicate and changes nothing."""
        for e in events:
            check_exercise(e.module, e.exercise, self.catalogue)
        if not events:
            return RecordResult(0, 0)
        with Session(self.engine) as s, s.begin():
            ids = self._learner_ids(s, {e.learner for e in events}, create=create_learners)
            wanted = {e.event_id for e in events}
            seen = set(s.scalars(select(Attempt.event_id).where(Attempt.event_id.in_(wanted))))
            fresh: dict[str, AttemptEvent] = {}
            for e in events:
                if e.event_id not in seen:
                    fresh.setdefault(e.event_id, e)
            now = utcnow()
            _insert_ignoring_duplicates(s, Attempt, [
                {"event_id": e.event_id, "learner_id": ids[e.learner], "module": e.module, "exercise": e.exercise,
                 "passed": e.passed, "seconds": e.seconds, "at": e.at, "received_at": now} for e in fresh.values()],
                key="event_id")
            self._update_states(s, ids, sorted(fresh.values(), key=lambda e: e.at))
        return RecordResult(len(fresh), len(events) - len(fresh), frozenset(fresh))

    def has_passed(self, learner: str, module: str, exercise: str) -> bool:
        """Whether the checks service (or the grader) has ever judged this learner's answer right."""
        with Session(self.engine) as s:
            return s.scalar(select(ExerciseState.passed_at).join(Learner, Learner.id == ExerciseState.learner_id)
                            .where(Learner.name == learner, ExerciseState.module == module,
                                   ExerciseState.exercise == exercise)) is not None

    def hint_shown(self, learner: str, module: str, exercise: str) -> int:
        """Count one more hint shown; returns how many this learner has now seen for the exercise."""
        check_exercise(module, exercise, self.catalogue)
        now = utcnow()
        with Session(self.engine) as s, s.begin():
            lid = self._learner_ids(s, [learner], create=True)[learner]
            state = s.get(ExerciseState, (lid, module, exercise))
            if state is None:
                state = ExerciseState(learner_id=lid, module=module, exercise=exercise, attempts=0, first_at=now,
                                      last_at=now, passed_at=None, fails_before_pass=0, hints_shown=0,
                                      hints_before_pass=0)
                s.add(state)
            state.hints_shown = (state.hints_shown or 0) + 1
            if state.passed_at is None:
                state.hints_before_pass = (state.hints_before_pass or 0) + 1
            return state.hints_shown

    def _update_states(self, s: Session, ids: dict[str, int], events: list[AttemptEvent]) -> None:
        """Attempts arriving in time order (nearly all) update their summary row in place; one older
        than what the row already counts means rebuilding that row from the attempts."""
        rebuild: set[tuple[int, str, str]] = set()
        keys = {(ids[e.learner], e.module, e.exercise) for e in events}
        # One read for the whole batch: a class checking at once is one query, not one per attempt.
        ordered = sorted(keys)
        states: dict[tuple[int, str, str], ExerciseState] = {}
        pk = tuple_(ExerciseState.learner_id, ExerciseState.module, ExerciseState.exercise)
        for i in range(0, len(ordered), KEYS_PER_QUERY):
            for st in s.scalars(select(ExerciseState).where(pk.in_(ordered[i:i + KEYS_PER_QUERY]))):
                states[(st.learner_id, st.module, st.exercise)] = st
        for e in events:
            key = (ids[e.learner], e.module, e.exercise)
            if key in rebuild:
                continue
            state = states.get(key)
            if state is None:
                states[key] = ExerciseState(learner_id=key[0], module=e.module, exercise=e.exercise, attempts=1,
                                            first_at=e.at, last_at=e.at, passed_at=e.at if e.passed else None,
                                            fails_before_pass=0 if e.passed else 1, hints_shown=0,
                                            hints_before_pass=0)
                s.add(states[key])
            elif e.at >= state.last_at:
                state.attempts += 1
                state.last_at = e.at
                if state.passed_at is None:
                    if e.passed:
                        state.passed_at = e.at
                    else:
                        state.fails_before_pass += 1
            else:
                rebuild.add(key)
        for key in rebuild:
            self._refresh_state(s, *key)

    def _refresh_state(self, s: Session, learner_id: int, module: str, exercise: str) -> None:
        """Rebuild one summary row from the attempts, so late or out-of-order events land right."""
        where = and_(Attempt.learner_id == learner_id, Attempt.module == module, Attempt.exercise == exercise)
        count, first, last, passed_at = s.execute(
            select(func.count(), func.min(Attempt.at), func.max(Attempt.at),
                   func.min(case((Attempt.passed, Attempt.at)))).where(where)).one()
        fails = s.scalar(select(func.count()).where(where, ~Attempt.passed,
                                                   *(() if passed_at is None else (Attempt.at < passed_at,))))
        state = s.get(ExerciseState, (learner_id, module, exercise))
        if state is None:
            state = ExerciseState(learner_id=learner_id, module=module, exercise=exercise)
            s.add(state)
        state.attempts, state.first_at, state.last_at = count, first, last
        state.passed_at, state.fails_before_pass = passed_at, fails or 0

    # ------------------------------------------------------------ grades
    def record_grades(self, grades: dict[str, list[rules.GradeRecord]]) -> int:
        """Learner -> their current grades (as synced from the gradebook); completions, skills and
        certificates follow the curriculum's rules. Returns how many grades changed."""
        changed = 0
        with Session(self.engine) as s, s.begin():
            ids = self._learner_ids(s, grades, create=True)
            for name, records in grades.items():
                lid = ids[name]
                current = {g.module: g for g in s.scalars(select(Grade).where(Grade.learner_id == lid))}
                for r in records:
                    g = current.get(r.module)
                    if g is None:
                        s.add(Grade(learner_id=lid, module=r.module, score=r.score, max_score=r.max_score,
                                    pending=r.pending, graded_at=r.graded_at))
                        changed += 1
                    elif (g.score, g.max_score, g.pending) != (r.score, r.max_score, r.pending):
                        g.score, g.max_score, g.pending, g.graded_at = r.score, r.max_score, r.pending, r.graded_at
                        changed += 1
                s.flush()
                self._apply_rules(s, lid)
        return changed

    def _apply_rules(self, s: Session, lid: int) -> None:
        grades = [rules.GradeRecord(g.module, g.score, g.max_score, g.graded_at, g.pending)
                  for g in s.scalars(select(Grade).where(Grade.learner_id == lid))]
        earlier = {c.module: c.completed_at for c in s.scalars(select(Completion).where(Completion.learner_id == lid))}
        done = rules.completions(self.curriculum, grades, earlier)
        # Only what changed is written: the sync runs every minute, and in SQLite even a DELETE of nothing takes
        # the write lock the checks service's attempts wait on.
        undone = [m for m in earlier if m not in done]
        if undone:
            s.query(Completion).filter(Completion.learner_id == lid, Completion.module.in_(undone)).delete()
        s.add_all(Completion(learner_id=lid, module=m, completed_at=t) for m, t in done.items() if m not in earlier)
        for model, key, wanted in ((SkillEarned, "skill", rules.skills_earned(self.curriculum, done)),
                                   (Certificate, "level", rules.certificates(self.curriculum, done))):
            have = {getattr(r, key): r for r in s.scalars(select(model).where(model.learner_id == lid))}
            for k, row in have.items():
                if k not in wanted:
                    s.delete(row)
            s.add_all(model(learner_id=lid, **{key: k}, **{"earned_at" if model is SkillEarned else "issued_at": t})
                      for k, t in wanted.items() if k not in have)

    # ------------------------------------------------------------ views
    def learner_record(self, name: str) -> LearnerRecord:
        with Session(self.engine) as s:
            lid = s.scalar(select(Learner.id).where(Learner.name == name))
            states = list(s.scalars(select(ExerciseState).where(ExerciseState.learner_id == lid))) if lid else []
            grades = {g.module: rules.GradeRecord(g.module, g.score, g.max_score, g.graded_at, g.pending)
                      for g in s.scalars(select(Grade).where(Grade.learner_id == lid))} if lid else {}
            completed = {c.module: c.completed_at
                         for c in s.scalars(select(Completion).where(Completion.learner_id == lid))} if lid else {}
            certs = {c.level: c.issued_at
                     for c in s.scalars(select(Certificate).where(Certificate.learner_id == lid))} if lid else {}
        passed: dict[str, int] = defaultdict(int)
        passed_names: dict[str, set[str]] = defaultdict(set)
        for st in states:
            if st.passed_at is not None:
                passed[st.module] += 1
                passed_names[st.module].add(st.exercise)
        started = {st.module for st in states} | set(grades)
        modules = rules.statuses(self.curriculum, set(completed), started, passed,
                                 {m: len(ex) for m, ex in self.catalogue.items()})
        nxt = rules.next_step(modules)
        next_exercise = None
        if nxt is not None:
            next_exercise = next((e for e in self.catalogue.get(nxt.module, ()) if e not in passed_names[nxt.module]),
                                 None)
        return LearnerRecord(name, modules, nxt, next_exercise, rules.skill_progress(self.curriculum, set(completed)),
                             grades, certs, sum(st.attempts for st in states),
                             max((st.last_at for st in states), default=None))

    def heatmap(self, cohort: str) -> Heatmap:
        learners = self.members(cohort)
        exercises = [(m.id, e) for m in self.curriculum.modules for e in self.catalogue.get(m.id, ())]
        cells: dict[str, dict[tuple[str, str], str]] = {n: {} for n in learners}
        with Session(self.engine) as s:
            rows = s.execute(self._cohort_states(cohort, Learner.name, ExerciseState.module, ExerciseState.exercise,
                                                 ExerciseState.passed_at))
            for name, module, exercise, passed_at in rows:
                cells[name][(module, exercise)] = "passed" if passed_at is not None else "trying"
        return Heatmap(learners, exercises, cells)

    @staticmethod
    def _learners_of(query, cohort: str, learner_id):
        """Narrow ``query`` to rows whose ``learner_id`` is a learner (not a teacher) of ``cohort``."""
        return (query.join(Enrolment, and_(Enrolment.learner_id == learner_id, Enrolment.role == "learner"))
                .join(Cohort, and_(Cohort.id == Enrolment.cohort_id, Cohort.name == cohort)))

    def _cohort_states(self, cohort: str, *columns):
        return self._learners_of(select(*columns).join(Learner, Learner.id == ExerciseState.learner_id),
                                 cohort, Learner.id)

    def hardest(self, cohort: str, limit: int = 10) -> list[dict]:
        """Exercises by how many who tried have not passed, then by failed tries before a pass."""
        with Session(self.engine) as s:
            rows = s.execute(self._cohort_states(
                cohort, ExerciseState.module, ExerciseState.exercise, func.count(),
                func.sum(case((ExerciseState.passed_at.is_not(None), 1), else_=0)),
                func.avg(ExerciseState.fails_before_pass))
                .group_by(ExerciseState.module, ExerciseState.exercise)).all()
        out = [{"module": m, "exercise": e, "tried": n, "passed": int(p or 0), "pass_rate": (p or 0) / n,
                "mean_failed_tries": float(f or 0)} for m, e, n, p, f in rows]
        out.sort(key=lambda r: (r["pass_rate"], -r["mean_failed_tries"]))
        return out[:limit]

    def exercise_rows(self, cohort: str) -> list[tuple]:
        """(module, exercise, attempts, fails before pass, hints shown, hints before pass, first at, passed at)
        for each of the cohort's learners and each exercise they have tried or asked a hint for."""
        with Session(self.engine) as s:
            return [tuple(r) for r in s.execute(self._cohort_states(
                cohort, ExerciseState.module, ExerciseState.exercise, ExerciseState.attempts,
                ExerciseState.fails_before_pass, ExerciseState.hints_shown, ExerciseState.hints_before_pass,
                ExerciseState.first_at, ExerciseState.passed_at))]

    def needing_help(self, cohort: str, now: datetime | None = None, stuck_after: int = 3,
                     inactive_days: int = 14) -> list[dict]:
        """Stuck: failed an exercise ``stuck_after`` times without passing it. Inactive: no check for a while."""
        now = now or utcnow()
        learners = self.members(cohort)
        with Session(self.engine) as s:
            stuck = s.execute(self._cohort_states(cohort, Learner.name, ExerciseState.module, ExerciseState.exercise,
                                                  ExerciseState.fails_before_pass)
                              .where(ExerciseState.passed_at.is_(None),
                                     ExerciseState.fails_before_pass >= stuck_after)).all()
            last = dict(s.execute(self._cohort_states(cohort, Learner.name, func.max(ExerciseState.last_at))
                                  .group_by(Learner.name)).all())
        out = [{"learner": n, "why": f"stuck on {m}.{e} after {f} tries", "since": None} for n, m, e, f in stuck]
        cutoff = now - timedelta(days=inactive_days)
        for n in learners:
            if last.get(n) is None:
                out.append({"learner": n, "why": "has not run a check yet", "since": None})
            elif last[n] < cutoff:
                out.append({"learner": n, "why": f"no checks for {(now - last[n]).days} days", "since": last[n]})
        return sorted(out, key=lambda r: r["learner"])

    def completions_over_time(self, cohort: str) -> dict[str, list[tuple[datetime, int]]]:
        """Module -> cumulative completions by date, for the cohort's learners."""
        with Session(self.engine) as s:
            rows = s.execute(self._learners_of(select(Completion.module, Completion.completed_at), cohort,
                                               Completion.learner_id).order_by(Completion.completed_at)).all()
        out: dict[str, list[tuple[datetime, int]]] = defaultdict(list)
        for module, at in rows:
            out[module].append((at, len(out[module]) + 1))
        return dict(out)

    def export_rows(self, cohort: str) -> list[dict]:
        """One row per learner and exercise they tried, plus their grades (``EXPORT_COLUMNS``): what instructors
        take to Excel."""
        with Session(self.engine) as s:
            rows = s.execute(self._cohort_states(cohort, Learner.name, ExerciseState.module, ExerciseState.exercise,
                                                 ExerciseState.attempts, ExerciseState.first_at,
                                                 ExerciseState.passed_at, ExerciseState.fails_before_pass)
                             .order_by(Learner.name, ExerciseState.module, ExerciseState.exercise)).all()
            grades = {(n, m): (sc, mx) for n, m, sc, mx in s.execute(self._learners_of(
                select(Learner.name, Grade.module, Grade.score, Grade.max_score)
                .join(Learner, Learner.id == Grade.learner_id),
                cohort, Learner.id))}
        return [dict(zip(EXPORT_COLUMNS, (*row, *grades.get((row[0], row[1]), (None, None))), strict=True))
                for row in rows]

    # ------------------------------------------------------------ club sessions
    def start_session(self, club: str, module: str, exercises: list[str], by: str) -> int:
        for e in exercises:
            check_exercise(module, e, self.catalogue)
        if not exercises:
            raise ProgressError("a session needs at least one exercise")
        with Session(self.engine) as s, s.begin():
            cohort = s.scalar(select(Cohort).where(Cohort.name == club, Cohort.kind == "club"))
            if cohort is None:
                raise ProgressError(f"no code club named {club!r}")
            row = ClubSession(cohort_id=cohort.id, module=module, exercises=",".join(exercises), started_by=by,
                              started_at=utcnow())
            s.add(row)
            s.flush()
            return row.id

    def session_info(self, session_id: int) -> dict:
        with Session(self.engine) as s:
            row = s.get(ClubSession, session_id)
            if row is None:
                raise ProgressError(f"no club session {session_id}")
            cohort = s.get(Cohort, row.cohort_id)
            club = cohort.name if cohort is not None else "?"
            return {"id": row.id, "club": club, "module": row.module, "title": self.curriculum.title_of(row.module),
                    "exercises": row.exercises.split(","),
                    "started_by": row.started_by, "started_at": row.started_at, "ended_at": row.ended_at}

    def sessions(self, club: str) -> list[dict]:
        with Session(self.engine) as s:
            ids = s.scalars(select(ClubSession.id).join(Cohort, Cohort.id == ClubSession.cohort_id)
                            .where(Cohort.name == club).order_by(ClubSession.started_at.desc())).all()
        return [self.session_info(i) for i in ids]

    def join_session(self, session_id: int, learner: str) -> None:
        info = self.session_info(session_id)
        if info["ended_at"] is not None:
            raise ProgressError("this session has ended")
        with Session(self.engine) as s, s.begin():
            lid = self._learner_ids(s, [learner], create=True)[learner]
            if s.get(SessionMember, (session_id, lid)) is None:
                s.add(SessionMember(session_id=session_id, learner_id=lid, joined_at=utcnow()))

    def end_session(self, session_id: int) -> None:
        with Session(self.engine) as s, s.begin():
            row = s.get(ClubSession, session_id)
            if row is None:
                raise ProgressError(f"no club session {session_id}")
            row.ended_at = row.ended_at or utcnow()

    def board(self, session_id: int) -> dict:
        """Who has passed which of the session's checks, counting attempts made while the session ran."""
        info = self.session_info(session_id)
        until = info["ended_at"] or datetime.max
        with Session(self.engine) as s:
            members = s.execute(select(Learner.id, Learner.name)
                                .join(SessionMember, SessionMember.learner_id == Learner.id)
                                .where(SessionMember.session_id == session_id).order_by(Learner.name)).all()
            ids = [i for i, _ in members]
            rows = s.execute(select(Attempt.learner_id, Attempt.exercise, func.max(case((Attempt.passed, 1), else_=0)),
                                    func.count())
                             .where(Attempt.learner_id.in_(ids), Attempt.module == info["module"],
                                    Attempt.exercise.in_(info["exercises"]), Attempt.at >= info["started_at"],
                                    Attempt.at <= until)
                             .group_by(Attempt.learner_id, Attempt.exercise)).all() if ids else []
        got = {(lid, e): ("passed" if p else "trying") for lid, e, p, _ in rows}
        return {**info, "started_at": info["started_at"].isoformat() + "Z",
                "ended_at": info["ended_at"].isoformat() + "Z" if info["ended_at"] else None,
                "members": [{"learner": n, "checks": {e: got.get((lid, e), "not yet") for e in info["exercises"]}}
                            for lid, n in members]}
