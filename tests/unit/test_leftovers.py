"""A grader's working folders are swept once their owner has gone, and never while it lives."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from academy.grading import leftovers

_HOLD = ("import sys, tempfile; tempfile.tempdir = sys.argv[1]; from academy.grading import leftovers; "
         "folder, fd = leftovers.claimed_folder('academy-grade-'); print(folder, flush=True); sys.stdin.read()")


@pytest.fixture
def tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def _owner(tmp: Path) -> tuple[subprocess.Popen, Path]:
    owner = subprocess.Popen([sys.executable, "-c", _HOLD, str(tmp)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True)
    return owner, Path(owner.stdout.readline().strip())


def test_a_folder_whose_grader_lives_is_kept_and_one_whose_grader_was_killed_goes(tmp: Path) -> None:
    (alive, alive_folder), (killed, killed_folder) = _owner(tmp), _owner(tmp)
    (killed_folder / "learner001-m02-x").mkdir()
    killed.kill()
    killed.wait()
    try:
        assert leftovers.sweep() == [killed_folder]
        assert alive_folder.is_dir() and not killed_folder.exists()
    finally:
        alive.stdin.close()
        alive.wait()
    assert leftovers.sweep() == [alive_folder], "once its grader ends, the folder goes too"


def test_folders_without_a_lock_and_other_names_are_left_alone(tmp: Path) -> None:
    (tmp / "academy-forker-old").mkdir()  # an older grader's, or one being made this instant
    (tmp / "academy-published-x").mkdir()
    folder, fd = leftovers.claimed_folder("academy-forker-")
    try:
        assert leftovers.sweep() == []
    finally:
        leftovers.release(folder, fd)
    assert leftovers.sweep() == [folder]
    assert sorted(p.name for p in tmp.iterdir()) == ["academy-forker-old", "academy-published-x"]


def test_a_process_never_sweeps_its_own_folders_even_where_locks_do_not_tell(tmp: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """On an NFS /tmp, flock is emulated with POSIX locks, which a process's own second open can take."""
    monkeypatch.setattr(leftovers.fcntl, "flock", lambda fd, op: None)  # every lock can be taken, as there
    folder, fd = leftovers.claimed_folder("academy-grade-")
    try:
        assert leftovers.sweep() == [] and folder.is_dir()
    finally:
        leftovers.release(folder, fd)
