"""Kernels for grading: jupyter_client managers whose kernels come from the forker.

:class:`ForkerProcess` runs the forker for the length of a grading batch;
:class:`JailedKernelManager` is an ordinary ``AsyncKernelManager`` (so nbclient
and nbgrader's Execute use it unchanged) whose "kernel process" is the relay.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Unicode

RELAY = str(Path(__file__).with_name("_relay.py"))


class KernelStartError(RuntimeError):
    pass


class JailedKernelManager(AsyncKernelManager):
    forker_socket = Unicode()
    request_file = Unicode()

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        return [sys.executable, "-I", "-S", RELAY, self.forker_socket, self.request_file, self.connection_file]


class ForkerProcess:
    """The forker as a child of the grader: started once, stopped when the batch ends."""

    def __init__(self, preload: tuple[str, ...] = ()) -> None:
        self._dir = tempfile.mkdtemp(prefix="academy-forker-")
        os.chmod(self._dir, 0o700)
        self.socket = os.path.join(self._dir, "forker.sock")
        self.log_path = os.path.join(self._dir, "forker.log")
        self._log = open(self.log_path, "w")
        cmd = [sys.executable, "-m", "academy.grading.forker", "--socket", self.socket]
        if preload:
            cmd += ["--preload", ",".join(preload)]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log,
                                     start_new_session=True, text=True)
        line = self.proc.stdout.readline().strip()
        if line != "ready":
            self.stop()
            raise KernelStartError(f"the kernel forker did not start: {Path(self.log_path).read_text()[-2000:]}")

    def manager(self, workdir: Path, request: dict) -> JailedKernelManager:
        ipc = workdir / ".ipc"
        ipc.mkdir(exist_ok=True)
        request_file = ipc / "request.json"
        request_file.write_text(json.dumps({**request, "workdir": str(workdir)}))
        return JailedKernelManager(kernel_name="python3", transport="ipc", ip=str(ipc / "kernel"),
                                   forker_socket=self.socket, request_file=str(request_file))

    def stop(self) -> None:
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

    def __enter__(self) -> "ForkerProcess":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
