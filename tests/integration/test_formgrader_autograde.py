"""The formgrader's Autograde button grades in the sandbox, as ``academy grade`` does.

Pressed on stock nbgrader, the button runs the submission in the formgrader's own process, beside the course
folder: the cheat of ``test_answers_out_of_reach`` (which reads the course's solutions) then earns marks. On
the hub the same button must give that cheat what a blank earns, give an honest submission its marks, and
be refused to a learner.
"""

from __future__ import annotations

import os
import shutil

import pytest
import requests
from test_answers_out_of_reach import make_cheat

from academy.testing import submissions

MODULE = "m05"
AUTOGRADE = "/services/formgrader-accelerator/formgrader/api/submission/{module}/{student}/autograde"

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the full sandbox needs root (CI runs as root)")


def _submit(course, tmp_path) -> dict[str, str]:
    """Place an honest, a cheating and a blank submission in the hub course's submitted/, as Collect would."""
    made = submissions.generate(course, MODULE, n=3, out=tmp_path, seed=1, hostile=False)
    kinds = {s.kind: s.student for s in made}
    names = {"honest": kinds["correct"], "cheat": kinds["correct"], "blank": kinds["blank"]}
    who = {}
    for role, source in names.items():
        student = f"formgrader-{role}"
        dest = course / "submitted" / student / MODULE
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(tmp_path / source / MODULE, dest)
        who[role] = student
    make_cheat(course / "submitted" / who["cheat"] / MODULE / f"{MODULE}.ipynb", MODULE, course_too=True)
    return who


def _gradebook(course):
    from nbgrader.api import Gradebook

    return Gradebook(f"sqlite:///{course / 'gradebook.db'}")


def _score(course, student: str) -> tuple[float, float]:
    with _gradebook(course) as gb:
        submission = gb.find_submission(MODULE, student)
        return submission.score, submission.max_score


def test_the_autograde_button_grades_in_the_sandbox(hub, tmp_path):
    who = _submit(hub.course, tmp_path)
    instructor = {"Authorization": f"token {hub.session('instructor').token()}"}

    pressed = {}
    for role, student in who.items():
        r = requests.post(hub.url + AUTOGRADE.format(module=MODULE, student=student), headers=instructor, timeout=900)
        assert r.status_code == 200, r.text[:500]
        pressed[role] = r.json()
        assert pressed[role]["success"], pressed[role]

    score, total = _score(hub.course, who["honest"])
    written = 3  # m05's report to the cabinet member is marked by hand: nothing until an instructor marks it
    assert total > 0 and score == total - written, pressed["honest"]["log"]
    assert _score(hub.course, who["cheat"])[0] == _score(hub.course, who["blank"])[0] == 0, pressed["cheat"]["log"]
    # The page's dialogue tells the instructor where it was graded and what the learner will read.
    assert "Sandbox:" in pressed["cheat"]["log"] and "no network" in pressed["cheat"]["log"]
    assert f"{score:g} of {total:g} points" in pressed["honest"]["log"]
    with _gradebook(hub.course) as gb:  # the formgrader lists them by name, not as "None, None"
        assert (gb.find_student(who["honest"]).first_name, gb.find_student(who["honest"]).last_name) == \
            ("Formgrader", "Honest")
    summary = hub.course / "feedback" / who["cheat"] / MODULE / "summary.txt"
    assert summary.is_file(), "the learner's plain-English summary is written, as academy grade writes it"


def test_a_learner_cannot_press_autograde_and_odd_names_are_refused(hub):
    amira = {"Authorization": f"token {hub.session('amira').token()}"}
    r = requests.post(hub.url + AUTOGRADE.format(module=MODULE, student="amira"), headers=amira, timeout=30,
                      allow_redirects=False)
    assert r.status_code in (302, 403), r.status_code
    instructor = {"Authorization": f"token {hub.session('instructor').token()}"}
    r = requests.post(hub.url + AUTOGRADE.format(module=MODULE, student="..%2F..%2Fetc"), headers=instructor,
                      timeout=60)
    assert r.status_code in (200, 404), r.status_code
    if r.status_code == 200:
        answer = r.json()
        assert not answer["success"] and "not a learner name" in answer["error"]
