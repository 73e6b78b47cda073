"""Old home of ``academy grade``'s batch, kept so existing imports work: the grader now lives in named rooms.

``results`` (Options, results, GradeError), ``course`` (the nbgrader course),
``pipeline`` (one notebook), ``batch`` (a cohort), ``feedback`` (what learners read).
"""

from .batch import MARKER, BatchGrader, StudentJob, grade_student
from .course import SECRET_FILE, GradingCourse
from .feedback import SUMMARY_FILE
from .pipeline import NotebookJob, grade_notebook
from .results import GradeError, NotebookResult, Options, StudentResult

__all__ = ["BatchGrader", "GradingCourse", "GradeError", "MARKER", "NotebookJob", "NotebookResult", "Options",
           "SECRET_FILE", "StudentJob", "StudentResult", "SUMMARY_FILE", "grade_notebook", "grade_student"]
