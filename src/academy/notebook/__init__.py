"""What a learner's kernel imports, and nothing that knows an answer.

- :func:`module` (here): a learner's exercises for one module, on their own variant of the data;
- ``client``: the thin client it returns on the hub (tables, questions, calls to the checker);
- ``hidden_tests``: ``verify`` and ``verify_function``, which nbgrader's hidden test cells call.

Where the checks run depends on where the notebook runs:

1. under ``academy grade``: the grader left the learner's tables beside the notebook and judges the recorded
   answers in its own process;
2. in nbgrader's ``autograded/<student>/`` folders of a course whose checks this account may read (stock
   ``nbgrader autograde`` run by an instructor): in this kernel, from the course folder, for that student;
3. on the hub: in the checks service behind the hub, with this server's token;
4. elsewhere, for an account that may read the course folder (an instructor, ``academy validate``): here;
5. anywhere else: nowhere, and :func:`module` says where to work instead.

Released notebooks written before this room existed import ``module`` from ``academy.exercises``; that name
is kept there and leads here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..exercises import capture
from ..exercises.variants import GRADING_FOLDERS, learner_id
from .client import ClientModule, GradingBackend, NotebookError, StockGradingBackend, service_backend

__all__ = ["module", "NotebookError"]

OUTSIDE_THE_HUB = ("These exercises are checked on the Council Data Academy hub. Open this notebook there "
                   "(sign in, then Assignments, then Fetch), or ask your instructor for the hub's address: "
                   "away from the hub nothing can check your answers.")


def module(module_id: str, learner: str | None = None, course: str | None = None) -> Any:
    """Your exercises for one module on your own data; ``learner`` is for instructors checking someone's variant."""
    key = module_id.strip().lower()
    root = capture.folder()
    if root is not None:
        return ClientModule(key, GradingBackend(root))
    local = readable_course(course)
    if local is not None and _in_grading_folder():
        return _loaded(lambda: ClientModule(key, StockGradingBackend(judge_for(local), learner or learner_id())),
                       key)
    backend = service_backend()
    if backend is not None:
        return ClientModule(key, backend)
    if local is not None:
        return _bound(local, key, learner)
    raise NotebookError(OUTSIDE_THE_HUB)


def readable_course(folder: str | None = None):
    """The course whose checks for ``module_id`` this account may read, or None (a learner never may)."""
    try:
        from ..course import find

        found = find(folder)
    except Exception:
        return None
    modules = found.modules_folder
    try:
        readable = modules.is_dir() and os.access(modules, os.R_OK | os.X_OK)
    except OSError:  # the course folder itself is closed to this account, as it is to every learner
        readable = False
    return found if readable else None


def _in_grading_folder(cwd: Path | None = None) -> bool:
    return any(part in GRADING_FOLDERS for part in (cwd or Path.cwd()).resolve().parts)


_judges: dict[Path, Any] = {}


def judge_for(found) -> Any:
    """One judge per course and process: a notebook's checks and hidden tests share its built data."""
    from ..checks.judge import Judge

    if found.root not in _judges:
        _judges[found.root] = Judge(found, cache_size=8)
    return _judges[found.root]


def _bound(found, module_id: str, learner: str | None):
    from ..exercises.core import Module

    def fresh():
        judge = judge_for(found)
        built = judge.bound(module_id, learner or learner_id())
        made = Module(built.spec, learner=built.learner, course=built.course, secret=judge.secret)
        made._context = built.context  # the data are built once; what was passed or hinted starts afresh
        return made

    return _loaded(fresh, module_id)


def _loaded(make, module_id: str):
    """``make()``, with a missing module or broken course files said in one line."""
    try:
        return make()
    except NotebookError:
        raise
    except KeyError as exc:
        raise NotebookError(str(exc).strip("'\"")) from None
    except Exception as exc:  # the course folder's own files are broken: say so in one line
        raise NotebookError(f"The checks for {module_id} cannot be loaded: {exc}") from None
