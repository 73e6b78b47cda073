"""A grading kernel's memory cap is an address-space limit, so what the kernel's libraries reserve without
using counts against it. Reading Parquet (every learner's data is Parquet) must not cost a learner a
gigabyte of their cap, nor must each of the kernel's threads that allocates."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from academy.grading.forker import ForkerProcess

#: The largest anonymous mapping, in MiB, after a Parquet round trip through pandas.
LARGEST_RESERVATION = (
    "import numpy as np, pandas as pd\n"
    "pd.DataFrame({'ward': np.arange(200_000) % 30, 'n': np.arange(200_000)}).to_parquet('t.parquet')\n"
    "pd.read_parquet('t.parquet').groupby('ward').n.sum()\n"
    "sizes = []\n"
    "for line in open('/proc/self/maps'):\n"
    "    fields = line.split()\n"
    "    start, end = (int(x, 16) for x in fields[0].split('-'))\n"
    "    if len(fields) < 6:\n"
    "        sizes.append((end - start) >> 20)\n"
    "print(max(sizes))\n"
)


#: Six threads allocating at once (ipykernel has several of its own), then the arenas glibc reserved for them.
THREADS_ALLOCATING = (
    "import threading\n"
    "def work():\n"
    "    [bytearray(200_000) for _ in range(200)]\n"
    "threads = [threading.Thread(target=work) for _ in range(6)]\n"
    "[t.start() for t in threads]; [t.join() for t in threads]\n"
    "arenas = 0\n"
    "for line in open('/proc/self/maps'):\n"
    "    fields = line.split()\n"
    "    start, end = (int(x, 16) for x in fields[0].split('-'))\n"
    "    arenas += fields[1] == '---p' and 48 <= (end - start) >> 20 <= 64\n"
    "print(arenas)\n"
)


def run_capped(cells: list[str], workroom: Path, optional: tuple[str, ...] | None = ()) -> list[str]:
    """What each cell printed (standard output, then standard error) in a grading kernel capped at 2 GB."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    with ForkerProcess(optional=optional) as forker:
        km = forker.manager(workroom, {"hidden": [], "shared": [], "limits": {"memory_mb": 2048},
                                       "env": {"PATH": os.environ["PATH"], "LANG": "C.UTF-8"}})
        NotebookClient(nb, km=km, timeout=120, resources={"metadata": {"path": str(workroom)}}).execute()
    return ["".join(o.get("text", "") for o in sorted(c.outputs, key=lambda o: o.get("name", "")))
            for c in nb.cells]


@pytest.fixture
def workroom():
    room = Path(tempfile.mkdtemp(prefix="kmem-"))  # short: the kernel's sockets live in it
    os.chmod(room, 0o755)
    yield room
    shutil.rmtree(room, ignore_errors=True)


@pytest.mark.parametrize("optional", [None, ()], ids=["every library preloaded", "none optional"])
def test_reading_parquet_in_a_grading_kernel_reserves_no_gigabyte_of_its_cap(optional, workroom):
    (printed,) = run_capped([LARGEST_RESERVATION], workroom, optional)
    largest = int(printed.strip())
    assert largest < 256, f"an anonymous mapping of {largest} MiB counts against the kernel's memory cap"


def test_threads_allocating_in_a_grading_kernel_share_two_arenas_and_none_runs_out(workroom):
    (printed,) = run_capped([THREADS_ALLOCATING], workroom)
    assert "MemoryError" not in printed, printed[-2000:]
    assert int(printed.strip().splitlines()[-1]) <= 2, printed
