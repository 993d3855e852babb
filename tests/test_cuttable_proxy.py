"""The proxy under the offline e2e tests really cuts, and really drops an answer that happened."""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import httpx
import pytest

from tests.support.cuttable_proxy import CuttableProxy, cuttable_proxy


class CountingHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    posts: ClassVar[list[bytes]] = []

    def do_GET(self) -> None:
        self._answer(b"hello")

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        CountingHandler.posts.append(body)
        self._answer(b"stored")

    def _answer(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def upstream() -> Iterator[str]:
    CountingHandler.posts = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def proxy(upstream: str) -> Iterator[CuttableProxy]:
    with cuttable_proxy(upstream) as proxy:
        yield proxy


def test_forwards_requests_and_answers(proxy: CuttableProxy) -> None:
    with httpx.Client(base_url=proxy.url, timeout=5) as client:
        assert client.get("/").text == "hello"
        assert client.post("/x", content=b"one").text == "stored"
    assert CountingHandler.posts == [b"one"]


def test_cut_closes_open_connections_and_refuses_new_ones_until_restored(
    proxy: CuttableProxy,
) -> None:
    with httpx.Client(base_url=proxy.url, timeout=5) as client:
        assert client.get("/").status_code == 200  # a kept-alive connection now exists
        proxy.cut()
        with pytest.raises(httpx.TransportError):
            client.get("/")
        with pytest.raises(httpx.TransportError):
            httpx.get(proxy.url, timeout=5)
        assert proxy.refused >= 1
        proxy.restore()
        assert client.get("/").text == "hello"


def test_a_killed_request_reaches_the_server_but_its_answer_never_comes_back(
    proxy: CuttableProxy,
) -> None:
    proxy.kill_after_forwarding(r"^POST /comments ")
    with httpx.Client(base_url=proxy.url, timeout=5) as client:
        assert client.get("/comments").status_code == 200  # not a POST: passes
        with pytest.raises(httpx.TransportError):
            client.post("/comments", content=b"first try")
        assert CountingHandler.posts == [b"first try"]
        assert proxy.killed == ["POST /comments HTTP/1.1"]
        # Only once: the retry goes through.
        assert client.post("/comments", content=b"retry").text == "stored"
    assert CountingHandler.posts == [b"first try", b"retry"]
    assert proxy.pending_kills == 0
