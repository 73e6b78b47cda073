"""Shared fixtures: small datasets built once per test session."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

import academy.datasets as ds

#: The nine families the curriculum relies on (issue 2).
EXPECTED_FAMILIES = (
    "geography", "claimants", "programme", "attendance", "incidents",
    "service_requests", "business", "utilities", "multi_council", "council_tax",
)


@lru_cache(maxsize=64)
def build(name: str, n: int | None = None, seed: int | str = 7) -> ds.Dataset:
    """Datasets are deterministic, so tests may share one build."""
    return ds.make(name, n, seed)


def small_rows(name: str) -> int:
    card = ds.get_family(name).card
    return max(card.min_rows, min(card.default_rows, 2_000))


def run_nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    """Stock nbgrader from this environment, as an instructor runs it in a course folder.

    nbgrader runs `alembic` by name, so the environment's bin folder goes on PATH;
    a learner name set in the environment must not leak into grading.
    """
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("ACADEMY_LEARNER", None)
    env.pop("JUPYTERHUB_USER", None)
    result = subprocess.run([str(bin_dir / "nbgrader"), *args], cwd=course, capture_output=True, text=True,
                            timeout=900, stdin=subprocess.DEVNULL, env=env)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result


@pytest.fixture(params=EXPECTED_FAMILIES)
def family(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def hub(tmp_path_factory):
    """One real local hub (real proxy, demo accounts, course released) shared by the hub tests."""
    from hubs import start_hub

    running = start_hub(tmp_path_factory.mktemp("hub"))
    yield running
    running.stop()
