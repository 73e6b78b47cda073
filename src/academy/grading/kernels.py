"""Kernels for grading: jupyter_client managers whose kernels come from the forker.

:class:`JailedKernelManager` is an ordinary ``AsyncKernelManager`` (so nbclient
and nbgrader's Execute use it unchanged) whose "kernel process" is the relay.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from traitlets import Unicode

RELAY = str(Path(__file__).with_name("_relay.py"))


class QuickStartClient(AsyncKernelClient):
    """jupyter_client's start-up handshake without its fixed waits.

    The stock handshake ends by listening to IOPub until it has been quiet for
    0.2 s, a fifth of a second per kernel spent idle; a fresh kernel has sent
    nothing but its status messages, so 10 ms of quiet is plenty.
    """

    async def _async_wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (timeout if timeout is not None else 60)
        await asyncio.sleep(0.02)  # let the IOPub subscription reach the kernel first
        while True:
            self.kernel_info()
            try:
                msg = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                msg = None
            if msg is not None and msg["msg_type"] == "kernel_info_reply":
                try:
                    await self.iopub_channel.get_msg(timeout=0.2)
                except Empty:
                    pass
                else:
                    self._handle_kernel_info_reply(msg)
                    break
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")
        while True:
            try:
                await self.iopub_channel.get_msg(timeout=0.01)
            except Empty:
                return

    wait_for_ready = _async_wait_for_ready  # the async client binds the name at class creation


class JailedKernelManager(AsyncKernelManager):
    forker_socket = Unicode()
    request_file = Unicode()

    async def _async_wait(self, pollinterval: float = 0.1) -> None:
        await super()._async_wait(pollinterval=0.01)  # a killed relay is gone within milliseconds

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        return [sys.executable, "-I", "-S", RELAY, self.forker_socket, self.request_file, self.connection_file]

    async def _async_post_start_kernel(self, **kw) -> None:
        """Return once the kernel has bound its sockets.

        A client that connects earlier has its first handshakes lost and retried,
        which costs about 0.3 s per kernel; waiting for the socket files costs 0.05 s.
        """
        await super()._async_post_start_kernel(**kw)
        paths = [f"{self.ip}-{port}" for port in (self.shell_port, self.iopub_port, self.control_port)]
        deadline = time.monotonic() + 60
        while not all(os.path.exists(p) for p in paths) and time.monotonic() < deadline:
            if not await self._async_is_alive():
                return  # the client's own start-up check reports the dead kernel
            await asyncio.sleep(0.005)
