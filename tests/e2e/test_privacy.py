"""Private by construction: no plaintext on disk, no connection beyond loopback.

Known "canary" words are typed through the real UI (an entry, its title, a draft,
a search, a crisis number); afterwards no file under the data folder may hold
them in any common encoding, and neither the app process nor the browser may
have tried to reach anything but the app's own loopback server.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from .flows import create_journal, lock, unlock
from .harness import AppProcess, OpenPage, click_button, expect_text, fill

pytestmark = pytest.mark.e2e

CANARIES = ("Zebracanary4471", "Kestrelsecret9082", "Mauvepigeon3310", "Birchdraft5527")


def encodings(word: str) -> list[bytes]:
    """The forms a leak could take: raw text, UTF-16, hex, and base64 at every alignment."""
    raw = word.encode("utf-8")
    forms = [
        raw,
        word.encode("utf-16-le"),
        word.encode("utf-16-be"),
        raw.hex().encode(),
        raw.hex().upper().encode(),
    ]
    for shift in range(3):
        # base64 of the word preceded by 0-2 other bytes: drop the edge chars that depend on neighbours
        encoded = base64.b64encode(b"\0" * shift + raw)
        start = {0: 0, 1: 2, 2: 3}[shift]
        forms.append(encoded[start : len(encoded) - 4])
    return [f for f in forms if len(f) >= 8]


def scan(data_dir: Path) -> list[str]:
    hits = []
    for path in data_dir.rglob("*"):
        if path.is_file():
            blob = path.read_bytes()
            lowered = blob.lower()
            for word in CANARIES:
                for form in encodings(word):
                    if form in blob or form.lower() in lowered:
                        hits.append(f"{path.name}: {word} as {form[:20]!r}")
    return hits


def test_encodings_would_catch_a_leak(tmp_path: Path) -> None:
    """The scanner itself must be able to fail."""
    for i, form in enumerate(encodings(CANARIES[0])):
        (tmp_path / f"leak{i}.bin").write_bytes(b"xx" + form + b"yy")
    assert len(scan(tmp_path)) >= len(encodings(CANARIES[0]))
    (tmp_path / "b64.txt").write_bytes(base64.b64encode(b"prefix-" + CANARIES[1].encode() + b"-suffix"))
    assert any("Kestrel" in hit for hit in scan(tmp_path))


def test_no_plaintext_and_no_outside_connections(app_server: AppProcess, open_page: OpenPage) -> None:
    app = open_page(app_server.url)
    create_journal(app)

    click_button(app, "New entry")
    fill(app, "Title (optional)", CANARIES[0])
    fill(app, "What's on your mind?", f"Today {CANARIES[1]} and more")
    click_button(app, "Save entry")
    expect_text(app, CANARIES[0])

    fill(app, "Search entries", CANARIES[1])
    expect_text(app, "1 entry matches")
    fill(app, "Search entries", "")

    # a crisis number edited inside the vault
    click_button(app, "Need help now")
    click_button(app, "Edit numbers")
    fill(app, "Note 1", CANARIES[2])
    click_button(app, "Save numbers")
    expect_text(app, CANARIES[2])
    click_button(app, "Back")

    # an autosaved draft left behind at lock time
    click_button(app, "New entry")
    fill(app, "What's on your mind?", CANARIES[3])
    expect_text(app, "Draft kept safe", timeout_ms=15_000)
    lock(app)
    unlock(app)
    expect_text(app, "Unfinished entry")

    outside = app.unexpected_outside_requests(allowed=())
    app.close()
    app_server.stop()

    leaks = scan(app_server.data_dir)
    assert not leaks, f"plaintext found on disk: {leaks}"
    assert app_server.netlog_entries() == [], "the app process tried to reach outside hosts"
    assert not outside, f"the browser contacted outside hosts: {outside}"
