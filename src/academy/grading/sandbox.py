"""The jail a learner's kernel runs in while it is graded.

A submission is untrusted code. Before the kernel starts, the forked process
that will become it calls :func:`enter`, which, as root:

- gives it its own network namespace (no interfaces up: no network at all;
  the grader talks to the kernel over Unix sockets, which still work);
- gives it its own mount namespace, in which the course folder, the nbgrader
  exchange, the gradebook and the grader's secret are covered by empty
  read-only folders, and ``/tmp``, ``/var/tmp`` and ``/dev/shm`` are fresh and
  private; only its own work folder is put back;
- sets resource limits (address space, processes, CPU seconds, file size);
- drops to a user id of its own, so that the process limit is enforced (root
  ignores ``RLIMIT_NPROC``), it cannot read other kernels' folders, and every
  process it forks can be killed afterwards by user id.

Without root, the same is attempted inside a user namespace; what could not be
applied is reported, never silently skipped.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import resource
import signal
import stat
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
MS_RDONLY = 0x1
MS_NOSUID = 0x2
MS_NODEV = 0x4
MS_REMOUNT = 0x20
MS_BIND = 0x1000
MS_REC = 0x4000
MS_PRIVATE = 0x40000
PR_SET_PDEATHSIG = 1
PR_SET_NO_NEW_PRIVS = 38

#: Private scratch folders every kernel gets fresh, so nothing leaks between learners.
SCRATCH = ("/tmp", "/var/tmp", "/dev/shm")
UID_BASE_ENV = "ACADEMY_SANDBOX_UID_BASE"
DEFAULT_UID_BASE = 400_000
#: Sandbox user ids a grader holds for its kernels; each grader on the machine claims a block of its own.
UID_BLOCK = 10_000
UID_BLOCKS = 100


def claim_uid_block(base: int = DEFAULT_UID_BASE) -> tuple[int, int]:
    """The first block of sandbox user ids at or above ``base`` that no other grader on this machine holds.

    Two graders at once (two Autograde presses, a batch beside a formgrader) must never share a uid: each
    kills whatever still runs as a uid before reusing it. The claim is an exclusive lock on a file named
    after the block, held until the grader exits, however it exits; returns (first uid, the lock's fd).
    """
    folder = "/run/lock" if os.access("/run/lock", os.W_OK) else tempfile.gettempdir()
    for block in range(UID_BLOCKS):
        start = base + block * UID_BLOCK
        fd = os.open(os.path.join(folder, f"academy-sandbox-uids-{start}.lock"), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        return start, fd
    raise SandboxError(f"{UID_BLOCKS} graders already run on this machine; no sandbox user ids are left")


@dataclass(frozen=True)
class Limits:
    """Per-kernel caps. Processes counts threads too (Linux counts tasks per user)."""

    memory_mb: int = 3072
    processes: int = 256
    cpu_seconds: int = 900
    file_size_mb: int = 512
    open_files: int = 1024


@dataclass(frozen=True)
class Jail:
    uid: int
    workdir: str
    #: Folders and files the kernel must not see (course root, exchange, gradebook, secret).
    hidden: tuple[str, ...] = ()
    #: (source, target in workdir): shared read-only data, mounted rather than copied.
    shared: tuple[tuple[str, str], ...] = ()
    #: Folders the kernel must be able to read (Python itself, the packages), even
    #: when they sit under a folder others cannot enter (e.g. a Python in /root).
    expose: tuple[str, ...] = ()
    limits: Limits = field(default_factory=Limits)


class SandboxError(RuntimeError):
    pass


_libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise SandboxError(f"{what}: {os.strerror(err)}")


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    enc = lambda s: s.encode() if s is not None else None  # noqa: E731
    _check(_libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)),
           f"mount {target}")


def _cover(path: str) -> None:
    """Hide ``path``: an empty read-only folder over a folder, /dev/null over a file."""
    if os.path.isdir(path):
        _mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV | MS_RDONLY, "size=4k,mode=0555")
    elif os.path.exists(path):
        _mount("/dev/null", path, None, MS_BIND)


def _bind_back(fd: int, target: str, read_only: bool) -> None:
    """Mount what ``fd`` (opened before anything was covered) points at onto ``target``."""
    if not os.path.exists(target):
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            os.makedirs(target, exist_ok=True)
        else:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            open(target, "x").close()
    _mount(f"/proc/self/fd/{fd}", target, None, MS_BIND)
    if read_only:
        _mount(None, target, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
    os.close(fd)


def _blocking_ancestor(path: str) -> str | None:
    """The highest folder above ``path`` that other users may not enter, if any."""
    parts = os.path.realpath(path).split(os.sep)
    for i in range(2, len(parts)):
        folder = os.sep.join(parts[:i])
        try:
            if not os.stat(folder).st_mode & stat.S_IXOTH:
                return folder
        except FileNotFoundError:
            return None
    return None


def _inside(path: str, folder: str) -> bool:
    """``path`` is ``folder`` or lies below it."""
    path, folder = os.path.realpath(path), os.path.realpath(folder)
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _under_scratch(path: str) -> bool:
    return any(_inside(path, d) for d in SCRATCH)


def python_paths() -> tuple[str, ...]:
    """Where this Python and its packages live: a kernel must read all of it."""
    import sys

    # Not the folder the grader was started in: `python -m` puts it on sys.path, and it may be the course itself.
    here = os.path.realpath(os.getcwd())
    candidates = {os.path.realpath(p) for p in (sys.base_prefix, sys.prefix, *sys.path) if p and os.path.isdir(p)}
    candidates.discard(here)
    return tuple(sorted(p for p in candidates
                        if not any(p != q and p.startswith(q + os.sep) for q in candidates)))


def _set_limits(limits: Limits) -> None:
    mb = 1024 * 1024
    for name, value in ((resource.RLIMIT_AS, limits.memory_mb * mb),
                        (resource.RLIMIT_NPROC, limits.processes),
                        (resource.RLIMIT_CPU, limits.cpu_seconds),
                        (resource.RLIMIT_FSIZE, limits.file_size_mb * mb),
                        (resource.RLIMIT_NOFILE, limits.open_files),
                        (resource.RLIMIT_CORE, 0)):
        resource.setrlimit(name, (value, value))


def _namespaces_and_mounts(jail: Jail, root: bool) -> None:
    if root:
        _check(_libc.unshare(CLONE_NEWNS | CLONE_NEWNET), "unshare")
    else:
        uid, gid = os.getuid(), os.getgid()
        _check(_libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET), "unshare (user namespace)")
        with open("/proc/self/setgroups", "w") as f:
            f.write("deny")
        with open("/proc/self/uid_map", "w") as f:
            f.write(f"{uid} {uid} 1")
        with open("/proc/self/gid_map", "w") as f:
            f.write(f"{gid} {gid} 1")
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    # Opened inside the new namespace (a bind mount's source must live there), before covering.
    work_fd = os.open(jail.workdir, os.O_PATH | os.O_DIRECTORY)
    shared = [(os.open(source, os.O_PATH), target) for source, target in jail.shared]
    # Never put back what is hidden, or anything inside it.
    blocked = {path: _blocking_ancestor(path) for path in jail.expose
               if not any(_inside(path, hidden) for hidden in jail.hidden)}
    # Python may live under a folder others cannot enter, or under /tmp (a clone there), which
    # the fresh scratch folders cover: either way it is mounted back, read-only.
    exposed = [(os.open(path, os.O_PATH), path) for path, blocker in blocked.items()
               if blocker or _under_scratch(path)]
    for path in jail.hidden:
        _cover(path)
    for path in SCRATCH:
        if os.path.isdir(path):
            _mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777")
    # A blocker under a scratch folder is gone with the fresh one (whose new folders anyone may enter).
    for blocker in sorted({b for b in blocked.values() if b and not _under_scratch(b)}):
        _mount("tmpfs", blocker, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755")
    for fd, target in exposed:
        _bind_back(fd, target, read_only=True)
    _bind_back(work_fd, jail.workdir, read_only=False)
    for fd, target in shared:
        _bind_back(fd, target, read_only=True)
    # A folder put back shows what it held before anything was covered: cover again what lies inside one.
    put_back = [target for _, target in exposed] + [jail.workdir]
    for path in jail.hidden:
        if any(_inside(path, target) for target in put_back):
            _cover(path)


def enter(jail: Jail) -> None:
    """Confine the calling (freshly forked) process. Raises SandboxError if any step fails."""
    os.setsid()
    root = os.geteuid() == 0
    _namespaces_and_mounts(jail, root)
    _set_limits(jail.limits)
    if root:
        os.setgroups([])
        os.setgid(jail.uid)
        os.setuid(jail.uid)
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    # After the uid change, or the kernel would clear it: die with the process that started us.
    _check(_libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "pdeathsig")
    os.chdir(jail.workdir)


def measures(root: bool | None = None) -> list[str]:
    """What a jail enforces on this machine, for the grader's report."""
    root = os.geteuid() == 0 if root is None else root
    found = ["no network (own network namespace)", "course sources, exchange and gradebook hidden",
             "private /tmp", "time, memory and file-size limits"]
    if root:
        found += ["a user id of its own per kernel (process cap enforced, other learners' files unreadable)"]
    else:
        found += ["NOT root: kernels share your user id, so the process cap counts all your processes"]
    return found


def kill_user(uid: int, attempts: int = 20) -> None:
    """Kill every process of ``uid`` (a fork bomb's children included).

    A helper that becomes ``uid`` and sends SIGKILL to -1 reaches exactly the
    processes that user owns, with no race against new pids; repeat until none
    are left. Needs root; without it the kernels are the caller's own processes
    and are killed by process group instead.
    """
    if os.geteuid() != 0:
        return
    for _ in range(attempts):
        if not processes_of(uid):  # the usual case: checking is cheaper than forking
            return
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the helper
            try:
                os.setgroups([])
                os.setgid(uid)
                os.setuid(uid)
                os.kill(-1, signal.SIGKILL)
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
        time.sleep(0.01)


def _owners() -> Iterator[tuple[int, int]]:
    """(pid, uid) of every process, zombies included: they still hold a slot."""
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                yield int(entry), os.stat(f"/proc/{entry}").st_uid
            except FileNotFoundError:
                continue


def users_with_processes(uids: set[int]) -> set[int]:
    """Which of ``uids`` own a process, from one pass over ``/proc``."""
    return {uid for _, uid in _owners() if uid in uids}


def processes_of(uid: int) -> set[int]:
    """Pids of every process owned by ``uid``."""
    return {pid for pid, owner in _owners() if owner == uid}
