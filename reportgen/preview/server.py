"""The preview's web server: Starlette on uvicorn, on 127.0.0.1 only, in a background thread
(the rebuilds stay in the main thread).

    GET /                the current page (the report, or the error panel over the last
                         report that worked)
    GET /gebeurtenissen  Server-Sent Events: `event: versie` with the page's version number,
                         sent on connecting and after every rebuild; the page reloads itself
                         when the number differs from its own (pagina.html)
    GET /versie          the current version number as plain text

The main thread publishes a new page with `Published.publish`; the event streams are woken
through their own event loop (`call_soon_threadsafe`).
"""

from __future__ import annotations

import asyncio
import errno
import socket
import threading
from typing import Any, AsyncIterator

HOST = "127.0.0.1"
DEFAULT_PORT = 8765
KEEPALIVE_SECONDS = 15.0
NO_STORE = {"Cache-Control": "no-store"}


class PortInUse(OSError):
    pass


class Published:
    """The page the server hands out, and its version; shared between the threads."""

    def __init__(self, page: str = "") -> None:
        self._lock = threading.Lock()
        self.version = 0
        self.page = page
        self.closing = False
        self._waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()

    def publish(self, page: str) -> int:
        with self._lock:
            self.version += 1
            self.page = page
            version = self.version
        self._wake()
        return version

    def close(self) -> None:
        self.closing = True
        self._wake()

    def _wake(self) -> None:
        with self._lock:
            waiters = list(self._waiters)
        for loop, event in waiters:
            try:
                loop.call_soon_threadsafe(event.set)
            except RuntimeError:  # that loop has closed
                pass

    def add_waiter(self, loop: asyncio.AbstractEventLoop, event: asyncio.Event) -> None:
        with self._lock:
            self._waiters.add((loop, event))

    def remove_waiter(self, loop: asyncio.AbstractEventLoop, event: asyncio.Event) -> None:
        with self._lock:
            self._waiters.discard((loop, event))


def make_app(published: Published) -> Any:
    from starlette.applications import Starlette
    from starlette.responses import HTMLResponse, PlainTextResponse, StreamingResponse
    from starlette.routing import Route

    async def page(request: Any) -> HTMLResponse:
        return HTMLResponse(published.page, headers=NO_STORE)

    async def version(request: Any) -> PlainTextResponse:
        return PlainTextResponse(str(published.version), headers=NO_STORE)

    async def stream() -> AsyncIterator[str]:
        loop = asyncio.get_running_loop()
        seen = -1
        while not published.closing:
            event = asyncio.Event()
            published.add_waiter(loop, event)
            try:
                current = published.version
                if current != seen:
                    seen = current
                    yield f"event: versie\ndata: {current}\n\n"
                    continue
                try:
                    await asyncio.wait_for(event.wait(), timeout=KEEPALIVE_SECONDS)
                except asyncio.TimeoutError:
                    yield ": wacht\n\n"  # a comment keeps the connection open
            finally:
                published.remove_waiter(loop, event)

    async def events(request: Any) -> StreamingResponse:
        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={**NO_STORE, "X-Accel-Buffering": "no"})

    return Starlette(routes=[Route("/", page), Route("/versie", version),
                             Route("/gebeurtenissen", events)])


def bind(port: int | None) -> tuple[socket.socket, bool]:
    """A listening socket on 127.0.0.1: on `port`, or (port None) on the default port or,
    when that is taken, on a free one. Returns the socket and whether the default port
    was taken. Raises PortInUse when an explicit `port` is taken."""
    wanted = DEFAULT_PORT if port is None else port
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # Reuse a port still in TIME_WAIT from a preview that just stopped; a port that another
    # server listens on stays refused.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, wanted))
        taken = False
    except OSError as err:
        if err.errno != errno.EADDRINUSE:
            sock.close()
            raise
        if port is not None:
            sock.close()
            raise PortInUse(err.errno, f"poort {port} is bezet") from None
        sock.bind((HOST, 0))
        taken = True
    sock.listen(64)
    return sock, taken


class Server:
    """uvicorn serving `make_app(published)` on `sock`, in a daemon thread."""

    def __init__(self, published: Published, sock: socket.socket):
        import uvicorn

        self.published = published
        self.sock = sock
        config = uvicorn.Config(make_app(published), log_level="error", access_log=False,
                                lifespan="off", timeout_graceful_shutdown=2)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run,
                                        kwargs={"sockets": [sock]},
                                        name="reportgen-preview-http", daemon=True)

    @property
    def port(self) -> int:
        return self.sock.getsockname()[1]

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def start(self, timeout: float = 10.0) -> None:
        self._thread.start()
        waited = 0.0
        while not self._server.started and self._thread.is_alive() and waited < timeout:
            threading.Event().wait(0.02)
            waited += 0.02

    def stop(self) -> None:
        self.published.close()
        self._server.should_exit = True
        self._thread.join(timeout=5)
        if self._thread.is_alive():
            self._server.force_exit = True
            self._thread.join(timeout=2)
        self.sock.close()
