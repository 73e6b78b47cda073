"""Old home of the notebook's attempt reporter, now ``academy.notebook.reporting`` (it runs in the learner's kernel).

Kept so code written against the old path keeps working; it is the same module, not a copy, so
``academy.progress.reporter._installed`` is the reporter the kernel is using.
"""

import sys

from ..notebook import reporting

sys.modules[__name__] = reporting
