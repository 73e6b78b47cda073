"""Latency of the instant checks as a learner meets them: kernel -> checks service behind the hub -> reply.

Starts a real hub (the tests' helper, the same start as ``make demo``), signs
learners in, and calls the checks service with each learner's own hub token
through the notebook's own client (``academy.notebook.client``), the answer
sent as data exactly as ``ex.q3.check(answer)`` sends it.

1. Per exercise of every module, the p50 and p95 of a right answer (the
   published solution, on that learner's data) and of a wrong one, after the
   module's data is loaded; and the first load of each module's data.
2. ``--learners`` (default 200) learners checking at the same moment on
   loopback: p50/p95 and whether every attempt reached the progress store.

Targets (issue 14): every exercise p95 under 100 ms; 200 at once p95 under
300 ms with no attempt lost; the first load of the largest module under 1 s.

    .venv/bin/python benchmarks/checks.py [--repeat 20] [--learners 200]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

TARGET_MS, CROWD_TARGET_MS, LOAD_TARGET_S = 100.0, 300.0, 1.0


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20, help="checks per exercise and kind of answer")
    parser.add_argument("--learners", type=int, default=200, help="learners checking at the same moment")
    parser.add_argument("--modules", default="", help="comma-separated modules to time one by one (default all; "
                        "'none' for only the class checking at once)")
    args = parser.parse_args()

    from academy.checks import registry
    from academy.checks.answers import published_answers
    from academy.checks.judge import Judge
    from academy.course import Course
    from academy.hub import accounts
    from academy.notebook.client import ClientModule, ServiceBackend
    from academy.testing.hub_client import HubSession
    from academy.testing.hubs import start_hub

    base = Path(tempfile.mkdtemp(prefix="academy-checks-bench-"))
    people = {f"bench{i:03d}": uuid.uuid4().hex[:12] for i in range(max(args.learners, 1))}
    (base / "state").mkdir()
    accounts.load_or_create(base / "state")
    saved = json.loads(accounts.accounts_file(base / "state").read_text())
    accounts.accounts_file(base / "state").write_text(json.dumps({**saved, **people}))
    print(f"Starting a hub in {base} …", flush=True)
    hub = start_hub(base, ACADEMY_HUB_IDLE_TIMEOUT="0")
    url = f"{hub.url}/services/checks/"
    try:
        print(f"signing in {len(people)} learners …", flush=True)
        tokens = {name: HubSession(hub.url).login(name, pw).token() for name, pw in people.items()}
        course = Course.at(hub.course)
        judge = Judge(course)  # the benchmark may read the course: it computes the right answers to send
        first = next(iter(tokens))
        worst, worst_at, loads = 0.0, "", {}
        chosen = [m for m in args.modules.split(",") if m] if args.modules else registry.module_ids(course)
        for module_id in (m for m in chosen if m != "none"):
            t = time.perf_counter()
            ex = ClientModule(module_id, ServiceBackend(url, tokens[first]))
            loads[module_id] = time.perf_counter() - t
            answers = published_answers(registry.module(module_id, course), judge.bound(module_id, first))
            print(f"\nmodule {module_id}: first load of the learner's data {loads[module_id] * 1000:.0f} ms")
            print(f"{'exercise':<10}{'right p50':>11}{'right p95':>11}{'wrong p50':>11}{'wrong p95':>11}   (ms)")
            for name, right in answers.items():
                row = []
                for answer, should_pass in ((right, True), (12345, False)):
                    times = []
                    for _ in range(args.repeat):
                        t = time.perf_counter()
                        verdict = getattr(ex, name).check(answer)
                        times.append((time.perf_counter() - t) * 1000)
                        if bool(getattr(verdict, "passed", False)) != should_pass:
                            sys.exit(f"{module_id}.{name}: the service judged a {'right' if should_pass else 'wrong'}"
                                     f" answer wrongly: {verdict}")
                    p95 = percentile(times, 95)
                    if p95 > worst:
                        worst, worst_at = p95, f"{module_id}.{name}"
                    row += [statistics.median(times), p95]
                print(f"{name:<10}" + "".join(f"{x:>11.1f}" for x in row))

        # --------------------------------------------------------------- a class checking at the same moment
        crowd = list(tokens)[: args.learners]
        print(f"\n{len(crowd)} learners load m02, then all check m02.q1 at the same moment …", flush=True)
        with ThreadPoolExecutor(16) as pool:
            mods = dict(zip(crowd, pool.map(lambda n: ClientModule("m02", ServiceBackend(url, tokens[n])), crowd)))
        store = sqlite3.connect(hub.state / "progress" / "progress.sqlite")
        count = "select count(*) from attempts where module = 'm02' and exercise = 'q1'"
        before = store.execute(count).fetchone()[0]
        barrier = threading.Barrier(len(crowd))
        times: list[float] = []
        failures: list[str] = []

        def one(name: str) -> None:
            requests_table = mods[name].table("requests")
            answer = int((requests_table["request_type"] == "Fly-tipping").sum())
            barrier.wait()
            t = time.perf_counter()
            verdict = mods[name].q1.check(answer)
            times.append((time.perf_counter() - t) * 1000)
            if not getattr(verdict, "passed", False):
                failures.append(f"{name}: {verdict}")

        threads = [threading.Thread(target=one, args=(n,)) for n in crowd]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        recorded = store.execute(count).fetchone()[0] - before
        store.close()
    finally:
        hub.stop(timeout=120)
    if loads:
        largest = max(loads, key=loads.get)
        print(f"\nSlowest exercise p95: {worst:.1f} ms ({worst_at}); target under {TARGET_MS:.0f} ms: "
              f"{worst / TARGET_MS:.2f}× the target.")
        print(f"Slowest first load: {loads[largest]:.2f} s ({largest}); target under {LOAD_TARGET_S:.0f} s: "
              f"{loads[largest] / LOAD_TARGET_S:.2f}× the target.")
    if times:
        p95 = percentile(times, 95)
        print(f"{len(crowd)} at once: p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms; target p95 under "
              f"{CROWD_TARGET_MS:.0f} ms: {p95 / CROWD_TARGET_MS:.2f}× the target. "
              f"Attempts recorded {recorded} of {len(crowd)}; wrong verdicts {len(failures)}.")
    for line in failures[:5]:
        print(f"  {line}")
    sys.exit(1 if failures or recorded != len(crowd) else 0)


if __name__ == "__main__":
    main()
