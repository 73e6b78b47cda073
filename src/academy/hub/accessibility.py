"""The accessibility statement, served by the hub at /hub/accessibility to anyone, signed in or not.

The Public Sector Bodies Accessibility Regulations 2018 ask a council's staff-facing service to say
what is accessible, what is not and why, how to ask for another format and how to complain. The
statement has to stay true, so what it lists as not yet accessible is data here (``KNOWN_ISSUES``),
and the browser tests (tests/browser/test_accessibility.py) fail when the axe-core run over every
page finds an issue this list does not name, or when an issue named here is no longer found.

The page is a hub page rather than a progress-service page because the service needs a log-in and
the statement must be readable before one (and by someone who cannot log in at all).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jupyterhub.handlers import BaseHandler

from .. import settings

#: Our overrides of JupyterHub's pages (every page links the statement) and the statement itself.
TEMPLATES = Path(__file__).with_name("templates")

#: When the statement was prepared and last reviewed against a test run (update both on review).
PREPARED = date(2026, 12, 2)
REVIEWED = date(2026, 12, 2)

#: Who to ask for another format or tell about a problem; a council sets its own.


@dataclass(frozen=True)
class KnownIssue:
    """Something on our pages that axe-core reports (below serious) and we have not fixed yet."""

    rule: str  # axe-core's rule id: the tests match on it
    where: str  # which pages, in a reader's words
    what: str  # what a person using the service notices
    why: str  # why it is not fixed yet, and when it will be


#: Issues axe-core finds beyond serious/critical (those fail the tests outright). Empty means the
#: automated check finds nothing on our pages; the statement then says so.
KNOWN_ISSUES: tuple[KnownIssue, ...] = ()

#: Parts of the service we do not make ourselves: not covered by the automated check, known gaps.
THIRD_PARTY = (
    ("JupyterLab, where learners open and run notebooks",
     "Screen readers cannot yet read every part of the notebook editor (JupyterLab issue 9399 tracks "
     "this); some menus and panels are hard to use by keyboard alone. JupyterLab is made by Project "
     "Jupyter; we take each release that improves it."),
    ("The formgrader, where instructors collect and mark work",
     "Some tables and dialogs in nbgrader's formgrader have no accessible names and are hard to use "
     "with a screen reader. nbgrader is made by Project Jupyter."),
    ("The hub's admin page (/hub/admin)",
     "JupyterHub's own user-management page; its table controls are not all labelled."),
)


def contact() -> str:
    return settings.get("ACADEMY_ACCESSIBILITY_CONTACT")


class StatementHandler(BaseHandler):
    """GET /hub/accessibility: the statement, with no log-in."""

    async def get(self) -> None:
        html = await self.render_template("accessibility.html", known_issues=KNOWN_ISSUES, third_party=THIRD_PARTY,
                                          contact=contact(), prepared=PREPARED, reviewed=REVIEWED)
        self.finish(html)


def apply(c) -> None:
    """Hub config: our templates ahead of JupyterHub's, and the statement's page."""
    c.JupyterHub.template_paths = [str(TEMPLATES)]
    c.JupyterHub.extra_handlers = [(r"/accessibility", StatementHandler)]


def apply_native_signup(c, native_templates: Path) -> None:
    """Production with NativeAuthenticator: its sign-up pages come after ours, and our page.html (which
    shadows NativeAuthenticator's) puts back the two links it adds to the bar."""
    c.JupyterHub.template_paths = [str(TEMPLATES), str(native_templates)]
    c.JupyterHub.template_vars.update({"academy_native_signup": True})
