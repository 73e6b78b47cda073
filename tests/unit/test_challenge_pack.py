"""The code-club challenge pack: what an organiser picks from, and the sheet they run a session from."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import academy.datasets as ds
from academy import cli, organiser_sheet
from academy.checks.registry import MODULES
from academy.curriculum import LEVELS, CurriculumError, load

COURSE = Path(__file__).resolve().parents[2] / "courses" / "accelerator"

CHALLENGE = """
[[challenges]]
id = "c99"
title = "Count the homes in each band"
level = 1
minutes = 25
dataset = "council_tax"
skills = ["data_handling"]
teaches = "Count the rows in each category"
exercises = ["q1", "q2"]
"""

SHEET = """## What it teaches
Counting rows per category: the first thing a team asks of any list.

## Before the session
- Everyone can log in to the hub.

## Timing
- 5 min: read the situation together
- 15 min: questions 1 and 2
- 5 min: what did people find?

## Common sticking points
- **KeyError: 'Band'**: column names are case-sensitive; look at the table's first rows.
- **NameError**: the set-up cell has not been run; run it first.
- **A count of every row**: the question asks per band.

## Finished early?
- Which band has the fewest homes?
"""


def manifest_with(tmp_path: Path, challenge: str) -> Path:
    (tmp_path / "curriculum.toml").write_text((COURSE / "curriculum.toml").read_text().split("[[challenges]]")[0]
                                              + challenge)
    return tmp_path


def test_the_pack_has_a_dozen_stand_alone_challenges_from_first_notebook_to_modelling():
    cur = load(COURSE)
    pack = cur.challenges
    assert len(pack) >= 12
    assert {c.level for c in pack} == set(LEVELS), "the pack should run from a first notebook to modelling"
    for c in pack:
        assert c.available, f"{c.id} is listed but has no notebook"
        assert 20 <= c.minutes <= 30
        assert c.dataset in ds.REGISTRY, f"{c.id}: one dataset per challenge, a family `academy data list` shows"
        assert MODULES[c.id].dataset == c.dataset, f"{c.id}: its checks use another dataset than the manifest says"
        assert c.exercises and cur.catalogue[c.id] == c.exercises
    # A challenge is not a step of the accelerator: nothing unlocks it and passing it unlocks nothing.
    assert not {c.id for c in pack} & {m.id for m in cur.modules}
    assert not {c.id for c in pack} & {p for m in cur.modules for p in m.prerequisites}


def test_every_challenge_has_an_organisers_sheet_that_fills_its_minutes():
    cur = load(COURSE)
    assert organiser_sheet.problems(COURSE, cur.challenges) == []
    for c in cur.challenges:
        sheet = organiser_sheet.read(COURSE, c)
        assert sum(n for n, _ in sheet.timing) == c.minutes
        assert "<li>" in sheet.html("Common sticking points")


@pytest.mark.parametrize("change,message", [
    (lambda t: t.replace("minutes = 25", "minutes = 45"), "takes 45 minutes; a club challenge takes 20 to 30"),
    (lambda t: t.replace("level = 1", "level = 7"), "has level 7; use one of 1 first notebook"),
    (lambda t: t.replace('skills = ["data_handling"]', 'skills = ["juggling"]'), "unknown skills ['juggling']"),
    (lambda t: t.replace('id = "c99"', 'id = "m01"'), "appears twice (ids are shared by modules and challenges)"),
    (lambda t: t.replace('teaches = "Count the rows in each category"\n', ''), "challenge c99 is missing teaches"),
    (lambda t: t.replace('exercises = ["q1", "q2"]', 'exercises = ["q1", "q1"]'), "lists exercise 'q1' twice"),
])
def test_each_kind_of_challenge_mistake_is_named(tmp_path, change, message):
    manifest_with(tmp_path, change(CHALLENGE))
    with pytest.raises(CurriculumError, match=re.escape(message)):
        load(tmp_path)


def test_a_challenge_is_accepted_by_the_progress_catalogue_and_titled_on_boards(tmp_path):
    cur = load(manifest_with(tmp_path, CHALLENGE))
    assert cur.catalogue["c99"] == ("q1", "q2")
    assert cur.title_of("c99") == "Count the homes in each band"
    assert cur.challenge("c99").level_name == "First notebook"
    assert "c99" not in cur.unlocked(set())


def sheet_problem(tmp_path: Path, text: str) -> str:
    cur = load(manifest_with(tmp_path, CHALLENGE))
    path = organiser_sheet.path_of(tmp_path, "c99")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    found = organiser_sheet.problems(tmp_path, cur.challenges)
    return found[0] if found else ""


def test_a_sound_sheet_reads_and_shows_raw_html_as_text(tmp_path):
    assert sheet_problem(tmp_path, SHEET) == ""
    cur = load(tmp_path)
    (tmp_path / "modules" / "c99" / "organiser.md").write_text(
        SHEET.replace("- Everyone can log in", "- <script>alert(1)</script> Everyone can log in"))
    html = organiser_sheet.read(tmp_path, cur.challenge("c99")).html("Before the session")
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize("change,message", [
    (lambda t: t.replace("## Finished early?", "## Extras"), "needs a '## Finished early?' section"),
    (lambda t: t.replace("- 15 min: questions", "- 10 min: questions"), "the Timing adds up to 20 minutes but "
                                                                         "curriculum.toml gives the challenge 25"),
    (lambda t: t.replace("- 15 min: questions 1 and 2", "- questions 1 and 2 (a quarter of an hour)"),
     "each Timing bullet starts with its minutes"),
    (lambda t: t.replace("- **NameError**: the set-up cell has not been run; run it first.\n", ""),
     "list at least 3 common sticking points"),
])
def test_each_kind_of_sheet_mistake_is_named(tmp_path, change, message):
    assert message in sheet_problem(tmp_path, change(SHEET))


def test_a_missing_sheet_says_where_to_write_it(tmp_path):
    cur = load(manifest_with(tmp_path, CHALLENGE))
    found = organiser_sheet.problems(tmp_path, cur.challenges)
    assert len(found) == 1 and "has no organiser's sheet: write" in found[0] and "organiser.md" in found[0]


def test_course_show_lists_the_pack():
    result = CliRunner().invoke(cli.main, ["course", "show", "--course", str(COURSE)])
    assert result.exit_code == 0 and "Code-club challenge pack" in result.output
    assert all(c.id in result.output for c in load(COURSE).challenges)
