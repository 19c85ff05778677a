"""Companion side by side with jrnl, the established encrypted journal in Python.

jrnl is driven through its own Python API exactly as its CLI drives it
(`jrnl.controller.run`: load the YAML config, `open_journal`, then append or
filter, then `Journal.write`), minus argument parsing and printing. Its
password comes from an in-memory keyring backend, through jrnl's normal
keyring lookup, so nothing prompts, nothing touches the real keyring and
nothing needs the network. Its XDG folders point into the run's temp folder.

Each comparison alternates jrnl and Companion in the same loop, so drift on the
machine (thermal, other processes) hits both sides alike. Where a choice had to
be made it favours jrnl: its journal uses the strptime-friendly time format
(the installer's "%F %r" sends every entry's date through dateutil), and its
write is measured without the fsync it doesn't do.
"""

from __future__ import annotations

import importlib.util
import os
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks import corpus
from benchmarks.report import Metric, Target, ms, seconds
from companion.vault.textsearch import payload_text
from companion.vault.vault import Vault

ADD_TARGET = Target(">=", 50.0)
SEARCH_TARGET = Target(">=", 3.0)
FAST_TIMEFORMAT = "%Y-%m-%d %H:%M"  # jrnl's installer writes "%F %r", which strptime can't read


def available() -> bool:
    return importlib.util.find_spec("jrnl") is not None


def version() -> str:
    from jrnl.__version__ import __version__

    return str(__version__)


def _entry_text(record: corpus.GenRecord) -> str:
    """The record as one jrnl entry: a title line, then every string it holds."""
    if record.kind == "journal":
        title = record.payload.get("title") or ""
        return f"{title}\n{record.payload['body']}" if title else str(record.payload["body"])
    return f"{record.kind.capitalize()}\n{payload_text(record.payload)}"


def _use_memory_keyring(passwords: dict[str, str]) -> None:
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        """Answers jrnl's keyring lookup with the benchmark password; stores nothing."""

        priority = 1  # type: ignore[assignment]

        def get_password(self, service: str, username: str) -> str | None:
            return passwords.get(username) if service == "jrnl" else None

        def set_password(self, service: str, username: str, password: str) -> None:
            passwords[username] = password

        def delete_password(self, service: str, username: str) -> None:
            passwords.pop(username, None)

    keyring.set_keyring(MemoryKeyring())


class JrnlJournal:
    """An encrypted (v3: PBKDF2-SHA256 100k + Fernet) jrnl journal holding ``records``."""

    def __init__(self, home: Path, records: list[corpus.GenRecord]) -> None:
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            os.environ[var] = str(home / var.lower())  # before jrnl (pyxdg) is imported
        import jrnl.main
        from jrnl.config import get_default_config, save_config
        from jrnl.journals.Entry import Entry
        from jrnl.journals.Journal import Journal

        jrnl.main.configure_logger(debug=False)  # what the CLI does first: logging off
        _use_memory_keyring({"default": corpus.PASSPHRASE})
        home.mkdir(parents=True, exist_ok=True)
        self.path = home / "journal.txt"
        self.config_path = home / "jrnl.yaml"
        config = get_default_config()
        config.update(encrypt=True, timeformat=FAST_TIMEFORMAT, highlight=False, linewrap=False)
        config["journals"] = {"default": {"journal": str(self.path), "encrypt": True}}
        save_config(config, str(self.config_path))

        journal = Journal("default", **{**config, "journal": str(self.path)})
        journal.entries = [
            Entry(journal, datetime.fromtimestamp(r.created_us / 1e6), _entry_text(r)) for r in records
        ]
        journal.write()

    def _open(self) -> Any:
        """What every jrnl command starts with: read config, then load, decrypt and parse it all."""
        from jrnl.config import scope_config
        from jrnl.install import load_or_install_jrnl
        from jrnl.journals import open_journal

        config = scope_config(load_or_install_jrnl(str(self.config_path)), "default")
        return open_journal("default", config)

    def add(self, text: str) -> None:
        """`jrnl "text"`: open everything, append, then encrypt and rewrite the whole file."""
        journal = self._open()
        _existing_tags = {tag.name for tag in journal.tags}  # append_mode checks similar tags
        journal.new_entry(text)
        journal.write()

    def search(self, word: str) -> int:
        """`jrnl -contains word`: open everything, filter in memory."""
        journal = self._open()
        journal.filter(contains=[word])
        return len(journal)

    def newest(self, n: int) -> int:
        """`jrnl -n 20`: open everything, keep the last ``n``."""
        journal = self._open()
        journal.limit(n)
        return len(journal)


