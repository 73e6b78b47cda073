"""Grading a cohort: stock ``nbgrader autograde`` against ``academy grade``.

Generates N realistic (honest) submissions of the example assignment, copies
the course twice, and grades one copy with stock nbgrader and the other with
``academy grade --workers W``. Prints the wall time of each, the ratio,
seconds per notebook, whether the scores are identical wherever stock
nbgrader grades correctly, and the floor: the learner notebooks' own run time
(from the cells' execution timestamps) divided across the cores. Target
(issue 3): at least 4x faster than stock.

    .venv/bin/python benchmarks/grading.py [--submissions 40] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TARGET = 4.0


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    took = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(cmd[:3])} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return took


def scores(course: Path, assignment: str, students: list[str]) -> dict[str, dict[str, float]]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "accelerator") as gb:
        return {s: {g.name: g.score for nb in gb.find_submission(assignment, s).notebooks for g in nb.grades}
                for s in students}


def own_run_time(course: Path, assignment: str) -> float:
    """Seconds the notebooks' cells spent executing, by nbclient's own timestamps."""
    import nbformat

    total = 0.0
    for path in (course / "autograded").glob(f"*/{assignment}/*.ipynb"):
        for cell in nbformat.read(str(path), as_version=4).cells:
            timing = cell.get("metadata", {}).get("execution", {})
            start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
            if start and end:
                total += (datetime.fromisoformat(end.replace("Z", "+00:00"))
                          - datetime.fromisoformat(start.replace("Z", "+00:00"))).total_seconds()
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--submissions", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--assignment", default="m02")
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("note: not root, so kernels are jailed without their own user ids")

    from academy.testing import submissions

    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "ACADEMY_GRADER_SECRET": "benchmark-secret"}
    env.pop("ACADEMY_LEARNER", None)
    with tempfile.TemporaryDirectory(prefix="academy-bench-grading-") as tmp:
        base = Path(tmp) / "base"
        shutil.copytree(REPO / "courses" / "accelerator", base)
        subs = submissions.generate(base, args.assignment, args.submissions, base / "submitted", seed=2026,
                                    hostile=False)
        (base / "submitted" / "manifest.json").unlink()
        stock, ours = Path(tmp) / "stock", Path(tmp) / "ours"
        shutil.copytree(base, stock)
        shutil.copytree(base, ours)
        # Both start from a generated assignment in the gradebook; only grading is timed.
        run([str(BIN / "nbgrader"), "generate_assignment", args.assignment, "--force"], stock, env)
        run([str(BIN / "nbgrader"), "generate_assignment", args.assignment, "--force"], ours, env)

        n = len(subs)
        print(f"{n} submissions of {args.assignment} ({', '.join(sorted({s.kind for s in subs}))}); "
              f"{os.cpu_count()} cores; academy grade with {args.workers} workers")
        stock_s = run([str(BIN / "nbgrader"), "autograde", args.assignment, "--create", "--force"], stock, env)
        print(f"stock nbgrader autograde : {stock_s:7.1f} s  ({stock_s / n:.2f} s per notebook)")
        ours_s = run([str(BIN / "academy"), "grade", args.assignment, "--course", str(ours),
                      "--workers", str(args.workers), "--no-feedback", "--force"], REPO, env)
        print(f"academy grade            : {ours_s:7.1f} s  ({ours_s / n:.2f} s per notebook)")
        ratio = stock_s / ours_s
        print(f"ratio                    : {ratio:7.1f}x  "
              f"(target >= {TARGET:g}x: {'met' if ratio >= TARGET else 'NOT met'})")
        # Cell times from the sequential stock run: under parallel load each cell takes longer.
        own = own_run_time(stock, args.assignment)
        cores = os.cpu_count() or 1
        floor = own / cores
        print(f"floor                    : {floor:7.1f} s  (the notebooks' own cell time, {own:.1f} s, over "
              f"{cores} cores; academy grade is {ours_s / floor:.1f}x the floor)")
        with_feedback = run([str(BIN / "academy"), "grade", args.assignment, "--course", str(ours),
                             "--workers", str(args.workers), "--force"], REPO, env)
        print(f"academy grade + feedback : {with_feedback:7.1f} s  (nbgrader HTML feedback and summaries included)")

        students = [s.student for s in subs]
        stock_scores, our_scores = scores(stock, args.assignment, students), scores(ours, args.assignment, students)
        compared = [s for s in subs if not s.stock_nbgrader_differs]
        same = sum(stock_scores[s.student] == our_scores[s.student] for s in compared)
        print(f"identical scores         : {same}/{len(compared)} submissions that stock nbgrader grades correctly")
        if same != len(compared):
            sys.exit("scores differ from stock nbgrader")


if __name__ == "__main__":
    main()
