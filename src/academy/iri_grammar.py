"""jsonschema's IRI format check, left out of the processes that start often.

``jsonschema`` imports ``rfc3987_syntax`` whenever it is installed (it comes in
with ``jupyter_events``), and that package compiles an Earley grammar at
import: about 0.75 s of CPU on this project's machines, paid by every process
that reads a notebook (nbformat imports jsonschema). No schema these processes
check uses the IRI formats: nbformat's and nbgrader's use none, and formats
are only checked when a caller asks for a format checker. Marking the module
missing makes ``jsonschema`` skip that one check, exactly as on an install
without it.

It is done where a process starts (``academy``'s command line, a learner's
server), never at package import: a learner's kernel imports ``academy`` and
must keep any package it imports itself.
"""

from __future__ import annotations

import sys


def skip() -> None:
    """Before anything imports jsonschema; a no-op once it has (or if the module is already loaded)."""
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
