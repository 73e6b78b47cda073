"""The pages only the production hub has (NativeAuthenticator's sign-up, an admin's pages) checked with axe-core.

Same rules as tests/browser/test_accessibility.py: no serious or critical problem, nothing below that the
statement does not list, the statement linked. JupyterHub's own admin page (/hub/admin) is a React app of
JupyterHub's: the statement lists it as a part made by others, so here it is only checked for the link.
"""

from __future__ import annotations

import os
import shutil
import sys

import pytest
from a11y import BLOCKING, run_axe

from academy.hub import accessibility
from academy.testing.hub_client import HubSession
from academy.testing.hubs import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "tests" / "integration"))
# The production hub exactly as the production tests make it (its admin, grader account and clean-up).
from test_production_hub import ADMIN, PASSWORD  # noqa: E402
from test_production_hub import prod_hub as prod_hub  # noqa: E402 - a fixture, used by name below

pytestmark = pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("useradd"),
                                reason="the production hub makes system users: it needs root and useradd")


def test_sign_up_and_the_admins_pages_are_accessible_and_link_the_statement(prod_hub, browser, shots):
    hub = prod_hub
    HubSession(hub.url).sign_up(ADMIN, PASSWORD)
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(60_000)
    seen = {}
    for path in ("/hub/signup", "/hub/login"):
        page.goto(f"{hub.url}{path}")
        seen[path] = run_axe(page)
        shots(page, path.rsplit("/", 1)[-1])
        assert page.locator("#accessibility-link").count() == 1, f"{path} does not link the statement"
    page.fill("#username_input", ADMIN)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    page.wait_for_url(lambda url: "/hub/login" not in url)
    for path in ("/hub/authorize", "/hub/change-password", "/hub/home", "/services/progress/", "/hub/admin"):
        page.goto(f"{hub.url}{path}")
        page.wait_for_load_state("networkidle")
        if path != "/hub/admin":
            seen[path] = run_axe(page)
        shots(page, path.strip("/").replace("/", "-"))
        assert page.locator("#accessibility-link").count() == 1, f"{path} does not link the statement"
    # NativeAuthenticator's own links stay in the bar (our page.html stands in for its).
    assert page.get_by_role("link", name="Authorize Users").count() == 1
    blocking = [f"{path}: {f}" for path, found in seen.items() for f in found if f.impact in BLOCKING]
    assert not blocking, "\n".join(blocking)
    listed = {i.rule for i in accessibility.KNOWN_ISSUES}
    unlisted = [f"{path}: {f}" for path, found in seen.items() for f in found if f.rule not in listed]
    assert not unlisted, "found but not in the statement (KNOWN_ISSUES):\n" + "\n".join(unlisted)
    page.context.close()
