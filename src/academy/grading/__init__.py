"""The grader's machine: ``academy grade`` and ``academy validate`` on nbgrader courses.

Rooms:

- ``batch``: a cohort: plan, resume markers, a pool of worker processes fed jobs;
- ``pipeline``: one notebook: SANITISE → run → recheck → AFTER → SAVE, one call (``grade_notebook``);
- ``gradebook_steps``: nbgrader's gradebook steps, asking once per batch or notebook rather than per cell;
- ``recheck``: each declared exercise judged again outside the kernel, from its recorded answer;
- ``course``: the nbgrader course folder (config, folders, gradebook, secret, what kernels must not see);
- ``results``: Options, NotebookResult, StudentResult, GradeError;
- ``notebooks``: nbgrader's view of cells, and the hidden-test contract each test cell declares;
- ``feedback``: nbgrader's HTML feedback and the plain-English summary;
- ``feedback_export``, ``schema_once``: nbgrader's feedback pages and metadata check, doing once per process what
  they did per learner or per cell;
- ``validate``: ``academy validate``, is a source notebook fit to release;
- ``execute``, ``forker``, ``kernels``, ``_relay``, ``sandbox``: running learners' code in jailed, warm kernels;
- ``leftovers``: what a grader killed outright leaves in the temporary folder, swept by the next one;
- ``formgrader_button``: the formgrader's Autograde button, graded by ``academy grade`` in the sandbox;
- ``submissions``: realistic and hostile submissions for tests and benchmarks;
- ``autograde``: the old import path of the batch.

See ``README.md`` beside this file for how they fit together.
"""
