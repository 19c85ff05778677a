"""`serve` itself, in a child process: the warm-up runs once the server listens, and never
stops it; a port that is taken ends the process with uvicorn's start-up failure status."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from companion.adapters.webguard import STARTUP_FAILURE

# A Flet app that shows nothing, served by `serve` with a warm-up that notes whether the
# server already answered when it ran, then (optionally) fails.
CHILD = textwrap.dedent(
    """
    import socket, sys
    from pathlib import Path
    from companion.adapters.webguard import serve

    port, note, fail = int(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "fail"

    def warm_up():
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
        note.write_text("listening")
        if fail:
            raise RuntimeError("a warm-up that breaks")

    async def main(page):
        pass

    serve(main, port=port, assets_dir=".", warm_up=warm_up)
    """
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def _start(port: int, note: Path, mode: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(port), str(note), mode],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_the_warm_up_runs_once_the_server_listens_and_a_failing_one_leaves_it_serving(tmp_path: Path) -> None:
    port, note = _free_port(), tmp_path / "warm-up"
    child = _start(port, note, "fail")
    try:
        deadline = time.monotonic() + 60
        while not note.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert note.read_text() == "listening"
        time.sleep(0.3)  # the warm-up has raised by now
        assert child.poll() is None, "a failed warm-up must not end the server"
        assert _answers(port)
    finally:
        child.terminate()
        _out, err = child.communicate(timeout=30)
    assert b"warm-up failed" in err


def test_a_port_already_taken_ends_the_process_with_the_start_up_failure_status(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        child = _start(taken.getsockname()[1], tmp_path / "warm-up", "ok")
        assert child.wait(timeout=60) == STARTUP_FAILURE
    assert not (tmp_path / "warm-up").exists()
