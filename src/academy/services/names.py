"""The names the hub gives its services: written once, read by the hub's roles and by the services that
recognise each other (the exchange knows a course's formgrader by its name)."""

from __future__ import annotations

PROGRESS_SERVICE = "progress"
CHECKS_SERVICE = "checks"
EXCHANGE_SERVICE = "exchange"
#: The grading workers (``academy.grading.on_submit``): they grade every course's submissions as they arrive.
GRADER_SERVICE = "grader"


def formgrader_service(course: str) -> str:
    """The formgrader of one course: it teaches that course in the exchange, and no other."""
    return f"formgrader-{course}"
