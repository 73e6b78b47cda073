"""Latency of the instant checks learners run in their notebooks.

Prints, per exercise, the median and 95th-percentile time of ``check`` on a
correct answer and on a wrong one (after the learner's data is loaded), and
the one-off cost of loading the learner's variant. Target (issue 3): checks
well under 100 ms.

    .venv/bin/python benchmarks/checks.py [--repeat 50]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

TARGET_MS = 100.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    from academy.exercises import MODULES, module
    from academy.testing.selfcheck import published_answers

    worst = 0.0
    for module_id, spec in MODULES.items():
        start = time.perf_counter()
        ex = module(module_id, learner="benchmark-learner")
        ex.context  # noqa: B018 - builds the learner's variant
        load_ms = (time.perf_counter() - start) * 1000
        print(f"module {module_id}: loading the learner's variant ({spec.rows:,} rows of {spec.dataset}) "
              f"{load_ms:.0f} ms once")
        print(f"{'exercise':<10}{'right p50':>11}{'right p95':>11}{'wrong p50':>11}{'wrong p95':>11}   (ms)")
        answers = published_answers(ex)
        for e in spec.exercises:
            right = answers[e.name]
            wrong = 12345
            row = []
            for answer in (right, wrong):
                times = []
                for _ in range(args.repeat):
                    t = time.perf_counter()
                    getattr(ex, e.name).check(answer)
                    times.append((time.perf_counter() - t) * 1000)
                p50, p95 = statistics.median(times), float(np.percentile(times, 95))
                worst = max(worst, p95)
                row += [p50, p95]
            print(f"{e.name:<10}" + "".join(f"{x:>11.1f}" for x in row))
    verdict = "meets" if worst < TARGET_MS else "MISSES"
    print(f"\nSlowest check p95: {worst:.1f} ms; target under {TARGET_MS:.0f} ms ({verdict} it).")


if __name__ == "__main__":
    main()
