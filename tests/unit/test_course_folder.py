"""What the course folder tells the people around it: who waits to be graded, what a learner is called."""

from __future__ import annotations

import pytest

from academy.course import Course, learner_names


def test_collected_submissions_not_yet_autograded_are_waiting(tmp_path):
    for student, module in (("amira", "m01"), ("ben", "m01"), ("ben", "m02"), ("chloe", "m01")):
        (tmp_path / "submitted" / student / module).mkdir(parents=True)
    (tmp_path / "autograded" / "ben" / "m01").mkdir(parents=True)
    (tmp_path / "submitted" / "notes.txt").write_text("not a learner")
    assert Course.at(tmp_path).ungraded() == {"m01": ["amira", "chloe"], "m02": ["ben"]}
    assert Course.at(tmp_path / "autograded").ungraded() == {}  # no submitted/ at all: nothing waits


@pytest.mark.parametrize("login,first,last", [("jane.smith", "Jane", "Smith"), ("li_wei-chen", "Li", "Wei Chen"),
                                             ("o.brien@council.gov.uk", "O", "Brien"), ("amira", "", "amira")])
def test_a_learner_nobody_named_is_named_from_their_login(login, first, last):
    assert learner_names(login) == {"first_name": first, "last_name": last}
