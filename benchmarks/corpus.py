"""Realistic, reproducible journals, written through the app's own `Vault.add`.

The same seed always gives the same records, so a vault built once can be
cached under ``benchmarks/.cache`` and reused: generating 10,000 records costs
seconds, re-running the suite should not. Cached files are only ever copied,
never opened in place, so a benchmark that writes can't change the next run.
"""

from __future__ import annotations

import hashlib
import itertools
import random
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from companion.vault import crypto, storage, vault

# Bump when the generator's output changes, so stale cached vaults are not reused.
GENERATOR_VERSION = 1
PASSPHRASE = "benchmark lantern over quiet water"
RARE_WORD = "lighthouse"  # in no word of WORDS: planted in about 1 journal entry in 300
RARE_RATE = 1 / 300
COMMON_WORD = "felt"  # near the top of the word list: in most journal entries
YEARS = 5
END = datetime(2025, 6, 1, tzinfo=UTC)

# A small vocabulary of the words people use when they write about their days. The
# order matters: earlier words are drawn more often (a Zipf-like curve), as in real text.
_WORD_TEXT = """
I the and to a was it my of that in me felt so but today not just with about really
for had at what he she we they this when like have be do after again because feel
then still think know more some time work tired better morning night sleep day
week talked long little much home mother father sister brother friend partner
kind hard good bad okay anxious calm quiet heavy light slow fast angry sad happy
afraid hopeful lonely grateful worried relieved ashamed proud nervous restless
session therapist remember forgot noticed wanted needed tried walked called cried
laughed wrote read listened waited breathing chest shoulders stomach throat hands
head jaw tight warm cold numb shaky rain sun window kitchen coffee tea dinner
lunch bus train office meeting email phone message weekend holiday birthday
garden park river dog cat book music song film bed door street city early late
maybe almost never always sometimes often enough too very quite nothing everything
someone nobody together alone inside outside under over before during since until
small big old new first last next whole half best worst easier harder strange
familiar gentle loud soft bright dark clear messy careful honest patient stubborn
argument apology promise boundary decision mistake question answer plan habit
exercise medication appointment doctor nurse shift deadline project exam class
teacher neighbour colleague manager stranger child children grandmother memory
dream nightmare headache appetite energy focus silence noise crowd space room
café naïve déjà résumé
"""
WORDS = tuple(_WORD_TEXT.split())

JOURNAL_TITLES = (
    "Morning pages",
    "After the session",
    "A hard day",
    "Small wins",
    "Sunday",
    "Before bed",
    "Notes to self",
    "What I noticed",
    "",
    "",
    "",
)
REGIONS = ("chest", "throat", "stomach", "shoulders", "jaw", "head", "hands", "back")
SENSATIONS = ("tight", "heavy", "warm", "buzzing", "numb", "hollow", "shaky", "achy")
FEELINGS = (
    "disappointed",
    "anxious",
    "relieved",
    "calm",
    "lonely",
    "grateful",
    "frustrated",
    "hopeful",
    "ashamed",
    "content",
    "overwhelmed",
    "tender",
)
FILTER_FEELING = "anxious"  # one of FEELINGS: in about one check-in in six
LEVELS = ("mild", "moderate", "strong")
# The journal screen's timeline (companion.ui.screens.journal_screen.TIMELINE_KINDS; the suite checks
# they agree). Spelled out here so the memory probe need not import the UI.
TIMELINE = ("journal", "checkin")
NEEDS = ("rest", "connection", "safety", "space", "understanding", "play")


@dataclass(frozen=True)
class GenRecord:
    kind: str
    payload: dict[str, Any]
    created_us: int


