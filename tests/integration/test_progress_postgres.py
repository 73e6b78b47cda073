"""The progress store on a real PostgreSQL server: the same answers as on SQLite, by changing only the URL.

A throwaway server is started from Debian's postgresql (``make test``
installs it) as an unprivileged account, on a free loopback port.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from datetime import datetime
from pathlib import Path

import pytest

from academy.curriculum import load
from academy.hub.settings import free_port
from academy.progress import rules
from academy.progress.events import AttemptEvent, UnknownExercise
from academy.progress.store import ProgressStore

COURSE = load(Path(__file__).resolve().parents[2] / "courses" / "accelerator")
BINARIES = sorted(glob.glob("/usr/lib/postgresql/*/bin"))


@pytest.fixture(scope="module")
def postgres_url():
    if not BINARIES:
        pytest.fail("PostgreSQL is not installed: `make test` installs Debian's postgresql")
    binaries = Path(BINARIES[-1])
    user = pwd.getpwnam("nobody") if os.geteuid() == 0 else pwd.getpwuid(os.geteuid())
    # Not under pytest's own temporary folder: that is private to root, and the server runs as `nobody`.
    home = Path(tempfile.mkdtemp(prefix="academy-pg-"))
    home.chmod(0o755)
    os.chown(home, user.pw_uid, user.pw_gid)
    data = home / "data"

    def as_user():
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)

    port = free_port()
    run = dict(preexec_fn=as_user, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    done = subprocess.run([str(binaries / "initdb"), "-D", str(data), "-U", "academy", "--auth=trust", "-E", "UTF8"],
                          **run)
    assert done.returncode == 0, done.stderr
    started = subprocess.run([str(binaries / "pg_ctl"), "-D", str(data), "-l", str(data.parent / "log"), "-w", "start",
                              "-o", f"-h 127.0.0.1 -p {port} -k {data.parent}"], **run)
    assert started.returncode == 0, started.stderr + (data.parent / "log").read_text()
    try:
        yield f"postgresql+psycopg://academy@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"], **run)
        shutil.rmtree(home, ignore_errors=True)


def exercise(store: ProgressStore) -> dict:
    """One programme's worth of operations; returns everything the views would show."""
    store.sync_cohorts({"intake-a": ("intake", {"learner": ["amy", "bo"], "instructor": ["ivy"]}),
                        "club-x": ("club", {"learner": ["amy"], "organiser": ["oli"]})})
    t = time.time() - 600
    ev = lambda who, q, ok, dt, i: AttemptEvent.from_dict(  # noqa: E731
        {"module": "m01", "exercise": q, "passed": ok, "at": t + dt, "event_id": f"{who}-{i}"}, learner=who)
    sid = store.start_session("club-x", "m01", ["q1"], "oli")
    store.join_session(sid, "amy")
    results = [store.record([ev("amy", "q1", True, 300, 3), ev("amy", "q1", True, 300, 3)]),
               store.record([ev("amy", "q1", False, 100, 1), ev("amy", "q1", False, 200, 2)]),
               store.record([ev("bo", "q2", False, 50 + i, 10 + i) for i in range(4)])]
    with pytest.raises(UnknownExercise):
        store.record([ev("amy", "q42", True, 1, 99)])
    store.record_grades({"amy": [rules.GradeRecord("m01", 8, 8, datetime(2026, 5, 1)),
                                 rules.GradeRecord("m02", 7, 8, datetime(2026, 5, 9))]})
    record = store.learner_record("amy")
    board = store.board(sid)
    return {
        "results": [(r.recorded, r.duplicates) for r in results],
        "heatmap": store.heatmap("intake-a").cells,
        "hardest": store.hardest("intake-a"),
        "help": [h["why"] for h in store.needing_help("intake-a")],
        "completions": store.completions_over_time("intake-a"),
        "export": [{k: v for k, v in row.items() if k not in ("first_try", "passed_at")}
                   for row in store.export_rows("intake-a")],
        "statuses": [(m.module, m.status) for m in record.modules],
        "certificates": record.certificates,
        "board": board["members"],
    }


def test_postgresql_gives_the_same_answers_as_sqlite(postgres_url, tmp_path):
    on_postgres = exercise(ProgressStore(postgres_url, COURSE))
    on_sqlite = exercise(ProgressStore(f"sqlite:///{tmp_path / 'p.sqlite'}", COURSE))
    assert on_postgres == on_sqlite
    assert on_postgres["results"] == [(1, 1), (2, 0), (4, 0)]
    assert on_postgres["certificates"] == {1: datetime(2026, 5, 9)}
    # Reopening migrates nothing and keeps everything.
    again = ProgressStore(postgres_url, COURSE)
    assert again.learner_record("amy").attempts == 3
