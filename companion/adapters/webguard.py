"""Browser mode answers only the page this computer opened from the app's own address.

`companion --web` serves the app on ``127.0.0.1:PORT``. Listening on loopback keeps other
computers out, but not other *web pages*: any site open in the same browser can point a
WebSocket at ``ws://127.0.0.1:PORT/ws`` (browsers don't apply the same-origin rule to
WebSockets), and a DNS-rebinding site can even load pages from the app under its own name.
Either could open its own session, see the unlock screen and try passphrases.

Browsers always tell the server who is asking, and a page cannot forge these headers:
``Host`` names the address the browser thinks it is talking to (``evil.example:PORT`` after
DNS rebinding), ``Origin`` names the site whose script opened the connection. So
`LoopbackOnlyGuard`, wrapped around Flet's web app, refuses

- any request (page, file or WebSocket) whose ``Host`` is not ``127.0.0.1:PORT`` or
  ``localhost:PORT``;
- any WebSocket whose ``Origin`` is not that same address (``http://127.0.0.1:PORT`` when
  the page came from ``127.0.0.1:PORT``), or that has no ``Origin``;
- any other request that carries a foreign ``Origin`` (a script on another site fetching
  from the app: Flet allows every origin to read its answers).

`serve` builds the same app ``ft.run(view=WEB_BROWSER)`` would (Flet's documented
``export_asgi_app``) and runs it with uvicorn the way Flet does, with the guard in front.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable
from typing import Any

from companion.adapters.webstart import ASGIApp, EarlyStart, Receive, Scope, Send, static_files

LOOPBACK = "127.0.0.1"
LOOPBACK_NAMES = ("127.0.0.1", "localhost")

# 1008 "policy violation": the close code for "you may not connect". Sent before the
# handshake is accepted, the server answers the upgrade with HTTP 403 instead.
WS_POLICY_VIOLATION = 1008

# How long Ctrl+C or SIGTERM waits for open connections before ending them. Flet 1.0.5's
# WebSocket handler never returns for a connection that closed before registering a
# session (its send loop waits for a sentinel only a session sends), and uvicorn would wait
# for it for ever: under ft.run such a server ignored SIGTERM until SIGKILL.
SHUTDOWN_GRACE_S = 3

STARTUP_FAILURE = 3  # uvicorn's exit status when it could not start (a port in use, say)


logger = logging.getLogger(__name__)


def allowed_hosts(port: int) -> frozenset[str]:
    """The ``Host`` values a browser sends for the app's own address, lower-case.

    On port 80 browsers leave the port out, so the bare names count too there.
    """
    hosts = {f"{name}:{port}" for name in LOOPBACK_NAMES}
    if port == 80:
        hosts.update(LOOPBACK_NAMES)
    return frozenset(hosts)


def _header_values(scope: Scope, name: bytes) -> list[str]:
    """Every value of one header (ASGI gives names lower-case), trimmed and lower-cased.

    Host names and origins are case-insensitive, and browsers send them lower-case anyway.
    """
    return [
        value.decode("latin-1").strip().lower()
        for key, value in scope.get("headers", ())
        if key.lower() == name
    ]


def refusal_reason(scope: Scope, hosts: frozenset[str]) -> str | None:
    """Why this request must be refused, or None when it comes from the app's own page.

    Exactly one ``Host`` is required: two could be read differently by different layers.
    A WebSocket must name the app's own origin; an HTTP request may leave ``Origin`` out
    (browsers do for ordinary same-origin loads) but must not name anybody else.
    """
    host_values = _header_values(scope, b"host")
    if len(host_values) != 1:
        return f"{len(host_values)} Host headers"
    host = host_values[0]
    if host not in hosts:
        return f"foreign Host {host!r}"
    own_origin = f"http://{host}"
    origins = _header_values(scope, b"origin")
    if scope["type"] == "websocket" and not origins:
        return "WebSocket without Origin"
    foreign = [origin for origin in origins if origin != own_origin]
    if foreign:
        return f"foreign Origin {foreign[0]!r}"
    return None


class LoopbackOnlyGuard:
    """Pure ASGI middleware: pass the app's own requests on, refuse every other one.

    Pure ASGI rather than a Starlette middleware so it sees WebSocket handshakes as well
    as HTTP, before Flet opens a session. Lifespan events pass through untouched.
    """

    def __init__(self, app: ASGIApp, port: int) -> None:
        self.app = app
        self.port = port
        self.hosts = allowed_hosts(port)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        reason = refusal_reason(scope, self.hosts)
        if reason is None:
            await self.app(scope, receive, send)
            return
        logger.warning("Refused a %s request to %s: %s", scope["type"], scope.get("path", ""), reason)
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": WS_POLICY_VIOLATION})
        else:
            await self._refuse_http(send)

    async def _refuse_http(self, send: Send) -> None:
        """403 with a short plain answer, and nothing a foreign page could use or cache."""
        body = (f"Companion only answers at http://{LOOPBACK}:{self.port}\n").encode()
        await send(
            {
                "type": "http.response.start",
                "status": 403,
                "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                    (b"cache-control", b"no-store"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _uvicorn_log_level() -> str:
    """The level Flet's own web server gives uvicorn: follow the "flet" logger.

    Flet's default keeps uvicorn to warnings and errors, which still shows "address
    already in use" (the browser tests look for it to retry on another port).
    """
    level = logging.getLogger("flet").getEffectiveLevel()
    if level in (logging.CRITICAL, logging.NOTSET):
        level = logging.FATAL
    return str(logging.getLevelName(level)).lower()


def serve(
    main: Callable[..., Any], *, port: int, assets_dir: str, warm_up: Callable[[], None] | None = None
) -> None:
    """Serve the Flet app `main` to a browser on ``127.0.0.1:port`` until stopped.

    Blocks like ``ft.run`` does; Ctrl+C or SIGTERM end it. uvicorn's proxy-header support
    is off: nothing sits in front of this server, so no request may claim to.

    The server listens before Flet's web app is imported: the browser gets the client's files
    at once (`webstart.EarlyStart`) while Flet's app (FastAPI, ~0.5 s) loads in a thread, and
    then ``warm_up``: the browser is busy starting Flutter for about a second, time the first
    session's one-time work can use without delaying anyone. Only then is Flet's app handed the
    websocket, so the first session never runs beside the warm-up.
    """
    import uvicorn

    early = EarlyStart(static_files(assets_dir))

    def flet_app() -> Any:
        import flet as ft

        return ft.run(main, assets_dir=assets_dir, no_cdn=True, export_asgi_app=True)

    class Server(uvicorn.Server):
        async def startup(self, sockets: Any = None) -> None:
            await super().startup(sockets=sockets)
            if self.started:
                self.loading = asyncio.get_running_loop().create_task(self.load())

        async def load(self) -> None:
            try:
                app = await asyncio.to_thread(flet_app)
            except Exception:  # noqa: BLE001 - without Flet's app there is nothing to serve
                logger.exception("Flet's web app could not be built")
                self.should_exit = True
                return
            # Before the hand-over, so the first session never runs beside it.
            if warm_up is not None:
                await asyncio.get_running_loop().run_in_executor(None, _run_quietly, warm_up)
            try:
                await early.hand_over(app)
            except Exception:  # noqa: BLE001 - Flet's app did not start: nothing to hand over to
                logger.exception("Flet's web app could not start")
                self.should_exit = True

    config = uvicorn.Config(
        LoopbackOnlyGuard(early, port),
        host=LOOPBACK,
        port=port,
        ws="websockets-sansio",
        log_level=_uvicorn_log_level(),
        proxy_headers=False,
        timeout_graceful_shutdown=SHUTDOWN_GRACE_S,
    )
    server = Server(config)
    try:
        server.run()  # as uvicorn.run does, which takes no server of ours
    except KeyboardInterrupt:
        pass
    if not server.started:
        sys.exit(STARTUP_FAILURE)


def _run_quietly(work: Callable[[], None]) -> None:
    """A warm-up that fails only costs time: the first session then does the work itself."""
    try:
        work()
    except Exception:  # noqa: BLE001 - never let a warm-up end the server
        logger.exception("warm-up failed")
