"""Which learner is this, and which variant of the data is theirs.

A learner's variant is seeded from (course, assignment, learner) *and the
course's secret*, so the same learner always gets the same numbers (in their
notebook, in the instant checks and when the grader re-runs their work) while
a neighbour gets different ones, and nobody without the secret can rebuild
anyone's numbers, or the truths planted in them, from the public generators.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import os
from pathlib import Path

from .. import settings

LEARNER_ENV = ("ACADEMY_LEARNER", "JUPYTERHUB_USER", "NB_USER")


#: nbgrader folders whose next part is the student id: <folder>/<student>/<assignment>/.
GRADING_FOLDERS = ("autograded", "submitted", "feedback")


def learner_id(cwd: Path | None = None) -> str:
    """Whose variant this kernel should load.

    In order: ``ACADEMY_LEARNER`` (set by our grader); the student folder when
    nbgrader runs a submission inside ``autograded/<student>/<assignment>/`` (so
    stock ``nbgrader autograde`` rebuilds each learner's own data, even on an
    instructor's hub server where ``JUPYTERHUB_USER`` names the instructor);
    the hub's user name; the operating-system user.
    """
    explicit = settings.raw("ACADEMY_LEARNER")
    if explicit:
        return explicit
    parts = (cwd or Path.cwd()).resolve().parts
    for i in range(len(parts) - 2):
        if parts[i] in GRADING_FOLDERS:
            return parts[i + 1]
    for var in LEARNER_ENV[1:]:
        value = os.environ.get(var, "").strip()
        if value:
            return value
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, e.g. in some containers
        return "learner"


def _seed(purpose: str, course: str, assignment: str, learner: str, secret: str) -> int:
    if not secret:
        raise ValueError("the course's secret is needed to build a learner's variant")
    key = f"{purpose}\x1f{course}\x1f{assignment}\x1f{learner.strip().lower()}".encode()
    return int.from_bytes(hmac.new(secret.encode(), key, hashlib.sha256).digest()[:8], "big")


def variant_seed(course: str, assignment: str, learner: str, secret: str) -> int:
    """The stable 64-bit seed of one learner's copy of one assignment."""
    return _seed("variant", course, assignment, learner, secret)


def unseen_seed(course: str, assignment: str, learner: str, secret: str) -> int:
    """The seed of a further variant the learner never sees.

    Hidden tests run a learner's function on it: nobody can know its numbers
    in advance, so hard-coded answers cannot pass.
    """
    return _seed("unseen", course, assignment, learner, secret)