def compare(vault_path: Path, home: Path, records: list[corpus.GenRecord], reps: int) -> list[Metric]:
    """Add, search and open on both sides; ratios are jrnl time / Companion time, per pair."""
    jr = JrnlJournal(home, records)
    size = f"{len(records):,}"
    app = Vault.unlock(vault_path, corpus.PASSPHRASE)  # the app is already open for "add"
    t: defaultdict[str, list[float]] = defaultdict(list)  # samples in seconds, by series
    hits: dict[str, int] = {}
    try:
        for i in range(reps):
            payload = corpus.new_entry_text(10_000 + i)
            text = f"{payload['title']}\n{payload['body']}"

            def jrnl_side(text: str = text) -> None:
                t["j_add"].append(seconds(lambda: jr.add(text)))
                start = time.perf_counter()
                hits["jrnl"] = jr.search(corpus.RARE_WORD)
                t["j_search"].append(time.perf_counter() - start)
                t["j_open"].append(seconds(lambda: jr.newest(20)))

            def companion_side(payload: dict[str, Any] = payload) -> None:
                t["c_add"].append(seconds(lambda: app.add("journal", payload)))
                start = time.perf_counter()
                fresh = Vault.unlock(vault_path, corpus.PASSPHRASE)
                fresh.add("journal", payload)
                t["c_add_cold"].append(time.perf_counter() - start)
                fresh.lock()
                start = time.perf_counter()
                fresh = Vault.unlock(vault_path, corpus.PASSPHRASE)
                unlocked = time.perf_counter()
                hits["companion"] = len(fresh.search(corpus.RARE_WORD))
                first = time.perf_counter()
                t["c_search_first"].append(first - unlocked)
                t["c_search_cold"].append(first - start)
                fresh.lock()
                # The app's usual case: unlock, the background warm-up runs, then the person searches.
                fresh = Vault.unlock(vault_path, corpus.PASSPHRASE)
                fresh.warm_search()
                t["c_search_warm"].append(seconds(lambda fresh=fresh: fresh.search(corpus.RARE_WORD)))
                fresh.lock()
                start = time.perf_counter()
                fresh = Vault.unlock(vault_path, corpus.PASSPHRASE)
                fresh.list_page(None, limit=20)
                t["c_open"].append(time.perf_counter() - start)
                fresh.lock()

            sides = (jrnl_side, companion_side) if i % 2 == 0 else (companion_side, jrnl_side)
            for side in sides:
                side()
    finally:
        app.lock()

    def pair(a: str, b: str) -> list[float]:
        return [x / y for x, y in zip(t[a], t[b], strict=True)]

    hit_note = f"{hits.get('jrnl')} entries found by jrnl, {hits.get('companion')} by Companion"
    if hits.get("jrnl") != hits.get("companion"):
        hit_note += " (MISMATCH: check the comparison)"
    return [
        Metric(
            "jrnl.add.jrnl",
            f"jrnl add @{size} (CLI work)",
            "ms",
            ms(t["j_add"]),
            note="config + PBKDF2 + decrypt + parse all, append, PBKDF2 + encrypt + rewrite the "
            "file; NO fsync (jrnl's atomic_write doesn't), so not crash-durable",
        ),
        Metric(
            "jrnl.add.companion",
            f"Companion add @{size}, app open",
            "ms",
            ms(t["c_add"]),
            note="unlock NOT included (app already open); one INSERT, fsync'd (WAL, synchronous=FULL)",
        ),
        Metric(
            "jrnl.add.companion_cold",
            f"Companion unlock+add @{size}",
            "ms",
            ms(t["c_add_cold"]),
            note="Argon2id + open + one fsync'd INSERT: the fair match for a one-shot CLI",
        ),
        Metric("jrnl.add.ratio", "add speed-up vs jrnl (app open)", "x", pair("j_add", "c_add"), ADD_TARGET),
        Metric("jrnl.add.ratio_cold", "add speed-up vs jrnl (unlock+add)", "x", pair("j_add", "c_add_cold")),
        Metric(
            "jrnl.search.jrnl",
            f"jrnl -contains @{size}",
            "ms",
            ms(t["j_search"]),
            note="config + PBKDF2 + decrypt + parse all + casefold filter; " + hit_note,
        ),
        Metric(
            "jrnl.search.companion_first",
            f"Companion first search right after unlock @{size}",
            "ms",
            ms(t["c_search_first"]),
            note="app open, search typed the moment unlock returned, before the background warm-up: "
            "decrypts + folds every record into the search cache, then searches; the unlock "
            "(Argon2id) was already waited for on the unlock screen and is not included",
        ),
        Metric(
            "jrnl.search.companion_warm",
            f"Companion first search after warm-up @{size}",
            "ms",
            ms(t["c_search_warm"]),
            note="the app's usual case: unlock, the background warm-up (Vault.warm_search, not "
            "timed) builds the cache while the journal shows, then the first search",
        ),
        Metric(
            "jrnl.search.companion_cold",
            f"Companion unlock+search @{size}",
            "ms",
            ms(t["c_search_cold"]),
            note="Argon2id unlock + the first search: everything, as for a one-shot command",
        ),
        Metric(
            "jrnl.search.ratio",
            "search speed-up vs jrnl (first, right after unlock)",
            "x",
            pair("j_search", "c_search_first"),
            SEARCH_TARGET,
            note="THE compared row: jrnl's whole command vs Companion's first search with a cold cache",
        ),
        Metric(
            "jrnl.search.ratio_warm",
            "search speed-up vs jrnl (after warm-up)",
            "x",
            pair("j_search", "c_search_warm"),
        ),
        Metric(
            "jrnl.search.ratio_cold",
            "search speed-up vs jrnl (unlock+search)",
            "x",
            pair("j_search", "c_search_cold"),
        ),
        Metric(
            "jrnl.open.jrnl",
            f"jrnl open, newest 20 @{size}",
            "ms",
            ms(t["j_open"]),
            note="config + PBKDF2 + decrypt + parse all, keep last 20",
        ),
        Metric(
            "jrnl.open.companion",
            f"Companion unlock + newest 20 @{size}",
            "ms",
            ms(t["c_open"]),
            note="Argon2id (64 MiB, t=3, p=4) + open + one keyset page of 20 (all kinds)",
        ),
        Metric("jrnl.open.ratio", "open speed-up vs jrnl", "x", pair("j_open", "c_open")),
    ]
