"""Generate and release a course's modules with nbgrader's own API, in one process for the whole course.

Each ``nbgrader generate_assignment`` or ``release_assignment`` command pays three to five seconds of
start-up (importing nbgrader, nbconvert and its gradebook) before doing a fraction of a second's work, and a
course of nine modules, two more and a dozen club challenges paid it nearly fifty times on a first start.
Here the same steps run through ``NbGraderAPI`` (what the formgrader's buttons call) in one child process
per course, started by ``academy.hub.prepare``; it reports each step as a line of JSON so the hub's start-up
text can say how far it has got.

Run as ``python -m academy.hub.release EXCHANGE_ROOT MODULE[+] ...`` in the course folder: a ``+`` after a
module asks for it to be generated again before it is released.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..course import nbgrader_config
from .digest import tree_digest


def _say(**event: object) -> None:
    print(json.dumps(event), flush=True)


def _why(result: dict) -> str:
    """nbgrader's own words for a failed step: its error lines, else the end of its traceback."""
    text = (result.get("log") or "") + "\n" + (result.get("error") or "")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    errors = [ln for ln in lines if "ERROR" in ln or "Error" in ln]
    return " | ".join((errors or lines)[-3:]) or "nbgrader gave no reason"


def run(course: Path, exchange: Path, wanted: list[tuple[str, bool]]) -> int:
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config = nbgrader_config(course)
    config.Exchange.root = str(exchange)
    config.CourseDirectory.root = str(course)
    config.ExchangeReleaseAssignment.force = True
    coursedir = CourseDirectory(config=config)
    api = NbGraderAPI(coursedir=coursedir, config=config)
    for module, generate in wanted:
        if generate:
            _say(module=module, step="generate", state="started")
            result = api.generate_assignment(module, force=True, create=True)
            if not result["success"]:
                _say(module=module, step="generate", state="failed", why=_why(result))
                return 1
            _say(module=module, step="generate", state="done", digest=tree_digest(course / "source" / module))
        outbound = exchange / coursedir.course_id / "outbound" / module
        if outbound.is_dir() and tree_digest(outbound) == tree_digest(course / "release" / module):
            continue
        _say(module=module, step="release", state="started")
        result = api.release_assignment(module)
        if not result["success"]:
            _say(module=module, step="release", state="failed", why=_why(result))
            return 1
        _say(module=module, step="release", state="done")
    return 0


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        sys.exit("usage: python -m academy.hub.release EXCHANGE_ROOT MODULE[+] ...")
    wanted = [(a.rstrip("+"), a.endswith("+")) for a in args[1:]]
    sys.exit(run(Path.cwd(), Path(args[0]), wanted))


if __name__ == "__main__":
    main()
