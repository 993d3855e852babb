"""A small Server-Sent Events client for the tests: a real HTTP connection, read on a thread."""

import contextlib
import queue
import socket
import threading
from dataclasses import dataclass, field
from typing import Any

import httpx


@dataclass
class Message:
    event: str = ""
    data: str = ""
    id: str = ""
    retry: int | None = None
    comments: list[str] = field(default_factory=list)


END = Message(event="<end>")


def parse(lines: list[str]) -> Message | None:
    """One block of lines (up to a blank line) as a message, per the HTML SSE parsing rules."""
    message, data = Message(), []
    for line in lines:
        if line.startswith(":"):
            message.comments.append(line[1:].strip())
            continue
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "event":
            message.event = value
        elif name == "data":
            data.append(value)
        elif name == "id":
            message.id = value
        elif name == "retry" and value.isdigit():
            message.retry = int(value)
    message.data = "\n".join(data)
    return message


class EventStream:
    """GET /api/v1/events on a thread; messages (and END when the server ends it) in a queue."""

    def __init__(self, base_url: str, token: str | None, **params: Any) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.client = httpx.Client(base_url=base_url, timeout=httpx.Timeout(5, read=None))
        self.messages: queue.Queue[Message] = queue.Queue()
        self.status: int | None = None
        self.headers: httpx.Headers | None = None
        self._opened = threading.Event()
        self._socket: socket.socket | None = None
        self._thread = threading.Thread(
            target=self._read, args=(headers, params), daemon=True, name="sse-reader"
        )
        self._thread.start()
        assert self._opened.wait(10), "the stream did not answer"

    def _read(self, headers: dict[str, str], params: dict[str, Any]) -> None:
        try:
            with self.client.stream("GET", "/api/v1/events", headers=headers, params=params) as r:
                self.status, self.headers = r.status_code, r.headers
                self._socket = r.extensions["network_stream"].get_extra_info("socket")
                self._opened.set()
                block: list[str] = []
                for line in r.iter_lines():
                    if line:
                        block.append(line)
                        continue
                    if block:
                        message = parse(block)
                        if message is not None:
                            self.messages.put(message)
                    block = []
        except (httpx.HTTPError, RuntimeError, OSError):
            pass  # closed by the test
        finally:
            self._opened.set()
            self.messages.put(END)

    def next(self, timeout: float = 10) -> Message:
        return self.messages.get(timeout=timeout)

    def next_event(self, timeout: float = 10) -> Message:
        """The next message with an event name (skipping comments such as pings)."""
        while True:
            message = self.next(timeout)
            if message.event:
                return message

    def ended(self, timeout: float = 10) -> bool:
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def close(self) -> None:
        """Hang up, as a phone does: the blocked read ends at once."""
        if self._socket is not None:
            with contextlib.suppress(OSError):
                self._socket.shutdown(socket.SHUT_RDWR)
        self.client.close()
        self._thread.join(5)
