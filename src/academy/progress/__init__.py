"""Progress: who has done what in the accelerator, what unlocks next, and who needs help.

``models`` is the store's schema (migrated with Alembic from ``migrations``);
``store`` records check attempts and grades and answers the views'
questions; ``writer`` batches the attempts that arrive together into one
commit; ``events`` validates an attempt before anything is stored; ``rules``
turns grades into completions, skills and certificates from the curriculum
manifest; ``gradebook_sync`` copies grades from nbgrader's gradebook and
``hub_groups`` reads the hub's groups as cohorts; ``web`` is the JupyterHub
service learners, instructors and code-club organisers open in their
browser (with ``charts`` and ``templates``). The exercises a module has come
from the curriculum manifest. ``web.checks`` are the instant checks behind the
hub: a notebook sends its answer as data, ``academy.checks`` judges it with
the course folder's checks, and the attempt recorded is that verdict (a
kernel's word that something passed is never taken).
"""
