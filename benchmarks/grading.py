"""Grading: stock ``nbgrader autograde`` against ``academy grade``, for one learner, two, and a cohort.

Generates realistic (honest) submissions of the example assignment and, for
each batch size, copies the course twice and grades one copy with stock
nbgrader and the other with ``academy grade``. For each size it prints the
wall time of both, their ratio, seconds per notebook and the peak memory of
each grader's whole process tree (proportional set size, so pages the forked
kernels share are counted once). For the largest batch it also prints:

- the floor: the notebooks' own cell time over the cores, twice: from stock's
  cells (fresh kernels, each paying for its imports; the floor issue 19 was
  measured against) and from ours run one at a time (warm kernels, the cells'
  own work only, a far stricter floor);
- where the time goes, per phase, from the grader's timing log;
- grading plus feedback, against grading alone;
- whether the scores are identical wherever stock nbgrader grades correctly.

Targets (issue 19): ratio >= 1.0 at 1 and 2 submissions, >= 8 at 40; at 40,
within 1.3x of the floor from stock's cells (as the issue measured it; the
warm-cells floor is printed as a reference, with no target: it leaves out each
notebook's kernel start and nbgrader's steps, which no grader can skip);
grading plus feedback at most 1.3x grading alone;
peak memory per notebook slot at 40 no more than stock's (printed for every size).

    .venv/bin/python benchmarks/grading.py [--sizes 1,2,40] [--workers 4] [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SMALL_TARGET, COHORT_TARGET, FLOOR_TARGET, FEEDBACK_TARGET = 1.0, 8.0, 1.3, 1.3


# ----------------------------------------------------------------- memory
def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(ppid, []).append(int(entry))
    return tree


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class PeakMemory(threading.Thread):
    """Samples the proportional set size of a process and all its descendants; keeps the highest."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kib, self._done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            tree, todo, total = _children(), [self.pid], 0
            while todo:
                pid = todo.pop()
                total += _pss_kib(pid)
                todo += tree.get(pid, [])
            self.peak_kib = max(self.peak_kib, total)
            self._done.wait(0.1)

    def stop(self) -> float:
        self._done.set()
        self.join()
        return self.peak_kib / 1024


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Seconds and peak MiB of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL)
    memory = PeakMemory(proc.pid)
    memory.start()
    out, err = proc.communicate()
    took = time.perf_counter() - start
    peak = memory.stop()
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd[:3])} failed:\n{out[-2000:]}\n{err[-3000:]}")
    return took, peak


# ----------------------------------------------------------------- results
def scores(course: Path, assignment: str, students: list[str]) -> dict[str, dict[str, float]]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "accelerator") as gb:
        return {s: {g.name: g.score for nb in gb.find_submission(assignment, s).notebooks for g in nb.grades}
                for s in students}


def cell_time(course: Path, assignment: str) -> float:
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


def phase_table(course: Path, assignment: str) -> list[tuple[str, float]]:
    """Seconds per phase summed over the batch's notebooks, from the grader's timing log, in phase order."""
    from academy.grading.results import LEARNER_PHASES, NOTEBOOK_PHASES

    log = course / "autograded" / ".academy-grading" / f"{assignment}.jsonl"
    totals: dict[str, float] = {}
    seen_learners = set()
    for line in log.read_text().splitlines():
        row = json.loads(line)
        for phase, seconds in row["phases"].items():
            totals[phase] = totals.get(phase, 0.0) + seconds
        if row["learner"] not in seen_learners:
            seen_learners.add(row["learner"])
            for phase, seconds in row["learner phases"].items():
                totals[phase] = totals.get(phase, 0.0) + seconds
    order = LEARNER_PHASES[:1] + NOTEBOOK_PHASES + LEARNER_PHASES[1:]
    return [(p, totals[p]) for p in order if p in totals] + [(p, s) for p, s in totals.items() if p not in order]


# ----------------------------------------------------------------- the run
class Bench:
    def __init__(self, tmp: Path, base: Path, assignment: str, workers: int, env: dict[str, str]) -> None:
        self.tmp, self.base, self.assignment, self.workers, self.env = tmp, base, assignment, workers, env

    def copy(self, name: str, students: list[str]) -> Path:
        """The course with only these learners' submissions, its assignment generated into the gradebook."""
        course = self.tmp / name
        shutil.copytree(self.base, course, ignore=shutil.ignore_patterns("submitted"))
        for student in students:
            shutil.copytree(self.base / "submitted" / student, course / "submitted" / student)
        run([str(BIN / "nbgrader"), "generate_assignment", self.assignment, "--force"], course, self.env)
        return course

    def stock(self, course: Path) -> tuple[float, float]:
        return run([str(BIN / "nbgrader"), "autograde", self.assignment, "--create", "--force"], course, self.env)

    def ours(self, course: Path, *extra: str, workers: int | None = None) -> tuple[float, float]:
        return run([str(BIN / "academy"), "grade", self.assignment, "--course", str(course),
                    "--workers", str(workers or self.workers), "--force", *extra], REPO, self.env)


