"""nbgrader settings for the accelerator course.

Run nbgrader from this folder (``cd courses/accelerator``); stock
``nbgrader generate_assignment / autograde / generate_feedback`` work here.
"""

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

c.CourseDirectory.course_id = "accelerator"
# Released notebooks replace solutions with this stub; learners' blanks fail the tests.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
# A learner's cell that loops forever must not stop the batch.
c.Execute.timeout = 120
c.Execute.allow_errors = True
