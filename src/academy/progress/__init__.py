"""Progress: who has done what in the accelerator, what unlocks next, and who needs help.

``models`` is the store's schema (migrated with Alembic); ``store`` records
check attempts and grades and answers the views' questions; ``rules`` turns
grades into completions, skills and certificates from the curriculum
manifest; ``service`` is the JupyterHub service learners, instructors and
code-club organisers open in their browser; ``reporter`` sends a learner's
instant-check attempts to it from their notebook.
"""
