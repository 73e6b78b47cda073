"""Can this machine (or pod) build the grading sandbox? Asked once, when a grading worker starts.

A worker that cannot jail a kernel would claim every submission, fail each one and hand it back, over and
over; one plain line at start-up (in the hub's log, or ``kubectl logs``) saying what is missing is better.

The probe is the real thing, in a child process (``python -m academy.grading.sandbox_check``): it does to a
throwaway process what the forker does to every kernel (``sandbox.enter`` on a work folder handed to the
kernel's user id, with a folder to hide), then signals it as the forker does. As root it first reads the
process's capabilities, so that a missing one is named rather than guessed from an error number; without
root it first reads whether the kernel allows user namespaces at all.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from . import sandbox

#: The probe, run in a child process so that nothing it does touches the worker.
PROBE = [sys.executable, "-m", "academy.grading.sandbox_check"]
#: What the sandbox needs when it runs as root (its full form: a user id of its own per kernel), and why.
#: grader.yaml (Kubernetes) adds exactly these to the grading pod.
CAPABILITIES = {
    "SYS_ADMIN": "to give each kernel its own mount and network namespaces and cover the course with empty folders",
    "SETUID": "to run each kernel as a user id of its own",
    "SETGID": "to drop the grader's groups and give each kernel a group of its own",
    "CHOWN": "to hand each kernel its work folder",
    "DAC_OVERRIDE": "to read and clear a kernel's work folder once it is the kernel's",
    "KILL": "to interrupt and stop kernels, which run as other users",
}
#: Their numbers in /proc/self/status (linux/capability.h).
_BITS = {"CHOWN": 0, "DAC_OVERRIDE": 1, "KILL": 5, "SETGID": 6, "SETUID": 7, "SYS_ADMIN": 21}
_USERNS_SWITCHES = {"/proc/sys/user/max_user_namespaces": "user.max_user_namespaces",
                    "/proc/sys/kernel/unprivileged_userns_clone": "kernel.unprivileged_userns_clone"}


def refusal() -> str | None:
    """None if kernels can be sandboxed here; else one plain line saying what is missing."""
    try:
        result = subprocess.run(PROBE, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
                                cwd=tempfile.gettempdir())
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"the sandbox check could not run ({exc})"
    if result.returncode == 0:
        return None
    said = [line.strip() for line in result.stderr.splitlines() if line.strip()]
    return said[-1] if said else (f"kernels cannot be sandboxed here (the check `{' '.join(PROBE)}` failed with "
                                  f"exit code {result.returncode} and said nothing)")


def missing_capabilities() -> list[str]:
    """The capabilities in :data:`CAPABILITIES` that this process does not hold."""
    text = Path("/proc/self/status").read_text()
    held = next((int(line.split()[1], 16) for line in text.splitlines() if line.startswith("CapEff:")), 0)
    return [name for name in CAPABILITIES if not held >> _BITS[name] & 1]


def _userns_off() -> str | None:
    for path, name in _USERNS_SWITCHES.items():
        try:
            if Path(path).read_text().strip() == "0":
                return name
        except OSError:
            continue
    return None


def _explain(exc: BaseException, root: bool) -> str:
    """What a failure inside ``sandbox.enter`` means for whoever runs the grader."""
    text = f"{type(exc).__name__}: {exc}"
    message = str(exc)
    if message.startswith("unshare (user namespace)"):
        return (f"kernels cannot be sandboxed: this account may not make a user namespace ({text}); a seccomp or "
                f"AppArmor policy forbids it, or run the grader as root with the capabilities it needs")
    if message.startswith("unshare"):
        return (f"kernels cannot be sandboxed: making their namespaces was refused ({text}) although the grader "
                f"holds SYS_ADMIN; its seccomp profile blocks unshare (RuntimeDefault allows it to SYS_ADMIN)")
    if message.startswith("mount"):
        return (f"kernels cannot be sandboxed: mounting inside their namespaces was refused ({text}); an AppArmor "
                f"or SELinux policy forbids mount (in Kubernetes: appArmorProfile Unconfined on the grading pod)")
    if isinstance(exc, PermissionError) and root:
        return f"kernels cannot be sandboxed: the grader could not take a kernel's user id ({text})"
    return f"kernels cannot be sandboxed here ({text})"


def _jail(jail: sandbox.Jail, hidden: str, root: bool, ready: int, hold: int) -> None:  # pragma: no cover - child
    """The would-be kernel: jailed, it says so and waits to be killed (or for the probe to let go)."""
    try:
        sandbox.enter(jail)
        if os.listdir(hidden):
            raise sandbox.SandboxError(f"the folder to hide ({hidden}) could still be read")
    except BaseException as exc:
        os.write(ready, _explain(exc, root).encode())
        os._exit(1)
    os.write(ready, b"ok")
    os.read(hold, 1)
    os._exit(0)


def probe() -> str | None:
    """Jail one process as the forker jails a kernel, here and now: None, or what is missing."""
    root = os.geteuid() == 0
    if root:
        lacking = missing_capabilities()
        if lacking:
            named = "; ".join(f"{name} ({CAPABILITIES[name]})" for name in lacking)
            return f"the grader runs as root without capabilities its sandbox needs: {named}"
    else:
        switch = _userns_off()
        if switch:
            return (f"kernels cannot be sandboxed: user namespaces are off ({switch} is 0); turn them on, or run "
                    f"the grader as root with the capabilities it needs")
    uid = int(os.environ.get(sandbox.UID_BASE_ENV, sandbox.DEFAULT_UID_BASE)) if root else os.getuid()
    top = Path(tempfile.mkdtemp(prefix="academy-sandbox-check-"))
    try:
        top.chmod(0o711)
        # The folder to hide sits inside the work folder: outside it, under /tmp, the kernel's fresh /tmp would
        # hide it anyway; inside, the sandbox must cover it again after putting the work folder back.
        work = top / "kernel"
        work.mkdir(mode=0o700)
        hidden = work / "course"
        hidden.mkdir()
        (hidden / "solutions.txt").write_text("not for kernels\n")
        if root:  # what the forker does before jailing a kernel
            try:
                os.chown(work, uid, uid)
                (work / "kernel.log").write_text("")
            except PermissionError as exc:
                return f"kernels cannot be sandboxed: the grader could not hand a kernel its work folder ({exc})"
        jail = sandbox.Jail(uid=uid, workdir=str(work), hidden=(str(hidden),), expose=sandbox.python_paths())
        ready_r, ready_w = os.pipe()
        hold_r, hold_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child's side
            os.close(ready_r)
            os.close(hold_w)
            _jail(jail, str(hidden), root, ready_w, hold_r)
        os.close(ready_w)
        os.close(hold_r)
        said = os.read(ready_r, 4096).decode(errors="replace")
        os.close(ready_r)
        why: str | None = None if said == "ok" else (
            said or "kernels cannot be sandboxed here (the jailed process ended before it said whether it was jailed)")
        if said == "ok":
            try:
                os.kill(pid, signal.SIGKILL)  # as the forker stops a kernel: it runs as another user
            except PermissionError as exc:
                why = f"kernels cannot be sandboxed: the grader may not stop a kernel ({exc})"
        os.close(hold_w)  # a jailed process that could not be killed goes by itself
        os.waitpid(pid, 0)
        return why
    finally:
        shutil.rmtree(top, ignore_errors=True)


def main() -> int:
    why = probe()
    if why:
        print(why, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
