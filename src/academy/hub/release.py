"""Generate and release a course's modules with nbgrader's own API, in one process for the whole course.

Each ``nbgrader generate_assignment`` or ``release_assignment`` command pays three to five seconds of
start-up (importing nbgrader, nbconvert and its gradebook) before doing a fraction of a second's work, and a
course of nine modules, two more and a dozen club challenges paid it nearly fifty times on a first start.
Here generation runs through ``NbGraderAPI`` (what the formgrader's buttons call) in one child process per
course, started by ``academy.hub.prepare``, and each release goes straight into the exchange service's store
(the service is not running yet while the hub prepares; the formgrader's Release button goes through the
service). It reports each step as a line of JSON so the hub's start-up text can say how far it has got.

Run as ``python -m academy.hub.release EXCHANGE_DIR EXCHANGE_DB_URL MODULE[+] ...`` in the course folder: a
``+`` after a module asks for it to be generated again before it is released.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from ..course import nbgrader_config
from ..exchange import archive
from ..exchange.store import ExchangeStore
from .digest import tree_digest


def _say(**event: object) -> None:
    print(json.dumps(event), flush=True)


def _why(result: dict) -> str:
    """nbgrader's own words for a failed step: its error lines, else the end of its traceback."""
    text = (result.get("log") or "") + "\n" + (result.get("error") or "")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    errors = [ln for ln in lines if "ERROR" in ln or "Error" in ln]
    return " | ".join((errors or lines)[-3:]) or "nbgrader gave no reason"


def run(course: Path, store: ExchangeStore, wanted: list[tuple[str, bool]]) -> int:
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.utils import ignore_patterns

    config = nbgrader_config(course)
    config.CourseDirectory.root = str(course)
    coursedir = CourseDirectory(config=config)
    api = NbGraderAPI(coursedir=coursedir, config=config)
    ignore = ignore_patterns(exclude=coursedir.ignore, include=coursedir.include,
                             max_file_size=coursedir.max_file_size)
    for module, generate in wanted:
        if generate:
            _say(module=module, step="generate", state="started")
            result = api.generate_assignment(module, force=True, create=True)
            if not result["success"]:
                _say(module=module, step="generate", state="failed", why=_why(result))
                return 1
            _say(module=module, step="generate", state="done", digest=tree_digest(course / "source" / module))
        try:
            packed = archive.pack(course / "release" / module, ignore)
            known = store.released(coursedir.course_id, module)
            if known is not None and known.blob == hashlib.sha256(packed).hexdigest():
                continue
            _say(module=module, step="release", state="started")
            store.release(coursedir.course_id, module, packed)
        except (OSError, archive.ArchiveError) as exc:
            _say(module=module, step="release", state="failed", why=str(exc))
            return 1
        _say(module=module, step="release", state="done")
    return 0


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2:
        sys.exit("usage: python -m academy.hub.release EXCHANGE_DIR EXCHANGE_DB_URL MODULE[+] ...")
    wanted = [(a.rstrip("+"), a.endswith("+")) for a in args[2:]]
    sys.exit(run(Path.cwd(), ExchangeStore(Path(args[0]), args[1]), wanted))


if __name__ == "__main__":
    main()
