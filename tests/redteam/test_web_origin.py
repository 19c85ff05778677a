"""Finding: any web page could talk to the running app in `--web` mode.

Flet's web server accepted every ``Host`` and every ``Origin``. A page on another site, open
in the same browser, could open ``ws://127.0.0.1:PORT/ws``, get its own session with the
unlock screen and guess passphrases; a DNS-rebinding site could load the app under its own
name. These tests start the real app (``python -m companion --web``) and speak raw HTTP and
raw WebSocket handshakes to it, as a hostile page's browser would, so every header is exactly
what the test says. Everything stays on 127.0.0.1 and every socket call has a timeout.

Against the unguarded server every ``refused`` test fails (200 for the page, 101 for the
WebSocket); the ``own`` tests pass both before and after, proving the guard does not lock
the person's own browser out.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
LOOPBACK = "127.0.0.1"
STARTUP_TIMEOUT_S = 90.0  # a busy 2-core machine; the wait ends as soon as the page answers
SOCKET_TIMEOUT_S = 10.0
WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455's fixed handshake suffix


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


def exchange(port: int, request: str) -> Reply:
    """Send one raw request to the app and read its answer (up to the end of the headers
    for a successful upgrade, otherwise until the server closes or Content-Length is met)."""
    with socket.create_connection((LOOPBACK, port), timeout=SOCKET_TIMEOUT_S) as sock:
        sock.settimeout(SOCKET_TIMEOUT_S)
        sock.sendall(request.encode("latin-1"))
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if status != 101:
            wanted = int(headers.get("content-length", "-1"))
            while wanted < 0 or len(body) < wanted:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                body += chunk
        return Reply(status, headers, body)


def http_get(port: int, host: str, path: str = "/", origin: str | None = None) -> Reply:
    extra = f"Origin: {origin}\r\n" if origin else ""
    return exchange(port, f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}Connection: close\r\n\r\n")


def websocket_upgrade(port: int, host: str, origin: str | None) -> Reply:
    """A browser's WebSocket handshake for Flet's socket, with the given Host and Origin."""
    key = base64.b64encode(os.urandom(16)).decode()
    extra = f"Origin: {origin}\r\n" if origin else ""
    reply = exchange(
        port,
        f"GET /ws HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n{extra}\r\n",
    )
    if reply.status == 101:  # a real upgrade, not some other 101: the server answered our key
        expected = base64.b64encode(hashlib.sha1((key + WS_GUID).encode()).digest()).decode()
        assert reply.headers.get("sec-websocket-accept") == expected
    return reply


# --------------------------------------------------------------------------- the app


@dataclass
class RunningApp:
    port: int
    printed_host: str  # "127.0.0.1:PORT", from the address the app printed


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the app's process group; SIGKILL it if it has not gone within 10 s."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)


def wait_until_serving(process: subprocess.Popen[bytes], log: Path, port: int) -> str | None:
    """The host:port the app printed, once its page answers there; None if it died first."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline and process.poll() is None:
        printed = re.search(r"running at http://([\w.]+:\d+)", log.read_text(errors="replace"))
        if printed:
            with contextlib.suppress(OSError, ValueError, IndexError):
                if http_get(port, printed.group(1)).status == 200:
                    return printed.group(1)
        time.sleep(0.2)
    return None


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    """`python -m companion --web` on a free loopback port (another try if the port was taken)."""
    folder = tmp_path_factory.mktemp("web_origin")
    env = {k: v for k, v in os.environ.items() if k != "COMPANION_DATA_DIR"}
    env["PYTHONUNBUFFERED"] = "1"
    log = folder / "app.log"
    for _attempt in range(3):
        port = free_port()
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "companion", "--web", "--port", str(port), "--data-dir", str(folder)],
                cwd=REPO_ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            printed = wait_until_serving(process, log, port)
            if printed:
                yield RunningApp(port, printed)
                return
        finally:
            stop(process)
        if "address already in use" not in log.read_text(errors="replace").lower():
            break
    pytest.fail(f"Companion did not start serving. Output:\n{log.read_text(errors='replace')[-3000:]}")


# --------------------------------------------------------------------------- the app's own browser


def test_own_address_gets_the_page(app: RunningApp) -> None:
    assert app.printed_host == f"{LOOPBACK}:{app.port}"
    for host in (app.printed_host, f"localhost:{app.port}"):
        reply = http_get(app.port, host)
        assert reply.status == 200, host
        assert b"<title>Companion</title>" in reply.body
        assert b'http-equiv="Content-Security-Policy"' in reply.body  # our assets/index.html


def test_own_page_may_open_the_websocket(app: RunningApp) -> None:
    for host in (app.printed_host, f"localhost:{app.port}"):
        assert websocket_upgrade(app.port, host, origin=f"http://{host}").status == 101, host


# --------------------------------------------------------------------------- everyone else


def test_refused_websocket_from_another_site(app: RunningApp) -> None:
    """The reported attack: a page on evil.example opens a session on the app."""
    assert websocket_upgrade(app.port, app.printed_host, origin="http://evil.example").status == 403


def test_refused_websocket_from_another_local_web_page(app: RunningApp) -> None:
    """Another program's page on this computer (a dev server, a local tool) is another site too."""
    origin = f"http://{LOOPBACK}:{app.port + 1}"
    assert websocket_upgrade(app.port, app.printed_host, origin=origin).status == 403


def test_refused_websocket_without_origin(app: RunningApp) -> None:
    assert websocket_upgrade(app.port, app.printed_host, origin=None).status == 403


@pytest.mark.parametrize("foreign", ["evil.example:{port}", "127.0.0.1:{other}"])
def test_refused_websocket_under_a_foreign_host(app: RunningApp, foreign: str) -> None:
    """DNS rebinding: evil.example now resolves to 127.0.0.1, the page is 'same-origin' with itself."""
    host = foreign.format(port=app.port, other=app.port + 1)
    assert websocket_upgrade(app.port, host, origin=f"http://{host}").status == 403


@pytest.mark.parametrize("foreign", ["evil.example:{port}", "127.0.0.1:{other}"])
def test_refused_page_under_a_foreign_host(app: RunningApp, foreign: str) -> None:
    reply = http_get(app.port, foreign.format(port=app.port, other=app.port + 1))
    assert reply.status == 403
    assert b"Companion" not in reply.body.replace(b"Companion only answers", b"")


def test_refused_fetch_from_another_site(app: RunningApp) -> None:
    """Flet tells browsers any site may read its answers (Access-Control-Allow-Origin: *)."""
    reply = http_get(app.port, app.printed_host, origin="http://evil.example")
    assert reply.status == 403
    assert "access-control-allow-origin" not in reply.headers
