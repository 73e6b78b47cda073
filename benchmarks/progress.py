"""The progress service under a whole programme's history.

Starts a real hub (as ``make demo`` does; the progress service is one of its
services), then loads the service's store with a synthetic programme: 10,000
learners in 40 council intakes of 250, each with a realistic history over
the curriculum's modules and exercises (most reach the early modules, fewer
the later ones; one to six tries per exercise; grades and completions for
the modules they finished). The demo's instructor teaches the first intake
and the demo learners are in it.

Then, on loopback, through the hub's proxy as a browser would, the
instructor's cohort view (heatmap of 250 learners by every exercise, hardest
exercises, who needs help, completions chart), its CSV export and a
learner's own views, N times each: p50 and p95 latency (target p95 < 300 ms).

Check events no longer come to this service from notebooks: the checks
service records each verdict itself, and ``benchmarks/checks.py`` measures
that (a class checking at once, every attempt recorded).

    .venv/bin/python benchmarks/progress.py [--learners 10000] [--views 60]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

import numpy as np
from hub_load import percentile  # noqa: E402 - the same nearest-rank percentile as the hub benchmark
from sqlalchemy import create_engine, insert, select

from academy.curriculum import load  # noqa: E402
from academy.progress.events import utcnow
from academy.progress.models import Attempt, Cohort, Completion, Enrolment, ExerciseState, Grade, Learner  # noqa: E402
from academy.testing.hub_client import HubSession
from academy.testing.hubs import start_hub  # the tests' real-hub helper: same start as make demo

TARGET_VIEW_P95_MS = 300.0
COHORT_SIZE = 250
DEMO_LEARNERS = ["amira", "ben", "chloe"]


def build_programme(url: str, course: Path, learners: int, seed: int = 1) -> dict[str, int]:
    """Bulk-load a realistic history straight into the store's tables; returns row counts."""
    rng = np.random.default_rng(seed)
    curriculum = load(course)
    catalogue = curriculum.catalogue
    modules = [m.id for m in curriculum.modules]
    engine = create_engine(url)
    names = DEMO_LEARNERS + [f"p{i:05d}" for i in range(learners - len(DEMO_LEARNERS))]
    now = utcnow()
    # How far each learner got: most finish the early modules, fewer the later ones (three times as many
    # stop after the first module as reach the last, however many modules the curriculum has).
    weights = np.linspace(3, 1, len(modules))
    reached = rng.choice(np.arange(1, len(modules) + 1), size=len(names), p=weights / weights.sum())
    started = [now - timedelta(days=float(d)) for d in rng.uniform(5, 180, len(names))]
    counts = {"learners": len(names)}
    with engine.begin() as conn:
        known = set(conn.execute(select(Learner.name)).scalars())  # the demo people, from the hub's groups
        conn.execute(insert(Learner),
                     [{"name": n, "created_at": started[i]} for i, n in enumerate(names) if n not in known])
        ids = dict(conn.execute(select(Learner.name, Learner.id)).all())
        cohorts = [f"intake-{k + 1:02d}" for k in range((len(names) + COHORT_SIZE - 1) // COHORT_SIZE)]
        conn.execute(insert(Cohort), [{"name": c, "kind": "intake"} for c in cohorts])
        cohort_ids = dict(conn.execute(select(Cohort.name, Cohort.id)).all())
        enrol = [{"cohort_id": cohort_ids[cohorts[i // COHORT_SIZE]], "learner_id": ids[n], "role": "learner"}
                 for i, n in enumerate(names)]
        conn.execute(insert(Enrolment), enrol)
        attempts, states, grades, completions = [], [], [], []
        for i, name in enumerate(names):
            t = started[i]
            lid = ids[name]
            for k, module in enumerate(modules[: reached[i]]):
                finished = k < reached[i] - 1 or rng.random() < 0.5
                for exercise in catalogue[module]:
                    tries = int(min(6, rng.geometric(0.55)))
                    passes = finished or rng.random() < 0.6
                    first, passed_at = None, None
                    for j in range(tries):
                        t += timedelta(minutes=float(rng.uniform(1, 15)))
                        ok = passes and j == tries - 1
                        first = first or t
                        passed_at = t if ok else passed_at
                        attempts.append({"event_id": uuid.uuid4().hex, "learner_id": lid, "module": module,
                                         "exercise": exercise, "passed": ok, "seconds": float(rng.uniform(0.05, 2)),
                                         "at": t, "received_at": t})
                    states.append({"learner_id": lid, "module": module, "exercise": exercise, "attempts": tries,
                                   "first_at": first, "last_at": t, "passed_at": passed_at,
                                   "fails_before_pass": tries - 1 if passed_at else tries})
                if finished:
                    t += timedelta(days=float(rng.uniform(1, 10)))
                    grades.append({"learner_id": lid, "module": module, "score": 8.0, "max_score": 8.0,
                                   "pending": 0.0, "graded_at": t})
                    completions.append({"learner_id": lid, "module": module, "completed_at": t})
            if len(attempts) > 50_000:
                conn.execute(insert(Attempt), attempts)
                counts["attempts"] = counts.get("attempts", 0) + len(attempts)
                attempts = []
        for model, rows, key in ((Attempt, attempts, "attempts"), (ExerciseState, states, "exercise states"),
                                 (Grade, grades, "grades"), (Completion, completions, "completions")):
            for start in range(0, len(rows), 50_000):
                conn.execute(insert(model), rows[start:start + 50_000])
            counts[key] = counts.get(key, 0) + len(rows)
    engine.dispose()
    return counts


def time_views(session: HubSession, path: str, n: int) -> list[float]:
    out = []
    session.service("GET", "progress", path)  # first visit logs in through the hub
    for _ in range(n):
        t0 = time.perf_counter()
        r = session.service("GET", "progress", path)
        out.append((time.perf_counter() - t0) * 1000)
        if r.status_code != 200:
            raise RuntimeError(f"{path}: HTTP {r.status_code} {r.text[:200]}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--views", type=int, default=60, help="requests per view")
    args = parser.parse_args()
    if not COHORT_SIZE <= args.learners <= 100_000:
        parser.error(f"--learners must be {COHORT_SIZE}-100000")

    base = Path(tempfile.mkdtemp(prefix="academy-progress-bench-"))
    print(f"Starting a hub in {base} …", flush=True)
    hub = start_hub(base, modules=("m01",), ACADEMY_HUB_IDLE_TIMEOUT="0")
    store_url = f"sqlite:///{hub.state / 'progress' / 'progress.sqlite'}"
    failed = False
    try:
        instructor = hub.session("instructor")
        instructor.service("GET", "progress", "")  # the service has made its schema and read the hub's groups
        t0 = time.perf_counter()
        counts = build_programme(store_url, hub.course, args.learners)
        print(f"store loaded in {time.perf_counter() - t0:.1f} s: "
              + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
        with create_engine(store_url).begin() as conn:  # the demo instructor teaches the first intake
            cohort = conn.execute(select(Cohort.id).where(Cohort.name == "intake-01")).scalar_one()
            person = conn.execute(select(Learner.id).where(Learner.name == "instructor")).scalar_one()
            conn.execute(insert(Enrolment), [{"cohort_id": cohort, "learner_id": person, "role": "instructor"}])

        print("\nviews (through the proxy, logged in as a person; ms):")
        amira = hub.session("amira")
        exercises = sum(len(e) for e in load(hub.course).catalogue.values())
        for label, who, path in ((f"cohort view, {COHORT_SIZE} learners × {exercises} exercises", instructor,
                                  "cohorts/intake-01"),
                                 ("cohort CSV export", instructor, "cohorts/intake-01/export.csv"),
                                 ("learner's page", amira, "me"), ("learner's record (JSON)", amira, "api/me")):
            times = time_views(who, path, args.views)
            p95 = percentile(times, 0.95)
            failed |= p95 >= TARGET_VIEW_P95_MS
            print(f"  {label:<42} p50 {statistics.median(times):7.1f}   p95 {p95:7.1f}   "
                  f"({p95 / TARGET_VIEW_P95_MS:.2f}× the {TARGET_VIEW_P95_MS:.0f} ms target)")

    finally:
        hub.stop(timeout=120)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
