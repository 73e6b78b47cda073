"""The checks service the hub starts (``python -m academy.checks.service``), at ``/services/checks/``.

It runs where the course folder can be read (as the grader's account in
production, in a pod with the course mounted on Kubernetes) and nowhere a
learner's code runs. It judges each answer with the course folder's checks
and writes the attempt to the progress store, so the progress views count
the service's verdicts, never a kernel's claims.
"""

from __future__ import annotations

import gc
import importlib
import logging
import sys
import threading

from .. import settings
from ..course import find as find_course
from ..errors import AcademyError, SettingError
from ..exercises.wire import MAX_BUNDLE_BYTES
from ..progress.store import ProgressStore
from ..services.app import serve
from ..services.settings import HubService
from . import registry
from .judge import Judge
from .web import make_app

log = logging.getLogger("academy.checks")

#: Libraries the course's checks import when first needed (a model fit, a chart): importing scikit-learn takes
#: seconds, which the first learner to load a modelling module would otherwise wait for.
WARM_IMPORTS = ("matplotlib.pyplot", "scipy.stats", "sklearn.cluster", "sklearn.linear_model",
                "sklearn.model_selection", "sklearn.preprocessing")


def warm(judge: Judge) -> None:
    """Load every module's checks and the libraries they use, once, before learners ask."""
    for name in WARM_IMPORTS:
        try:
            importlib.import_module(name)
        except Exception:  # an optional library this course does not use
            log.debug("not warmed: %s", name)
    for module_id in registry.module_ids(judge.course):  # folders with checks (not a project template)
        try:
            judge.source(module_id)
        except Exception as exc:  # said again, to the learner, when they load it
            log.warning("module %s cannot be loaded: %s", module_id, exc)
    # What is loaded now (pandas, scikit-learn, the course's modules: a quarter of a million objects) stays for
    # the service's life. Frozen, the collector stops walking it: a full collection in the middle of a class's
    # checks took ~150 ms with the event loop stopped, and ~20 ms without them.
    gc.collect()
    gc.freeze()


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="[checks %(levelname)s %(asctime)s] %(message)s")
    try:
        hub = HubService.from_env(prefix="/services/checks/", url="http://127.0.0.1:10103")
        course = find_course(settings.get("ACADEMY_PROGRESS_COURSE"))
        db_url = settings.get("ACADEMY_PROGRESS_DB_URL")
        if not db_url:
            raise SettingError("ACADEMY_PROGRESS_DB_URL is not set: the hub sets it when it starts this service")
        judge = Judge(course)
        judge.secret  # noqa: B018 - fail at start, in one line, if the course's secret cannot be read
        curriculum = course.curriculum
    except AcademyError as exc:
        sys.exit(str(exc))
    try:
        store = ProgressStore(db_url, curriculum)
    except Exception as exc:
        sys.exit(f"cannot open the progress store: {exc}")
    log.info("checking %s for course %s", course.root, course.id)
    threading.Thread(target=warm, args=(judge,), name="warm-up", daemon=True).start()
    serve(make_app(judge, store, hub.prefix), hub, log=log, max_body_size=MAX_BUNDLE_BYTES)
    store.engine.dispose()


if __name__ == "__main__":
    main()
