"""The README's benchmark commands run, on a small scale, and still say what they measure.

The figures themselves are for people to read against the issues' targets (never timed here); what is
asserted is that a command works and that its verdicts are right: no attempt lost, no answer misjudged.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def bench(script: str, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *args], cwd=ROOT, text=True,
                          capture_output=True, stdin=subprocess.DEVNULL, timeout=timeout)


def test_the_checks_benchmark_judges_a_small_class_at_the_kernels_address():
    run = bench("checks.py", "--modules", "m01", "--repeat", "1", "--learners", "4", "--kernels", "2")
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    address = re.search(r"the checker's address in a learner's kernel: (\S+)", run.stdout)
    assert address and address.group(1).endswith("/services/checks/"), run.stdout
    assert "Attempts recorded 4 of 4; wrong verdicts 0." in run.stdout
    assert re.search(r"Slowest exercise p95: [\d.]+ ms \(m01\.q\d\)", run.stdout)
    assert re.search(r"Slowest first load: [\d.]+ s \(m01\)", run.stdout)


def test_the_datasets_benchmark_measures_a_family_and_names_one_it_does_not_know():
    run = bench("datasets.py", "service_requests", "--rows", "2000", "--baseline-rows", "200", "--repeat", "1")
    assert run.returncode == 0, run.stderr[-2000:]
    assert re.search(r"^service_requests\s+[\d.]+", run.stdout, re.M), run.stdout
    wrong = bench("datasets.py", "requests", "--rows", "10")
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr
    assert "no dataset family 'requests'" in wrong.stderr and "service_requests" in wrong.stderr


def test_the_submit_benchmark_grades_every_submission_even_with_the_grading_worker_killed():
    run = bench("submit.py", "--learners", "2", timeout=900)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "grading lease 15 s" in run.stdout  # the shortened lease is said, not hidden
    assert re.search(r"^all at once: 2 of 2 graded$", run.stdout, re.M), run.stdout
    assert re.search(r"^worker killed mid-batch: 2 of 2 graded$", run.stdout, re.M), run.stdout
    assert re.search(r"worker \d+ killed with jobs [^;]*running [12]", run.stdout), run.stdout
    assert run.stdout.count("lost 0 (target 0; graded more than once 0)") == 2, run.stdout
    assert run.stdout.count("scores not as deserved 0") == 2, run.stdout
    # What the killed worker held in /tmp is swept by its successor's forker.
    assert re.search(r"temporary folders left a minute after the class was graded: 0 of [1-9]", run.stdout), run.stdout