def _verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,2,40", help="batch sizes, comma-separated; the last is the cohort")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--assignment", default="m02")
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs of grading alone and with feedback for their ratio; the fastest is kept")
    args = parser.parse_args()
    try:
        sizes = sorted({int(s) for s in args.sizes.split(",")})
    except ValueError:
        parser.error(f"--sizes takes whole numbers separated by commas, not {args.sizes!r}")
    if not sizes or sizes[0] < 1:
        parser.error("--sizes must all be at least 1")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if os.geteuid() != 0:
        print("note: not root, so kernels are jailed without their own user ids")

    from academy.testing import submissions

    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "ACADEMY_GRADER_SECRET": "benchmark-secret"}
    env.pop("ACADEMY_LEARNER", None)
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="academy-bench-grading-") as tmp:
        base = Path(tmp) / "base"
        shutil.copytree(REPO / "courses" / "accelerator", base)
        subs = submissions.generate(base, args.assignment, sizes[-1], base / "submitted", seed=2026, hostile=False)
        (base / "submitted" / "manifest.json").unlink()
        bench = Bench(Path(tmp), base, args.assignment, args.workers, env)
        print(f"{args.assignment}: {', '.join(sorted({s.kind for s in subs}))} submissions; {cores} cores; "
              f"academy grade with {args.workers} workers; memory is the peak of each grader's process tree")
        print(f"{'learners':>8} {'stock s':>8} {'ours s':>8} {'ratio':>6} {'stock s/nb':>10} {'ours s/nb':>9} "
              f"{'stock MiB':>9} {'ours MiB':>9} {'ours MiB/slot':>13}  target")
        for n in sizes:
            students = [s.student for s in subs[:n]]
            stock, ours = bench.copy(f"stock-{n}", students), bench.copy(f"ours-{n}", students)
            stock_s, stock_mib = bench.stock(stock)
            ours_s, ours_mib = bench.ours(ours, "--no-feedback")
            slots = min(args.workers, n)
            cohort = n == sizes[-1] and n > 2
            target = COHORT_TARGET if cohort else SMALL_TARGET
            print(f"{n:>8} {stock_s:>8.1f} {ours_s:>8.1f} {stock_s / ours_s:>5.1f}x {stock_s / n:>10.2f} "
                  f"{ours_s / n:>9.2f} {stock_mib:>9.0f} {ours_mib:>9.0f} {ours_mib / slots:>13.0f}  "
                  f">= {target:g}x: {_verdict(stock_s / ours_s >= target)}; memory per slot "
                  + (_verdict(ours_mib / slots <= stock_mib) if cohort else
                     f"{'at most' if ours_mib / slots <= stock_mib else 'above'} stock's (the target is the cohort's)"))
        # The cohort's last copies (`stock`, `ours`, `students`) are what the rest is measured on.
        n = sizes[-1]
        print(f"\nWhere academy grade's time went for {n} (seconds summed over notebooks; "
              f"{args.workers} run at once, so the sum exceeds the wall time):")
        table = phase_table(ours, args.assignment)
        whole = sum(s for _, s in table)
        for phase, seconds in table:
            print(f"  {phase:<15} {seconds:7.1f} s  {seconds / n:6.3f} s per notebook  {seconds / whole:5.1%}")

        stock_cells = cell_time(stock, args.assignment)
        stock_floor = stock_cells / cores
        print(f"\nfloor, stock's cells       : {stock_floor:7.1f} s  ({stock_cells:.1f} s of cells in fresh "
              f"kernels over {cores} cores, the floor issue 19 was measured against; academy grade is "
              f"{ours_s / stock_floor:.2f}x it, target <= {FLOOR_TARGET:g}x: "
              f"{_verdict(ours_s / stock_floor <= FLOOR_TARGET)})")
        one_at_a_time = bench.copy("ours-one-worker", students)
        single_s, _ = bench.ours(one_at_a_time, "--no-feedback", workers=1)
        warm_cells = cell_time(one_at_a_time, args.assignment)
        warm_floor = warm_cells / cores
        print(f"floor, warm cells          : {warm_floor:7.1f} s  ({warm_cells:.1f} s of cells in warm kernels "
              f"run one at a time, over {cores} cores; academy grade is {ours_s / warm_floor:.2f}x it: "
              "a stricter yardstick than the issue's, with none of the work a grader does per notebook)")
        print(f"academy grade, 1 worker    : {single_s:7.1f} s")
        # Both sides of this ratio are ours, so each is timed --repeat times and the fastest kept: one run
        # each moved it by 0.1-0.15 on this machine.
        alone = min([ours_s] + [bench.ours(ours, "--no-feedback")[0] for _ in range(args.repeat - 1)])
        with_feedback = min(bench.ours(ours)[0] for _ in range(args.repeat))
        print(f"academy grade + feedback   : {with_feedback:7.1f} s  ({with_feedback / alone:.2f}x grading alone, "
              f"{alone:.1f} s; the fastest of {args.repeat} runs each; target <= {FEEDBACK_TARGET:g}x: "
              f"{_verdict(with_feedback / alone <= FEEDBACK_TARGET)})")

        stock_scores = scores(stock, args.assignment, students)
        our_scores = scores(ours, args.assignment, students)
        compared = [s for s in subs[:n] if not s.stock_nbgrader_differs]
        same = sum(stock_scores[s.student] == our_scores[s.student] for s in compared)
        print(f"identical scores           : {same}/{len(compared)} submissions that stock nbgrader grades correctly")
        if same != len(compared):
            sys.exit("scores differ from stock nbgrader")


if __name__ == "__main__":
    main()
