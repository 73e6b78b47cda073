"""The curriculum manifest as instructors write it and the progress service reads it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import academy.datasets as ds
from academy import cli
from academy.checks.registry import MODULES
from academy.curriculum import CurriculumError, load
from academy.grading.notebooks import read_notebook
from academy.grading.validate import hand_marked

COURSE = Path(__file__).resolve().parents[2] / "courses" / "accelerator"


def test_the_accelerator_has_eleven_modules_in_teaching_order():
    cur = load(COURSE)
    assert [m.id for m in cur.modules] == [f"m{i:02d}" for i in range(1, 12)]
    assert cur.module("m09").prerequisites and not cur.module("m01").prerequisites
    assert all(0 < m.pass_mark <= 1 and m.outcomes for m in cur.modules)
    assert len(cur.skills) >= 6


def test_the_manifest_agrees_with_the_rest_of_the_repository():
    cur = load(COURSE)
    for m in cur.modules:
        named = [d.strip() for d in m.dataset.split(",")]
        if all(re.fullmatch(r"[a-z_]+", d) for d in named):
            assert set(named) <= set(ds.REGISTRY), (m.id, named)
        if m.available:
            assert m.id in MODULES, f"{m.id} has notebooks but no instant checks"
            assert MODULES[m.id].dataset == m.dataset, f"{m.id}: the manifest names another dataset than its checks use"
    assert all(m.available for m in cur.modules)


def test_the_manifest_lists_exactly_the_exercises_each_module_defines():
    """The progress service accepts attempts from the manifest's list; the checks are in exercises/modules."""
    cur = load(COURSE)
    assert cur.catalogue == {m: tuple(e.name for e in spec.exercises) for m, spec in MODULES.items()}


def test_every_outcome_a_module_promises_is_assessed_and_everything_assessed_serves_an_outcome():
    """What curriculum.toml promises a learner is what the module teaches and tests: each outcome names the
    exercises or hand-marked written answers that assess it, and each of those serves some outcome."""
    cur = load(COURSE)
    for m in cur.modules:
        nb = read_notebook(COURSE / "source" / m.id / f"{m.id}.ipynb")
        written = {gid for gid, _ in hand_marked(nb)}
        unassessed = [o for o in m.outcomes if not m.assessed_by.get(o)]
        assert not unassessed, f"{m.id}: no exercise assesses {unassessed}"
        named = {b for by in m.assessed_by.values() for b in by}
        assessable = set(m.exercises) | written
        assert named <= assessable, f"{m.id}: outcomes name {sorted(named - assessable)}, which assess nothing"
        assert assessable <= named, f"{m.id}: {sorted(assessable - named)} assess no outcome curriculum.toml lists"


def test_modules_unlock_when_their_prerequisites_are_passed():
    cur = load(COURSE)
    assert cur.unlocked(set()) == ["m01"]
    assert cur.unlocked({"m01"}) == ["m02"]
    assert set(cur.unlocked({"m01", "m02"})) == {"m03", "m04"}
    assert "m05" in cur.unlocked({"m01", "m02", "m04"}) and "m06" not in cur.unlocked({"m01", "m02", "m04"})
    everything = {m.id for m in cur.modules}
    assert cur.unlocked(everything) == []


GOOD = COURSE.joinpath("curriculum.toml").read_text()


@pytest.mark.parametrize("change,message", [
    (lambda t: t.replace('prerequisites = ["m01"]', 'prerequisites = ["m10"]', 1),
     "needs 'm10', which is not an earlier module"),
    (lambda t: t.replace('prerequisites = ["m01"]', 'prerequisites = ["m03"]', 1),
     "needs 'm03', which is not an earlier module"),
    (lambda t: t.replace('prerequisites = ["m01"]', 'prerequisites = ["m02"]', 1), "lists itself as a prerequisite"),
    (lambda t: t.replace('skills = ["data_handling"]\npass_mark = 0.7', 'skills = ["juggling"]\npass_mark = 0.7', 1),
     "unknown skills ['juggling']"),
    (lambda t: t.replace("pass_mark = 0.6", "pass_mark = 60", 1), "use a share between 0 and 1"),
    (lambda t: t.replace('id = "m03"', 'id = "m02"', 1), "appears twice"),
    (lambda t: t.replace('hours = 3\n', '', 1), "is missing hours"),
    (lambda t: t.replace("[course]", "[course", 1), "not valid TOML"),
    (lambda t: t.replace('exercises = ["q1", "q2", "q3", "q4", "q5"]', 'exercises = ["q1", "q2", "q1"]', 1),
     "module m01 lists exercise 'q1' twice"),
    (lambda t: t.replace('exercises = ["q1", "q2", "q3", "q4", "q5"]', 'exercises = "q1 to q5"', 1),
     'module m01: exercises must be a list of exercise ids, e.g. ["q1", "q2"]'),
    (lambda t: t.replace('exercises = ["q1", "q2", "q3", "q4", "q5"]\n', '', 1), "module m01 is missing exercises"),
])
def test_each_kind_of_manifest_mistake_is_named(tmp_path, change, message):
    (tmp_path / "curriculum.toml").write_text(change(GOOD))
    with pytest.raises(CurriculumError, match=re.escape(message)):
        load(tmp_path)


def test_course_show_prints_the_table_and_bad_folders_get_one_line(tmp_path):
    result = CliRunner().invoke(cli.main, ["course", "show", "--course", str(COURSE)])
    assert result.exit_code == 0 and "m09" in result.output and "ready" in result.output
    result = CliRunner().invoke(cli.main, ["course", "show", "--course", str(tmp_path)])
    assert result.exit_code == 1 and "no curriculum manifest" in result.output
