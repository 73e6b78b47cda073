"""Judging answers where the answers may be known: the grader's side of the instant checks.

- ``registry``: each module as its instructor wrote it, read from the course folder;
- ``judge``: a module bound to one learner's variant (seeded with the course's secret), judging answers;
- ``unseen``: function exercises on data the learner never saw;
- ``answers``: the published solutions and the collections of right and wrong answers, run as a learner would;
- ``web`` and ``service``: the checks service behind the hub (``/services/checks/``).

This room holds no answer itself: without read access to the course folder it can judge nothing.
"""
