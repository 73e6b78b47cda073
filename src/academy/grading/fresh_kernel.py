"""Make a kernel forked from the warm process look, to learner code, like one started fresh.

The forker imports pandas, matplotlib and the rest before any kernel exists, so
whatever those libraries decide *at import time* they decide in the wrong
place: outside IPython, in the grader's folder, with the grader's standard
output. Measured against a kernel started normally (``python -m
ipykernel_launcher``, as JupyterLab and stock nbgrader start it; see
``tests/integration/test_kernel_parity.py``), a forked kernel differed in:

- matplotlib's inline backend: its module registers the per-cell figure
  closing (``flush_figures`` after each cell), the PNG display of figures and
  interactive mode only if an IPython shell exists when it is imported. Imported
  in the forker it registered nothing, so every cell drew onto the figure left
  open by the cells before it (issue 21: a right pandas bar chart had 20 bars);
- pandas' ``display.max_columns`` (0 outside a kernel, 20 inside one) and
  ``display.encoding`` (taken from the standard output at import);
- ``np.random``: every kernel inherited the forker's seed, so "random" numbers
  were the same in every learner's kernel (Python's ``random`` reseeds itself
  after a fork; numpy does not);
- ``sys.path`` (the grader's folder first), ``sys.argv``, and the libraries'
  warnings filters sitting behind the kernel's own instead of in front;
- the matplotlibrc read (the grader's folder, not the notebook's);
- the forker's one-thread-per-maths-library variables in ``os.environ``.

:func:`before_kernel` runs in the fork before ipykernel starts and
:func:`after_shell` once its shell exists, before the first cell. What still
differs, and why, is listed in the docstring of the test.
"""

from __future__ import annotations

import os
import sys
import warnings
from dataclasses import dataclass, field

#: Modules whose import sets up the running IPython shell: never kept from the warm process, so that
#: the kernel imports them itself when learner code first needs them, exactly as a fresh kernel does.
SHELL_BOUND = ("matplotlib_inline.backend_inline",)
#: What the forker sets for itself only (one thread per maths library while it forks); a fresh kernel has none.
FORKER_ONLY_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass
class WarmState:
    """What the forker recorded while warming up, to undo in each kernel."""

    #: sys.path[0] that ``python -m`` put there (the folder the grader ran in); ipykernel's launcher removes it.
    launch_entry: str | None = None
    #: Warnings filters once the kernel's own modules were imported, before any library.
    kernel_filters: list = field(default_factory=list)
    #: Filters the libraries added when imported: in a fresh kernel they come in front of the kernel's.
    library_filters: list = field(default_factory=list)
    #: The matplotlibrc the forker read (the bundled defaults, unless the grader's folder has one).
    matplotlibrc: str | None = None


def after_kernel_modules(state: WarmState) -> None:
    """Called by the forker once ipykernel's own modules are imported and before the libraries."""
    state.kernel_filters = list(warnings.filters)


def after_libraries(state: WarmState) -> None:
    state.library_filters = [f for f in warnings.filters if f not in state.kernel_filters]
    if "matplotlib" in sys.modules:
        state.matplotlibrc = sys.modules["matplotlib"].matplotlib_fname()


def launcher_argv(connection_file: str) -> list[str]:
    """The command line nbclient (stock nbgrader) starts a kernel with, past the interpreter."""
    return ["-f", connection_file, "--HistoryManager.hist_file=:memory:"]


def before_kernel(state: WarmState, connection_file: str) -> None:
    """In the fork, jailed, before ipykernel starts: the process as ``python -m ipykernel_launcher`` has it."""
    for name in SHELL_BOUND:
        if sys.modules.pop(name, None) is not None:
            parent, _, child = name.rpartition(".")
            if parent in sys.modules and hasattr(sys.modules[parent], child):
                delattr(sys.modules[parent], child)
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None and getattr(plt, "_backend_mod", None) is not None:
        plt._backend_mod = None  # resolved afresh (and the inline backend imported) on the first figure
    if state.launch_entry is not None and sys.path and sys.path[0] == state.launch_entry:
        del sys.path[0]
    import ipykernel_launcher

    sys.argv = [ipykernel_launcher.__file__, *launcher_argv(connection_file)]
    sys.orig_argv = [sys.executable, "-m", "ipykernel_launcher", *launcher_argv(connection_file)]
    warnings.filters[:] = state.kernel_filters
    warnings._filters_mutated()
    for name in FORKER_ONLY_ENV:
        os.environ.pop(name, None)
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()  # fresh entropy, as numpy seeds itself when imported in a new process


def after_shell(state: WarmState, shell) -> None:
    """Once the kernel's shell exists, before the first cell: what the libraries decide on import, redecided."""
    warnings.filters[:0] = state.library_filters
    warnings._filters_mutated()
    if "pandas" in sys.modules:
        with shell.builtin_trap:  # as while a cell runs, when a fresh kernel's pandas is imported
            _pandas_as_imported_here()
    mpl = sys.modules.get("matplotlib")
    if mpl is not None:
        here = mpl.matplotlib_fname()  # the notebook's folder and $MATPLOTLIBRC, looked at from the kernel
        if here != state.matplotlibrc:
            mpl.rc_file(here)
            mpl.rcParamsOrig.update(mpl.rcParams)
        if os.environ.get("MPLBACKEND"):
            mpl.rcParams["backend"] = os.environ["MPLBACKEND"]


def _pandas_as_imported_here() -> None:
    """pandas sets two display defaults from where it is imported: a terminal or a kernel, and stdout's encoding."""
    from pandas._config import config as cf
    from pandas._config.display import detect_console_encoding
    from pandas.core.config_init import is_terminal

    for key, value in (("display.max_columns", 0 if is_terminal() else 20),
                       ("display.encoding", detect_console_encoding())):
        registered = cf._registered_options.get(key)
        if registered is None:
            continue
        if cf.get_option(key) == registered.defval:  # untouched since import: follow the new default
            cf.set_option(key, value)
        cf._registered_options[key] = registered._replace(defval=value)
