"""One error type for every mistake a person can fix.

Each part of the package raises its own kind (a dataset, a setting, the hub,
grading, progress), all subclasses of :class:`AcademyError`, with a message a
council analyst can act on. The command line catches ``AcademyError`` once and
prints the message as one ``Error:`` line; anything else is a bug and keeps
its traceback.
"""

from __future__ import annotations


class AcademyError(Exception):
    """A problem described in plain English for whoever can fix it."""


class SettingError(AcademyError, ValueError):
    """A setting (an ``ACADEMY_*`` variable or an option) whose value cannot work."""
