"""nbgrader's metadata check, its schema checked once: it accepts and refuses exactly what nbgrader's own does."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import nbformat
import pytest
from nbgrader.nbgraderformat import MetadataValidator, ValidationError, common

from academy.grading import schema_once

NOTEBOOK = Path(__file__).resolve().parents[2] / "courses" / "accelerator" / "source" / "m02" / "m02.ipynb"


def _broken_metadata() -> list[dict]:
    nb = nbformat.read(str(NOTEBOOK), as_version=4)
    meta = next(c.metadata["nbgrader"] for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade"))
    broken = []
    for change in ({"points": "ten"}, {"grade": "yes"}, {"grade_id": 7}, {"locked": None}, {"solution": 1}):
        changed = copy.deepcopy(dict(meta))
        changed.update(change)
        broken.append(changed)
    return broken


def _outcome(validate, instance: dict, schema: dict) -> str:
    try:
        validate(instance, schema)
    except jsonschema.ValidationError as exc:
        return f"refused: {exc.message} at {list(exc.absolute_path)}"
    return "accepted"


def test_every_broken_metadata_gets_the_same_verdict_and_message_as_jsonschema_itself() -> None:
    schema = MetadataValidator().schema
    checked_once = schema_once._CheckedOnce()
    nb = nbformat.read(str(NOTEBOOK), as_version=4)
    good = [dict(c.metadata["nbgrader"]) for c in nb.cells if "nbgrader" in c.metadata]
    for instance in good + _broken_metadata():
        for _ in range(2):  # the second time from the kept validator
            assert _outcome(checked_once.validate, instance, json.loads(json.dumps(schema))) == \
                _outcome(jsonschema.validate, instance, schema)
    assert all(_outcome(checked_once.validate, i, schema) == "accepted" for i in good)
    assert all(_outcome(checked_once.validate, i, schema).startswith("refused") for i in _broken_metadata())


def test_nbgraders_check_still_refuses_a_corrupted_notebook_once_installed() -> None:
    schema_once.install()
    assert isinstance(common.jsonschema, schema_once._CheckedOnce)
    nb = nbformat.read(str(NOTEBOOK), as_version=4)
    MetadataValidator().validate_nb(nb)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade"))
    cell.metadata["nbgrader"]["points"] = "ten"
    with pytest.raises(ValidationError):
        MetadataValidator().validate_nb(nb)