class _Writer:
    """Draws words and sentences from one seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(WORDS))]
        self.cum_weights = list(itertools.accumulate(weights))

    def sentence(self) -> str:
        words = self.rng.choices(WORDS, cum_weights=self.cum_weights, k=self.rng.randint(6, 18))
        text = " ".join(words)
        return text[0].upper() + text[1:] + self.rng.choice(".......?!")

    def text(self, low: int, high: int) -> str:
        """Paragraphs of sentences, between ``low`` and ``high`` characters long."""
        target = int(self.rng.triangular(low, high, low + (high - low) // 3))
        parts: list[str] = []
        size = 0
        while size < target:
            sentence = self.sentence()
            sep = "\n\n" if parts and self.rng.random() < 0.15 else " "
            parts.append((sep if parts else "") + sentence)
            size += len(sentence) + 1
        return "".join(parts)[:high]


def _journal(w: _Writer) -> dict[str, Any]:
    body = w.text(200, 2000)
    if w.rng.random() < RARE_RATE:
        body += f" I walked to the {RARE_WORD} again."
    return {"title": w.rng.choice(JOURNAL_TITLES), "body": body}


def _checkin(w: _Writer) -> dict[str, Any]:
    """Shaped like `companion.kinds.checkin.CheckIn.to_payload()` (copied, not imported)."""
    rng = w.rng
    body = [
        {
            "region": region,
            "sensations": rng.sample(SENSATIONS, rng.randint(1, 2)),
            "other": "",
            "intensity": rng.randint(1, 10),
        }
        for region in rng.sample(REGIONS, rng.randint(1, 3))
    ]
    feelings = [{"word": f, "level": rng.choice(LEVELS)} for f in rng.sample(FEELINGS, rng.randint(1, 3))]
    return {
        "v": 1,
        "body": body,
        "feelings": feelings,
        "not_sure": False,
        "needs": rng.sample(NEEDS, rng.randint(0, 2)),
        "need_other": "",
        "happened": w.text(40, 240) if rng.random() < 0.7 else "",
        "said": "",
        "body_said": "",
        "note": w.text(20, 200) if rng.random() < 0.5 else "",
    }


def _feedback(w: _Writer) -> dict[str, Any]:
    """A draft of notes to bring to the next session."""
    return {"status": "draft", "went_well": w.text(60, 400), "to_change": w.text(60, 400)}


def generate(size: int, seed: int = 1) -> list[GenRecord]:
    """``size`` records, oldest first, over the last few years: 75% journal, 20% check-ins."""
    rng = random.Random(f"{GENERATOR_VERSION}-{seed}-{size}")
    writer = _Writer(rng)
    end_us = int(END.timestamp() * 1_000_000)
    span_us = YEARS * 365 * 24 * 3600 * 1_000_000
    stamps = sorted(end_us - rng.randrange(span_us) for _ in range(size))
    makers: tuple[tuple[str, Callable[[_Writer], dict[str, Any]]], ...] = (
        ("journal", _journal),
        ("checkin", _checkin),
        ("feedback", _feedback),
    )
    records = []
    for stamp in stamps:
        kind, make = rng.choices(makers, weights=(75, 20, 5))[0]
        records.append(GenRecord(kind, make(writer), stamp))
    return records


def new_entry_text(seed: int) -> dict[str, Any]:
    """One more journal entry of typical length (~1,000 characters) for save/edit benchmarks."""
    writer = _Writer(random.Random(f"new-{seed}"))
    return {"title": "Tonight", "body": writer.text(900, 1100)}


def new_checkin_payload(seed: int) -> dict[str, Any]:
    """One more check-in, shaped like the generated ones (1-3 body places, 1-3 feelings, notes)."""
    return _checkin(_Writer(random.Random(f"new-checkin-{seed}")))


@contextmanager
def _no_fsync_while_generating() -> Iterator[None]:
    """Skip fsync while *building fixtures* (minutes to seconds on slow disks).

    Only the throwaway generation connection is affected; every timed benchmark
    opens the copy through the unmodified app. If the app's private hook moves,
    generation still works, just slower.
    """
    original = getattr(storage, "_apply_pragmas", None)
    if original is None:
        yield
        return

    def fast(con: Any) -> None:
        original(con)
        con.execute("PRAGMA synchronous=OFF")

    storage._apply_pragmas = fast
    try:
        yield
    finally:
        storage._apply_pragmas = original


def cached_vault(size: int, cache_dir: Path) -> Path:
    """The path of a ready-made vault with ``size`` records; built on first use."""
    # Anything that changes what the file holds or costs to open is part of the name.
    key = f"{GENERATOR_VERSION}|{storage.SCHEMA_VERSION}|{vault.RECORD_FMT}|{crypto.DEFAULT_KDF.to_json()}"
    name = f"vault-{hashlib.sha256(key.encode()).hexdigest()[:10]}-{size}.sqlite"
    path = cache_dir / name
    if path.exists():
        return path
    cache_dir.mkdir(parents=True, exist_ok=True)
    ignore = cache_dir / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n")  # the cache never belongs in git, whatever .gitignore says
    partial = cache_dir / f"{name}.partial"
    for leftover in cache_dir.glob(f"{name}.partial*"):
        leftover.unlink()
    with _no_fsync_while_generating():
        journal, _ = vault.Vault.create(partial, PASSPHRASE, with_recovery_code=False)
        try:
            for record in generate(size):
                journal.add(record.kind, record.payload, created_us=record.created_us)
        finally:
            journal.lock()  # closing the last connection checkpoints the WAL into the file
    partial.replace(path)
    return path


def working_copy(source: Path, dest_dir: Path, label: str) -> Path:
    """A private copy to benchmark against, so cached fixtures stay pristine."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / f"{label}.sqlite"
    shutil.copyfile(source, dest)
    return dest
