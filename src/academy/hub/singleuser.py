"""A learner's (and the formgrader's) Jupyter server, started a second sooner.

jsonschema's IRI grammar is not compiled (``academy.iri_grammar``): about 1.1 s
of CPU out of a 3-4 s server start on this project's machines, for a format
check that no schema the server loads uses.

JupyterLab, as it is imported, asks for its version, and that asks
``node yarn config --json`` for an npm registry whenever Node.js is on the
PATH: a Node.js start (about 0.3 s) in every learner's server start, for a
registry that only building JupyterLab extensions uses, which nobody does from
a learner's server. The server is told what it hears on a machine without
Node.js: no yarn configuration. Everything else is ``jupyterhub-singleuser``
unchanged.
"""

from __future__ import annotations

import sys

from .. import iri_grammar


def _no_yarn_config(logger: object) -> dict[str, dict]:
    return {"yarn config": {}, "npm config": {}}


def quicken() -> None:
    """Both cuts above; before anything imports jsonschema or JupyterLab's server app."""
    iri_grammar.skip()
    import jupyterlab.commands

    jupyterlab.commands._yarn_config = _no_yarn_config


def main() -> None:
    quicken()
    from jupyterhub.singleuser import main as singleuser_main

    sys.exit(singleuser_main())


if __name__ == "__main__":
    main()
