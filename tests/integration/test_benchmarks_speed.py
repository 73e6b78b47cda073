"""The README's benchmarks of speed where people wait (grading, a class starting, the progress pages) run,
on a small scale, and say what they measure.

A file of their own so that the suite's two workers can run them beside the other benchmarks' tests.
As there, figures are for people to read against the issues' targets; nothing here is timed.
"""

from __future__ import annotations

import re

from test_benchmarks import bench

PHASES = ("sanitise", "kernel start", "execute", "recheck", "gradebook")


def test_the_grading_benchmark_compares_stock_and_ours_and_finds_the_same_scores():
    run = bench("grading.py", "--sizes", "2", "--workers", "2", "--repeat", "1", timeout=900)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    row = re.search(r"^\s+2\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)x", run.stdout, re.M)
    assert row, run.stdout
    stock_s, ours_s, ratio = map(float, row.groups())
    # The ratio printed is the one measured: every figure is printed to 0.1, so it lies within what the
    # rounded seconds allow, less or more its own rounding.
    lowest, highest = (stock_s - 0.05) / (ours_s + 0.05), (stock_s + 0.05) / (ours_s - 0.05)
    assert lowest - 0.05 <= ratio <= highest + 0.05, (stock_s, ours_s, ratio)
    for phase in PHASES:
        assert re.search(rf"^  {phase}\s+[\d.]+ s", run.stdout, re.M), f"no {phase!r} in the phase table"
    assert re.search(r"^floor, warm cells\s+:", run.stdout, re.M)
    assert re.search(r"^academy grade \+ feedback\s+:\s+[\d.]+ s\s+\([\d.]+x grading alone", run.stdout, re.M)
    assert "identical scores           : 2/2" in run.stdout


def test_the_grading_benchmark_refuses_a_bad_size_in_one_line():
    run = bench("grading.py", "--sizes", "forty")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "--sizes takes whole numbers" in run.stderr


def test_the_class_start_benchmark_brings_learners_to_a_passed_check_with_no_errors():
    run = bench("hub_load.py", "--learners", "2", "--concurrency", "2", timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert re.search(r"^2 of 2 learners logged in, spawned, fetched and passed a check", run.stdout, re.M)
    assert re.search(r"^spawn to ready:\s+p50 [\d.]+ s\s+p95 [\d.]+ s", run.stdout, re.M), run.stdout
    assert re.search(r"^errors: 0$", run.stdout, re.M)
    wrong = bench("hub_load.py", "--learners", "0")
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr and "--learners must be" in wrong.stderr


def test_the_progress_benchmark_loads_a_programme_and_times_every_view():
    run = bench("progress.py", "--learners", "250", "--views", "3", timeout=600)
    assert run.returncode in (0, 1), run.stdout[-3000:] + run.stderr[-2000:]  # 1: a view missed its target
    assert re.search(r"^store loaded in [\d.]+ s: 250 learners, [\d,]+ attempts", run.stdout, re.M), run.stdout
    views = re.findall(r"^  (.+?)\s+p50\s+[\d.]+\s+p95\s+[\d.]+\s+\(([\d.]+)× the 300 ms target\)", run.stdout, re.M)
    assert [v[0].split(",")[0] for v in views] == ["cohort view", "cohort CSV export", "learner's page",
                                                    "learner's record (JSON)"], run.stdout
    assert (run.returncode == 1) == any(float(share) >= 1 for _, share in views)
