"""Many learners arriving at the local hub at once.

Starts a real hub (the same ``academy hub start`` as ``make demo``, with its
own state folder, a copy of module 1 and a free loopback port), gives it N
learner accounts, then lets N simulated learners arrive ``--concurrency`` at a
time. Each one logs in through the login form, starts their server, fetches
module 1 through nbgrader's Assignments API, starts a kernel and runs the
module's setup cell and question 1's instant check, then shuts the kernel
down (so memory stays bounded at about one JupyterLab per learner).

Prints spawn-to-ready p50/p95 (from the spawn request until the server
answers), the whole journey's p50/p95, and every error. Targets: 50 learners
on this 2-core machine, 5 at a time, with zero errors; spawn p50 under 3 s
(issue 5) and, for a class logging in together, p95 under 6 s (issue 19).
Loopback only; each step has a time limit, so the run always ends.

    .venv/bin/python benchmarks/hub_load.py [--learners 50] [--concurrency 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from academy.hub import accounts  # noqa: E402
from academy.testing.hub_client import HubSession, execute
from academy.testing.hubs import start_hub  # the tests' real-hub helper: same start as make demo

TARGET_P50 = 3.0
TARGET_P95 = 6.0
MODULE = "m01"
CHECK = "ex.q1.check(round(band_d * 6 / 9, 2))"


def setup_code(course: Path) -> str:
    nb = json.loads((course / "release" / MODULE / f"{MODULE}.ipynb").read_text())
    return next("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")


def one_learner(hub, name: str, password: str, setup: str) -> dict:
    start = time.perf_counter()
    session = HubSession(hub.url, timeout=60).login(name, password)
    spawn = session.start_server(wait=120)
    headers = {"Authorization": f"token {session.token()}"}
    base = f"{hub.url}/user/{name}"
    fetched = requests.post(f"{base}/assignments/fetch", data={"course_id": "accelerator", "assignment_id": MODULE},
                            headers=headers, timeout=60)
    if fetched.status_code != 200 or not any(a.get("assignment_id") == MODULE and a.get("status") == "fetched"
                                             for a in fetched.json().get("value", [])):
        raise RuntimeError(f"fetch failed: HTTP {fetched.status_code} {fetched.text[:200]}")
    kernel = requests.post(f"{base}/api/kernels", json={"name": "python3"}, headers=headers, timeout=60).json()["id"]
    try:
        ws_url = f"{base.replace('http', 'ws', 1)}/api/kernels/{kernel}/channels"
        execute(ws_url, headers, setup, timeout=120)
        out = execute(ws_url, headers, CHECK, timeout=60)
        if "Correct" not in out:
            raise RuntimeError(f"the check did not pass: {out[:200]!r}")
    finally:
        requests.delete(f"{base}/api/kernels/{kernel}", headers=headers, timeout=60)
    return {"spawn": spawn, "journey": time.perf_counter() - start}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=5, help="learners arriving at the same moment")
    args = parser.parse_args()
    if not 1 <= args.learners <= 200 or not 1 <= args.concurrency <= 50:
        parser.error("--learners must be 1-200 and --concurrency 1-50 (this is one machine)")

    base = Path(tempfile.mkdtemp(prefix="academy-hub-load-"))
    people = {f"learner{i:03d}": uuid.uuid4().hex[:12] for i in range(args.learners)}
    (base / "state").mkdir()
    accounts.load_or_create(base / "state")
    saved = json.loads(accounts.accounts_file(base / "state").read_text())
    accounts.accounts_file(base / "state").write_text(json.dumps({**saved, **people}))
    print(f"Starting a hub in {base} …", flush=True)
    t0 = time.perf_counter()
    hub = start_hub(base, modules=(MODULE,), ACADEMY_HUB_IDLE_TIMEOUT="0")
    print(f"hub up in {time.perf_counter() - t0:.1f} s; {args.learners} learners, {args.concurrency} at a time")
    setup = setup_code(hub.course)
    results, errors = [], []
    t0 = time.perf_counter()
    try:
        with ThreadPoolExecutor(args.concurrency) as pool:
            futures = {pool.submit(one_learner, hub, n, p, setup): n for n, p in people.items()}
            for future, name in futures.items():
                try:
                    results.append(future.result())
                except Exception as exc:  # noqa: BLE001 - every failure is reported, none stops the run
                    errors.append(f"{name}: {type(exc).__name__}: {exc}")
    finally:
        wall = time.perf_counter() - t0
        hub.stop(timeout=120)
    spawns = [r["spawn"] for r in results]
    journeys = [r["journey"] for r in results]
    print(f"\n{len(results)} of {args.learners} learners logged in, spawned, fetched and passed a check "
          f"in {wall:.1f} s of wall time")
    if spawns:
        p50, p95 = statistics.median(spawns), percentile(spawns, 0.95)
        print(f"spawn to ready:   p50 {p50:.2f} s   p95 {p95:.2f} s   max {max(spawns):.2f} s"
              f"   (targets p50 < {TARGET_P50:.0f} s: {p50 / TARGET_P50:.2f}× it; "
              f"p95 < {TARGET_P95:.0f} s: {p95 / TARGET_P95:.2f}× it)")
        print(f"whole journey:    p50 {statistics.median(journeys):.2f} s   p95 {percentile(journeys, 0.95):.2f} s")
    print(f"errors: {len(errors)}")
    for line in errors:
        print(f"  {line}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
