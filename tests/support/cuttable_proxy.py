"""A TCP proxy in front of the live server whose connection can be cut, like a stockroom's.

Chromium's offline emulation (`context.set_offline`) does not stop a service worker's own
fetches everywhere, and it never produces the nastiest case: a request that reached the server
and was stored, whose answer never came back. This proxy produces both, for real:

- `cut()` closes every open connection and refuses new ones until `restore()`;
- `kill_after_forwarding(pattern)` lets the next request whose request line matches reach the
  server, waits for the server's answer to start, and then drops the connection without passing
  it on: the client sees a network error for a request that did happen.

The proxy forwards bytes without parsing HTTP. A request is recognised by a chunk from the
browser that starts with a request line ("POST /api/... HTTP/1.1"); Chromium writes the head
of a request in one go, which is all this needs.
"""

import asyncio
import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

REQUEST_LINE = re.compile(rb"^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) (\S+) HTTP/1\.[01]\r\n")
READ_SIZE = 64 * 1024


class CuttableProxy:
    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._cut = False
        self._kill_patterns: list[re.Pattern[bytes]] = []
        self._lock = threading.Lock()
        self.killed: list[str] = []
        """Request lines whose answers were dropped, oldest first."""
        self.refused = 0
        """Connections refused while cut."""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._listen(), self._loop)
        future.result(timeout=5)

    def stop(self) -> None:
        async def close() -> None:
            if self._server is not None:
                self._server.close()
            self._close_all()
            # Connections still pumping (a live-updates stream) end here, not with the loop.
            others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in others:
                task.cancel()
            await asyncio.gather(*others, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(timeout=5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)

    def cut(self) -> None:
        """No connection from now on: open ones are closed, new ones refused."""
        with self._lock:
            self._cut = True
        asyncio.run_coroutine_threadsafe(self._close_all_soon(), self._loop).result(timeout=5)

    def restore(self) -> None:
        with self._lock:
            self._cut = False

    def kill_after_forwarding(self, request_line_pattern: str) -> None:
        """Drop the answer to the next request whose request line matches (once)."""
        with self._lock:
            self._kill_patterns.append(re.compile(request_line_pattern.encode()))

    @property
    def pending_kills(self) -> int:
        with self._lock:
            return len(self._kill_patterns)

    async def _listen(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        self._server = await asyncio.start_server(self._handle, sock=sock)

    async def _close_all_soon(self) -> None:
        self._close_all()

    def _close_all(self) -> None:
        for writer in list(self._writers):
            with suppress(Exception):
                writer.transport.abort()
        self._writers.clear()

    def _take_kill(self, chunk: bytes) -> str | None:
        match = REQUEST_LINE.match(chunk)
        if not match:
            return None
        line = match.group(0).decode(errors="replace").strip()
        with self._lock:
            for pattern in self._kill_patterns:
                if pattern.search(match.group(0)):
                    self._kill_patterns.remove(pattern)
                    return line
        return None

    async def _handle(
        self, client_reader: asyncio.StreamReader, client: asyncio.StreamWriter
    ) -> None:
        with self._lock:
            refused = self._cut
        if refused:
            self.refused += 1
            client.transport.abort()
            return
        try:
            upstream_reader, upstream = await asyncio.open_connection(*self.upstream)
        except OSError:
            client.transport.abort()
            return
        self._writers.update((client, upstream))
        # Set when a request's answer must be dropped: the server-to-client pump then closes
        # both sides as soon as the server starts answering.
        drop_answer = asyncio.Event()

        async def browser_to_server() -> None:
            while chunk := await client_reader.read(READ_SIZE):
                killed_line = self._take_kill(chunk)
                if killed_line is not None:
                    self.killed.append(killed_line)
                    drop_answer.set()
                upstream.write(chunk)
                await upstream.drain()

        async def server_to_browser() -> None:
            while chunk := await upstream_reader.read(READ_SIZE):
                if drop_answer.is_set():
                    # The server has stored it and answered; the browser never hears of it.
                    client.transport.abort()
                    upstream.transport.abort()
                    return
                client.write(chunk)
                await client.drain()

        tasks = [asyncio.create_task(browser_to_server()), asyncio.create_task(server_to_browser())]
        with suppress(Exception):
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in tasks:
            task.cancel()
        for writer in (client, upstream):
            self._writers.discard(writer)
            with suppress(Exception):
                writer.transport.abort()


@contextmanager
def cuttable_proxy(upstream_url: str) -> Iterator[CuttableProxy]:
    """A started proxy in front of `http://host:port` (stopped afterwards)."""
    host, port = upstream_url.removeprefix("http://").rsplit(":", 1)
    proxy = CuttableProxy(host, int(port))
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.stop()
