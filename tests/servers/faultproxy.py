"""A TCP proxy on 127.0.0.1 whose faults (drop, stall, reset, refuse) are switched while a test runs."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
import threading
from collections.abc import Coroutine
from typing import Any

# Mode changes wait for the proxy's loop; it only ever has loopback work, so this is generous.
CONTROL_TIMEOUT = 5.0
CHUNK = 65536


class _Conn:
    def __init__(self, client: asyncio.StreamWriter) -> None:
        self.client = client
        self.upstream: asyncio.StreamWriter | None = None
        self.budget: int | None = None  # server->client bytes still allowed before the cut
        self.cut = False


class FaultProxy:
    """Forwards 127.0.0.1:`port` to `target_host`:`target_port`; starts in pass mode."""

    def __init__(self, target_port: int, target_host: str = "127.0.0.1") -> None:
        self.host = "127.0.0.1"
        self.port = 0
        self.target_host = target_host
        self.target_port = target_port
        self.mode = "pass"
        self.connections = 0  # accepted client connections, for assertions
        self._after_bytes = 0
        self._conns: set[_Conn] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._server: asyncio.Server | None = None
        self._loop = asyncio.new_event_loop()
        self._flowing = asyncio.Event()
        self._thread = threading.Thread(target=self._loop.run_forever, name="faultproxy", daemon=True)

    def start(self) -> None:
        self._thread.start()
        self._call(self._set_flowing(True))
        self._call(self._listen())

    def stop(self) -> None:
        self._call(self._shutdown())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(CONTROL_TIMEOUT)
        self._loop.close()

    # Modes. Each applies to open connections at once and to new ones; byte counts start now.

    def pass_through(self) -> None:
        """Forward everything; resumes stalled connections and accepts new ones again."""
        self._call(self._set_mode("pass", 0))

    def drop(self, after_bytes: int = 0) -> None:
        """Close (FIN) each connection once `after_bytes` more bytes came from the server."""
        self._call(self._set_mode("drop", after_bytes))

    def reset(self, after_bytes: int = 0) -> None:
        """Like drop, but the client gets a TCP RST (SO_LINGER 0)."""
        self._call(self._set_mode("reset", after_bytes))

    def stall(self) -> None:
        """Stop forwarding in both directions, keep every socket open (a blackhole)."""
        self._call(self._set_mode("stall", 0))

    def refuse(self) -> None:
        """Close the listening socket: new connections get ECONNREFUSED; open ones keep passing."""
        self._call(self._set_mode("refuse", 0))

    def _call(self, coro: Coroutine[Any, Any, None]) -> None:
        asyncio.run_coroutine_threadsafe(coro, self._loop).result(CONTROL_TIMEOUT)

    async def _set_flowing(self, flowing: bool) -> None:
        if flowing:
            self._flowing.set()
        else:
            self._flowing.clear()

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._accept, self.host, self.port, reuse_address=True)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _set_mode(self, mode: str, after_bytes: int) -> None:
        self.mode, self._after_bytes = mode, after_bytes
        await self._set_flowing(mode != "stall")
        if mode == "refuse":
            if self._server is not None:
                self._server.close()
                await self._server.wait_closed()
                self._server = None
            return
        if self._server is None:
            await self._listen()
        for conn in list(self._conns):
            conn.budget = after_bytes if mode in ("drop", "reset") else None
            if conn.budget == 0:
                self._cut(conn)

    def _cut(self, conn: _Conn) -> None:
        if conn.cut:
            return
        conn.cut = True
        if self.mode == "reset":
            sock = conn.client.get_extra_info("socket")
            if sock is not None:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.client.transport.abort()
        else:
            conn.client.close()
        if conn.upstream is not None:
            conn.upstream.close()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        conn = _Conn(writer)
        self._conns.add(conn)
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            if self.mode in ("drop", "reset"):
                conn.budget = self._after_bytes
                if conn.budget == 0:
                    self._cut(conn)
                    return
            try:
                up_reader, conn.upstream = await asyncio.open_connection(self.target_host, self.target_port)
            except OSError:
                self._cut(conn)
                return
            await asyncio.gather(
                self._pump(conn, reader, conn.upstream, from_server=False),
                self._pump(conn, up_reader, writer, from_server=True),
            )
        finally:
            self._cut(conn)
            with contextlib.suppress(OSError):
                await writer.wait_closed()
            if conn.upstream is not None:
                with contextlib.suppress(OSError):
                    await conn.upstream.wait_closed()
            self._conns.discard(conn)
            self._tasks.discard(task)

    async def _pump(
        self, conn: _Conn, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *, from_server: bool
    ) -> None:
        try:
            while not conn.cut:
                await self._flowing.wait()
                data = await reader.read(CHUNK)
                await self._flowing.wait()  # data read just before a stall is held, not forwarded
                if conn.cut:
                    return
                if not data:
                    if writer.can_write_eof():
                        writer.write_eof()
                    return
                if from_server and conn.budget is not None:
                    data = data[: conn.budget]
                    conn.budget -= len(data)
                writer.write(data)
                await writer.drain()
                if from_server and conn.budget == 0:
                    self._cut(conn)
                    return
        except (ConnectionError, OSError):
            self._cut(conn)

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        self._flowing.set()
        for conn in list(self._conns):
            self._cut(conn)
        # Cut connections end their pumps by themselves; cancelling a connection's task instead makes
        # asyncio's stream callback log the CancelledError as an error.
        tasks = list(self._tasks)
        if tasks:
            _, pending = await asyncio.wait(tasks, timeout=CONTROL_TIMEOUT)
            for task in pending:
                task.cancel()
