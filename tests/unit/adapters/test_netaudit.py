"""The outgoing-connection audit that the privacy tests rely on must really record."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

from companion.adapters.netaudit import is_loopback


def test_loopback_detection() -> None:
    for host in ("127.0.0.1", "127.8.9.10", "::1", "localhost", b"127.0.0.1"):
        assert is_loopback(host)
    for host in ("203.0.113.5", "10.0.0.1", "example.org", "::ffff:8.8.8.8", None, 42):
        assert not is_loopback(host)


def test_hook_records_outside_attempts_only(tmp_path: Path) -> None:
    """Run in a fresh interpreter (audit hooks can't be removed). The events are raised
    with sys.audit, exactly as socket does, so no packet ever leaves this machine."""
    log = tmp_path / "net.log"
    code = f"""
import socket, sys
from companion.adapters.netaudit import install
install({str(log)!r})
s = socket.socket()
sys.audit("socket.connect", s, ("203.0.113.5", 443))
sys.audit("socket.connect", s, ("127.0.0.1", 8550))
sys.audit("socket.getaddrinfo", "example.org", 443, 0, 0, 0)
sys.audit("socket.getaddrinfo", "localhost", 443, 0, 0, 0)
s.close()
"""
    subprocess.run([sys.executable, "-c", code], check=True)
    lines = log.read_text().splitlines()
    assert lines == ["connect ('203.0.113.5', 443)", "getaddrinfo 'example.org'"]


def test_real_loopback_connection_is_not_logged(tmp_path: Path) -> None:
    log = tmp_path / "net.log"
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    code = f"""
import socket
from companion.adapters.netaudit import install
install({str(log)!r})
socket.create_connection(("127.0.0.1", {port}), 5).close()
"""
    try:
        subprocess.run([sys.executable, "-c", code], check=True)
    finally:
        server.close()
    assert not log.exists() or log.read_text() == ""
