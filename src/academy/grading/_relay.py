"""Stands in for a kernel process so that jupyter_client can manage a forked one.

jupyter_client starts this script as if it were the kernel. It asks the
kernel forker (``academy.grading.forker``) for a jailed kernel, forwards the
signals jupyter_client sends (interrupt, terminate) to it, and exits with the
kernel's exit code. If this process is killed, the forker notices the closed
socket and kills the kernel and everything it started.

Standard library only, run with ``python -I -S``: it must start in a few
milliseconds.
"""

import json
import os
import signal
import socket
import sys


def main() -> int:
    socket_path, request_path, connection_file = sys.argv[1:4]
    with open(request_path) as f:
        request = json.load(f)
    with open(connection_file) as f:
        request["connection"] = json.load(f)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(socket_path)
    sock.sendall(json.dumps(request).encode() + b"\n")
    replies = sock.makefile("rb")
    reply = json.loads(replies.readline() or b'{"error": "the kernel forker closed the connection"}')
    if "error" in reply:
        sys.stderr.write(f"could not start a sandboxed kernel: {reply['error']}\n")
        return 70
    pid = reply["pid"]

    def forward(signum: int, _frame: object) -> None:
        if signum == signal.SIGINT:  # the forker interrupts, and clears away what the cell started
            try:
                sock.sendall(b'{"interrupt": true}\n')
                return
            except OSError:
                pass
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(signum, forward)
    line = replies.readline()
    return int(json.loads(line).get("exit", 1)) if line else 1


if __name__ == "__main__":
    sys.exit(main())
