"""Shared fixtures: small datasets built once per session, stock nbgrader run as an instructor runs it, and the
session's one real hub (``hub``) with its browser, screenshot and log-in fixtures."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

import academy.datasets as ds

#: Every learner's variant is seeded with the course secret; one fixed secret for the whole run makes each
#: test learner's data the same on every machine (a fresh clone would otherwise make its own secret).
os.environ.setdefault("ACADEMY_GRADER_SECRET", "the-test-suite's-course-secret")
#: Under pytest-xdist each worker's graders take sandbox user ids of their own, so a test that looks for processes
#: left behind by its grader never sees another worker's kernels (hubs' graders keep the default base).
if os.environ.get("PYTEST_XDIST_WORKER", "").startswith("gw"):
    os.environ.setdefault("ACADEMY_SANDBOX_UID_BASE", str(1_000_000 * (2 + int(os.environ["PYTEST_XDIST_WORKER"][2:]))))

#: The dataset families the curriculum relies on.
EXPECTED_FAMILIES = (
    "geography", "claimants", "programme", "attendance", "incidents",
    "service_requests", "business", "utilities", "multi_council", "council_tax", "multi_agency", "data_sharing",
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
    from academy.testing.hubs import start_hub

    running = start_hub(tmp_path_factory.mktemp("hub"))
    yield running
    running.stop()


# --- Browser tests: Debian's chromium driven by Playwright (never a downloaded browser) -----------
CHROMIUM = os.environ.get("ACADEMY_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("ACADEMY_TEST_ARTIFACTS",
                                Path(__file__).resolve().parents[1] / "test-artifacts")) / "browser"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium (apt-get install chromium)")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def shots(request):
    """shots("name") saves a full-page screenshot of a page as an artefact of this test."""
    folder = ARTIFACTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1, 100))

    def save(page, name: str) -> Path:
        path = folder / f"{next(counter):02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


def log_in(browser, hub, name: str, next_url: str | None = None, **context):
    """A page logged in through the hub's form; ``next_url`` lands there instead of starting JupyterLab."""
    page = browser.new_context(**({"viewport": {"width": 1400, "height": 900}} | context)).new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{hub.url}/hub/login" + (f"?next={next_url}" if next_url else ""))
    page.fill("#username_input", name)
    page.fill("#password_input", hub.accounts[name])
    page.click("#login_submit")
    return page
