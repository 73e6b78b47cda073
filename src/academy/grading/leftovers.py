"""Working folders a grader killed outright leaves behind, swept when the next grader starts.

A batch works in ``academy-grade-*`` and its forker listens in
``academy-forker-*``, both under the temporary folder; both go when the batch
ends. A grader killed with SIGKILL (an instructor's second Ctrl-C, a grading
worker's pod evicted, the out-of-memory killer) cannot tidy up, and the tests
that kill graders on purpose had left dozens.

Each folder holds a lock file its owner keeps locked while it lives; the
kernel drops the lock when the process ends, however it ends. The next forker
to start removes every folder of ours whose lock it can take. A folder with
no lock file yet (one being made this instant, or one from an older grader)
is left alone.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from pathlib import Path

#: The folders a grader makes (``claimed_folder``) and the next one sweeps.
PREFIXES = ("academy-grade-", "academy-forker-")
_LOCK = ".in-use"
#: This process's own folders, never swept by it: where ``/tmp`` is NFS, ``flock`` is emulated with POSIX locks,
#: which a process's second open of its own lock file would take.
_MINE: set[Path] = set()


def claimed_folder(prefix: str) -> tuple[Path, int]:
    """A new private folder in the temporary folder, and the descriptor whose lock says it is in use (hand both to
    ``release`` once the folder is gone)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    making = folder / f"{_LOCK}.new"
    fd = os.open(making, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.replace(making, folder / _LOCK)  # locked before a sweeper can find it
    _MINE.add(folder)
    return folder, fd


def release(folder: Path, fd: int) -> None:
    """Once the folder is gone: its lock goes too."""
    _MINE.discard(folder)
    os.close(fd)


def sweep(prefixes: tuple[str, ...] = PREFIXES) -> list[Path]:
    """Remove this account's folders whose owner has gone; returns them."""
    removed = []
    top = Path(tempfile.gettempdir())
    for prefix in prefixes:
        for folder in top.glob(f"{prefix}*"):
            if folder in _MINE:
                continue
            try:
                if folder.is_symlink() or folder.stat().st_uid != os.geteuid():
                    continue
                fd = os.open(folder / _LOCK, os.O_RDWR | os.O_CLOEXEC | os.O_NOFOLLOW)
            except OSError:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:  # its owner is alive
                os.close(fd)
                continue
            try:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
            finally:
                os.close(fd)
    return removed
