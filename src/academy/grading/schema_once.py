"""nbgrader's cell-metadata check, with its schema checked once per process instead of once per cell.

nbgrader validates every cell's ``nbgrader`` metadata with ``jsonschema.validate``,
which first checks the *schema* itself against the JSON Schema meta-schema and
builds a new validator, each time. For a 38-cell notebook that was about 70 ms
of the grader's half second per notebook, all of it spent re-checking one
constant schema. Here nbgrader's format module is given a ``jsonschema`` whose
``validate`` keeps a checked validator per schema; it accepts and refuses
exactly what ``jsonschema.validate`` does, with the same error (the best
match), and every other name is the real module's.
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import jsonschema
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for


class _CheckedOnce(ModuleType):
    """``jsonschema`` with a ``validate`` that checks each distinct schema only the first time."""

    def __init__(self) -> None:
        super().__init__("jsonschema")
        self._validators: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(jsonschema, name)

    def validate(self, instance: Any, schema: Any, cls: Any = None, *args: Any, **kwargs: Any) -> None:
        if args or kwargs:  # a caller with its own options: the real thing, unchanged
            jsonschema.validate(instance, schema, cls, *args, **kwargs)
            return
        key = f"{cls!r}:{json.dumps(schema, sort_keys=True, default=str)}"
        validator = self._validators.get(key)
        if validator is None:
            chosen = cls or validator_for(schema)
            chosen.check_schema(schema)
            validator = self._validators[key] = chosen(schema)
        error = best_match(validator.iter_errors(instance))
        if error is not None:
            raise error


def install() -> None:
    """Give nbgrader's metadata format module the checked-once ``validate`` (idempotent)."""
    from nbgrader.nbgraderformat import common

    if not isinstance(common.jsonschema, _CheckedOnce):
        common.jsonschema = _CheckedOnce()
