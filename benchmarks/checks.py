"""Latency of the instant checks as a learner meets them: kernel -> checks service behind the hub -> reply.

Starts a real hub (the tests' helper, the same start as ``make demo``), signs
learners in, asks one learner's own kernel for the checker's address the hub
gave it (a kernel calls the service directly, as it calls the hub's API, not
through the public proxy), and calls the checks service there with each
learner's own hub token through the notebook's own client
(``academy.notebook.client``), the answer sent as data exactly as
``ex.q3.check(answer)`` sends it.

1. Per exercise of every module, the p50 and p95 of a right answer (the
   published solution, on that learner's data) and of a wrong one, after the
   module's data is loaded; and the first load of each module's data.
2. ``--learners`` (default 200) learners checking at the same moment on
   loopback: p50/p95 and whether every attempt reached the progress store.
   The learners are spread over ``--kernels`` client processes (on a hub each
   learner's kernel is a process of its own), all on this machine's cores
   beside the hub, the proxy and the service.

Targets (issue 14): every exercise p95 under 100 ms; 200 at once p95 under
300 ms with no attempt lost; the first load of the largest module under 1 s.

    .venv/bin/python benchmarks/checks.py [--repeat 20] [--learners 200] [--kernels 20]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
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


def class_member(url: str, tokens: dict[str, str], ready, results) -> None:  # noqa: ANN001 - multiprocessing
    """Some learners' kernels (one process, a thread each, as the notebook's own client calls): load m02,
    wait for everyone, check q1 at once. Learners' kernels are separate processes on a hub; one process for
    all 200 would measure its own lock contention instead of the service."""
    from academy.notebook.client import ClientModule, ServiceBackend

    mods = {n: ClientModule("m02", ServiceBackend(url, t)) for n, t in tokens.items()}
    answers = {n: int((m.table("requests")["request_type"] == "Fly-tipping").sum()) for n, m in mods.items()}
    go = threading.Barrier(len(mods) + 1)
    times: list[float] = []
    failures: list[str] = []

    def one(name: str) -> None:
        go.wait()
        t = time.perf_counter()
        verdict = mods[name].q1.check(answers[name])
        times.append((time.perf_counter() - t) * 1000)
        if not getattr(verdict, "passed", False):
            failures.append(f"{name}: {verdict}")

    threads = [threading.Thread(target=one, args=(n,)) for n in mods]
    for th in threads:
        th.start()
    ready.wait(timeout=600)
    cpu = time.process_time()
    go.wait()
    for th in threads:
        th.join()
    results.put((times, failures, time.process_time() - cpu))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20, help="checks per exercise and kind of answer")
    parser.add_argument("--learners", type=int, default=200, help="learners checking at the same moment")
    parser.add_argument("--kernels", type=int, default=20,
                        help="client processes the learners are spread over (on a hub, each learner's own kernel)")
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
    # The benchmark judges right answers itself with the course's secret: a secret given in the environment
    # (which wins over the course folder's) must reach the hub too, or the two would build different data.
    given = {k: os.environ[k] for k in ("ACADEMY_GRADER_SECRET", "ACADEMY_GRADER_SECRET_FILE") if k in os.environ}
    hub = start_hub(base, ACADEMY_HUB_IDLE_TIMEOUT="0", **given)
    try:
        print(f"signing in {len(people)} learners …", flush=True)
        with ThreadPoolExecutor(4) as pool:
            tokens = dict(pool.map(lambda item: (item[0], HubSession(hub.url).login(*item).token()), people.items()))
        someone = HubSession(hub.url).login(*next(iter(people.items())))
        url = someone.run_in_kernel("import os; print(os.environ['ACADEMY_CHECKS_URL'])").strip()
        someone.stop_server()
        print(f"the checker's address in a learner's kernel: {url}", flush=True)
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
        kernels = max(1, min(args.kernels, len(crowd)))
        print(f"\n{len(crowd)} learners (in {kernels} client processes) load m02, then all check m02.q1 at the "
              "same moment …", flush=True)
        store = sqlite3.connect(hub.state / "progress" / "progress.sqlite")
        count = "select count(*) from attempts where module = 'm02' and exercise = 'q1'"
        before = store.execute(count).fetchone()[0]
        spawn = multiprocessing.get_context("spawn")
        ready, results = spawn.Barrier(kernels + 1), spawn.Queue()
        shares = [crowd[i::kernels] for i in range(kernels)]
        procs = [spawn.Process(target=class_member, args=(url, {n: tokens[n] for n in share}, ready, results))
                 for share in shares]
        for proc in procs:
            proc.start()
        ready.wait(timeout=600)  # every learner's data is loaded: now they all press the button
        times: list[float] = []
        failures: list[str] = []
        client_cpu = 0.0
        for _ in procs:
            got_times, got_failures, got_cpu = results.get(timeout=600)
            times += got_times
            failures += got_failures
            client_cpu += got_cpu
        for proc in procs:
            proc.join(timeout=60)
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
        print(f"  the learners' own clients used {client_cpu * 1000:.0f} ms of CPU for it "
              f"({client_cpu * 1000 / len(crowd):.2f} ms a check), on the same {os.cpu_count()} cores as the hub.")
    for line in failures[:5]:
        print(f"  {line}")
    sys.exit(1 if failures or recorded != len(crowd) else 0)


if __name__ == "__main__":
    main()
