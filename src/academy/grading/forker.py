"""Warm, jailed kernels: import the heavy libraries once, fork one kernel per submission.

Stock nbgrader starts a fresh Python for every notebook and pays for the
interpreter, ipykernel, pandas and scikit-learn each time (about 2 s of the
2.5 s a typical notebook takes). The forker imports them once; each kernel is
a ``fork()`` of it, so it starts with them already loaded (and is then set up
as a freshly started kernel is: ``fresh_kernel``), and nothing one
learner's code does can reach the next learner's kernel (each is a separate
process, in its own jail, killed with everything it started when done).

Protocol (one Unix socket, root-only): a client (``_relay.py``) sends one JSON
line with the kernel's connection info, work folder, hidden paths, shared
files, limits and environment; the forker answers ``{"pid", "uid"}`` once the
kernel is jailed, or ``{"error"}``; later ``{"exit": code}`` when it ends.
Closing the socket kills the kernel.

The forker stays single-threaded (forking a threaded process is unsafe), and
it is a child subreaper, so a fork bomb's orphans come back to it to be reaped.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import importlib
import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import fresh_kernel, leftovers, sandbox

if TYPE_CHECKING:
    from .kernels import JailedKernelManager

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
#: glibc gives each thread that allocates under contention an arena of its own, reserving 64 MiB of address
#: space apiece; a kernel's memory cap is an address-space limit, and a kernel whose threads all allocated
#: (ipykernel's, a learner's) lost most of a 2 GB cap to reservations. Two arenas serve a kernel's threads.
M_ARENA_MAX, MALLOC_ARENAS = -8, 2

#: What ipykernel imports while it starts (its debugger pulls in debugpy): half its start-up time.
#: Imported first, so that what these set up is told apart from what the libraries below set up.
KERNEL_MODULES = (
    "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.debugger", "debugpy", "pdb", "sqlite3",
    "IPython.core.debugger", "IPython.core.completerlib", "IPython.core.oinspect", "IPython.core.logger",
    "IPython.extensions.storemagic", "ipykernel_launcher",
)
#: What learners' notebooks import. The inline backend itself is not here (``fresh_kernel.SHELL_BOUND``):
#: it must be imported inside the kernel; what it imports is.
LIBRARIES = (
    "numpy", "pandas", "pyarrow", "pyarrow.parquet", "matplotlib", "matplotlib.pyplot",
    "matplotlib.backends.backend_agg", "matplotlib_inline.config", "IPython.core.pylabtools",
    "academy.datasets", "academy.exercises", "academy.notebook", "academy.notebook.hidden_tests",
)
PRELOAD = KERNEL_MODULES + LIBRARIES
#: Imported too when installed: what the later modules use.
OPTIONAL = (
    "scipy.stats", "sklearn", "sklearn.cluster", "sklearn.linear_model", "sklearn.metrics",
    "sklearn.model_selection", "sklearn.preprocessing", "sklearn.ensemble",
)
#: One thread per maths library: kernels run side by side, one per core, and
#: forking a process whose BLAS already started threads is unsafe.
SINGLE_THREADED = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                   "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
#: pyarrow's default allocator (mimalloc) reserves 1 GiB of address space at its first allocation, and the
#: kernels' memory cap is an address-space limit: a kernel that happened to have the room lost 1 GiB of its cap
#: to memory it never used (a learner's 100 MB print then failed under a 2 GB cap). The system allocator
#: reserves only what is asked for. Fixed in the forker, before it forks: Arrow reads it once per process.
ARROW_ALLOCATOR = {"ARROW_DEFAULT_MEMORY_POOL": "system"}
#: What the warm-up changed that each kernel must undo (see ``fresh_kernel``).
WARM = fresh_kernel.WarmState()


def preload(extra: tuple[str, ...] = (), optional: tuple[str, ...] = OPTIONAL) -> list[str]:
    os.environ.update(SINGLE_THREADED)
    os.environ.update(ARROW_ALLOCATOR)
    if sys.path and sys.path[0] == os.getcwd():  # put there by ``python -m``
        WARM.launch_entry = sys.path[0]
    loaded = []
    for name in KERNEL_MODULES:
        importlib.import_module(name)
        loaded.append(name)
    fresh_kernel.after_kernel_modules(WARM)
    for name in LIBRARIES + tuple(optional) + tuple(extra):
        try:
            importlib.import_module(name)
            loaded.append(name)
        except ImportError:
            if name in PRELOAD:
                raise
    import pyarrow

    pyarrow.default_memory_pool()  # chosen now, from ARROW_ALLOCATOR, for every kernel forked from here
    fresh_kernel.after_libraries(WARM)
    return loaded


class KernelStartError(RuntimeError):
    pass


@dataclass
class Running:
    pid: int
    uid: int
    conn: socket.socket | None


class Forker:
    def __init__(self, listener: socket.socket, uid_base: int, control: int, claim_fd: int | None = None) -> None:
        self.listener = listener
        self.claim_fd = claim_fd
        self.uid_base = uid_base
        self.control = control  # stdin: closed when the grader goes away
        self.kernels: dict[int, Running] = {}
        self.wakeup, wakeup_write = os.pipe()
        os.set_blocking(self.wakeup, False)
        os.set_blocking(wakeup_write, False)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        signal.set_wakeup_fd(wakeup_write)
        self.free_uids: list[int] = []
        self.next_uid = uid_base

    # ---------------------------------------------------------------- serving
    stopping = False

    def serve(self) -> None:
        while not Forker.stopping:
            conns = {k.conn: k for k in self.kernels.values() if k.conn is not None}
            try:
                readable, _, _ = select.select([self.listener, self.control, self.wakeup, *conns], [], [], 0.5)
            except InterruptedError:
                continue
            if self.control in readable and not os.read(self.control, 4096):
                break
            if self.wakeup in readable:  # a child ended (SIGCHLD): reap it now, not at the next timeout
                os.read(self.wakeup, 4096)
            if self.listener in readable:
                conn, _ = self.listener.accept()
                self._start(conn)
            for conn in readable:
                if conn not in conns:
                    continue
                data = conn.recv(4096)
                if not data:  # the relay is gone: kill its kernel
                    running = conns[conn]
                    running.conn = None
                    conn.close()
                    self._kill(running)
                elif b"interrupt" in data:
                    self._interrupt(conns[conn])
            self._reap()
        # Leave nothing behind: kill every kernel and wait until each is reaped and its user has no process.
        for running in list(self.kernels.values()):
            self._kill(running)
        deadline = time.monotonic() + 15  # inside the 20 s its grader waits before killing it
        while time.monotonic() < deadline:
            self._reap()
            if not self.kernels and not self._lingering():
                break
            time.sleep(0.01)

    def _lingering(self) -> bool:
        """A sandbox user's process still dying once its kernel is reaped: a killed fork bomb's children come
        to us as zombies a moment later, and the batch is not over until they are gone (any still alive are
        killed again)."""
        if os.geteuid() != 0:
            return False
        left = sandbox.users_with_processes(set(self.free_uids))
        for uid in left:
            sandbox.kill_user(uid, attempts=1)
        return bool(left)

    def _allocate_uid(self) -> int:
        uid = self.free_uids.pop() if self.free_uids else self._new_uid()
        sandbox.kill_user(uid)  # leftovers of a grader that was killed outright
        return uid

    def _new_uid(self) -> int:
        self.next_uid += 1
        return self.next_uid

    def _start(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(10)
            request = json.loads(conn.makefile("rb").readline())
            conn.settimeout(None)
        except (OSError, ValueError) as exc:
            self._send(conn, {"error": f"bad request: {exc}"})
            conn.close()
            return
        uid = self._allocate_uid() if os.geteuid() == 0 else os.getuid()
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the kernel's side, measured through the grader's tests
            os.close(read_end)
            self.listener.close()
            if self.claim_fd is not None:
                os.close(self.claim_fd)  # the uid block's lock is the forker's, not the kernel's
            _become_kernel(request, uid, write_end)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as ready:
            status = ready.read().decode(errors="replace")
        if status != "ok":
            self._send(conn, {"error": status or "the kernel process ended before it was jailed"})
            conn.close()
            self.kernels[pid] = Running(pid, uid, None)
            return
        self.kernels[pid] = Running(pid, uid, conn)
        self._send(conn, {"pid": pid, "uid": uid})

    def _interrupt(self, running: Running) -> None:
        """Interrupt the kernel and kill whatever its runaway cell started (a fork bomb's copies, say)."""
        try:
            os.kill(running.pid, signal.SIGINT)
        except ProcessLookupError:
            return
        for _ in range(20):
            strays = sandbox.processes_of(running.uid) if os.geteuid() == 0 else _session_of(running.pid)
            strays.discard(running.pid)
            if not strays:
                return
            for pid in strays:
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            self._reap()

    def _kill(self, running: Running) -> None:
        for kill in (lambda: os.killpg(running.pid, signal.SIGKILL), lambda: os.kill(running.pid, signal.SIGKILL)):
            try:
                kill()
            except (ProcessLookupError, PermissionError):
                pass

    def _reap(self) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            running = self.kernels.pop(pid, None)
            if running is None:
                continue  # an orphan handed to us as subreaper
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            if os.geteuid() == 0:
                sandbox.kill_user(running.uid)
                self.free_uids.append(running.uid)
            if running.conn is not None:
                self._send(running.conn, {"exit": os.waitstatus_to_exitcode(status)})
                running.conn.close()

    @staticmethod
    def _send(conn: socket.socket, message: dict) -> None:
        try:
            conn.sendall(json.dumps(message).encode() + b"\n")
        except OSError:
            pass


def _session_of(leader: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.getsid(int(entry)) == leader:
                    found.add(int(entry))
            except (ProcessLookupError, PermissionError):
                continue
    return found


def _chown_tree(path: str, uid: int) -> None:
    os.chown(path, uid, uid)
    for folder, dirs, files in os.walk(path):
        for name in dirs + files:
            os.chown(os.path.join(folder, name), uid, uid, follow_symlinks=False)


def _become_kernel(request: dict, uid: int, ready: int) -> None:  # pragma: no cover - child process
    """Jail this fresh fork, then run ipykernel in it. Never returns."""
    try:
        workdir = request["workdir"]
        connection_file = os.path.join(workdir, ".ipc", "kernel.json")
        with open(connection_file, "w") as f:
            json.dump(request["connection"], f)
        if os.geteuid() == 0:
            _chown_tree(workdir, uid)
        jail = sandbox.Jail(uid=uid, workdir=workdir, hidden=tuple(request.get("hidden", ())),
                            shared=tuple(tuple(p) for p in request.get("shared", ())),
                            expose=sandbox.python_paths(),
                            limits=sandbox.Limits(**request.get("limits", {})))
        sandbox.enter(jail)
        os.environ.clear()
        os.environ.update({**request.get("env", {}), **SINGLE_THREADED, "HOME": workdir})
        null = os.open(os.devnull, os.O_RDWR)
        log = os.open(os.path.join(workdir, ".ipc", "kernel.log"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.dup2(null, 0)
        os.dup2(null, 1)
        os.dup2(log, 2)
        signal.set_wakeup_fd(-1)
        for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGCHLD):
            signal.signal(signum, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        os.write(ready, b"ok")
        os.close(ready)
        if request.get("probe"):
            os._exit(0)
    except BaseException as exc:  # report why, then go: the grader records the reason
        os.write(ready, f"{type(exc).__name__}: {exc}".encode())
        os._exit(70)
    code = 0
    try:
        from ipykernel.kernelapp import IPKernelApp

        fresh_kernel.before_kernel(WARM, connection_file)
        # What IPKernelApp.launch_instance does, with the shell set up in between.
        app = IPKernelApp.instance()
        app.initialize(fresh_kernel.launcher_argv(connection_file))
        fresh_kernel.after_shell(WARM, app.shell)
        app.start()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        os._exit(code)


class ForkerProcess:
    """The forker as a child of the grader: started once, stopped when the batch ends."""

    def __init__(self, preload: tuple[str, ...] = (), wait: bool = True,
                 optional: tuple[str, ...] | None = None) -> None:
        """``optional``: which of ``OPTIONAL`` to preload (None: all, for a forker kept warm for any module)."""
        #: Set once a jailed process started through it: a forker kept warm is not probed again.
        self.sandbox_passed = False
        leftovers.sweep()  # what graders killed outright left
        folder, self._claim = leftovers.claimed_folder("academy-forker-")
        self._dir = str(folder)
        os.chmod(self._dir, 0o700)
        self.socket = os.path.join(self._dir, "forker.sock")
        self.log_path = os.path.join(self._dir, "forker.log")
        self._log = open(self.log_path, "w")
        cmd = [sys.executable, "-m", "academy.grading.forker", "--socket", self.socket]
        if preload:
            cmd += ["--preload", ",".join(preload)]
        if optional is not None:
            cmd += ["--optional", ",".join(optional)]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log,
                                     start_new_session=True, text=True)
        self._ready = False
        if wait:
            self.wait_ready()

    @classmethod
    def for_assignment(cls, course_root: Path, assignment: str, wait: bool = True) -> ForkerProcess:
        """A forker for one assignment's batch: of the optional libraries, only those it imports."""
        from .libraries import imported_by

        try:
            optional: tuple[str, ...] | None = imported_by(course_root, assignment, OPTIONAL)
        except Exception:  # an unreadable course: preload everything, and let the batch say what is wrong
            optional = None
        return cls(wait=wait, optional=optional)

    def wait_ready(self) -> None:
        if self._ready:
            return
        line = self.proc.stdout.readline().strip()
        self._ready = line == "ready"
        if not self._ready:
            self._log.flush()
            log = Path(self.log_path).read_text()[-2000:]
            self.stop()
            raise KernelStartError(f"the kernel forker did not start: {log}")

    def probe(self, workdir: Path, request: dict) -> str | None:
        """Jail one process the way kernels will be, without a kernel: None if it works, else why not."""
        (workdir / ".ipc").mkdir(parents=True, exist_ok=True)
        self.wait_ready()
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(60)
            sock.connect(self.socket)
            probe = {**request, "workdir": str(workdir), "connection": {}, "probe": True}
            sock.sendall(json.dumps(probe).encode() + b"\n")
            reply = json.loads(sock.makefile("rb").readline() or b'{"error": "the forker closed the connection"}')
        return reply.get("error")

    def manager(self, workdir: Path, request: dict) -> JailedKernelManager:
        from .kernels import JailedKernelManager

        ipc = workdir / ".ipc"
        ipc.mkdir(exist_ok=True)
        request_file = ipc / "request.json"
        request_file.write_text(json.dumps({**request, "workdir": str(workdir)}))
        return JailedKernelManager(kernel_name="python3", transport="ipc", ip=str(ipc / "kernel"),
                                   forker_socket=self.socket, request_file=str(request_file),
                                   client_class="academy.grading.kernels.QuickStartClient")

    def stop(self) -> None:
        if not os.path.isdir(self._dir):
            return
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
                self.proc.wait(timeout=20)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        for name in os.listdir(self._dir):
            os.unlink(os.path.join(self._dir, name))
        os.rmdir(self._dir)
        leftovers.release(Path(self._dir), self._claim)

    def __enter__(self) -> ForkerProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--socket", required=True)
    parser.add_argument("--uid-base", type=int,
                        default=int(os.environ.get(sandbox.UID_BASE_ENV, sandbox.DEFAULT_UID_BASE)))
    parser.add_argument("--preload", default="", help="extra modules to import, comma-separated")
    parser.add_argument("--optional", default=None,
                        help="which optional libraries to import, comma-separated (default: all installed)")
    args = parser.parse_args(argv)
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    libc.mallopt(M_ARENA_MAX, MALLOC_ARENAS)  # inherited by every kernel forked from here
    signal.signal(signal.SIGTERM, lambda *_: setattr(Forker, "stopping", True))
    optional = OPTIONAL if args.optional is None else tuple(m for m in args.optional.split(",") if m)
    preload(tuple(m for m in args.preload.split(",") if m), optional)
    # Keep the collector off the preloaded objects, so kernels do not copy every page it would touch.
    gc.collect()
    gc.freeze()
    if threading.active_count() > 1:
        print(f"warning: {threading.active_count()} threads after preloading; forking may be unsafe",
              file=sys.stderr)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_umask = os.umask(0o177)
    listener.bind(args.socket)
    os.umask(old_umask)
    listener.listen(64)
    print("ready", flush=True)
    uid_base, claim = sandbox.claim_uid_block(args.uid_base)  # held while this process lives
    Forker(listener, uid_base, control=0, claim_fd=claim).serve()
    return 0


if __name__ == "__main__":
    sys.exit(main())
