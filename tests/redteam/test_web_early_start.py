"""The server answers before Flet's app is loaded (`adapters/webstart.py`): no gap in the guard.

For the first half second of `companion --web` the client's files come from Companion's own
early file server instead of Flet's. A hostile page or a crafted path must find nothing new
there: the loopback guard stands in front of it exactly as in front of Flet's app, nothing
outside the client's folders is served, and nothing but plain file reads is answered early.
Each request here is made the way uvicorn makes it, before any hand-over to Flet's app.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from companion.adapters.webguard import LoopbackOnlyGuard
from companion.adapters.webstart import EarlyStart, static_files

PORT = 8550
ASSETS = str(Path(__file__).resolve().parents[2] / "assets")
OWN_HOST = f"127.0.0.1:{PORT}"


def _request(path: str, *headers: tuple[str, str], kind: str = "http", method: str = "GET") -> dict[str, Any]:
    scope: dict[str, Any] = {
        "type": kind,
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(name.lower().encode(), value.encode("latin-1")) for name, value in headers],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", PORT),
        "scheme": "http" if kind == "http" else "ws",
        "asgi": {"version": "3.0"},
    }
    if kind == "http":
        scope["method"], scope["http_version"] = method, "1.1"
    return scope


async def _send_to_early_server(scope: dict[str, Any], wait_s: float = 0.3) -> list[dict[str, Any]] | None:
    """What the early server answered, or None while it holds the request for Flet's app."""
    app = LoopbackOnlyGuard(EarlyStart(static_files(ASSETS)), PORT)
    sent: list[dict[str, Any]] = []
    first = True

    async def receive() -> dict[str, Any]:
        nonlocal first
        if first:
            first = False
            return {"type": "websocket.connect"} if scope["type"] == "websocket" else {"type": "http.request"}
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    task = asyncio.create_task(app(scope, receive, send))
    done, _ = await asyncio.wait({task}, timeout=wait_s)
    if not done:
        task.cancel()
        return None
    return sent


def _answer(scope: dict[str, Any]) -> tuple[int | None, bytes]:
    sent = asyncio.run(_send_to_early_server(scope))
    if sent is None:
        return None, b""
    start = next(m for m in sent if m["type"] in ("http.response.start", "websocket.close"))
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start.get("status", start.get("code")), body


@pytest.mark.parametrize(
    "headers",
    [
        (("Host", "evil.example:8550"),),  # DNS rebinding
        (("Host", OWN_HOST), ("Origin", "http://evil.example")),  # another site's script
        (),  # no Host at all
    ],
)
def test_a_foreign_page_is_refused_before_flet_is_loaded_too(headers: tuple[tuple[str, str], ...]) -> None:
    status, body = _answer(_request("/", *headers))
    assert status == 403
    assert b"flutter" not in body.lower()


def test_a_foreign_websocket_is_closed_before_flet_is_loaded_too() -> None:
    scope = _request("/ws", ("Host", OWN_HOST), ("Origin", "http://evil.example"), kind="websocket")
    assert _answer(scope)[0] == 1008


@pytest.mark.parametrize(
    "path",
    [
        "/../../../../etc/passwd",
        "/assets/../../pyproject.toml",
        "/../pyproject.toml",
        "//etc/passwd",
        "/fallback-fonts/",  # a folder: no listing
    ],
)
def test_nothing_outside_the_client_folders_is_served_early(path: str) -> None:
    status, body = _answer(_request(path, ("Host", OWN_HOST)))
    # Held for Flet's app (None), which answers such paths itself; never a file from elsewhere.
    assert status is None, (status, body[:80])


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_only_plain_reads_are_answered_early(method: str) -> None:
    assert _answer(_request("/index.html", ("Host", OWN_HOST), method=method))[0] is None


def test_the_own_page_is_answered_early() -> None:
    status, body = _answer(_request("/", ("Host", OWN_HOST)))
    assert status == 200 and b"flutter_bootstrap.js" in body
