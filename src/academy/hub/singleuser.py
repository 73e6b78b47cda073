"""A learner's (and the formgrader's) Jupyter server, started a second sooner.

``jsonschema`` imports ``rfc3987_syntax`` whenever it is installed (it comes in
with ``jupyter_events``), and that package compiles an Earley grammar at import:
about 1.1 s of CPU out of a 3-4 s server start on this project's machines, for an
IRI format check that no schema the server loads uses. Marking the module
missing makes ``jsonschema`` skip that one check, exactly as on an install
without it; everything else is ``jupyterhub-singleuser`` unchanged.
"""

from __future__ import annotations

import sys


def main() -> None:
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    from jupyterhub.singleuser import main as singleuser_main

    sys.exit(singleuser_main())


if __name__ == "__main__":
    main()
