"""The browser-mode guard, driven in-process: who gets through to Flet and who is turned away.

A fake ASGI app stands in for Flet's; the guard is called exactly as uvicorn calls it.
The real server is exercised end to end in tests/redteam/test_web_origin.py.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from companion.adapters.webguard import WS_POLICY_VIOLATION, LoopbackOnlyGuard, allowed_hosts, refusal_reason
from companion.adapters.webstart import Message, Scope

PORT = 8550
HOSTS = allowed_hosts(PORT)


class FakeApp:
    """Records the scopes it was given; answers nothing."""

    def __init__(self) -> None:
        self.scopes: list[Scope] = []

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        self.scopes.append(scope)


def scope(kind: str, *headers: tuple[str, str], path: str = "/") -> Scope:
    return {
        "type": kind,
        "path": path,
        "headers": [(name.lower().encode(), value.encode("latin-1")) for name, value in headers],
    }


def run_guard(request: Scope) -> tuple[FakeApp, list[Message]]:
    """Pass one request through the guard; what reached the app, and what was sent back."""
    app = FakeApp()
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "websocket.connect"}

    async def send(message: Message) -> None:
        sent.append(message)

    asyncio.run(LoopbackOnlyGuard(app, PORT)(request, receive, send))
    return app, sent


def test_only_the_two_loopback_names_on_our_port_are_allowed() -> None:
    assert allowed_hosts(PORT) == {"127.0.0.1:8550", "localhost:8550"}
    assert allowed_hosts(80) == {"127.0.0.1:80", "localhost:80", "127.0.0.1", "localhost"}


@pytest.mark.parametrize("host", ["127.0.0.1:8550", "localhost:8550", "LOCALHOST:8550"])
def test_own_page_and_files_pass(host: str) -> None:
    app, sent = run_guard(scope("http", ("Host", host)))
    assert len(app.scopes) == 1 and sent == []


def test_same_origin_request_with_origin_header_passes() -> None:
    app, _ = run_guard(scope("http", ("Host", "localhost:8550"), ("Origin", "http://localhost:8550")))
    assert len(app.scopes) == 1


@pytest.mark.parametrize(
    "headers",
    [
        (("Host", "evil.example:8550"),),  # DNS rebinding: the browser still says which name it used
        (("Host", "127.0.0.1:8551"),),
        (("Host", "[::1]:8550"),),
        (("Host", "127.0.0.1"),),
        (),  # no Host at all
        (("Host", "127.0.0.1:8550"), ("Host", "evil.example:8550")),
        (("Host", "127.0.0.1:8550"), ("Origin", "http://evil.example")),  # another site's fetch()
        (("Host", "127.0.0.1:8550"), ("Origin", "null")),  # sandboxed frame, file:// page
    ],
)
def test_foreign_http_requests_get_403_and_never_reach_flet(headers: tuple[tuple[str, str], ...]) -> None:
    app, sent = run_guard(scope("http", *headers))
    assert app.scopes == []
    assert sent[0]["type"] == "http.response.start" and sent[0]["status"] == 403
    assert b"http://127.0.0.1:8550" in sent[1]["body"]


@pytest.mark.parametrize(
    "host,origin", [("127.0.0.1:8550", "http://127.0.0.1:8550"), ("localhost:8550", "http://localhost:8550")]
)
def test_websocket_from_own_page_passes(host: str, origin: str) -> None:
    app, sent = run_guard(scope("websocket", ("Host", host), ("Origin", origin), path="/ws"))
    assert len(app.scopes) == 1 and sent == []


@pytest.mark.parametrize(
    "headers",
    [
        (("Host", "127.0.0.1:8550"), ("Origin", "http://evil.example")),
        (("Host", "127.0.0.1:8550"), ("Origin", "http://127.0.0.1:3000")),  # another local web app
        (("Host", "127.0.0.1:8550"), ("Origin", "https://127.0.0.1:8550")),
        (("Host", "127.0.0.1:8550"), ("Origin", "http://localhost:8550")),  # not this page's origin
        (("Host", "127.0.0.1:8550"),),  # no Origin: not a page we served
        (("Host", "evil.example:8550"), ("Origin", "http://evil.example:8550")),
    ],
)
def test_foreign_websockets_are_closed_before_the_handshake(headers: tuple[tuple[str, str], ...]) -> None:
    app, sent = run_guard(scope("websocket", *headers, path="/ws"))
    assert app.scopes == []
    assert sent == [{"type": "websocket.close", "code": WS_POLICY_VIOLATION}]


def test_lifespan_passes_through() -> None:
    """Flet starts and stops its session manager through lifespan events; the guard must not eat them."""
    app, sent = run_guard({"type": "lifespan"})
    assert len(app.scopes) == 1 and sent == []


def test_reasons_name_the_problem() -> None:
    assert (
        refusal_reason(scope("http", ("Host", "evil.example:8550")), HOSTS)
        == "foreign Host 'evil.example:8550'"
    )
    assert refusal_reason(scope("websocket", ("Host", "127.0.0.1:8550")), HOSTS) == "WebSocket without Origin"
    assert refusal_reason(scope("http", ("Host", "127.0.0.1:8550")), HOSTS) is None
