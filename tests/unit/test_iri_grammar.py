"""The ``academy`` command does not compile jsonschema's IRI grammar, and still checks notebooks as before."""

from __future__ import annotations

import json
import subprocess
import sys

_REPORT = ("import sys, nbformat; "
           "nb = nbformat.v4.new_notebook(); nb.cells.append(nbformat.v4.new_code_cell('1')); "
           "broken = nbformat.v4.new_notebook(); broken.cells.append({'cell_type': 'code', 'source': 1}); "
           "import json; print(json.dumps({'grammar': sys.modules.get('rfc3987_syntax') is not None, "
           "'good': nbformat.validator.isvalid(nb), 'broken': nbformat.validator.isvalid(broken)}))")


def _imports(prologue: str) -> dict:
    out = subprocess.run([sys.executable, "-c", prologue + _REPORT], check=True, capture_output=True, text=True,
                         timeout=120).stdout
    return json.loads(out.splitlines()[-1])


def test_the_command_line_skips_the_grammar_and_checks_notebooks_the_same() -> None:
    plain = _imports("")
    assert plain["grammar"], "nbformat no longer pulls in rfc3987_syntax: academy.iri_grammar can go"
    ours = _imports("import academy.cli; ")
    assert not ours["grammar"]
    assert not _imports("import academy.hub.singleuser as server; server.quicken(); ")["grammar"], \
        "a learner's server should start without the grammar too"
    assert (ours["good"], ours["broken"]) == (plain["good"], plain["broken"]) == (True, False)


def test_a_kernel_importing_academy_keeps_the_package() -> None:
    """Only processes that start through academy's command line or a learner's server leave it out."""
    assert _imports("import academy, academy.notebook; ")["grammar"]
