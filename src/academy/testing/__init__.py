"""Tools for the tests and benchmarks, never imported at run time (``tests/unit/test_layout.py`` holds to that).

- ``hub_client``: a person's session on a hub (log in, spawn, run code in their kernel, browse a service);
- ``hubs``: a real hub started as ``academy hub start`` starts it, on a free port with its own state;
- ``exchange``: the exchange service through a hub, by its API and by the real ``nbgrader`` command;
- ``submissions``: realistic submissions of an assignment (honest, wrong, copied, tampered, hostile);
- ``selfcheck``: each module's published answers, to run through the checks.
"""
