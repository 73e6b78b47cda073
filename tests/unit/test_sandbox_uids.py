"""Two graders on one machine never hand the same sandbox user id to two kernels.

Each grader kills whatever still runs as a uid before it reuses it, so a shared uid would let one
instructor's Autograde press kill the kernel of another's batch.
"""

from __future__ import annotations

import os
import subprocess
import sys

from academy.grading import sandbox

HOLD = """
import sys
from academy.grading import sandbox
start, _ = sandbox.claim_uid_block(int(sys.argv[1]))
print(start, flush=True)
sys.stdin.read()
"""


def test_a_second_grader_takes_the_next_block_and_a_finished_ones_block_is_free_again():
    base = 7_000_000 + os.getpid() % 100 * 100 * sandbox.UID_BLOCK  # away from real graders and other runs
    first = subprocess.Popen([sys.executable, "-c", HOLD, str(base)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True)
    try:
        assert int(first.stdout.readline()) == base
        start, fd = sandbox.claim_uid_block(base)
        assert start == base + sandbox.UID_BLOCK
        os.close(fd)
    finally:
        first.communicate("", timeout=10)
    start, fd = sandbox.claim_uid_block(base)
    assert start == base, "a grader's claim ends with the grader"
    os.close(fd)
