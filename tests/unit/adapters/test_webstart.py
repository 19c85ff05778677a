"""`webstart.EarlyStart`: the client's files before Flet's app is loaded, Flet's app after.

Flet's real web app (built as `serve` builds it) is the reference for what the early files
must be; a fake ASGI app stands in for it where the test is about who gets a request.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import flet as ft
import pytest

from companion.adapters.webstart import ISOLATION_HEADERS, EarlyStart, static_files

ASSETS = str(Path(__file__).resolve().parents[3] / "assets")
PATCHED = ("/", "/manifest.json", "/assets/FontManifest.json")


async def _main(page: Any) -> None:
    pass


class Answer:
    def __init__(self, status: int, headers: dict[str, str], content: bytes) -> None:
        self.status_code, self.headers, self.content = status, headers, content


class Client:
    """GET through an ASGI app, as uvicorn would call it (no HTTP client library needed)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def get(self, path: str) -> Answer:
        return asyncio.run(self._get(path))

    async def _get(self, path: str) -> Answer:
        sent: list[dict[str, Any]] = []
        requested = False

        async def receive() -> dict[str, Any]:
            nonlocal requested
            if not requested:
                requested = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await asyncio.sleep(3600)
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        await asyncio.wait_for(self.app(_scope("http", path), receive, send), 30)
        start = next(m for m in sent if m["type"] == "http.response.start")
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in start.get("headers", [])}
        body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
        return Answer(start["status"], headers, body)


@pytest.fixture(scope="module")
def early_client() -> Client:
    return Client(EarlyStart(static_files(ASSETS)))


def test_the_early_page_manifest_and_font_list_are_exactly_what_flet_serves(early_client) -> None:
    flet = Client(ft.run(_main, assets_dir=ASSETS, no_cdn=True, export_asgi_app=True))
    for path in PATCHED:
        ours, theirs = early_client.get(path), flet.get(path)
        assert ours.status_code == theirs.status_code == 200, path
        assert ours.content == theirs.content, f"{path} differs from Flet's: check webstart.client_folder"
        assert ours.headers["content-type"] == theirs.headers["content-type"]
    assert b'webSocketEndpoint: "/ws"' in early_client.get("/").content


def test_flutters_engine_and_the_apps_assets_come_early_and_cross_origin_isolated(early_client) -> None:
    for path in ("/flutter_bootstrap.js", "/main.dart.wasm", "/canvaskit/skwasm.js", "/favicon.png"):
        answer = early_client.get(path)
        assert answer.status_code == 200, path
        for name, value in ISOLATION_HEADERS:
            assert answer.headers[name.decode()] == value.decode(), path
    # the app's own assets folder comes before Flet's client, as in Flet's server
    assert early_client.get("/icon.png").content == Path(ASSETS, "icon.png").read_bytes()


class FakeApp:
    """Flet's app as EarlyStart sees it: records requests, answers lifespan like Starlette."""

    def __init__(self, start_ok: bool = True) -> None:
        self.scopes: list[str] = []
        self.lifespan: list[str] = []
        self.start_ok = start_ok

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                self.lifespan.append(message["type"])
                if message["type"] == "lifespan.startup":
                    kind = "complete" if self.start_ok else "failed"
                    await send({"type": f"lifespan.startup.{kind}", "message": "no"})
                    if not self.start_ok:
                        return
                else:
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        self.scopes.append(f"{scope['type']} {scope['path']}")


def _scope(kind: str, path: str, method: str = "GET") -> dict[str, Any]:
    scope = {
        "type": kind,
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "headers": [],
        "query_string": b"",
    }
    if kind == "http":
        scope["method"] = method
    return scope


async def _nothing() -> dict[str, Any]:
    await asyncio.sleep(3600)
    return {}


async def _drop(_message: Any) -> None:
    return None


def test_the_websocket_and_everything_not_a_file_wait_for_flets_app_then_reach_it() -> None:
    async def scenario() -> tuple[list[str], list[str]]:
        early = EarlyStart(static_files(ASSETS))
        held = [
            asyncio.create_task(early(_scope("websocket", "/ws"), _nothing, _drop)),
            asyncio.create_task(early(_scope("http", "/journal"), _nothing, _drop)),  # a route, not a file
            asyncio.create_task(early(_scope("http", "/upload", "PUT"), _nothing, _drop)),
        ]
        await asyncio.sleep(0.2)
        assert not any(task.done() for task in held) and not early.ready
        app = FakeApp()
        await early.hand_over(app)
        await asyncio.wait_for(asyncio.gather(*held), 5)
        await early(_scope("http", "/"), _nothing, _drop)  # from now on even the page is Flet's
        return app.scopes, app.lifespan

    scopes, lifespan = asyncio.run(scenario())
    assert sorted(scopes) == ["http /", "http /journal", "http /upload", "websocket /ws"]
    assert lifespan == ["lifespan.startup"]


def test_the_servers_lifespan_starts_at_once_and_its_shutdown_shuts_flets_app_down() -> None:
    async def scenario() -> tuple[list[str], list[str]]:
        early = EarlyStart(static_files(ASSETS))
        inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        outbox: list[str] = []

        async def send(message: Any) -> None:
            outbox.append(message["type"])

        lifespan = asyncio.create_task(early({"type": "lifespan"}, inbox.get, send))
        await inbox.put({"type": "lifespan.startup"})
        await asyncio.sleep(0.05)
        assert outbox == ["lifespan.startup.complete"]  # not waiting for Flet's app
        app = FakeApp()
        await early.hand_over(app)
        await inbox.put({"type": "lifespan.shutdown"})
        await asyncio.wait_for(lifespan, 5)
        return outbox, app.lifespan

    outbox, flets = asyncio.run(scenario())
    assert outbox == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert flets == ["lifespan.startup", "lifespan.shutdown"]


def test_a_flet_app_that_fails_to_start_is_never_handed_requests() -> None:
    async def scenario() -> bool:
        early = EarlyStart(static_files(ASSETS))
        with pytest.raises(RuntimeError, match="did not start"):
            await early.hand_over(FakeApp(start_ok=False))
        return early.ready

    assert asyncio.run(scenario()) is False
