"""Ending open event streams when the server is told to stop.

uvicorn, on SIGTERM or SIGINT, stops accepting connections and then waits for every response
in progress to finish before it runs the lifespan shutdown. An event stream never finishes by
itself, so without this the server would hang until each phone went away. We chain onto the
signal handler uvicorn installed: its handler runs as before, and the streams end right away.
"""

import asyncio
import contextlib
import signal
import threading
from collections.abc import Callable, Iterator
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def on_exit_signal(callback: Callable[[], None]) -> Iterator[None]:
    """While inside, SIGINT/SIGTERM also call `callback` on the running event loop."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals only reach the main thread (tests run apps on other threads)
        return
    loop = asyncio.get_running_loop()
    previous: dict[int, object] = {sig: signal.getsignal(sig) for sig in SIGNALS}

    def handler(sig: int, frame: FrameType | None) -> None:
        loop.call_soon_threadsafe(callback)
        before = previous[sig]
        if callable(before):
            before(sig, frame)
        elif before == signal.SIG_DFL:
            signal.signal(sig, signal.SIG_DFL)
            signal.raise_signal(sig)

    for number in SIGNALS:
        signal.signal(number, handler)
    try:
        yield
    finally:
        for signum, before in previous.items():
            if signal.getsignal(signum) is handler:
                signal.signal(signum, before)  # type: ignore[arg-type]
