"""An optional audit of outgoing connections, for proving the app stays offline.

With ``COMPANION_NETLOG=/path`` set, every socket connection or DNS lookup this
process attempts towards anything but loopback is appended to that file. The
privacy tests run the whole app this way; a person can too, to check for
themselves. Python's audit hooks see these events before they happen, from any
library, so nothing can slip past by using its own socket code.
"""

from __future__ import annotations

import ipaddress
import os
import sys
import threading
from typing import Any

LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "ip6-localhost", ""}


def is_loopback(host: Any) -> bool:
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    if not isinstance(host, str):
        return False
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def install(path: str) -> None:
    lock = threading.Lock()

    def record(line: str) -> None:
        with lock, open(path, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event == "socket.connect":
            address = args[1]
            if isinstance(address, tuple) and address and not is_loopback(address[0]):
                record(f"connect {address!r}")
        elif event == "socket.getaddrinfo":
            if not is_loopback(args[0]):
                record(f"getaddrinfo {args[0]!r}")
        elif event == "socket.gethostbyname" and args and not is_loopback(args[0]):
            record(f"gethostbyname {args[0]!r}")

    sys.addaudithook(hook)


def install_from_env() -> None:
    path = os.environ.get("COMPANION_NETLOG")
    if path:
        install(path)
