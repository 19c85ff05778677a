"""Answer the browser while Flet's web server is still being imported.

Importing Flet's web server (FastAPI and pydantic) takes about half a second on a two-core
machine, and until now nothing could answer the browser before it was done. Yet the first
thing a browser asks for is only files: the page, then several megabytes of Flutter's engine
that take it about a second to start. The websocket, the one thing that needs Flet, comes
after that.

`EarlyStart` sits where Flet's app would be (behind `webguard.LoopbackOnlyGuard`, like it).
Until Flet's app is handed over it serves the client's files itself, from the same folders and
with the same page Flet would serve (made with Flet's own patch functions; a test compares the
two), and holds everything else (the websocket, a route Flet resolves) until Flet's app is
ready. From then on every request goes to Flet's app, and its lifespan (Flet's session manager)
is started before the first request reaches it.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import shutil
import tempfile
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

WEBSOCKET_PATH = "/ws"  # Flet's default endpoint, as `ft.run` serves it

# The headers Flet's server adds to every answer (its CustomHeadersMiddleware); the page must be
# cross-origin isolated either way, or Flutter's renderer runs differently before and after.
# Flet's "Access-Control-Allow-Origin: *" is left out: the guard refuses foreign origins anyway.
ISOLATION_HEADERS = (
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-embedder-policy", b"require-corp"),
)

logger = logging.getLogger(__name__)


def client_folder(assets_dir: str) -> tuple[Path, list[str]]:
    """A folder with the page, manifest and font list exactly as Flet's server patches them,
    and the folders Flet's server looks in after it (the app's assets, then Flet's client)."""
    from flet.controls.types import RouteUrlStrategy, WebRenderer
    from flet_web import get_package_web_dir
    from flet_web.patch_index import patch_font_manifest_json, patch_index_html, patch_manifest_json

    web_dir = get_package_web_dir()
    folder = Path(tempfile.mkdtemp(prefix="companion-web-"))
    atexit.register(shutil.rmtree, folder, True)  # gone when the server process ends
    for parts in (("index.html",), ("manifest.json",), ("assets", "FontManifest.json")):
        own = Path(assets_dir, *parts)
        source = own if own.exists() else Path(web_dir, *parts)
        target = folder.joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    patch_index_html(
        index_path=str(folder / "index.html"),
        base_href="",
        websocket_endpoint_path=WEBSOCKET_PATH,
        web_renderer=WebRenderer.AUTO,
        route_url_strategy=RouteUrlStrategy.PATH,
        no_cdn=True,
    )
    patch_manifest_json(manifest_path=str(folder / "manifest.json"))
    patch_font_manifest_json(manifest_path=str(folder / "assets" / "FontManifest.json"))
    return folder, [assets_dir, web_dir]


def static_files(assets_dir: str) -> Any:
    """Starlette's static file server over `client_folder`, searched in Flet's order."""
    from starlette.staticfiles import StaticFiles

    folder, after = client_folder(assets_dir)
    files = StaticFiles(directory=folder, html=True)
    files.all_directories.extend(after)
    return files


class EarlyStart:
    """ASGI app: the client's files at once, everything else once Flet's app is handed over."""

    def __init__(self, files: Any) -> None:
        self._files = files
        self._app: ASGIApp | None = None
        self._ready = asyncio.Event()
        self._lifespan: _Lifespan | None = None

    @property
    def ready(self) -> bool:
        return self._app is not None

    async def hand_over(self, app: ASGIApp) -> None:
        """Start ``app``'s lifespan, then send it every request from now on (and those held)."""
        lifespan = _Lifespan(app)
        await lifespan.start()
        self._lifespan = lifespan
        self._app = app
        self._ready.set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._serve_lifespan(receive, send)
            return
        if self._app is None and self._is_client_file(scope):
            await self._files(scope, receive, _isolated(send))
            return
        await self._ready.wait()
        assert self._app is not None
        await self._app(scope, receive, send)

    def _is_client_file(self, scope: Scope) -> bool:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            return False
        path = self._files.get_path(scope)
        if path == ".":
            return True  # the page itself
        try:
            full, found = self._files.lookup_path(path)
        except OSError:
            return False
        return found is not None and not os.path.isdir(full)

    async def _serve_lifespan(self, receive: Receive, send: Send) -> None:
        """uvicorn's lifespan: ready at once; on shutdown, Flet's app is shut down first."""
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self._lifespan is not None:
                    await self._lifespan.stop()
                await send({"type": "lifespan.shutdown.complete"})
                return


def _isolated(send: Send) -> Send:
    async def with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = dict(message)
            message["headers"] = [*message.get("headers", []), *ISOLATION_HEADERS]
        await send(message)

    return with_headers


class _Lifespan:
    """Drives an ASGI app's lifespan protocol, as a server would."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app
        self._to_app: asyncio.Queue[Message] = asyncio.Queue()
        self._from_app: asyncio.Queue[Message] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        scope = {"type": "lifespan", "asgi": {"version": "3.0", "spec_version": "2.0"}, "state": {}}
        self._task = asyncio.create_task(self._app(scope, self._to_app.get, self._from_app.put))
        await self._to_app.put({"type": "lifespan.startup"})
        answer = await self._from_app.get()
        if answer["type"] != "lifespan.startup.complete":
            raise RuntimeError(f"Flet's app did not start: {answer.get('message', answer['type'])}")

    async def stop(self) -> None:
        if self._task is None or self._task.done():
            return
        await self._to_app.put({"type": "lifespan.shutdown"})
        await self._from_app.get()
        await self._task
